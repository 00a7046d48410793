// The Route Tests dock: a route test file run against the open design (rows, verdicts, the
// failing expectation, filters, coverage on the topology, re-runs after edits), and the Request
// Tester's "Add as test" writing into it.

#include "proxycontroller.h"
#include "requesttester.h"
#include "routetest/routetestloader.h"
#include "routetestmodel.h"
#include "routetestsdock.h"
#include "topologyview.h"

#include <QAbstractItemModelTester>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString SOURCE = QStringLiteral(GATEHOUSE_SOURCE_DIR);

const QByteArray FAILING_TEST = "\n  - name: deliberately wrong\n"
                                "    request:\n"
                                "      url: https://uk.bookinfo.com/reviews/1\n"
                                "    expect:\n"
                                "      route: reviews-v2\n";

bool copy(const QString &from, const QString &to, const QByteArray &append = {})
{
    QFile in(from);
    QFile out(to);
    if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly))
        return false;
    return out.write(in.readAll() + append) >= 0;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

int rowsWith(RouteTestsDock &dock, const QString &verdict)
{
    int count = 0;
    for (int row = 0; row < dock.model().rowCount(); ++row)
        count += dock.model().index(row, RouteTestModel::Verdict).data().toString() == verdict;
    return count;
}

} // namespace

class TestRouteTestsDock : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void sampleTestsPassAndOneFails();
    void editsRerunTheTests();
    void rowOpensTheRoutesResource();
    void coverageOnTheTopology();
    void addAsTestAppendsToTheOpenFile();
    void addAsTestWithoutAFileCreatesOne();
    void unreadableFileIsAnErrorRow();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Project::Workspace> m_workspace;
    QString m_testFile;
};

void TestRouteTestsDock::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestRouteTestsDock::init()
{
    // The bundled sample and its route tests, copied: edits and additions stay in the temp dir.
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(QDir(m_dir->path()).mkpath(QStringLiteral("design")));
    for (const QString &name :
         {QStringLiteral("gateway.yaml"), QStringLiteral("virtualservices.yaml"),
          QStringLiteral("destinationrules.yaml")})
        QVERIFY(copy(SOURCE + QStringLiteral("/resources/samples/bookinfo/") + name,
                     m_dir->filePath(QStringLiteral("design/") + name)));
    m_testFile = m_dir->filePath(QStringLiteral("bookinfo.routes.yaml"));
    QVERIFY(copy(SOURCE + QStringLiteral("/tests/routes/bookinfo.routes.yaml"), m_testFile));
    m_workspace = std::make_unique<Project::Workspace>();
    QVERIFY(m_workspace->addPath(m_dir->filePath(QStringLiteral("design"))));
}

void TestRouteTestsDock::sampleTestsPassAndOneFails()
{
    const int tests = int(RouteTest::loadTestFile(m_testFile).file.tests.size());
    QVERIFY(tests > 10);
    RouteTestsDock dock(*m_workspace);
    QAbstractItemModelTester tester(&dock.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester filtered(&dock.filteredModel(),
                                      QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy ran(&dock, &RouteTestsDock::ran);
    QVERIFY(dock.open(m_testFile));
    QCOMPARE(ran.count(), 1);
    QCOMPARE(dock.model().rowCount(), tests);
    QCOMPARE(rowsWith(dock, QStringLiteral("pass")), tests);
    QVERIFY2(dock.statusText().startsWith(QStringLiteral("%1 passed, 0 failed").arg(tests)),
             qPrintable(dock.statusText()));
    QVERIFY(dock.recentFiles().contains(QFileInfo(m_testFile).absoluteFilePath()));

    // A deliberately failing test shows the expectation it broke.
    QFile file(m_testFile);
    QVERIFY(file.open(QIODevice::Append));
    file.write(FAILING_TEST);
    file.close();
    dock.run();
    QCOMPARE(dock.model().rowCount(), tests + 1);
    QCOMPARE(rowsWith(dock, QStringLiteral("fail")), 1);
    const int last = dock.model().rowCount() - 1;
    QCOMPARE(dock.model().index(last, RouteTestModel::Name).data().toString(),
             QStringLiteral("deliberately wrong"));
    QCOMPARE(dock.model().index(last, RouteTestModel::Failure).data().toString(),
             QStringLiteral("expected route reviews-v2, got reviews-canary (http[1])"));
    QVERIFY(!dock.model().index(last, RouteTestModel::Verdict).data(Qt::DecorationRole).isNull());
    QVERIFY(dock.model()
                .index(0, RouteTestModel::Duration)
                .data()
                .toString()
                .endsWith(QStringLiteral("s")));

    dock.setFilter(RouteTestsDock::Filter::Failed);
    QCOMPARE(dock.filteredModel().rowCount(), 1);
    dock.setFilter(RouteTestsDock::Filter::Passed);
    QCOMPARE(dock.filteredModel().rowCount(), tests);
    dock.setFilter(RouteTestsDock::Filter::All);
    QCOMPARE(dock.filteredModel().rowCount(), tests + 1);
}

void TestRouteTestsDock::editsRerunTheTests()
{
    RouteTestsDock dock(*m_workspace);
    QVERIFY(dock.open(m_testFile));
    QCOMPARE(rowsWith(dock, QStringLiteral("fail")), 0);
    QSignalSpy ran(&dock, &RouteTestsDock::ran);
    // Renaming the route a test expects breaks that test, a moment after the edit.
    for (const Project::DocumentRef &ref :
         m_workspace->documentsOfKind(Istio::ResourceKind::VirtualService)) {
        const QByteArray text = m_workspace->document(ref).text();
        if (text.contains("name: reviews-for-jason")) {
            QByteArray edited = text;
            QVERIFY(m_workspace->setText(
                ref, edited.replace("name: reviews-for-jason", "name: jason-only")));
        }
    }
    QTRY_COMPARE(ran.count(), 1);
    QVERIFY(rowsWith(dock, QStringLiteral("fail")) >= 1);
}

void TestRouteTestsDock::rowOpensTheRoutesResource()
{
    RouteTestsDock dock(*m_workspace);
    dock.show();
    QVERIFY(dock.open(m_testFile));
    auto *table = dock.findChild<QTableView *>(QStringLiteral("routeTestsTable"));
    QVERIFY(table);
    int row = 0;
    while (row < dock.model().rowCount() && !dock.model().row(row).virtualService)
        ++row;
    QVERIFY(row < dock.model().rowCount());
    QSignalSpy activated(&dock, &RouteTestsDock::resourceActivated);
    const QModelIndex index = dock.filteredModel().index(row, RouteTestModel::Name);
    table->scrollTo(index);
    const QPoint centre = table->visualRect(index).center();
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, centre);
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, centre);
    QCOMPARE(activated.count(), 1);
    const auto resource = activated.first().first().value<Topology::SourceResource>();
    QCOMPARE(resource.kind, QStringLiteral("VirtualService"));
    QVERIFY(resource.document.isValid());
    QVERIFY(resource.file.endsWith(QStringLiteral("virtualservices.yaml")));
}

void TestRouteTestsDock::coverageOnTheTopology()
{
    RouteTestsDock dock(*m_workspace);
    QSignalSpy coverage(&dock, &RouteTestsDock::coverageChanged);
    QVERIFY(dock.open(m_testFile));
    QCOMPARE(coverage.count(), 1);
    const auto testsByRoute = coverage.first().first().value<QHash<QString, QStringList>>();
    const QString jason = QStringLiteral("bookinfo-namespace/bookinfo-rule http[0]");
    QVERIFY(testsByRoute.value(jason).contains(QStringLiteral("jason sees reviews v2")));

    TopologyView topology;
    topology.rebuild(*m_workspace);
    QCOMPARE(topology.shownCoverage(jason), std::nullopt);
    topology.setRouteCoverage(testsByRoute);
    QCOMPARE(topology.shownCoverage(jason), std::optional<int>(int(testsByRoute[jason].size())));
    QHash<QString, QStringList> none;
    topology.setRouteCoverage(none);
    QCOMPARE(topology.shownCoverage(jason), std::optional<int>(0)); // "untested"
    topology.clearRouteCoverage();
    QCOMPARE(topology.shownCoverage(jason), std::nullopt);
}

void TestRouteTestsDock::addAsTestAppendsToTheOpenFile()
{
    ProxyController proxy(*m_workspace);
    RequestTester requestTester(*m_workspace, proxy);
    RouteTestsDock dock(*m_workspace);
    connect(&requestTester, &RequestTester::addAsTestRequested, &dock, &RouteTestsDock::addTest);
    QVERIFY(dock.open(m_testFile));
    const QByteArray before = readAll(m_testFile);
    const int tests = dock.model().rowCount();

    auto *add = requestTester.findChild<QPushButton *>(QStringLiteral("testerAddAsTest"));
    QVERIFY(add);
    QVERIFY(!add->isEnabled()); // nothing sent yet
    requestTester.setRequest(QStringLiteral("GET"),
                             QStringLiteral("https://uk.bookinfo.com/reviews/1"),
                             QStringLiteral("end-user: bob"));
    requestTester.send();
    // The decision pane shows why the earlier route lost.
    const QString decision =
        requestTester.findChild<QPlainTextEdit *>(QStringLiteral("testerDecision"))->toPlainText();
    QVERIFY2(decision.contains(QStringLiteral("near misses:\n  - route http[0] "
                                              "'reviews-for-jason' of bookinfo-namespace/"
                                              "bookinfo-rule: header end-user: exact \"jason\" ≠ "
                                              "\"bob\"")),
             qPrintable(decision));
    QVERIFY(add->isEnabled());
    QSignalSpy ran(&dock, &RouteTestsDock::ran);
    add->click();
    QCOMPARE(ran.count(), 1);
    add->click(); // the same request again gets a name of its own
    QCOMPARE(ran.count(), 2);

    const QByteArray after = readAll(m_testFile);
    QVERIFY(after.startsWith(before)); // the rest of the file is untouched
    const RouteTest::LoadedFile loaded = RouteTest::loadTestFile(m_testFile);
    QVERIFY(loaded.ok());
    QCOMPARE(int(loaded.file.tests.size()), tests + 2);
    const RouteTest::TestCase &added = loaded.file.tests[size_t(tests)];
    QCOMPARE(added.name, std::optional(QStringLiteral("GET uk.bookinfo.com/reviews/1")));
    QCOMPARE(loaded.file.tests.back().name,
             std::optional(QStringLiteral("GET uk.bookinfo.com/reviews/1 (2)")));
    QCOMPARE(*added.request->headers.value(QStringLiteral("end-user")), QStringLiteral("bob"));
    QCOMPARE(added.expect->route, std::optional(QStringLiteral("reviews-canary")));
    QCOMPARE(added.expect->destination,
             std::optional(QStringLiteral("reviews.bookinfo-namespace.svc.cluster.local/v1")));
    QCOMPARE(added.expect->gateway,
             std::optional(QStringLiteral("some-config-namespace/my-gateway")));
    QCOMPARE(dock.model().rowCount(), tests + 2);
    QCOMPARE(rowsWith(dock, QStringLiteral("pass")), tests + 2);
}

void TestRouteTestsDock::addAsTestWithoutAFileCreatesOne()
{
    ProxyController proxy(*m_workspace);
    RequestTester requestTester(*m_workspace, proxy);
    RouteTestsDock dock(*m_workspace);
    const QString path = m_dir->filePath(QStringLiteral("tests/new.routes.yaml"));
    QVERIFY(QDir(m_dir->path()).mkpath(QStringLiteral("tests")));
    dock.setFileChooser([&] { return path; });
    connect(&requestTester, &RequestTester::addAsTestRequested, &dock, &RouteTestsDock::addTest);
    requestTester.setRequest(QStringLiteral("GET"), QStringLiteral("http://uk.bookinfo.com/x"));
    requestTester.send();
    requestTester.findChild<QPushButton *>(QStringLiteral("testerAddAsTest"))->click();

    QCOMPARE(dock.filePath(), path);
    const RouteTest::LoadedFile loaded = RouteTest::loadTestFile(path);
    QVERIFY2(loaded.ok(), readAll(path).constData());
    QCOMPARE(loaded.file.tests.size(), size_t(1));
    QCOMPARE(loaded.file.tests[0].expect->status, std::optional(301));
    QVERIFY(loaded.file.tests[0].expect->redirect);
    // The config names the workspace's files relative to the new file.
    QCOMPARE(loaded.file.config.size(), size_t(3));
    for (const QString &config : loaded.file.config)
        QVERIFY2(config.startsWith(QStringLiteral("../design/")), qPrintable(config));
    QCOMPARE(rowsWith(dock, QStringLiteral("pass")), 1);
}

void TestRouteTestsDock::unreadableFileIsAnErrorRow()
{
    const QString path = m_dir->filePath(QStringLiteral("broken.routes.yaml"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("tests:\n  - name: a\n    request: {url: http://a/}\n    expekt: {status: 404}\n");
    file.close();
    RouteTestsDock dock(*m_workspace);
    QAbstractItemModelTester tester(&dock.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(!dock.open(path));
    QCOMPARE(dock.model().rowCount(), 1);
    QCOMPARE(dock.model().index(0, RouteTestModel::Verdict).data().toString(),
             QStringLiteral("error"));
    QVERIFY2(dock.model()
                 .index(0, RouteTestModel::Failure)
                 .data()
                 .toString()
                 .contains(QStringLiteral("expekt")),
             qPrintable(dock.model().index(0, RouteTestModel::Failure).data().toString()));
    dock.setFilter(RouteTestsDock::Filter::Failed);
    QCOMPARE(dock.filteredModel().rowCount(), 1);
}

QTEST_MAIN(TestRouteTestsDock)
#include "tst_routetestsdock.moc"
