// The gatehouse command line, run as a real process: exit codes, help, validate and export.

#include "testsupport.h"

#include "yaml/nodeequality.h"

#include <QProcess>
#include <QTemporaryDir>

#include <yaml-cpp/yaml.h>

namespace {

struct Result {
    int exitCode = -1;
    QString out;
    QString err;
    QByteArray rawOut;
};

Result runGatehouse(const QStringList &arguments, const QByteArray &environmentDisplay = {})
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
    if (!environmentDisplay.isEmpty())
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QString::fromLatin1(environmentDisplay));
    process.setProcessEnvironment(environment);
    process.start(qEnvironmentVariable("GATEHOUSE_BINARY"), arguments);
    if (!process.waitForFinished(60000))
        qFatal("gatehouse did not finish");
    Result result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.rawOut = process.readAllStandardOutput();
    result.out = QString::fromUtf8(result.rawOut);
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

QString sample()
{
    return QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/samples/bookinfo");
}

QString writeTemp(QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    file.open(QIODevice::WriteOnly);
    file.write(content);
    return path;
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void exitCodes_data();
    void exitCodes();
    void validateMalformed();
    void validateCorpusHasNoSyntaxErrors();
    void exportSample();
    void exportToFile();
    void exportRefusesInvalidYaml();
    void noDisplayFallsBackToHeadless();
};

void TestCli::initTestCase()
{
    QVERIFY2(QFileInfo::exists(qEnvironmentVariable("GATEHOUSE_BINARY")),
             "GATEHOUSE_BINARY must name the built gatehouse executable");
}

void TestCli::exitCodes_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("outContains");
    QTest::addColumn<QString>("errContains");

    QTest::newRow("--version") << QStringList{"--version"} << 0 << "gatehouse 0." << "";
    QTest::newRow("--help") << QStringList{"--help"} << 0 << "Commands:" << "";
    QTest::newRow("help validate") << QStringList{"help", "validate"} << 0
                                   << "Usage: gatehouse validate PATH..." << "";
    QTest::newRow("help export") << QStringList{"help", "export"} << 0
                                 << "Usage: gatehouse export PATH... [-o FILE]" << "";
    QTest::newRow("validate --help") << QStringList{"validate", "--help"} << 0
                                     << "Usage: gatehouse validate" << "";
    QTest::newRow("help for an unknown command")
        << QStringList{"help", "frobnicate"} << 2 << "" << "no such command \"frobnicate\"";
    QTest::newRow("unknown command") << QStringList{"frobnicate"} << 2 << ""
                                     << "unknown command \"frobnicate\"";
    QTest::newRow("unknown option") << QStringList{"--frobnicate"} << 2 << ""
                                    << "unknown option \"--frobnicate\"";
    QTest::newRow("unknown subcommand option")
        << QStringList{"validate", "--frobnicate", sample()} << 2 << "" << "Unknown option";
    QTest::newRow("validate without paths") << QStringList{"validate"} << 2 << ""
                                            << "no PATH given";
    QTest::newRow("validate a missing path")
        << QStringList{"validate", "/no/such/manifest.yaml"} << 2 << ""
        << "/no/such/manifest.yaml: no such file or folder";
    QTest::newRow("validate the sample") << QStringList{"validate", sample()} << 0 << ""
                                         << "3 file(s), 9 document(s): 0 error(s), 0 warning(s)";
    QTest::newRow("export without paths") << QStringList{"export"} << 2 << "" << "no PATH given";
}

void TestCli::exitCodes()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, outContains);
    QFETCH(QString, errContains);
    const Result result = runGatehouse(arguments);
    QVERIFY2(result.exitCode == exitCode,
             qPrintable(QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
                            .arg(result.exitCode)
                            .arg(result.out, result.err)));
    QVERIFY2(result.out.contains(outContains), qPrintable(result.out));
    QVERIFY2(result.err.contains(errContains), qPrintable(result.err));
}

void TestCli::validateMalformed()
{
    QTemporaryDir dir;
    const QString path = writeTemp(dir, QStringLiteral("bad.yaml"),
                                   "apiVersion: networking.istio.io/v1\n"
                                   "kind: Gateway\n"
                                   "metadata: {name: gw, namespace: edge}\n"
                                   "spec:\n"
                                   "  servers:\n"
                                   "  - port: {number: \"abc\", name: http, protocol: HTTPX}\n"
                                   "    hosts: [a.example.com]\n"
                                   "---\n"
                                   "[not, an, object]\n");
    const Result result = runGatehouse({QStringLiteral("validate"), path});
    QCOMPARE(result.exitCode, 1);
    const QStringList lines = result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines.at(0), QStringLiteral("ERROR %1:6:20 Gateway edge/gw: spec.servers[0].port.number "
                                         "must be an integer, not the string \"abc\"")
                              .arg(path));
    QVERIFY(lines.at(1).startsWith(QStringLiteral("ERROR %1:6:49 Gateway edge/gw: unknown protocol \"HTTPX\"").arg(path)));
    QVERIFY(lines.at(2).startsWith(QStringLiteral("ERROR %1:9:1 document 2: ").arg(path)));
}

void TestCli::validateCorpusHasNoSyntaxErrors()
{
    if (TestSupport::corpusDir().isEmpty())
        QSKIP(qPrintable(TestSupport::corpusMissingMessage()));
    const Result result = runGatehouse({QStringLiteral("validate"), TestSupport::corpusDir()});
    QVERIFY2(!result.out.contains(QStringLiteral("not valid YAML")), qPrintable(result.out));
    QVERIFY(result.exitCode == 0 || result.exitCode == 1);
    QVERIFY2(result.err.contains(QStringLiteral("file(s)")), qPrintable(result.err));
}

void TestCli::exportSample()
{
    const Result result = runGatehouse({QStringLiteral("export"), sample()});
    QCOMPARE(result.exitCode, 0);
    std::vector<YAML::Node> exported = YAML::LoadAll(result.rawOut.toStdString());
    std::erase_if(exported, [](const YAML::Node &n) { return n.IsNull(); });
    QCOMPARE(exported.size(), std::size_t(9));
    QCOMPARE(QString::fromStdString(exported.front()["kind"].Scalar()), QStringLiteral("DestinationRule"));

    // Same data, same order as the files read one after the other (sorted by path).
    std::vector<YAML::Node> expected;
    for (const char *name : {"destinationrules.yaml", "gateway.yaml", "virtualservices.yaml"}) {
        const QByteArray text = TestSupport::readFile(sample() + QLatin1Char('/') + QLatin1String(name));
        for (const YAML::Node &node : YAML::LoadAll(text.toStdString())) {
            if (!node.IsNull())
                expected.push_back(node);
        }
    }
    QCOMPARE(exported.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        std::string difference;
        QVERIFY2(Yaml::dataEqual(expected[i], exported[i], &difference), difference.c_str());
    }
}

void TestCli::exportToFile()
{
    QTemporaryDir dir;
    const QString output = dir.filePath(QStringLiteral("out.yaml"));
    const Result result =
        runGatehouse({QStringLiteral("export"), sample() + QStringLiteral("/gateway.yaml"),
                      QStringLiteral("-o"), output});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.out.isEmpty());
    const QByteArray written = TestSupport::readFile(output);
    QVERIFY(written.startsWith("---\n# The Bookinfo ingress gateway"));
    QVERIFY(written.endsWith(TestSupport::readFile(sample() + QStringLiteral("/gateway.yaml"))));
}

void TestCli::exportRefusesInvalidYaml()
{
    QTemporaryDir dir;
    const QString path = writeTemp(dir, QStringLiteral("broken.yaml"), "a: [1, 2\n");
    const QString output = dir.filePath(QStringLiteral("out.yaml"));
    const Result result = runGatehouse({QStringLiteral("export"), path, QStringLiteral("-o"), output});
    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.err.contains(QStringLiteral("not valid YAML")));
    QVERIFY(!QFileInfo::exists(output));
}

void TestCli::noDisplayFallsBackToHeadless()
{
    const Result result = runGatehouse({sample()});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.err.contains(QStringLiteral("no display available")), qPrintable(result.err));
    QVERIFY(result.err.contains(QStringLiteral("gatehouse validate")));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
