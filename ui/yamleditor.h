#pragma once

#include "core/diagnostic.h"
#include "workspace/workspace.h"

#include <QPlainTextEdit>
#include <QTimer>

class EditHistory;
class YamlHighlighter;

// The YAML tab of one resource: the document's own text, highlighted, with the validation
// findings underlined (hover for the message). Typing is re-parsed a moment after the last
// keystroke, off the keystroke path, as one undoable step per burst of typing; text that does
// not parse stays in the editor and becomes a finding, it never replaces what the workspace
// holds for the forms. Edits made elsewhere (a form, undo) replace the text, keeping the cursor
// on the same line.
class YamlEditor : public QPlainTextEdit {
    Q_OBJECT

public:
    YamlEditor(Project::Workspace &workspace, EditHistory &history, QWidget *parent = nullptr);

    // Shows a document (an invalid ref clears the editor).
    void showDocument(Project::DocumentRef ref);
    Project::DocumentRef documentRef() const { return m_ref; }
    // Files were added, removed or replaced: finds the document again by path and position
    // (or lets it go) and shows its current text. Idempotent; owners may call it early.
    void followFiles();

    // The findings of the whole workspace; the ones in this document are underlined.
    void setDiagnostics(const Core::Diagnostics &diagnostics);
    // Underlined findings as (0-based line in the editor, message), for tests and tooltips.
    QList<QPair<int, QString>> underlinedFindings() const;

    // Applies typing not yet handed to the workspace (before undo, save, export).
    void commitPendingEdit();
    // Moves the cursor to a 1-based line and column of the file (a Problems double-click).
    bool goToFilePosition(int line, int column);

    bool hasPendingEdit() const { return m_pendingEdit; }

    // How long the editor waits after a keystroke before re-parsing.
    static constexpr int PARSE_DELAY_MS = 250;

signals:
    // Typing started that is not yet in the workspace (Undo can already take it back).
    void editPending();

protected:
    bool event(QEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void handleTextEdited();
    void handleDocumentChanged(Project::DocumentRef ref);
    void loadText();
    void refreshUnderlines();

    Project::Workspace &m_workspace;
    EditHistory &m_history;
    YamlHighlighter *m_highlighter;
    Project::DocumentRef m_ref;
    QString m_filePath;
    QTimer m_parseTimer;
    bool m_loading = false;
    bool m_pendingEdit = false;   // typed text not yet handed to the workspace
    int m_typingBurst = 0;        // part of the merge key: a new burst starts after focus leaves
    Core::Diagnostics m_findings; // this document's, with an editor line each
    QList<int> m_findingLines;
};
