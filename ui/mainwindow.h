#pragma once

#include "kube/importedresources.h"
#include "validation/validator.h"
#include "workspace/recoverystore.h"
#include "workspace/workspace.h"

#include <QMainWindow>
#include <QTimer>

class BusyIndicator;
class EditHistory;
class EditorTabs;
class ProxyController;
class QLabel;
class TopologyView;
class QMenu;
class RequestTester;
class TrafficView;
class QUndoView;
class ProblemModel;
class QLineEdit;
class QTreeView;
class QToolBar;
class ResourceFilterModel;
class ResourceModel;

// The desktop app's main window: a Resources tree (namespace → kind → name), the topology and
// a tab per open resource (its form and its YAML) in the centre, docks for Problems, Traffic,
// the Request Tester and the edit history (Edit › Undo, Redo, History) every edit goes through.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    void openPaths(const QStringList &paths);

    enum class ImportMode { NewWorkspace, Merge };
    // Puts resources read from a cluster into the workspace as one file per namespace in
    // `folder` (written at once); false when a file could not be written.
    bool importResources(const Kube::ImportResult &imported, const QString &folder, ImportMode mode,
                         bool replaceDuplicates);
    Project::Workspace &workspace() { return m_workspace; }
    EditHistory &history() { return *m_history; }
    ProxyController &proxy() { return *m_proxy; }
    RequestTester &requestTester() { return *m_tester; }

    // Keeps the unsaved edits aside (every AUTOSAVE_MS, and on demand) for recovery after a
    // crash; opening a file with such edits offers them back.
    void autosave();
    static constexpr int AUTOSAVE_MS = 15000;

    // The files and folders opened most recently, newest first (kept in QSettings).
    QStringList recentPaths() const;
    // The local environment file of the open workspace (see environmentlocation.h).
    QString environmentPath() const;

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    // Unsaved changes: asks to save, discard or cancel; true when it is fine to go on.
    bool maySetAsideChanges();
    void offerRecovery(const QStringList &openedPaths);
    void rememberRecent(const QStringList &paths);
    void rebuildRecentMenu();
    void updateTitle();
    void handleOpenFile();
    void handleOpenFolder();
    void handleSave();
    void handleExport();
    void handleExportTopology();
    void handleImport();
    void handleResourceSelected(const QModelIndex &index);
    void restoreTreeState();
    void rebuildProblems();
    void handleUndo();
    void handleRedo();
    void handleProblemActivated(const QModelIndex &index);
    void selectDocument(Project::DocumentRef ref);
    // What the forms offer in their pickers, from the workspace and the running proxy.
    void updateFormContext();
    void handleStartStopProxy();
    void showProxyState();

    // File › New, Proxy › Local Environment, toolbar icons and tooltips, the busy indicator
    // (mainwindowshell.cpp).
    void setUpShell(QMenu *fileMenu, QMenu *proxyMenu, QToolBar *toolBar);
    void handleNewResource();
    void handleEditEnvironment();
    void loadEnvironment();
    BusyIndicator *m_busy = nullptr;

    Project::Workspace m_workspace;
    Validation::Validator m_validator;
    ResourceModel *m_resourceModel = nullptr;
    ResourceFilterModel *m_resourceFilter = nullptr;
    QLineEdit *m_resourceFilterEdit = nullptr;
    QTreeView *m_resources = nullptr;
    ProblemModel *m_problemModel = nullptr;
    QTreeView *m_problems = nullptr;
    Project::DocumentRef m_selected; // the resource picked in the tree, kept across rebuilds
    EditHistory *m_history = nullptr;
    EditorTabs *m_editors = nullptr;
    QUndoView *m_historyView = nullptr;
    ProxyController *m_proxy = nullptr;
    TrafficView *m_traffic = nullptr;
    RequestTester *m_tester = nullptr;
    TopologyView *m_topology = nullptr;
    QAction *m_startStopProxy = nullptr;
    QLabel *m_proxyStatus = nullptr;
    QMenu *m_recentMenu = nullptr;
    Project::RecoveryStore m_recovery;
    QTimer m_autosaveTimer;
    // Validation runs a moment after an edit, not on the keystroke.
    QTimer m_validateTimer;
    Core::Diagnostics m_diagnostics;
};
