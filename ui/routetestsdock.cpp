#include "routetestsdock.h"

#include "routetest/routetestloader.h"
#include "routetest/routetestrunner.h"
#include "routetest/routetestwriter.h"
#include "routetestmodel.h"
#include "topology/topologybuilder.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

const QString RECENT_KEY = QStringLiteral("routeTests/recent");
constexpr int MAX_RECENT = 8;
const QString FILE_FILTER = QStringLiteral("Route tests (*.yaml *.yml);;All files (*)");

} // namespace

RouteTestsDock::RouteTestsDock(const Project::Workspace &workspace, QWidget *parent)
    : QDockWidget(tr("Route Tests"), parent), m_workspace(workspace),
      m_model(new RouteTestModel(this)), m_filter(new QSortFilterProxyModel(this)),
      m_table(new QTableView(this)), m_open(new QToolButton(this)), m_recentMenu(new QMenu(this)),
      m_run(new QToolButton(this)), m_filterBox(new QComboBox(this)), m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("routeTestsDock"));
    m_chooseFile = [this] {
        return QFileDialog::getSaveFileName(this, tr("Add the test to"),
                                            QStringLiteral("gateway.routes.yaml"), FILE_FILTER,
                                            nullptr, QFileDialog::DontConfirmOverwrite);
    };

    m_open->setObjectName(QStringLiteral("routeTestsOpen"));
    m_open->setText(tr("Open…"));
    m_open->setToolTip(tr("Open a route test file; the arrow lists the recent ones"));
    m_open->setPopupMode(QToolButton::MenuButtonPopup);
    m_open->setMenu(m_recentMenu);
    connect(m_open, &QToolButton::clicked, this, &RouteTestsDock::handleOpen);
    connect(m_recentMenu, &QMenu::aboutToShow, this, &RouteTestsDock::rebuildRecentMenu);

    m_run->setObjectName(QStringLiteral("routeTestsRun"));
    m_run->setText(tr("Run"));
    m_run->setToolTip(tr("Run every test against the design as it is now (pure decision, no "
                         "sockets; for the real gateway use `gatehouse test --live`)"));
    m_run->setEnabled(false);
    connect(m_run, &QToolButton::clicked, this, &RouteTestsDock::run);

    m_filterBox->setObjectName(QStringLiteral("routeTestsFilter"));
    m_filterBox->addItems({tr("All"), tr("Passed"), tr("Failed")});
    m_filterBox->setAccessibleName(tr("Show"));
    connect(m_filterBox, &QComboBox::currentIndexChanged, this,
            [this](int index) { setFilter(Filter(index)); });

    m_filter->setSourceModel(m_model);
    m_filter->setFilterRole(RouteTestModel::VerdictRole);
    m_filter->setFilterKeyColumn(RouteTestModel::Verdict);
    m_table->setObjectName(QStringLiteral("routeTestsTable"));
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(RouteTestModel::Failure,
                                                      QHeaderView::Stretch);
    m_table->setAccessibleName(tr("Route test results"));
    connect(m_table, &QTableView::activated, this, &RouteTestsDock::activateRow);

    m_status->setObjectName(QStringLiteral("routeTestsStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setText(tr("No route test file open"));

    auto *content = new QWidget(this);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_open);
    bar->addWidget(m_run);
    bar->addWidget(m_filterBox);
    bar->addWidget(m_status, 1);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);
    setWidget(content);

    // An edit re-runs the tests a moment later, not on every keystroke.
    m_rerun.setSingleShot(true);
    m_rerun.setInterval(RERUN_DELAY_MS);
    connect(&m_rerun, &QTimer::timeout, this, &RouteTestsDock::run);
    auto schedule = [this] {
        if (!m_path.isEmpty())
            m_rerun.start();
    };
    connect(&m_workspace, &Project::Workspace::documentChanged, this, schedule);
    connect(&m_workspace, &Project::Workspace::filesChanged, this, schedule);
}

bool RouteTestsDock::open(const QString &path)
{
    m_path = QFileInfo(path).absoluteFilePath();
    QSettings settings;
    QStringList recent = settings.value(RECENT_KEY).toStringList();
    recent.removeAll(m_path);
    recent.prepend(m_path);
    settings.setValue(RECENT_KEY, recent.mid(0, MAX_RECENT));
    setWindowTitle(tr("Route Tests — %1").arg(QFileInfo(m_path).fileName()));
    m_run->setEnabled(true);
    run();
    return m_model->rowCount() == 0 || m_model->row(0).outcome != RouteTestModel::Outcome::Error;
}

void RouteTestsDock::run()
{
    m_rerun.stop();
    if (m_path.isEmpty())
        return;
    const RouteTest::LoadedFile loaded = RouteTest::loadTestFile(m_path);
    RouteTest::RunResult result;
    QString against;
    if (!loaded.ok()) {
        result.loadErrors = loaded.diagnostics;
    } else if (m_workspace.files().empty()) {
        // Nothing open: the file's own `config` is the design.
        result = RouteTest::runTestFile(loaded);
        against = tr("the file's config");
    } else {
        result = RouteTest::runTestsOn(loaded, m_workspace);
        against = tr("the open design");
    }
    m_model->setResult(result);
    if (!result.loadErrors.isEmpty()) {
        m_status->setText(
            tr("%1 cannot run: %2")
                .arg(QFileInfo(m_path).fileName(), result.loadErrors.first().message));
    } else {
        m_status->setText(tr("%1 passed, %2 failed against %3; %4% of routes covered")
                              .arg(result.passed())
                              .arg(result.failed())
                              .arg(against)
                              .arg(result.coverage.percent(), 0, 'f', 0));
        emit coverageChanged(result.coverage.testsByRoute);
    }
    emit ran();
}

void RouteTestsDock::setFilter(Filter filter)
{
    if (m_filterBox->currentIndex() != int(filter))
        m_filterBox->setCurrentIndex(int(filter)); // comes back here through the signal
    static const QRegularExpression all;
    static const QRegularExpression passed(QStringLiteral("^pass$"));
    static const QRegularExpression failed(QStringLiteral("^(fail|error)$"));
    m_filter->setFilterRegularExpression(filter == Filter::Passed   ? passed
                                         : filter == Filter::Failed ? failed
                                                                    : all);
}

QString RouteTestsDock::statusText() const
{
    return m_status->text();
}

QStringList RouteTestsDock::recentFiles() const
{
    return QSettings().value(RECENT_KEY).toStringList();
}

bool RouteTestsDock::addTest(const RouteTest::TestCase &test)
{
    QString path = m_path;
    if (path.isEmpty())
        path = m_chooseFile ? m_chooseFile() : QString();
    if (path.isEmpty())
        return false; // cancelled
    QString error;
    if (!addTestTo(path, test, &error)) {
        m_status->setText(tr("The test was not added: %1").arg(error));
        return false;
    }
    open(path);
    return true;
}

bool RouteTestsDock::addTestTo(const QString &path, const RouteTest::TestCase &test, QString *error)
{
    RouteTest::TestCase named = test;
    QByteArray text;
    QFile existing(path);
    if (existing.exists()) {
        if (!existing.open(QIODevice::ReadOnly)) {
            *error = existing.errorString();
            return false;
        }
        const QByteArray before = existing.readAll();
        existing.close();
        QStringList names;
        for (const RouteTest::TestCase &t : RouteTest::parseTestFile(path, before).file.tests)
            names << t.name.value_or(QString());
        named.name = RouteTest::uniqueTestName(test.name.value_or(tr("request")), names);
        const std::optional<QByteArray> after = RouteTest::appendTest(before, named, error);
        if (!after)
            return false;
        text = *after;
    } else {
        // A new file names the workspace's files, relative to itself, as its design.
        const QDir base = QFileInfo(path).absoluteDir();
        QStringList config;
        for (const Project::SourceFile &file : m_workspace.files()) {
            if (!file.path().isEmpty())
                config << base.relativeFilePath(file.path());
        }
        text = RouteTest::newTestFile(config, named);
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

void RouteTestsDock::handleOpen()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open route tests"),
        m_path.isEmpty() ? QString() : QFileInfo(m_path).absolutePath(), FILE_FILTER);
    if (!path.isEmpty())
        open(path);
}

void RouteTestsDock::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = recentFiles();
    for (const QString &path : recent)
        m_recentMenu->addAction(QDir::toNativeSeparators(path), this, [this, path] { open(path); });
    if (recent.isEmpty())
        m_recentMenu->addAction(tr("No recent files"))->setEnabled(false);
}

void RouteTestsDock::activateRow(const QModelIndex &index)
{
    const RouteTestModel::Row &row = m_model->row(m_filter->mapToSource(index).row());
    if (!row.virtualService)
        return;
    emit resourceActivated(Topology::sourceResource(*row.virtualService, &m_workspace));
}
