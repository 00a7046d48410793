// Every route test file under tests/routes, run through the route engine: one table row per
// test case. The files state Istio's rules (semantics doc §2.7, §3, §4, §5) as requests and
// the decisions a real ingress gateway makes for them.

#include "routetest/routetestrunner.h"
#include "testsupport.h"

namespace {

QString routesDir()
{
    return QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/routes");
}

QStringList routeFiles()
{
    QStringList files;
    QDirIterator it(routesDir(), {QStringLiteral("*.routes.yaml")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    files.sort();
    return files;
}

} // namespace

class TestRouteFiles : public QObject {
    Q_OBJECT

private slots:
    void filesLoad_data();
    void filesLoad();
    void decisions_data();
    void decisions();
    void sampleIsFullyCovered();
    void compilerRecordsDrops_data();
    void compilerRecordsDrops();
};

void TestRouteFiles::filesLoad_data()
{
    QTest::addColumn<QString>("path");
    for (const QString &path : routeFiles())
        QTest::newRow(qPrintable(QDir(routesDir()).relativeFilePath(path))) << path;
}

void TestRouteFiles::filesLoad()
{
    QFETCH(QString, path);
    const RouteTest::LoadedFile loaded = RouteTest::loadTestFile(path);
    for (const Core::Diagnostic &diagnostic : loaded.diagnostics)
        qWarning().noquote() << diagnostic.toText();
    QVERIFY(loaded.ok());
    QVERIFY(!loaded.file.tests.empty());
}

void TestRouteFiles::decisions_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("index");
    for (const QString &path : routeFiles()) {
        const RouteTest::LoadedFile loaded = RouteTest::loadTestFile(path);
        for (int i = 0; i < int(loaded.file.tests.size()); ++i) {
            const QString row = QFileInfo(path).baseName() + QStringLiteral(": ") +
                                loaded.file.tests[i].name.value_or(QString());
            QTest::newRow(qPrintable(row)) << path << i;
        }
    }
}

void TestRouteFiles::decisions()
{
    QFETCH(QString, path);
    QFETCH(int, index);
    RouteTest::LoadedFile loaded = RouteTest::loadTestFile(path);
    // Run just this test case, so a failure names it.
    RouteTest::TestCase test = loaded.file.tests.at(index);
    loaded.file.tests = {test};
    const RouteTest::RunResult result = RouteTest::runTestFile(loaded);
    QVERIFY(result.loadErrors.isEmpty());
    QCOMPARE(result.tests.size(), std::size_t(1));
    QStringList failures;
    for (const RouteTest::Failure &failure : result.tests.front().failures)
        failures << QStringLiteral("%1: expected %2, got %3")
                        .arg(failure.key, failure.expected, failure.actual);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n')) + QLatin1Char('\n') +
                                            result.tests.front().decision.summary()));
}

void TestRouteFiles::sampleIsFullyCovered()
{
    const RouteTest::LoadedFile loaded =
        RouteTest::loadTestFile(routesDir() + QStringLiteral("/bookinfo.routes.yaml"));
    const RouteTest::RunResult result = RouteTest::runTestFile(loaded);
    QCOMPARE(result.failed(), 0);
    QCOMPARE(result.coverage.routes.size(), 11);
    QVERIFY2(result.coverage.uncovered().isEmpty(),
             qPrintable(result.coverage.uncovered().join(QLatin1Char(' '))));
}

void TestRouteFiles::compilerRecordsDrops_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("HTTP after TCP on one port") << "listeners.routes.yaml"
                                                << "GH2001"
                                                << "server http-on-tcp-port";
    QTest::newRow("TLS after plaintext on one port") << "listeners.routes.yaml"
                                                     << "GH2001"
                                                     << "server tls-after-plain";
    QTest::newRow("TLS server repeating a host") << "listeners.routes.yaml"
                                                 << "GH2002"
                                                 << "host secure.example.com";
    QTest::newRow("repeated passthrough SNI") << "tls.routes.yaml"
                                              << "GH2003"
                                              << "SNI a.pass.com";
    QTest::newRow("mesh-only mode") << "tls.routes.yaml"
                                    << "GH2007"
                                    << "ISTIO_MUTUAL";
    QTest::newRow("missing delegate") << "merging.routes.yaml"
                                      << "GH2005"
                                      << "default/not-there";
    QTest::newRow("delegate route outside the root") << "merging.routes.yaml"
                                                     << "GH2006"
                                                     << "http[1] of delegate";
}

void TestRouteFiles::compilerRecordsDrops()
{
    QFETCH(QString, file);
    QFETCH(QString, code);
    QFETCH(QString, messagePart);
    const RouteTest::LoadedFile loaded =
        RouteTest::loadTestFile(routesDir() + QStringLiteral("/semantics/") + file);
    const RouteTest::RunResult result = RouteTest::runTestFile(loaded);
    QStringList notes;
    bool found = false;
    for (const Core::Diagnostic &note : result.configNotes) {
        notes << note.code + QLatin1Char(' ') + note.toText();
        found = found || (note.code == code && note.message.contains(messagePart) &&
                          note.subject.position.isValid());
    }
    QVERIFY2(found, qPrintable(notes.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestRouteFiles)
#include "tst_routefiles.moc"
