#include "edithistory.h"

#include "workspace/resourcetemplate.h"

#include <QHash>
#include <QUndoCommand>

namespace {

// QUndoCommand::id() must be a number shared by commands that may merge; the merge key and
// the document are compared in mergeWith().
constexpr int MERGEABLE_ID = 1;

class DocumentTextCommand : public QUndoCommand {
public:
    DocumentTextCommand(Project::Workspace &workspace, Project::DocumentRef ref, QByteArray before,
                        QByteArray after, const QString &description, QString mergeKey)
        : QUndoCommand(description), m_workspace(workspace),
          m_filePath(workspace.files().at(ref.file).path()), m_document(ref.document),
          m_before(std::move(before)), m_after(std::move(after)), m_mergeKey(std::move(mergeKey))
    {}

    // The edit is already in the workspace when the command is pushed: the first redo() that
    // QUndoStack::push() makes has nothing to do.
    void redo() override
    {
        if (m_applied)
            restore(m_after);
        m_applied = true;
    }
    void undo() override { restore(m_before); }

    int id() const override { return m_mergeKey.isEmpty() ? -1 : MERGEABLE_ID; }
    bool mergeWith(const QUndoCommand *other) override
    {
        const auto *next = static_cast<const DocumentTextCommand *>(other);
        if (next->m_mergeKey != m_mergeKey || next->m_filePath != m_filePath ||
            next->m_document != m_document)
            return false;
        m_after = next->m_after;
        setObsolete(m_after == m_before); // typed and deleted again: nothing left to undo
        return true;
    }

private:
    void restore(const QByteArray &text)
    {
        const Project::DocumentRef ref = find();
        if (!ref.isValid()) {
            setObsolete(true); // its file was closed
            return;
        }
        m_workspace.setText(ref, text);
    }

    Project::DocumentRef find() const { return m_workspace.documentAt(m_filePath, m_document); }

    Project::Workspace &m_workspace;
    QString m_filePath;
    int m_document;
    QByteArray m_before;
    QByteArray m_after;
    QString m_mergeKey;
    bool m_applied = false;
};

// Adds a document at the end of a file, or a new file holding it; named by file path, like the
// text commands, so it survives other files being opened or closed. The file's content before
// and after is what undo and redo put back (Workspace::replaceFileContent).
class AddDocumentCommand : public QUndoCommand {
public:
    AddDocumentCommand(Project::Workspace &workspace, QString filePath, QByteArray before,
                       QByteArray after, bool newFile, const QString &description)
        : QUndoCommand(description), m_workspace(workspace), m_filePath(std::move(filePath)),
          m_before(std::move(before)), m_after(std::move(after)), m_newFile(newFile)
    {}

    // As with DocumentTextCommand, the first redo() finds the document added already.
    void redo() override
    {
        if (!m_applied) {
            m_applied = true;
            return;
        }
        if (m_newFile)
            m_workspace.addFile(Project::SourceFile::fromBytes(m_filePath, {}));
        const int file = m_workspace.fileIndex(m_filePath);
        if (file < 0)
            return setObsolete(true);
        m_workspace.replaceFileContent(file, m_after);
    }
    void undo() override
    {
        const int file = m_workspace.fileIndex(m_filePath);
        if (file < 0)
            return setObsolete(true); // its file was closed
        if (m_newFile)
            removeFile(file);
        else
            m_workspace.replaceFileContent(file, m_before);
    }

private:
    // The Workspace has no call to close one file: the others are put back without it, as
    // one change (filesChanged once).
    void removeFile(int file)
    {
        std::vector<Project::SourceFile> kept = m_workspace.files();
        kept.erase(kept.begin() + file);
        {
            const QSignalBlocker blocker(&m_workspace);
            m_workspace.clear();
            for (Project::SourceFile &source : kept)
                m_workspace.addFile(std::move(source));
        }
        emit m_workspace.filesChanged();
    }

    Project::Workspace &m_workspace;
    QString m_filePath;
    QByteArray m_before;
    QByteArray m_after;
    bool m_newFile;
    bool m_applied = false;
};

} // namespace

EditHistory::EditHistory(Project::Workspace &workspace, QObject *parent)
    : QObject(parent), m_workspace(workspace)
{}

bool EditHistory::setText(Project::DocumentRef ref, const QByteArray &text,
                          const QString &description, const QString &mergeKey)
{
    return push(ref, description, mergeKey, [&] { return m_workspace.setText(ref, text); });
}

bool EditHistory::setResource(Project::DocumentRef ref, const Istio::Resource &resource,
                              const QString &description, const QString &mergeKey)
{
    return push(ref, description, mergeKey, [&] { return m_workspace.setResource(ref, resource); });
}

bool EditHistory::push(Project::DocumentRef ref, const QString &description,
                       const QString &mergeKey, const std::function<bool()> &apply)
{
    const QByteArray before = m_workspace.document(ref).text();
    if (!apply())
        return false;
    const QByteArray after = m_workspace.document(ref).text();
    m_stack.push(new DocumentTextCommand(m_workspace, ref, before, after, description, mergeKey));
    return true;
}

Project::DocumentRef EditHistory::addDocument(int file, const QByteArray &text,
                                              const QString &description)
{
    const QByteArray before = m_workspace.files().at(file).bytes();
    const QByteArray after = Project::withDocumentAppended(before, text);
    m_workspace.replaceFileContent(file, after);
    m_stack.push(new AddDocumentCommand(m_workspace, m_workspace.files().at(file).path(), before,
                                        after, false, description));
    return lastDocument(file);
}

Project::DocumentRef EditHistory::addFile(const QString &newFilePath, const QByteArray &text,
                                          const QString &description)
{
    const QByteArray after = Project::withDocumentAppended({}, text);
    m_workspace.addFile(Project::SourceFile::fromBytes(newFilePath, {}));
    const int file = int(m_workspace.files().size()) - 1;
    m_workspace.replaceFileContent(file, after); // modified: written when the user saves
    m_stack.push(new AddDocumentCommand(m_workspace, newFilePath, {}, after, true, description));
    return lastDocument(file);
}

Project::DocumentRef EditHistory::lastDocument(int file) const
{
    return m_workspace.documentAt(m_workspace.files().at(file).path(),
                                  int(m_workspace.files().at(file).documents().size()) - 1);
}
