#pragma once

#include "kube/importedresources.h"
#include "validation/validator.h"
#include "workspace/workspace.h"

#include <QMainWindow>

class QPlainTextEdit;
class QTreeWidget;
class QTreeWidgetItem;

// The desktop app's main window: a Resources tree (namespace → kind → name), the selected
// document's YAML, and a Problems list. The visual editors grow from here.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);

    void openPaths(const QStringList &paths);

    enum class ImportMode { NewWorkspace, Merge };
    // Puts resources read from a cluster into the workspace as one file per namespace in
    // `folder` (written at once); false when a file could not be written.
    bool importResources(const Kube::ImportResult &imported, const QString &folder, ImportMode mode,
                         bool replaceDuplicates);
    Project::Workspace &workspace() { return m_workspace; }

private:
    void handleOpenFile();
    void handleOpenFolder();
    void handleSave();
    void handleExport();
    void handleImport();
    void handleResourceSelected(QTreeWidgetItem *item);
    void rebuildResourceTree();
    void rebuildProblems();

    Project::Workspace m_workspace;
    Validation::Validator m_validator;
    QTreeWidget *m_resources = nullptr;
    QTreeWidget *m_problems = nullptr;
    QPlainTextEdit *m_yamlView = nullptr;
};
