#pragma once

#include "model/resource.h"
#include "workspace/workspace.h"

#include <QObject>
#include <QUndoStack>
#include <functional>

// The undo stack of a workspace: every user edit, from a form or the YAML tab, goes through
// here as one QUndoCommand (QUndoStack lives in Qt Gui, so the stack sits in ui/ beside the
// Workspace it edits). A command remembers the document's text before and after the edit:
// the text is what gets saved, so restoring it restores the document exactly, whatever kind
// of edit made it.
//
// Commands name their document by file path and position in the file, not by DocumentRef, so
// they survive files being opened or closed; a command whose document is gone is dropped.
class EditHistory : public QObject {
    Q_OBJECT

public:
    explicit EditHistory(Project::Workspace &workspace, QObject *parent = nullptr);

    QUndoStack &stack() { return m_stack; }

    // Edits merge into the previous command when they carry the same non-empty `mergeKey`
    // and touch the same document (typing in one field, or in the YAML tab, is one step).
    // Both return false, pushing nothing, when the edit changes nothing.
    bool setText(Project::DocumentRef ref, const QByteArray &text, const QString &description,
                 const QString &mergeKey = {});
    bool setResource(Project::DocumentRef ref, const Istio::Resource &resource,
                     const QString &description, const QString &mergeKey = {});

    // A new document (File › New) as one step: appended to file `file`
    // (Project::withDocumentAppended), or as the only document of a new file at `newFilePath`
    // (not written until saved). Undo takes it away again, the new file too. Returns the new
    // document.
    Project::DocumentRef addDocument(int file, const QByteArray &text, const QString &description);
    Project::DocumentRef addFile(const QString &newFilePath, const QByteArray &text,
                                 const QString &description);

    // Forgets every step (a new workspace was opened).
    void clear() { m_stack.clear(); }

private:
    Project::DocumentRef lastDocument(int file) const;
    bool push(Project::DocumentRef ref, const QString &description, const QString &mergeKey,
              const std::function<bool()> &apply);

    Project::Workspace &m_workspace;
    QUndoStack m_stack;
};
