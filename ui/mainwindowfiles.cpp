// The main window's file handling: opening (menu, recent list, drag and drop), saving, the
// unsaved-changes prompt, the title, and autosave with recovery after a crash.

#include "busyindicator.h"
#include "editortabs.h"
#include "mainwindow.h"
#include "resourcefiltermodel.h"
#include "resourcemodel.h"
#include "topologyview.h"
#include "yamleditor.h"

#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTreeView>

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!maySetAsideChanges()) {
        event->ignore();
        return;
    }
    // A normal close: saved, or discarded on purpose. Nothing is left to recover.
    for (const Project::SourceFile &file : m_workspace.files())
        m_recovery.discard(file.path());
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
    event->accept();
}

bool MainWindow::maySetAsideChanges()
{
    m_editors->commitPendingEdits();
    if (!m_workspace.isModified())
        return true;
    const auto answer = QMessageBox::question(
        this, tr("Unsaved changes"), tr("Save the changes to the open files?"),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::Discard)
        return true;
    QString error;
    if (m_workspace.saveAll(&error))
        return true;
    QMessageBox::warning(this, tr("Save failed"), error);
    return false;
}

void MainWindow::autosave()
{
    m_editors->commitPendingEdits();
    QString error;
    if (!m_recovery.write(m_workspace, &error))
        statusBar()->showMessage(tr("Autosave failed: %1").arg(error), 8000);
}

void MainWindow::offerRecovery(const QStringList &openedPaths)
{
    QStringList opened;
    for (const QString &path : openedPaths)
        opened << QFileInfo(path).absoluteFilePath();
    const auto &files = m_workspace.files();
    for (int f = 0; f < int(files.size()); ++f) {
        const QString path = QFileInfo(files[f].path()).absoluteFilePath();
        // Files of a folder that was opened count too.
        if (!std::any_of(opened.begin(), opened.end(), [&](const QString &o) {
                return path == o || path.startsWith(o + QLatin1Char('/'));
            }))
            continue;
        const std::optional<Project::RecoveryStore::Entry> entry = m_recovery.find(path);
        if (!entry)
            continue;
        const auto answer = QMessageBox::question(
            this, tr("Recover unsaved changes"),
            tr("%1 has changes that were not saved when Gatehouse last closed (kept at %2). "
               "Restore them?")
                .arg(path, QLocale().toString(entry->written, QLocale::ShortFormat)),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
        if (answer == QMessageBox::Yes)
            m_workspace.replaceFileContent(f, entry->content); // modified until saved
        else
            m_recovery.discard(path);
    }
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() &&
        std::all_of(urls.begin(), urls.end(), [](const QUrl &url) { return url.isLocalFile(); }))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const QUrl &url : event->mimeData()->urls())
        paths << url.toLocalFile();
    openPaths(paths);
    event->acceptProposedAction();
}

QStringList MainWindow::recentPaths() const
{
    return QSettings().value(QStringLiteral("recentPaths")).toStringList();
}

void MainWindow::rememberRecent(const QStringList &paths)
{
    constexpr int KEPT = 8;
    QStringList recent = recentPaths();
    for (const QString &path : paths) {
        const QString absolute = QFileInfo(path).absoluteFilePath();
        recent.removeAll(absolute);
        recent.prepend(absolute);
    }
    while (recent.size() > KEPT)
        recent.removeLast();
    QSettings().setValue(QStringLiteral("recentPaths"), recent);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = recentPaths();
    for (const QString &path : recent)
        m_recentMenu->addAction(path, this, [this, path] { openPaths({path}); });
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::updateTitle()
{
    QString title = tr("Gatehouse");
    if (!m_workspace.files().empty()) {
        const QFileInfo first(m_workspace.files().front().path());
        title = QStringLiteral("%1[*] — %2")
                    .arg(m_workspace.files().size() == 1 ? first.fileName() : first.dir().dirName(),
                         title);
    }
    setWindowTitle(title);
    setWindowModified(m_workspace.isModified());
}

void MainWindow::openPaths(const QStringList &paths)
{
    QStringList opened;
    std::optional<BusyIndicator::Scope> busy; // reading and checking a large folder takes a while
    if (!paths.isEmpty())
        busy.emplace(m_busy, tr("Opening %1…").arg(paths.front()));
    for (const QString &path : paths) {
        busy->checkpoint();
        const QString absolute = QFileInfo(path).absoluteFilePath();
        const auto &files = m_workspace.files();
        if (std::any_of(files.begin(), files.end(), [&](const Project::SourceFile &file) {
                return QFileInfo(file.path()).absoluteFilePath() == absolute;
            }))
            continue; // open already: a second copy would be a second truth
        if (m_workspace.addPath(path))
            opened << path;
    }
    busy.reset(); // before any question
    if (!opened.isEmpty()) {
        rememberRecent(opened);
        offerRecovery(opened);
    }
    if (!paths.isEmpty())
        statusBar()->showMessage(
            tr("%n document(s) loaded", nullptr, static_cast<int>(m_workspace.documents().size())));
    // The first resource of the tree is picked, ready for Enter, but opens no tab by itself.
    QModelIndex first = m_resourceFilter->index(0, 0);
    while (m_resourceFilter->rowCount(first) > 0)
        first = m_resourceFilter->index(0, 0, first);
    if (first.isValid() && !m_selected.isValid()) {
        m_selected = m_resourceModel->documentRef(m_resourceFilter->mapToSource(first));
        restoreTreeState();
    }
    m_editors->setCurrentWidget(m_topology); // the whole design first
}

void MainWindow::handleOpenFile()
{
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Open manifests"), QString(), tr("YAML manifests (*.yaml *.yml);;All files (*)"));
    openPaths(files);
}

void MainWindow::handleOpenFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Open folder"));
    if (!folder.isEmpty())
        openPaths({folder});
}

void MainWindow::handleSave()
{
    m_editors->commitPendingEdits(); // what the editor shows is what gets saved
    QString error;
    if (!m_workspace.saveAll(&error))
        QMessageBox::warning(this, tr("Save failed"), error);
    else
        statusBar()->showMessage(tr("Saved"), 3000);
    autosave(); // saved files need no recovery entry any more
}
