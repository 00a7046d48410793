// Writing route tests into a file a person wrote: only the new test is added, every other byte
// stays; what is written reads back through the loader as the same test.

#include "compile/compiler.h"
#include "route/decide.h"
#include "routetest/routetestloader.h"
#include "routetest/routetestrunner.h"
#include "routetest/routetestwriter.h"
#include "testsupport.h"
#include "yaml/scalar.h"

#include <QTemporaryDir>

namespace {

RouteTest::TestCase sampleTest(const QString &name)
{
    RouteTest::TestCase test;
    test.name = name;
    RouteTest::RequestSpec request;
    request.url = QStringLiteral("https://uk.bookinfo.com/reviews/1?x=1&y=: #2");
    request.method = QStringLiteral("POST");
    request.headers.set(QStringLiteral("end-user"), QStringLiteral("jason"));
    request.headers.set(QStringLiteral("x-quoted"), QStringLiteral("say \"hi\"\tnow"));
    request.body = QStringLiteral("line 1\nline 2 ✓");
    test.request = request;
    RouteTest::Expectation expect;
    expect.gateway = QStringLiteral("some-config-namespace/my-gateway");
    expect.route = QStringLiteral("true"); // a string that YAML would read as a boolean
    expect.status = 301;
    expect.redirect = QStringLiteral("https://x.example.com/");
    test.expect = expect;
    return test;
}

RouteTest::LoadedFile parse(const QByteArray &text)
{
    return RouteTest::parseTestFile(QStringLiteral("t.routes.yaml"), text);
}

} // namespace

class TestRouteTestWriter : public QObject {
    Q_OBJECT

private slots:
    void scalars_data();
    void scalars();
    void appendKeepsTheRestOfTheFile_data();
    void appendKeepsTheRestOfTheFile();
    void flowListIsRefused();
    void uniqueNames();
    void newFileRunsAgainstItsConfig();
};

void TestRouteTestWriter::scalars_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QByteArray>("yaml");
    QTest::newRow("plain") << "reviews-v2" << QByteArray("reviews-v2");
    QTest::newRow("url") << "https://a.b/c?d=1" << QByteArray("https://a.b/c?d=1");
    QTest::newRow("words with spaces") << "jason sees v2" << QByteArray("jason sees v2");
    QTest::newRow("empty") << "" << QByteArray("\"\"");
    QTest::newRow("boolean word") << "yes" << QByteArray("\"yes\"");
    QTest::newRow("null") << "null" << QByteArray("\"null\"");
    QTest::newRow("number") << "404" << QByteArray("\"404\"");
    QTest::newRow("colon space") << "a: b" << QByteArray("\"a: b\"");
    QTest::newRow("comment") << "a #b" << QByteArray("\"a #b\"");
    QTest::newRow("indicator first") << "*star" << QByteArray("\"*star\"");
    QTest::newRow("quotes and escapes") << "say \"hi\"\\\n"
                                        << QByteArray("\"say \\\"hi\\\"\\\\\\n\"");
    QTest::newRow("control") << QStringLiteral("a\x01") << QByteArray("\"a\\x01\"");
    QTest::newRow("unicode") << "héllo ✓" << QByteArray("\"héllo ✓\"");
}

void TestRouteTestWriter::scalars()
{
    QFETCH(QString, value);
    QFETCH(QByteArray, yaml);
    QCOMPARE(Yaml::stringScalar(value), yaml);
    // Whatever was written reads back as the same string.
    const RouteTest::LoadedFile loaded = parse("tests:\n  - name: " + Yaml::stringScalar(value) +
                                               "\n    request: {url: "
                                               "http://a/}\n");
    QVERIFY2(loaded.ok(), qPrintable(loaded.diagnostics.value(0).message));
    QCOMPARE(loaded.file.tests.at(0).name.value_or(QStringLiteral("?")), value);
}

void TestRouteTestWriter::appendKeepsTheRestOfTheFile_data()
{
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<QByteArray>("expectedPrefix"); // the original bytes the result starts with
    QTest::addColumn<QByteArray>("expectedSuffix"); // and the original bytes it ends with

    const QByteArray commented = "# my tests\nconfig:\n  - ../x.yaml  # the design\n"
                                 "tests:\n  # first\n  - name: one\n    request:\n"
                                 "      url: http://a/\n";
    QTest::newRow("comments kept, appended at the end") << commented << commented << QByteArray();
    const QByteArray head = "tests:\n- name: one\n  request: {url: http://a/}\n\n"
                            "- name: two\n  request: {url: http://b/}\n";
    const QByteArray tail = "\n# the design\nconfig: [../x.yaml]\n";
    QTest::newRow("list before another key, items at column 0") << head + tail << head << tail;
    QTest::newRow("empty flow list") << QByteArray("config: [x.yaml]\ntests: []  # none yet\n")
                                     << QByteArray("config: [x.yaml]\ntests:") << QByteArray();
    QTest::newRow("no list yet") << QByteArray("config: [x.yaml]") << QByteArray("config: [x.yaml]")
                                 << QByteArray();
    QTest::newRow("no newline at the end")
        << QByteArray("tests:\n  - name: one\n    request: {url: http://a/}")
        << QByteArray("tests:\n  - name: one\n    request: {url: http://a/}") << QByteArray();
    const QByteArray crlf = "tests:\r\n  - name: one\r\n    request: {url: http://a/}\r\n";
    QTest::newRow("CRLF") << crlf << crlf << QByteArray();
}

void TestRouteTestWriter::appendKeepsTheRestOfTheFile()
{
    QFETCH(QByteArray, before);
    QFETCH(QByteArray, expectedPrefix);
    QFETCH(QByteArray, expectedSuffix);
    const RouteTest::LoadedFile original = parse(before);
    const RouteTest::TestCase test = sampleTest(QStringLiteral("added"));
    QString error;
    const std::optional<QByteArray> after = RouteTest::appendTest(before, test, &error);
    QVERIFY2(after, qPrintable(error));
    QVERIFY2(after->startsWith(expectedPrefix), after->constData());
    QVERIFY2(after->endsWith(expectedSuffix), after->constData());
    if (before.contains("\r\n")) // the file's line endings are kept
        QCOMPARE(after->count("\n"), after->count("\r\n"));

    const RouteTest::LoadedFile loaded = parse(*after);
    QVERIFY2(loaded.ok(), qPrintable(loaded.diagnostics.value(0).message + "\n" + *after));
    QCOMPARE(loaded.file.tests.size(), original.file.tests.size() + 1);
    QCOMPARE(loaded.file.tests.back(), test);
    QCOMPARE(loaded.file.config, original.file.config);
    for (size_t i = 0; i < original.file.tests.size(); ++i)
        QCOMPARE(loaded.file.tests[i], original.file.tests[i]);
}

void TestRouteTestWriter::flowListIsRefused()
{
    QString error;
    QVERIFY(!RouteTest::appendTest("tests: [{name: a, request: {url: http://a/}}]\n",
                                   sampleTest(QStringLiteral("b")), &error));
    QVERIFY(error.contains(QStringLiteral("flow style")));
}

void TestRouteTestWriter::uniqueNames()
{
    QCOMPARE(RouteTest::uniqueTestName(QStringLiteral("a"), {}), QStringLiteral("a"));
    QCOMPARE(RouteTest::uniqueTestName(QStringLiteral("a"), {QStringLiteral("a")}),
             QStringLiteral("a (2)"));
    QCOMPARE(RouteTest::uniqueTestName(QStringLiteral("a"),
                                       {QStringLiteral("a"), QStringLiteral("a (2)")}),
             QStringLiteral("a (3)"));
}

void TestRouteTestWriter::newFileRunsAgainstItsConfig()
{
    // A decision's expectations, written to a new file, pass when the file runs.
    const QString sample = QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/samples/bookinfo");
    Project::Workspace workspace;
    QVERIFY(workspace.addPath(sample));
    const auto config = Compile::compile(workspace);
    QTemporaryDir dir;
    QList<RouteTest::TestCase> tests;
    for (const QString &url : {QStringLiteral("https://uk.bookinfo.com/reviews/1"),
                               QStringLiteral("http://uk.bookinfo.com/productpage"),
                               QStringLiteral("https://uk.bookinfo.com/shop"),
                               QStringLiteral("http://nowhere.example.com/")}) {
        QString error;
        const Route::Request request = *Route::Request::fromUrl(QStringLiteral("GET"), url, &error);
        RouteTest::TestCase test;
        test.name = url;
        test.request = RouteTest::RequestSpec{};
        test.request->url = url;
        test.expect = RouteTest::expectationFrom(Route::decide(*config, request, false));
        tests << test;
    }
    QCOMPARE(tests[0].expect->destination,
             std::optional(QStringLiteral("reviews.bookinfo-namespace.svc.cluster.local/v1")));
    QCOMPARE(tests[1].expect->status, std::optional(301));
    QCOMPARE(tests[3].expect->status, std::optional(404));

    const QString relative = QDir(dir.path()).relativeFilePath(sample);
    QByteArray text = RouteTest::newTestFile({relative}, tests[0]);
    for (int i = 1; i < tests.size(); ++i) {
        QString error;
        text = *RouteTest::appendTest(text, tests[i], &error);
    }
    const QString path = dir.filePath(QStringLiteral("new.routes.yaml"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
    file.close();
    const RouteTest::LoadedFile loaded = RouteTest::loadTestFile(path);
    QVERIFY2(loaded.ok(), text.constData());
    const RouteTest::RunResult result = RouteTest::runTestFile(loaded);
    QVERIFY(result.loadErrors.isEmpty());
    QCOMPARE(result.passed(), 4);
}

QTEST_GUILESS_MAIN(TestRouteTestWriter)
#include "tst_routetestwriter.moc"
