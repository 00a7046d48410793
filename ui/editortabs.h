#pragma once

#include "core/diagnostic.h"
#include "forms/formcontext.h"
#include "workspace/workspace.h"

#include <QTabWidget>

class EditHistory;
class ResourceEditor;

// The centre of the main window: the topology as the first, fixed tab, then one closable tab
// per open resource (its form and its YAML). Opening a resource that already has a tab brings
// that tab forward. A tab closes by itself when its document goes away (its file closed).
class EditorTabs : public QTabWidget {
    Q_OBJECT

public:
    EditorTabs(Project::Workspace &workspace, EditHistory &history, QWidget *topology,
               QWidget *parent = nullptr);

    ResourceEditor *open(Project::DocumentRef ref);
    ResourceEditor *editorFor(Project::DocumentRef ref) const;
    ResourceEditor *currentEditor() const;
    QList<ResourceEditor *> editors() const;
    void closeEditor(ResourceEditor *editor);
    void closeAll();

    // Applies typing not yet handed to the workspace, in every tab (before undo, save, export).
    void commitPendingEdits();
    bool hasPendingEdit() const;

    void setDiagnostics(const Core::Diagnostics &diagnostics);
    void setContext(const FormContext &context);
    const FormContext &context() const { return m_context; }
    // Badges on the forms' routes: requests from the running proxy, route tests that ran them.
    void setRouteHits(const std::optional<QHash<QString, quint64>> &hits);
    void setRouteCoverage(const std::optional<QHash<QString, QStringList>> &coverage);

signals:
    // Typing started in a YAML tab that is not yet in the workspace.
    void editPending();
    // The resource shown in front changed (invalid ref: the topology).
    void currentDocumentChanged(Project::DocumentRef ref);

private:
    Project::Workspace &m_workspace;
    EditHistory &m_history;
    Core::Diagnostics m_diagnostics;
    FormContext m_context;
};
