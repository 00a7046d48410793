#include "edithistory.h"

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
