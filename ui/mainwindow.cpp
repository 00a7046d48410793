#include "mainwindow.h"

#include "busyindicator.h"
#include "edithistory.h"
#include "editortabs.h"
#include "exportdialog.h"
#include "forms/formcontextbuilder.h"
#include "importdialog.h"
#include "kube/workspaceimport.h"
#include "kubectlsettings.h"
#include "problemmodel.h"
#include "proxycontroller.h"
#include "requesttester.h"
#include "resourceeditor.h"
#include "resourcefiltermodel.h"
#include "resourcemodel.h"
#include "routetestsdock.h"
#include "topologyview.h"
#include "trafficview.h"
#include "yamleditor.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QTreeView>
#include <QUndoView>
#include <QVBoxLayout>

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    resize(1200, 800);

    m_history = new EditHistory(m_workspace, this);
    m_topology = new TopologyView(this);
    m_topology->setObjectName(QStringLiteral("topologyView"));
    m_editors = new EditorTabs(m_workspace, *m_history, m_topology, this);
    setCentralWidget(m_editors);
    // A node opens the resource it stands for, on its form, with the YAML at the node's line.
    connect(m_topology, &TopologyView::resourceActivated, this,
            [this](const Topology::SourceResource &source) {
                if (!source.document.isValid())
                    return;
                selectDocument(source.document);
                ResourceEditor *editor = m_editors->open(source.document);
                if (source.position.line > 0)
                    editor->yaml()->goToFilePosition(source.position.line, source.position.column);
            });
    // The tree follows the tab in front.
    connect(m_editors, &EditorTabs::currentDocumentChanged, this, [this](Project::DocumentRef ref) {
        if (ref.isValid() && ref != m_selected) {
            m_selected = ref;
            restoreTreeState();
        }
    });

    // Created before the window's own workspace handlers, so the tree is current when they run.
    m_resourceModel = new ResourceModel(m_workspace, this);
    m_resourceFilter = new ResourceFilterModel(this);
    m_resourceFilter->setSourceModel(m_resourceModel);
    m_resources = new QTreeView(this);
    m_resources->setObjectName(QStringLiteral("resourceTree"));
    m_resources->setModel(m_resourceFilter);
    m_resources->setHeaderHidden(true);
    m_resources->setAccessibleName(tr("Resources"));
    m_resourceFilterEdit = new QLineEdit(this);
    m_resourceFilterEdit->setObjectName(QStringLiteral("resourceFilter"));
    m_resourceFilterEdit->setPlaceholderText(tr("Filter (name, kind, namespace, host)"));
    m_resourceFilterEdit->setClearButtonEnabled(true);
    m_resourceFilterEdit->setAccessibleName(tr("Filter the resources"));
    connect(m_resourceFilterEdit, &QLineEdit::textChanged, m_resourceFilter,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_resourceFilterEdit, &QLineEdit::textChanged, m_resources, &QTreeView::expandAll);
    connect(m_resourceFilter, &QAbstractItemModel::modelReset, this, &MainWindow::restoreTreeState);
    connect(m_resources->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::handleResourceSelected);
    auto *resourcesPane = new QWidget(this);
    auto *resourcesLayout = new QVBoxLayout(resourcesPane);
    resourcesLayout->setContentsMargins(0, 0, 0, 0);
    resourcesLayout->addWidget(m_resourceFilterEdit);
    resourcesLayout->addWidget(m_resources, 1);
    auto *resourcesDock = new QDockWidget(tr("Resources"), this);
    resourcesDock->setObjectName(QStringLiteral("resourcesDock"));
    resourcesDock->setWidget(resourcesPane);
    addDockWidget(Qt::LeftDockWidgetArea, resourcesDock);

    m_problemModel = new ProblemModel(this);
    m_problems = new QTreeView(this);
    m_problems->setObjectName(QStringLiteral("problemsList"));
    m_problems->setModel(m_problemModel);
    m_problems->setRootIsDecorated(false);
    m_problems->setAlternatingRowColors(true);
    m_problems->header()->setSectionResizeMode(ProblemModel::MessageColumn, QHeaderView::Stretch);
    m_problems->setAccessibleName(tr("Problems"));
    auto *problemsDock = new QDockWidget(tr("Problems"), this);
    problemsDock->setObjectName(QStringLiteral("problemsDock"));
    problemsDock->setWidget(m_problems);
    addDockWidget(Qt::BottomDockWidgetArea, problemsDock);
    // Double-click or Enter jumps to the finding's line.
    connect(m_problems, &QTreeView::activated, this, &MainWindow::handleProblemActivated);

    m_proxy = new ProxyController(m_workspace, this);
    m_traffic = new TrafficView(this);
    m_traffic->setObjectName(QStringLiteral("trafficView"));
    auto *trafficDock = new QDockWidget(tr("Traffic"), this);
    trafficDock->setObjectName(QStringLiteral("trafficDock"));
    trafficDock->setWidget(m_traffic);
    addDockWidget(Qt::BottomDockWidgetArea, trafficDock);
    tabifyDockWidget(problemsDock, trafficDock);
    problemsDock->raise();
    m_tester = new RequestTester(m_workspace, *m_proxy, this);
    m_tester->setObjectName(QStringLiteral("requestTester"));
    auto *testerDock = new QDockWidget(tr("Request Tester"), this);
    testerDock->setObjectName(QStringLiteral("requestTesterDock"));
    testerDock->setWidget(m_tester);
    addDockWidget(Qt::BottomDockWidgetArea, testerDock);
    tabifyDockWidget(trafficDock, testerDock);
    problemsDock->raise();
    connect(m_proxy, &ProxyController::requestsLogged, m_traffic, &TrafficView::addEntries);
    // Per-route hits on the topology while the proxy runs: routes never hit stand out.
    connect(m_proxy, &ProxyController::requestsLogged, this, [this] {
        const QHash<QString, quint64> hits = m_proxy->routeHits();
        m_topology->setRouteHits(hits);
        m_editors->setRouteHits(hits);
    });
    connect(m_proxy, &ProxyController::stateChanged, this, &MainWindow::showProxyState);

    m_historyView = new QUndoView(&m_history->stack(), this);
    m_historyView->setObjectName(QStringLiteral("historyView"));
    m_historyView->setEmptyLabel(tr("<opened>"));
    auto *historyDock = new QDockWidget(tr("History"), this);
    historyDock->setObjectName(QStringLiteral("historyDock"));
    historyDock->setWidget(m_historyView);
    addDockWidget(Qt::RightDockWidgetArea, historyDock);
    historyDock->hide();

    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *openFile = fileMenu->addAction(tr("&Open File…"), this, &MainWindow::handleOpenFile);
    openFile->setShortcut(QKeySequence::Open);
    openFile->setObjectName(QStringLiteral("openFileAction"));
    fileMenu->addAction(tr("Open &Folder…"), this, &MainWindow::handleOpenFolder);
    m_recentMenu = fileMenu->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    rebuildRecentMenu();
    QAction *save = fileMenu->addAction(tr("&Save"), this, &MainWindow::handleSave);
    save->setShortcut(QKeySequence::Save);
    save->setObjectName(QStringLiteral("saveAction"));
    fileMenu->addSeparator();
    QAction *exportAction = fileMenu->addAction(tr("&Export…"), this, &MainWindow::handleExport);
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    exportAction->setObjectName(QStringLiteral("exportAction"));
    exportAction->setToolTip(tr("Export to a file, the clipboard or a cluster (Ctrl+E)"));
    QAction *exportTopology =
        fileMenu->addAction(tr("Export &Topology Image…"), this, &MainWindow::handleExportTopology);
    exportTopology->setObjectName(QStringLiteral("exportTopologyAction"));
    QAction *importAction =
        fileMenu->addAction(tr("&Import from Cluster…"), this, &MainWindow::handleImport);
    importAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    importAction->setObjectName(QStringLiteral("importAction"));
    fileMenu->addSeparator();
    QAction *quit = fileMenu->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);
    QMenu *editMenu = menuBar()->addMenu(tr("&Edit"));
    QUndoStack &stack = m_history->stack();
    QAction *undo = editMenu->addAction(tr("&Undo"), this, &MainWindow::handleUndo);
    undo->setObjectName(QStringLiteral("undoAction"));
    undo->setShortcut(QKeySequence::Undo);
    undo->setEnabled(false);
    // Typing not yet parsed is undoable too: Ctrl+Z right after a keystroke takes it back.
    const auto updateUndo = [this, undo] {
        undo->setEnabled(m_history->stack().canUndo() || m_editors->hasPendingEdit());
    };
    connect(&stack, &QUndoStack::canUndoChanged, undo, updateUndo);
    connect(m_editors, &EditorTabs::editPending, undo, updateUndo);
    connect(&stack, &QUndoStack::undoTextChanged, undo, [undo](const QString &text) {
        undo->setText(text.isEmpty() ? tr("&Undo") : tr("&Undo %1").arg(text));
    });
    QAction *redo = editMenu->addAction(tr("&Redo"), this, &MainWindow::handleRedo);
    redo->setObjectName(QStringLiteral("redoAction"));
    redo->setShortcut(QKeySequence::Redo);
    redo->setEnabled(false);
    connect(&stack, &QUndoStack::canRedoChanged, redo, &QAction::setEnabled);
    connect(&stack, &QUndoStack::redoTextChanged, redo, [redo](const QString &text) {
        redo->setText(text.isEmpty() ? tr("&Redo") : tr("&Redo %1").arg(text));
    });
    editMenu->addSeparator();
    QAction *showHistory = historyDock->toggleViewAction();
    showHistory->setText(tr("&History"));
    showHistory->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    editMenu->addAction(showHistory);

    QMenu *proxyMenu = menuBar()->addMenu(tr("&Proxy"));
    m_startStopProxy =
        proxyMenu->addAction(tr("&Start Proxy"), this, &MainWindow::handleStartStopProxy);
    m_startStopProxy->setObjectName(QStringLiteral("startStopProxyAction"));
    m_startStopProxy->setShortcut(QKeySequence(Qt::Key_F5));
    m_startStopProxy->setToolTip(
        tr("Serve the design on this computer, as the ingress gateway would (F5)"));
    proxyMenu->addAction(trafficDock->toggleViewAction());
    QAction *showTester = testerDock->toggleViewAction();
    showTester->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    proxyMenu->addAction(showTester);
    // Route Tests dock (ui/routetestsdock.*): route tests of the design, their coverage on the
    // topology, the Request Tester's "Add as test"; traffic rows decided again with their trace.
    auto *routeTests = new RouteTestsDock(m_workspace, this);
    addDockWidget(Qt::BottomDockWidgetArea, routeTests);
    tabifyDockWidget(testerDock, routeTests);
    problemsDock->raise();
    proxyMenu->addAction(routeTests->toggleViewAction());
    connect(routeTests, &RouteTestsDock::coverageChanged, m_topology,
            &TopologyView::setRouteCoverage);
    connect(routeTests, &RouteTestsDock::coverageChanged, m_editors,
            [this](const QHash<QString, QStringList> &coverage) {
                m_editors->setRouteCoverage(coverage);
            });
    connect(routeTests, &RouteTestsDock::resourceActivated, m_topology,
            &TopologyView::resourceActivated);
    connect(m_tester, &RequestTester::addAsTestRequested, routeTests, &RouteTestsDock::addTest);
    m_traffic->setConfigSource([this] { return m_proxy->servedConfig(); });

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About Gatehouse"), this, [this] {
        QMessageBox::about(this, tr("About Gatehouse"),
                           tr("<b>Gatehouse %1</b><p>Design, test and export Istio ingress "
                              "gateways.</p>")
                               .arg(QCoreApplication::applicationVersion()));
    });

    QToolBar *toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->addAction(openFile);
    toolBar->addAction(save);
    toolBar->addSeparator();
    toolBar->addAction(undo);
    toolBar->addAction(redo);
    toolBar->addSeparator();
    toolBar->addAction(m_startStopProxy);
    toolBar->addSeparator();
    toolBar->addAction(exportAction);
    setUpShell(fileMenu, proxyMenu, toolBar);

    connect(&m_workspace, &Project::Workspace::filesChanged, this, &MainWindow::rebuildProblems);
    m_validateTimer.setSingleShot(true);
    m_validateTimer.setInterval(150);
    connect(&m_validateTimer, &QTimer::timeout, this, &MainWindow::rebuildProblems);
    // The findings follow an edit a moment later (the tree follows by itself).
    connect(&m_workspace, &Project::Workspace::documentChanged, &m_validateTimer,
            qOverload<>(&QTimer::start));
    m_proxyStatus = new QLabel(tr("Proxy stopped"), this);
    m_proxyStatus->setObjectName(QStringLiteral("proxyStatus"));
    m_proxyStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addPermanentWidget(m_proxyStatus);
    statusBar()->showMessage(tr("Ready"));

    m_autosaveTimer.setInterval(AUTOSAVE_MS);
    connect(&m_autosaveTimer, &QTimer::timeout, this, &MainWindow::autosave);
    m_autosaveTimer.start();

    setAcceptDrops(true); // files and folders dropped on the window are opened
    connect(&m_workspace, &Project::Workspace::documentChanged, this, &MainWindow::updateTitle);
    connect(&m_workspace, &Project::Workspace::filesChanged, this, &MainWindow::updateTitle);
    connect(&m_workspace, &Project::Workspace::saved, this, &MainWindow::updateTitle);
    updateTitle();
    // First start: the editors get the room, the bottom docks a strip (the saved state wins).
    resizeDocks({problemsDock}, {220}, Qt::Vertical);
    const QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
}

MainWindow::~MainWindow()
{
    // The views that read the workspace and its history go first, while both still exist
    // (closing the window moves focus, and the editor applies pending typing on focus-out).
    m_editors->closeAll();
    delete m_historyView;
    delete m_tester;
    m_proxy->stop();
}

void MainWindow::handleExport()
{
    ExportDialog dialog(m_workspace, loadKubectlOptions(), this);
    dialog.exec();
}

void MainWindow::handleExportTopology()
{
    QString filter;
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export topology"), QStringLiteral("topology.svg"),
                                     tr("SVG image (*.svg);;PNG image (*.png)"), &filter);
    if (path.isEmpty())
        return;
    QString error;
    const BusyIndicator::Scope busy(m_busy, tr("Writing the topology image…"));
    const bool png = path.endsWith(QLatin1String(".png"), Qt::CaseInsensitive);
    if (!(png ? m_topology->exportPng(path, &error) : m_topology->exportSvg(path, &error)))
        QMessageBox::warning(this, tr("Export failed"), error);
    else
        statusBar()->showMessage(tr("Topology written to %1").arg(path), 5000);
}

void MainWindow::handleImport()
{
    const QString folder = m_workspace.files().empty()
                               ? QDir::homePath()
                               : QFileInfo(m_workspace.files().front().path()).absolutePath();
    ImportDialog dialog(loadKubectlOptions(), folder, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    importResources(dialog.imported(), dialog.folder(),
                    dialog.mergeIntoWorkspace() ? ImportMode::Merge : ImportMode::NewWorkspace,
                    dialog.replaceDuplicates());
}

bool MainWindow::importResources(const Kube::ImportResult &imported, const QString &folder,
                                 ImportMode mode, bool replaceDuplicates)
{
    if (mode == ImportMode::NewWorkspace && m_workspace.isModified() &&
        QMessageBox::question(this, tr("Unsaved changes"),
                              tr("The open workspace has unsaved changes. Close it anyway?")) !=
            QMessageBox::Yes)
        return false;
    if (mode == ImportMode::NewWorkspace) {
        m_history->clear(); // its steps belong to the files being closed
        m_selected = {};
        m_workspace.clear();
    }
    const Kube::MergeReport report = Kube::addToWorkspace(
        m_workspace, imported.files, folder,
        replaceDuplicates ? Kube::DuplicatePolicy::Replace : Kube::DuplicatePolicy::Skip);
    // The new files are written at once, so the workspace is what is on disk; replaced
    // documents are edits of the user's own files, saved when the user saves.
    QStringList failures;
    for (const Project::SourceFile &file : m_workspace.files()) {
        QString error;
        if (report.addedFiles.contains(file.path()) && !file.save(&error))
            failures << error;
    }
    rebuildProblems();
    if (!failures.isEmpty())
        QMessageBox::warning(this, tr("Import"), failures.join(QLatin1Char('\n')));
    QString message = tr("Imported %n resource(s)", nullptr, report.addedDocuments);
    if (!report.duplicates.isEmpty())
        message += replaceDuplicates ? tr("; %n already open, replaced", nullptr, report.replaced)
                                     : tr("; %n already open, kept as they were", nullptr,
                                          int(report.duplicates.size()));
    statusBar()->showMessage(message);
    return failures.isEmpty();
}

void MainWindow::handleResourceSelected(const QModelIndex &index)
{
    const Project::DocumentRef ref =
        m_resourceModel->documentRef(m_resourceFilter->mapToSource(index));
    if (!ref.isValid())
        return; // a namespace or kind row: the editor keeps what it shows
    m_selected = ref;
    m_editors->open(ref);
}

void MainWindow::restoreTreeState()
{
    // The model was rebuilt (files opened, a resource renamed): everything open again, and the
    // resource the user had picked still picked, without reopening it in the editor.
    m_resources->expandAll();
    const QModelIndex index = m_resourceFilter->mapFromSource(m_resourceModel->indexOf(m_selected));
    if (!index.isValid())
        return;
    const QSignalBlocker blocker(m_resources->selectionModel());
    m_resources->setCurrentIndex(index);
}

void MainWindow::selectDocument(Project::DocumentRef ref)
{
    const QModelIndex index = m_resourceFilter->mapFromSource(m_resourceModel->indexOf(ref));
    if (index.isValid())
        m_resources->setCurrentIndex(index);
}

void MainWindow::handleProblemActivated(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const Core::Diagnostic *diagnostic = &m_problemModel->diagnostic(index.row());
    const Project::DocumentRef ref =
        m_workspace.documentAtLine(diagnostic->subject.file, diagnostic->subject.position.line);
    if (!ref.isValid())
        return;
    selectDocument(ref);
    m_editors->open(ref)->showFinding(*diagnostic);
}

void MainWindow::handleStartStopProxy()
{
    if (m_proxy->isRunning()) {
        m_proxy->stop();
        return;
    }
    m_editors->commitPendingEdits();
    if (m_validateTimer.isActive())
        rebuildProblems(); // serve what the editors show, checked
    bool started = false;
    {
        const BusyIndicator::Scope busy(m_busy, tr("Starting the proxy…"));
        started = m_proxy->start(m_diagnostics);
    }
    if (!started)
        QMessageBox::warning(this, tr("Proxy not started"), m_proxy->lastError());
}

void MainWindow::showProxyState()
{
    if (m_proxy->isRunning())
        m_topology->setRouteHits(m_proxy->routeHits());
    else
        m_topology->clearRouteHits();
    updateFormContext();
    m_startStopProxy->setText(m_proxy->isRunning() ? tr("&Stop Proxy") : tr("&Start Proxy"));
    if (!m_proxy->isRunning()) {
        m_proxyStatus->setText(tr("Proxy stopped"));
        m_proxyStatus->setToolTip(QString());
        return;
    }
    const QStringList urls = m_proxy->listenerUrls();
    QString text = tr("Serving %n port(s)", nullptr, int(urls.size()));
    if (!m_proxy->lastError().isEmpty()) {
        text += QStringLiteral(" — ") + tr("not reloaded");
        statusBar()->showMessage(m_proxy->lastError(), 8000);
    }
    m_proxyStatus->setText(text);
    QStringList tip = urls;
    for (const Proxy::ServedListener &listener : m_proxy->listeners()) {
        if (!listener.served)
            tip << tr("port %1 not served: %2").arg(listener.gatewayPort).arg(listener.note);
    }
    m_proxyStatus->setToolTip(tip.join(QLatin1Char('\n')));
}

void MainWindow::handleUndo()
{
    m_editors->commitPendingEdits(); // typing not yet applied is the step to undo
    m_history->stack().undo();
}

void MainWindow::handleRedo()
{
    m_editors->commitPendingEdits();
    m_history->stack().redo();
}

void MainWindow::rebuildProblems()
{
    m_validateTimer.stop();
    // The same validation as `gatehouse validate`; the validator keeps what did not change.
    m_diagnostics = m_validator.validate(m_workspace);
    m_problemModel->setDiagnostics(m_diagnostics);
    m_resourceModel->setDiagnostics(m_diagnostics);
    m_editors->setDiagnostics(m_diagnostics);
    updateFormContext();
    m_topology->rebuild(m_workspace); // the design as the gateway would build it, after the edit
    if (m_proxy && m_proxy->isRunning())
        m_proxy->reload(m_diagnostics); // every valid edit is served at once
}

void MainWindow::updateFormContext()
{
    FormContext context = buildFormContext(m_workspace, m_proxy->environment().credentialNames());
    if (m_proxy->isRunning())
        context.routeHits = m_proxy->routeHits();
    context.routeCoverage = m_editors->context().routeCoverage;
    m_editors->setContext(context);
}
