#include "mainwindow.h"

#include "exportdialog.h"
#include "importdialog.h"
#include "kube/workspaceimport.h"
#include "kubectlsettings.h"
#include "problemitem.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHeaderView>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QStatusBar>
#include <QToolBar>
#include <QTreeWidget>

namespace {

constexpr int DOCUMENT_REF_ROLE = Qt::UserRole + 1;

QString displayKind(const Project::Document &document)
{
    return document.kind().isEmpty() ? QObject::tr("(no kind)") : document.kind();
}

} // namespace

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setWindowTitle(tr("Gatehouse"));
    resize(1200, 800);

    m_yamlView = new QPlainTextEdit(this);
    m_yamlView->setObjectName(QStringLiteral("yamlView"));
    m_yamlView->setReadOnly(true);
    m_yamlView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_yamlView->setPlaceholderText(tr("Open a manifest file or folder, then pick a resource."));
    setCentralWidget(m_yamlView);

    m_resources = new QTreeWidget(this);
    m_resources->setObjectName(QStringLiteral("resourceTree"));
    m_resources->setHeaderLabels({tr("Resource")});
    auto *resourcesDock = new QDockWidget(tr("Resources"), this);
    resourcesDock->setObjectName(QStringLiteral("resourcesDock"));
    resourcesDock->setWidget(m_resources);
    addDockWidget(Qt::LeftDockWidgetArea, resourcesDock);
    connect(m_resources, &QTreeWidget::currentItemChanged, this,
            [this](QTreeWidgetItem *item) { handleResourceSelected(item); });

    m_problems = new QTreeWidget(this);
    m_problems->setObjectName(QStringLiteral("problemsList"));
    setUpProblemList(m_problems);
    auto *problemsDock = new QDockWidget(tr("Problems"), this);
    problemsDock->setObjectName(QStringLiteral("problemsDock"));
    problemsDock->setWidget(m_problems);
    addDockWidget(Qt::BottomDockWidgetArea, problemsDock);

    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *openFile = fileMenu->addAction(tr("&Open File…"), this, &MainWindow::handleOpenFile);
    openFile->setShortcut(QKeySequence::Open);
    fileMenu->addAction(tr("Open &Folder…"), this, &MainWindow::handleOpenFolder);
    QAction *save = fileMenu->addAction(tr("&Save"), this, &MainWindow::handleSave);
    save->setShortcut(QKeySequence::Save);
    fileMenu->addSeparator();
    QAction *exportAction = fileMenu->addAction(tr("&Export…"), this, &MainWindow::handleExport);
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    exportAction->setObjectName(QStringLiteral("exportAction"));
    exportAction->setToolTip(tr("Export to a file, the clipboard or a cluster (Ctrl+E)"));
    QAction *importAction =
        fileMenu->addAction(tr("&Import from Cluster…"), this, &MainWindow::handleImport);
    importAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    importAction->setObjectName(QStringLiteral("importAction"));
    fileMenu->addSeparator();
    QAction *quit = fileMenu->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);
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
    toolBar->addAction(exportAction);

    connect(&m_workspace, &Project::Workspace::filesChanged, this, [this] {
        rebuildResourceTree();
        rebuildProblems();
    });
    statusBar()->showMessage(tr("Ready"));
}

void MainWindow::openPaths(const QStringList &paths)
{
    for (const QString &path : paths)
        m_workspace.addPath(path);
    if (!paths.isEmpty())
        statusBar()->showMessage(
            tr("%n document(s) loaded", nullptr, static_cast<int>(m_workspace.documents().size())));
    // Show something right away: the first resource of the tree.
    QTreeWidgetItem *item = m_resources->topLevelItem(0);
    while (item && item->childCount() > 0)
        item = item->child(0);
    if (item && !m_resources->currentItem())
        m_resources->setCurrentItem(item);
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
    QString error;
    if (!m_workspace.saveAll(&error))
        QMessageBox::warning(this, tr("Save failed"), error);
    else
        statusBar()->showMessage(tr("Saved"), 3000);
}

void MainWindow::handleExport()
{
    ExportDialog dialog(m_workspace, loadKubectlOptions(), this);
    dialog.exec();
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
    if (mode == ImportMode::NewWorkspace)
        m_workspace.clear();
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
    rebuildResourceTree();
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

void MainWindow::handleResourceSelected(QTreeWidgetItem *item)
{
    const QVariant ref = item ? item->data(0, DOCUMENT_REF_ROLE) : QVariant();
    if (!ref.isValid()) {
        m_yamlView->clear();
        return;
    }
    const QPoint position = ref.toPoint();
    const Project::Document &document = m_workspace.document({position.x(), position.y()});
    m_yamlView->setPlainText(QString::fromUtf8(document.text()));
}

void MainWindow::rebuildResourceTree()
{
    m_resources->clear();
    QHash<QString, QTreeWidgetItem *> namespaces;
    QHash<QString, QTreeWidgetItem *> kinds;
    for (const Project::DocumentRef &ref : m_workspace.documents()) {
        const Project::Document &document = m_workspace.document(ref);
        QTreeWidgetItem *&nsItem = namespaces[document.nameSpace()];
        if (!nsItem) {
            nsItem = new QTreeWidgetItem(m_resources, {document.nameSpace()});
            nsItem->setExpanded(true);
        }
        const QString kindKey = document.nameSpace() + QLatin1Char('/') + displayKind(document);
        QTreeWidgetItem *&kindItem = kinds[kindKey];
        if (!kindItem) {
            kindItem = new QTreeWidgetItem(nsItem, {displayKind(document)});
            kindItem->setExpanded(true);
        }
        const QString name = document.name().isEmpty()
                                 ? tr("document %1 of %2")
                                       .arg(document.number())
                                       .arg(QFileInfo(document.filePath()).fileName())
                                 : document.name();
        auto *item = new QTreeWidgetItem(kindItem, {name});
        item->setData(0, DOCUMENT_REF_ROLE, QPoint(ref.file, ref.document));
        item->setToolTip(0, document.filePath());
    }
}

void MainWindow::rebuildProblems()
{
    m_problems->clear();
    // The same validation as `gatehouse validate`; the validator keeps what did not change.
    for (const Core::Diagnostic &diagnostic : m_validator.validate(m_workspace))
        addProblemItem(m_problems, diagnostic);
}
