// The main window's shell: File › New, Proxy › Local Environment, the toolbar's icons,
// shortcuts and tooltips, and the status bar's busy indicator.

#include "busyindicator.h"
#include "edithistory.h"
#include "editortabs.h"
#include "environmentdialog.h"
#include "environmentlocation.h"
#include "icons.h"
#include "mainwindow.h"
#include "newresourcedialog.h"
#include "proxycontroller.h"
#include "yamleditor.h"

#include <QAction>
#include <QFileInfo>
#include <QMenu>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>

namespace {

// "Save the open files (Ctrl+S)": what the action does, and its key.
void describe(QAction *action, const QString &what)
{
    const QString keys = action->shortcut().toString(QKeySequence::NativeText);
    action->setToolTip(keys.isEmpty() ? what : QStringLiteral("%1 (%2)").arg(what, keys));
}

} // namespace

void MainWindow::setUpShell(QMenu *fileMenu, QMenu *proxyMenu, QToolBar *toolBar)
{
    m_busy = new BusyIndicator(statusBar());

    QAction *newAction = new QAction(tr("&New…"), this);
    newAction->setObjectName(QStringLiteral("newAction"));
    newAction->setShortcut(QKeySequence::New);
    connect(newAction, &QAction::triggered, this, &MainWindow::handleNewResource);
    fileMenu->insertAction(fileMenu->actions().value(0), newAction);
    toolBar->insertAction(toolBar->actions().value(0), newAction);

    QAction *environment = new QAction(tr("Local &Environment…"), this);
    environment->setObjectName(QStringLiteral("environmentAction"));
    environment->setToolTip(tr("The listen address, port map, destinations and credentials the "
                               "proxy serves the design with"));
    connect(environment, &QAction::triggered, this, &MainWindow::handleEditEnvironment);
    proxyMenu->insertAction(proxyMenu->actions().value(1), environment);

    const std::pair<const char *, std::pair<Icons::Id, QString>> looks[] = {
        {"newAction", {Icons::Id::New, tr("New Gateway, VirtualService or DestinationRule")}},
        {"openFileAction", {Icons::Id::Open, tr("Open manifest files")}},
        {"saveAction", {Icons::Id::Save, tr("Save the open files")}},
        {"undoAction", {Icons::Id::Undo, tr("Undo the last edit")}},
        {"redoAction", {Icons::Id::Redo, tr("Redo the edit undone last")}},
        {"startStopProxyAction",
         {Icons::Id::StartProxy,
          tr("Serve the design on this computer, as the ingress gateway would")}},
        {"exportAction", {Icons::Id::Export, tr("Export to a file, the clipboard or a cluster")}},
    };
    for (QAction *action : toolBar->actions()) {
        for (const auto &[name, look] : looks) {
            if (action->objectName() != QLatin1String(name))
                continue;
            action->setIcon(Icons::icon(look.first));
            describe(action, look.second);
        }
        if (QWidget *button = toolBar->widgetForAction(action))
            button->setAccessibleName(action->text().remove(QLatin1Char('&')));
    }
    connect(m_proxy, &ProxyController::stateChanged, this, [this] {
        const bool running = m_proxy->isRunning();
        m_startStopProxy->setIcon(
            Icons::icon(running ? Icons::Id::StopProxy : Icons::Id::StartProxy));
        describe(m_startStopProxy,
                 running ? tr("Stop serving the design")
                         : tr("Serve the design on this computer, as the ingress gateway would"));
    });

    // Each workspace has its own local environment: read it when the workspace changes.
    connect(&m_workspace, &Project::Workspace::filesChanged, this, &MainWindow::loadEnvironment);
    loadEnvironment();
}

void MainWindow::handleNewResource()
{
    m_editors->commitPendingEdits();
    NewResourceDialog dialog(m_workspace, m_selected.isValid() ? m_selected.file : -1, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const Project::DocumentRef ref = createResource(m_workspace, *m_history, dialog.kind(),
                                                    dialog.nameSpace(), dialog.targetFile());
    rebuildProblems();
    selectDocument(ref);
    m_selected = ref;
    m_editors->open(ref); // on its form, ready to be filled in
    statusBar()->showMessage(m_history->stack().undoText(), 5000);
}

QString MainWindow::environmentPath() const
{
    return EnvironmentLocation::pathFor(m_workspace);
}

void MainWindow::loadEnvironment()
{
    const QString path = environmentPath();
    if (path == m_proxy->environment().path())
        return;
    const Environment::LocalEnvironment environment =
        QFileInfo::exists(path) ? Environment::LocalEnvironment::load(path)
                                : Environment::LocalEnvironment::parse({}, path);
    m_proxy->setEnvironment(environment);
    if (!environment.diagnostics().isEmpty())
        statusBar()->showMessage(tr("The local environment has %n problem(s): %1", nullptr,
                                    int(environment.diagnostics().size()))
                                     .arg(environment.diagnostics().front().message),
                                 8000);
    if (m_proxy->isRunning())
        m_proxy->reload(m_diagnostics);
}

void MainWindow::handleEditEnvironment()
{
    EnvironmentDialog dialog(environmentPath(), this);
    connect(&dialog, &EnvironmentDialog::saved, this, [this](const QString &path) {
        EnvironmentLocation::remember(m_workspace, path);
        m_proxy->setEnvironment(Environment::LocalEnvironment::parse({}, {})); // read it again
        loadEnvironment();
        statusBar()->showMessage(m_proxy->isRunning()
                                     ? tr("Local environment saved; the proxy serves with it")
                                     : tr("Local environment saved"),
                                 5000);
    });
    dialog.exec();
}
