// The gatehouse command line, run as a real process: exit codes, help, validate, export and
// certs. The local development CA lives in a temporary folder ($GATEHOUSE_CA_DIR).

#include "testsupport.h"
#include "yaml/nodeequality.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <csignal>
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
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"),
                           QString::fromLatin1(environmentDisplay));
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

// openssl run with `arguments`; nullopt when it is not installed.
std::optional<Result> runOpenssl(const QStringList &arguments)
{
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        return std::nullopt;
    QProcess process;
    process.start(openssl, arguments);
    if (!process.waitForFinished(30000))
        qFatal("openssl did not finish");
    Result result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

QFileDevice::Permissions groupAndOthers()
{
    return QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
           QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
}

// The value of a "Label:   value" line of `gatehouse certs` output.
QString fieldOf(const QString &output, const QString &label)
{
    const QRegularExpression line(QStringLiteral("^\\s*") + QRegularExpression::escape(label) +
                                      QStringLiteral("\\s+(.*)$"),
                                  QRegularExpression::MultilineOption);
    return line.match(output).captured(1).trimmed();
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
    void validateFormats();
    void validateThresholdsAndSuppression_data();
    void validateThresholdsAndSuppression();
    void validateAnalyzerSelection();
    void validateWithLocalEnvironment();
    void echoServesUntilTerminated();
    void serveAnswersReloadsAndStops();
    void exportSample();
    void exportToFile();
    void exportWithApiVersion();
    void exportRefusesInvalidYaml();
    void exportValidatesFirst();
    void noDisplayFallsBackToHeadless();
    void traceExplainsADecision();
    void traceJson();
    void traceShowsNearMisses();
    void traceShowsTheLocalUrlOfARedirect();
    void testRunsTheSampleRouteFile();
    void testReportsFailures();
    void testExitCodes_data();
    void testExitCodes();
    void testWritesJunitAndJson();
    void certsCaIssueAndClient();
    void certsRacingProcessesShareOneCa();
    void certsInspect_data();
    void certsInspect();
    void certsSecret();
    void exportIncludeSecrets();
    void exportIncludeSecretsFromEnvironment();

private:
    bool ensureCertificates();

    QTemporaryDir m_caDir;
    QTemporaryDir m_certificates; // ca/, other/ (two CAs) and out/ (what certs issue wrote)
    bool m_certificatesIssued = false;
};

void TestCli::initTestCase()
{
    QVERIFY2(QFileInfo::exists(qEnvironmentVariable("GATEHOUSE_BINARY")),
             "GATEHOUSE_BINARY must name the built gatehouse executable");
    // Every command that needs the local CA finds it here, never in the user's data folder.
    QVERIFY(m_caDir.isValid());
    qputenv("GATEHOUSE_CA_DIR", m_caDir.filePath(QStringLiteral("default")).toLocal8Bit());
}

void TestCli::exitCodes_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("outContains");
    QTest::addColumn<QString>("errContains");

    QTest::newRow("--version") << QStringList{"--version"} << 0 << "gatehouse 0."
                               << "";
    QTest::newRow("--help") << QStringList{"--help"} << 0 << "Commands:"
                            << "";
    QTest::newRow("help validate")
        << QStringList{"help", "validate"} << 0 << "Usage: gatehouse validate PATH..."
        << "";
    QTest::newRow("help export") << QStringList{"help", "export"} << 0
                                 << "Usage: gatehouse export PATH... [-o FILE]"
                                 << "";
    QTest::newRow("validate --help")
        << QStringList{"validate", "--help"} << 0 << "Usage: gatehouse validate"
        << "";
    QTest::newRow("help for an unknown command") << QStringList{"help", "frobnicate"} << 2 << ""
                                                 << "no such command \"frobnicate\"";
    QTest::newRow("unknown command") << QStringList{"frobnicate"} << 2 << ""
                                     << "unknown command \"frobnicate\"";
    QTest::newRow("unknown option") << QStringList{"--frobnicate"} << 2 << ""
                                    << "unknown option \"--frobnicate\"";
    QTest::newRow("unknown subcommand option")
        << QStringList{"validate", "--frobnicate", sample()} << 2 << ""
        << "Unknown option";
    QTest::newRow("validate without paths") << QStringList{"validate"} << 2 << ""
                                            << "no PATH given";
    QTest::newRow("validate a missing path")
        << QStringList{"validate", "/no/such/manifest.yaml"} << 2 << ""
        << "/no/such/manifest.yaml: no such file or folder";
    QTest::newRow("validate the sample") << QStringList{"validate", sample()} << 0 << ""
                                         << "3 file(s), 9 document(s): 0 error(s), 0 warning(s)";
    QTest::newRow("export without paths") << QStringList{"export"} << 2 << ""
                                          << "no PATH given";
    QTest::newRow("export with an unknown api version")
        << QStringList{"export", sample(), "--api-version", "v2"} << 2 << ""
        << "--api-version v2: expected v1, v1beta1 or v1alpha3";
    QTest::newRow("explain a code") << QStringList{"explain", "gh1005"} << 0
                                    << "GH1005 DuplicateKey (error)\nThe same key appears twice"
                                    << "";
    QTest::newRow("explain lists every code")
        << QStringList{"explain"} << 0 << "GH2004  InvalidRegex"
        << "";
    QTest::newRow("explain an unknown code") << QStringList{"explain", "GH9999"} << 2 << ""
                                             << "unknown code \"GH9999\"";
    QTest::newRow("explain a certificate code")
        << QStringList{"explain", "GH6008"} << 0 << "GH6008 StandInCertificate (warning)"
        << "";
    QTest::newRow("help certs") << QStringList{"help", "certs"} << 0
                                << "Usage: gatehouse certs ca [--export FILE]"
                                << "";
    QTest::newRow("certs without a subcommand") << QStringList{"certs"} << 2 << ""
                                                << "gatehouse certs: no subcommand given";
    QTest::newRow("certs with an unknown subcommand") << QStringList{"certs", "frob"} << 2 << ""
                                                      << "unknown subcommand \"frob\"";
    QTest::newRow("certs issue without hosts") << QStringList{"certs", "issue"} << 2 << ""
                                               << "gatehouse certs issue: no HOST given";
    QTest::newRow("certs issue a bad host") << QStringList{"certs", "issue", "bad host"} << 2 << ""
                                            << "\"bad host\" is not a host name or IP address";
    QTest::newRow("certs client with two names")
        << QStringList{"certs", "client", "a", "b"} << 2 << ""
        << "client takes one NAME";
    QTest::newRow("certs inspect a missing file")
        << QStringList{"certs", "inspect", "/no/such.crt"} << 2 << ""
        << "cannot read /no/such.crt: no such file";
    QTest::newRow("certs secret without a key")
        << QStringList{"certs", "secret", "s", "--cert", "/no/such.crt"} << 2 << ""
        << "--cert FILE and --key FILE are required";
    QTest::newRow("export --env with a missing file")
        << QStringList{"export", sample(), "--include-secrets", "--env", "/no/such/env.yaml"} << 2
        << ""
        << "/no/such/env.yaml";
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
    QCOMPARE(lines.at(0),
             QStringLiteral("Error [GH1002] (Gateway edge/gw %1:6:20) spec.servers[0].port.number "
                            "must be an integer, not the string \"abc\"")
                 .arg(path));
    QVERIFY(lines.at(1).startsWith(
        QStringLiteral("Error [GH1003] (Gateway edge/gw %1:6:49) unknown protocol \"HTTPX\"")
            .arg(path)));
    QVERIFY(
        lines.at(2).startsWith(QStringLiteral("Error [GH1006] (document 2 %1:9:1) ").arg(path)));
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

namespace {

// Two Gateways on one workload claiming the same host and port (IST0145, an error), the
// second with a server that names a certificate but no TLS mode (IST0133 and GH4001 warnings).
QString writeConflict(QTemporaryDir &dir)
{
    return writeTemp(
        dir, QStringLiteral("conflict.yaml"),
        "apiVersion: networking.istio.io/v1\nkind: Gateway\n"
        "metadata: {name: alpha, namespace: edge}\n"
        "spec:\n  selector: {istio: ingressgateway}\n  servers:\n"
        "  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: [a.example.com]\n"
        "---\napiVersion: networking.istio.io/v1\nkind: Gateway\n"
        "metadata: {name: beta, namespace: edge}\n"
        "spec:\n  selector: {istio: ingressgateway}\n  servers:\n"
        "  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: [a.example.com]\n"
        "  - port: {number: 443, name: https, protocol: HTTPS}\n    hosts: [a.example.com]\n"
        "    tls: {credentialName: cert}\n");
}

} // namespace

void TestCli::validateFormats()
{
    QTemporaryDir dir;
    const QString path = writeConflict(dir);
    const Result text = runGatehouse({QStringLiteral("validate"), path});
    QCOMPARE(text.exitCode, 1);
    QVERIFY2(text.out.contains(
                 QStringLiteral(
                     "Error [IST0145] (Gateway edge/alpha %1:7:5) Conflict with gateways edge/beta "
                     "(workload selector istio=ingressgateway, port 80, hosts a.example.com). [see "
                     "Gateway edge/beta %1:12:12]")
                     .arg(path)),
             qPrintable(text.out));

    const Result json = runGatehouse(
        {QStringLiteral("validate"), QStringLiteral("-o"), QStringLiteral("json"), path});
    QCOMPARE(json.exitCode, 1);
    const QJsonArray array = QJsonDocument::fromJson(json.rawOut).array();
    QVERIFY2(!array.isEmpty(), qPrintable(json.out));
    const auto conflict = std::find_if(array.begin(), array.end(), [](const QJsonValue &v) {
        return v[QStringLiteral("code")] == QStringLiteral("IST0145");
    });
    QVERIFY(conflict != array.end());
    const QJsonObject object = conflict->toObject();
    QCOMPARE(object[QStringLiteral("level")].toString(), QStringLiteral("Error"));
    QCOMPARE(object[QStringLiteral("type")].toString(), QStringLiteral("ConflictingGateways"));
    QCOMPARE(object[QStringLiteral("resource")][QStringLiteral("kind")].toString(),
             QStringLiteral("Gateway"));
    QCOMPARE(object[QStringLiteral("resource")][QStringLiteral("namespace")].toString(),
             QStringLiteral("edge"));
    QCOMPARE(object[QStringLiteral("resource")][QStringLiteral("name")].toString(),
             QStringLiteral("alpha"));
    QCOMPARE(object[QStringLiteral("file")].toString(), path);
    QCOMPARE(object[QStringLiteral("line")].toInt(), 7);
    QCOMPARE(object[QStringLiteral("column")].toInt(), 5);
    QCOMPARE(object[QStringLiteral("related")][QStringLiteral("resource")][QStringLiteral("name")]
                 .toString(),
             QStringLiteral("beta"));

    const Result sarif = runGatehouse(
        {QStringLiteral("validate"), QStringLiteral("--output"), QStringLiteral("sarif"), path});
    QCOMPARE(sarif.exitCode, 1);
    const QJsonObject log = QJsonDocument::fromJson(sarif.rawOut).object();
    QCOMPARE(log[QStringLiteral("version")].toString(), QStringLiteral("2.1.0"));
    const QJsonObject run = log[QStringLiteral("runs")].toArray().at(0).toObject();
    QCOMPARE(
        run[QStringLiteral("tool")][QStringLiteral("driver")][QStringLiteral("name")].toString(),
        QStringLiteral("gatehouse"));
    const QJsonArray results = run[QStringLiteral("results")].toArray();
    QCOMPARE(results.size(), array.size());
    const QJsonObject first = results.at(0).toObject();
    QVERIFY(!first[QStringLiteral("ruleId")].toString().isEmpty());
    const QJsonObject region = first[QStringLiteral("locations")][0]
                                    [QStringLiteral("physicalLocation")][QStringLiteral("region")]
                                        .toObject();
    QVERIFY(region[QStringLiteral("startLine")].toInt() > 0);
    const QJsonArray rules =
        run[QStringLiteral("tool")][QStringLiteral("driver")][QStringLiteral("rules")].toArray();
    QVERIFY(std::any_of(rules.begin(), rules.end(), [](const QJsonValue &rule) {
        return rule[QStringLiteral("id")] == QStringLiteral("IST0145") &&
               !rule[QStringLiteral("fullDescription")][QStringLiteral("text")]
                    .toString()
                    .isEmpty();
    }));
}

void TestCli::validateThresholdsAndSuppression_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QStringList>("present");
    QTest::addColumn<QStringList>("absent");
    QTest::newRow("default threshold")
        << QStringList{} << 1 << QStringList{"[IST0145]", "[GH4001]"} << QStringList{};
    QTest::newRow("errors suppressed, warnings below threshold")
        << QStringList{"--suppress", "IST0145=Gateway edge/*"} << 0 << QStringList{"[GH4001]"}
        << QStringList{"[IST0145]"};
    QTest::newRow("istioctl suppression form")
        << QStringList{"--suppress", "IST0145=Gateway *.edge"} << 0 << QStringList{}
        << QStringList{"[IST0145]"};
    QTest::newRow("warning threshold")
        << QStringList{"--suppress", "IST0145=Gateway edge/*", "--failure-threshold", "Warning"}
        << 1 << QStringList{"[GH4001]"} << QStringList{};
    QTest::newRow("output threshold")
        << QStringList{"--output-threshold", "Error"} << 1 << QStringList{"[IST0145]"}
        << QStringList{"[GH4001]", "[IST0133]"};
    QTest::newRow("bad threshold")
        << QStringList{"--failure-threshold", "Fatal"} << 2 << QStringList{} << QStringList{};
    QTest::newRow("bad suppression")
        << QStringList{"--suppress", "IST0145"} << 2 << QStringList{} << QStringList{};
    QTest::newRow("bad format") << QStringList{"-o", "yaml"} << 2 << QStringList{} << QStringList{};
}

void TestCli::validateThresholdsAndSuppression()
{
    QFETCH(QStringList, options);
    QFETCH(int, exitCode);
    QFETCH(QStringList, present);
    QFETCH(QStringList, absent);
    QTemporaryDir dir;
    const Result result =
        runGatehouse(QStringList{QStringLiteral("validate"), writeConflict(dir)} + options);
    QVERIFY2(result.exitCode == exitCode, qPrintable(result.out + result.err));
    for (const QString &text : present)
        QVERIFY2(result.out.contains(text), qPrintable(text + "\n" + result.out));
    for (const QString &text : absent)
        QVERIFY2(!result.out.contains(text), qPrintable(text + "\n" + result.out));
}

void TestCli::validateAnalyzerSelection()
{
    const Result list =
        runGatehouse({QStringLiteral("validate"), QStringLiteral("--list-analyzers")});
    QCOMPARE(list.exitCode, 0);
    QVERIFY(list.out.contains(QStringLiteral("gateway.ConflictingGatewayAnalyzer\n")));
    QTemporaryDir dir;
    const Result only =
        runGatehouse({QStringLiteral("validate"), QStringLiteral("--analyzer"),
                      QStringLiteral("gatehouse.ClassicMistakes"), writeConflict(dir)});
    QCOMPARE(only.exitCode, 0);
    QVERIFY2(only.out.contains(QStringLiteral("[GH4001]")) &&
                 !only.out.contains(QStringLiteral("IST0145")),
             qPrintable(only.out));
    const Result unknown = runGatehouse({QStringLiteral("validate"), QStringLiteral("--analyzer"),
                                         QStringLiteral("nope"), writeConflict(dir)});
    QCOMPARE(unknown.exitCode, 2);
}

void TestCli::validateWithLocalEnvironment()
{
    QTemporaryDir dir;
    const QString environment =
        writeTemp(dir, QStringLiteral("local.yaml"),
                  "upstreams:\n  productpage: 127.0.0.1:9080\n  reviews: not-an-address\n"
                  "credentials:\n  bookinfo-secret: {certificate: tls.crt, privateKey: tls.key}\n");
    const Result result =
        runGatehouse({QStringLiteral("validate"), sample(), QStringLiteral("--env"), environment});
    // The bad entry is an error of the environment file, positioned there.
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.out.contains(
                 QStringLiteral("Error [GH5001] (%1:3:12) \"not-an-address\"").arg(environment)),
             qPrintable(result.out));
    // Mapped destinations and credentials are not reported; the others are.
    QVERIFY(!result.out.contains(QStringLiteral("destination productpage.")));
    QVERIFY(!result.out.contains(QStringLiteral("[GH4006]")));
    QVERIFY2(result.out.contains(QStringLiteral("[GH4007]")) &&
                 result.out.contains(
                     QStringLiteral("destination reviews.bookinfo-namespace.svc.cluster.local/v2")),
             qPrintable(result.out));

    const Result missing =
        runGatehouse({QStringLiteral("validate"), sample(), QStringLiteral("--env"),
                      dir.filePath(QStringLiteral("none.yaml"))});
    QCOMPARE(missing.exitCode, 2);
}

void TestCli::echoServesUntilTerminated()
{
    QProcess echo;
    echo.start(qEnvironmentVariable("GATEHOUSE_BINARY"),
               {QStringLiteral("echo"), QStringLiteral("--port"), QStringLiteral("0"),
                QStringLiteral("--as"), QStringLiteral("ratings.bookinfo:9080")});
    QByteArray banner;
    while (!banner.contains("ready\n") && echo.waitForReadyRead(5000))
        banner += echo.readAllStandardOutput();
    QVERIFY2(banner.contains("ready\n"), banner.constData());
    const QRegularExpressionMatch listening =
        QRegularExpression(QStringLiteral("^listening 127\\.0\\.0\\.1:(\\d+)$"),
                           QRegularExpression::MultilineOption)
            .match(QString::fromLatin1(banner));
    QVERIFY2(listening.hasMatch(), banner.constData());

    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, listening.captured(1).toUShort());
    QVERIFY(client.waitForConnected(5000));
    client.write("GET /ratings/7 HTTP/1.1\r\nHost: uk.bookinfo.com\r\nConnection: close\r\n\r\n");
    QByteArray reply;
    while (client.waitForReadyRead(5000))
        reply += client.readAll();
    reply += client.readAll();
    QVERIFY2(reply.startsWith("HTTP/1.1 200 OK\r\n"), reply.constData());
    const QJsonObject json =
        QJsonDocument::fromJson(reply.mid(reply.indexOf("\r\n\r\n") + 4)).object();
    QCOMPARE(json[QStringLiteral("path")].toString(), QStringLiteral("/ratings/7"));
    QCOMPARE(json[QStringLiteral("destination")][QStringLiteral("host")].toString(),
             QStringLiteral("ratings.bookinfo"));
    QCOMPARE(json[QStringLiteral("destination")][QStringLiteral("port")].toInt(), 9080);

    echo.terminate(); // SIGTERM: a clean exit
    QVERIFY(echo.waitForFinished(5000));
    QCOMPARE(echo.exitStatus(), QProcess::NormalExit);
    QCOMPARE(echo.exitCode(), 0);

    const Result usage = runGatehouse({QStringLiteral("echo")});
    QCOMPARE(usage.exitCode, 2);
}

void TestCli::serveAnswersReloadsAndStops()
{
    QTemporaryDir dir;
    QFile::copy(sample() + QStringLiteral("/gateway.yaml"),
                dir.filePath(QStringLiteral("gateway.yaml")));
    QFile::copy(sample() + QStringLiteral("/virtualservices.yaml"),
                dir.filePath(QStringLiteral("virtualservices.yaml")));
    QProcess serve;
    serve.start(qEnvironmentVariable("GATEHOUSE_BINARY"),
                {QStringLiteral("serve"), dir.path(), QStringLiteral("--port"),
                 QStringLiteral("80=0"), QStringLiteral("--port"), QStringLiteral("9080=0"),
                 QStringLiteral("--port"), QStringLiteral("443=0"), QStringLiteral("--port"),
                 QStringLiteral("9443=0"), QStringLiteral("--port"), QStringLiteral("2379=0"),
                 QStringLiteral("--workers"), QStringLiteral("2")});
    QByteArray banner;
    while (!banner.contains("ready\n") && serve.waitForReadyRead(5000))
        banner += serve.readAllStandardOutput();
    QVERIFY2(banner.contains("ready\n"), banner.constData());
    const QRegularExpressionMatch listening =
        QRegularExpression(
            QStringLiteral("^listening 127\\.0\\.0\\.1:(\\d+) gateway-port=80 protocol=HTTP$"),
            QRegularExpression::MultilineOption)
            .match(QString::fromLatin1(banner));
    QVERIFY2(listening.hasMatch(), banner.constData());
    QVERIFY2(banner.contains("gateway-port=443 protocol=HTTPS"), banner.constData());
    const quint16 port = listening.captured(1).toUShort();

    const auto fetch = [port](const QByteArray &host, const QByteArray &path) {
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, port);
        client.waitForConnected(5000);
        client.write("GET " + path + " HTTP/1.1\r\nHost: " + host +
                     "\r\nConnection: close\r\n\r\n");
        QByteArray reply;
        while (client.waitForReadyRead(5000))
            reply += client.readAll();
        return reply + client.readAll();
    };
    const QByteArray redirect = fetch("uk.bookinfo.com", "/productpage?x=1");
    QVERIFY2(redirect.startsWith("HTTP/1.1 301 Moved Permanently\r\n"), redirect.constData());
    QVERIFY(redirect.contains("location: https://uk.bookinfo.com/productpage?x=1\r\n"));
    QVERIFY(redirect.contains("server: istio-envoy\r\n"));

    // A design with errors is refused and the old one keeps serving.
    QFile broken(dir.filePath(QStringLiteral("virtualservices.yaml")));
    QVERIFY(broken.open(QIODevice::Append));
    broken.write(
        "---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: bad}\n"
        "spec: {hosts: [\"*\"], gateways: [x], http: [{route: [{destination: {host: \"*\"}}]}]}\n");
    broken.close();
    QByteArray errors;
    QElapsedTimer clock;
    clock.start();
    while (!errors.contains("not served") && clock.elapsed() < 5000) {
        serve.waitForReadyRead(100); // stdout; the diagnostics come on stderr
        errors += serve.readAllStandardError();
    }
    QVERIFY2(errors.contains("the previous design keeps serving"), errors.constData());
    QVERIFY(fetch("uk.bookinfo.com", "/").startsWith("HTTP/1.1 301"));

    // SIGHUP serves the files again (here: the sample with the bad document removed).
    QFile::remove(dir.filePath(QStringLiteral("virtualservices.yaml")));
    QFile::copy(sample() + QStringLiteral("/virtualservices.yaml"),
                dir.filePath(QStringLiteral("virtualservices.yaml")));
    QByteArray reloaded;
    ::kill(pid_t(serve.processId()), SIGHUP);
    while (!reloaded.contains("reloaded\n") && serve.waitForReadyRead(5000))
        reloaded += serve.readAllStandardOutput();
    QVERIFY2(reloaded.contains("reloaded\n"), reloaded.constData());
    QVERIFY(fetch("uk.bookinfo.com", "/").startsWith("HTTP/1.1 301"));

    serve.terminate();
    QVERIFY(serve.waitForFinished(5000));
    QCOMPARE(serve.exitStatus(), QProcess::NormalExit);
    QCOMPARE(serve.exitCode(), 0);
}

void TestCli::exportSample()
{
    const Result result = runGatehouse({QStringLiteral("export"), sample()});
    QCOMPARE(result.exitCode, 0);
    std::vector<YAML::Node> exported = YAML::LoadAll(result.rawOut.toStdString());
    std::erase_if(exported, [](const YAML::Node &n) { return n.IsNull(); });
    QCOMPARE(exported.size(), std::size_t(9));
    QCOMPARE(QString::fromStdString(exported.front()["kind"].Scalar()),
             QStringLiteral("DestinationRule"));

    // Same data, same order as the files read one after the other (sorted by path).
    std::vector<YAML::Node> expected;
    for (const char *name : {"destinationrules.yaml", "gateway.yaml", "virtualservices.yaml"}) {
        const QByteArray text =
            TestSupport::readFile(sample() + QLatin1Char('/') + QLatin1String(name));
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

void TestCli::exportWithApiVersion()
{
    const Result plain = runGatehouse({QStringLiteral("export"), sample()});
    const Result changed = runGatehouse(
        {QStringLiteral("export"), sample(), QStringLiteral("--api-version"), "v1beta1"});
    QCOMPARE(changed.exitCode, 0);
    QVERIFY2(changed.err.isEmpty(), qPrintable(changed.err));
    std::vector<YAML::Node> before = YAML::LoadAll(plain.rawOut.toStdString());
    std::vector<YAML::Node> after = YAML::LoadAll(changed.rawOut.toStdString());
    std::erase_if(before, [](const YAML::Node &n) { return n.IsNull(); });
    std::erase_if(after, [](const YAML::Node &n) { return n.IsNull(); });
    QCOMPARE(after.size(), before.size());
    for (std::size_t i = 0; i < after.size(); ++i) {
        QCOMPARE(after[i]["apiVersion"].as<std::string>(),
                 std::string("networking.istio.io/v1beta1"));
        // Only the version differs.
        after[i]["apiVersion"] = before[i]["apiVersion"].as<std::string>();
        std::string difference;
        QVERIFY2(Yaml::dataEqual(before[i], after[i], &difference), difference.c_str());
    }
}

void TestCli::exportRefusesInvalidYaml()
{
    QTemporaryDir dir;
    const QString path = writeTemp(dir, QStringLiteral("broken.yaml"), "a: [1, 2\n");
    const QString output = dir.filePath(QStringLiteral("out.yaml"));
    const Result result =
        runGatehouse({QStringLiteral("export"), path, QStringLiteral("-o"), output});
    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.err.contains(QStringLiteral("not valid YAML")));
    QVERIFY(!QFileInfo::exists(output));
}

void TestCli::exportValidatesFirst()
{
    QTemporaryDir dir;
    const QString path = writeConflict(dir);
    const QString output = dir.filePath(QStringLiteral("out.yaml"));
    const Result refused =
        runGatehouse({QStringLiteral("export"), path, QStringLiteral("-o"), output});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(QStringLiteral("[IST0145]")), qPrintable(refused.err));
    QVERIFY(refused.err.contains(QStringLiteral("--force")));
    QVERIFY(!QFileInfo::exists(output));

    const Result forced = runGatehouse(
        {QStringLiteral("export"), path, QStringLiteral("--force"), QStringLiteral("-o"), output});
    QCOMPARE(forced.exitCode, 0);
    QVERIFY(TestSupport::readFile(output).contains("name: beta"));
}

void TestCli::noDisplayFallsBackToHeadless()
{
    const Result result = runGatehouse({sample()});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.err.contains(QStringLiteral("no display available")), qPrintable(result.err));
    QVERIFY(result.err.contains(QStringLiteral("gatehouse validate")));
}

void TestCli::traceExplainsADecision()
{
    const Result result =
        runGatehouse({QStringLiteral("trace"), sample(), QStringLiteral("--request"),
                      QStringLiteral("GET https://uk.bookinfo.com/reviews/7"), QStringLiteral("-H"),
                      QStringLiteral("end-user: jason")});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.contains(QStringLiteral("route           reviews-for-jason (http[0])")),
             qPrintable(result.out));
    QVERIFY(result.out.contains(QStringLiteral(
        "cluster         outbound||v2|reviews.bookinfo-namespace.svc.cluster.local")));
    QVERIFY(result.out.contains(QStringLiteral("filter chain: HTTPS chain of server https-443")));
}

void TestCli::traceJson()
{
    const Result result =
        runGatehouse({QStringLiteral("trace"), sample(), QStringLiteral("--request"),
                      QStringLiteral("GET http://uk.bookinfo.com:80/x"), QStringLiteral("--output"),
                      QStringLiteral("json")});
    QCOMPARE(result.exitCode, 0);
    const QJsonObject json = QJsonDocument::fromJson(result.rawOut).object();
    QCOMPARE(json.value(QStringLiteral("status")).toInt(), 301);
    QCOMPARE(json.value(QStringLiteral("redirect")).toString(),
             QStringLiteral("https://uk.bookinfo.com:80/x"));
    QVERIFY(!json.value(QStringLiteral("trace")).toArray().isEmpty());
}

void TestCli::traceShowsNearMisses()
{
    const Result result =
        runGatehouse({QStringLiteral("trace"), sample(), QStringLiteral("--request"),
                      QStringLiteral("GET https://uk.bookinfo.com/reviews/7"), QStringLiteral("-H"),
                      QStringLiteral("end-user: bob")});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.contains(QStringLiteral(
                 "near misses:\n  - route http[0] 'reviews-for-jason' of "
                 "bookinfo-namespace/bookinfo-rule: header end-user: exact \"jason\" ≠ \"bob\"")),
             qPrintable(result.out));
    const Result json =
        runGatehouse({QStringLiteral("trace"), sample(), QStringLiteral("--request"),
                      QStringLiteral("GET http://nowhere.example.com/"), QStringLiteral("--output"),
                      QStringLiteral("json")});
    const QJsonArray misses =
        QJsonDocument::fromJson(json.rawOut).object().value(QStringLiteral("nearMisses")).toArray();
    QVERIFY2(!misses.isEmpty(), json.rawOut.constData());
    QCOMPARE(misses.first().toObject().value(QStringLiteral("stage")).toString(),
             QStringLiteral("virtual host"));
}

void TestCli::traceShowsTheLocalUrlOfARedirect()
{
    // The Location is the cluster's; the local gateway serves gateway port 443 on 8443, or on
    // what an environment file says.
    const Result result =
        runGatehouse({QStringLiteral("trace"), sample(), QStringLiteral("--request"),
                      QStringLiteral("GET http://uk.bookinfo.com/productpage")});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.contains(
                 QStringLiteral("locally: https://uk.bookinfo.com:8443/productpage (curl --resolve "
                                "uk.bookinfo.com:8443:127.0.0.1)")),
             qPrintable(result.out));

    QTemporaryDir dir;
    const QString environment = dir.filePath(QStringLiteral("local.yaml"));
    QFile file(environment);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("ports: {443: 9443}\n");
    file.close();
    const Result json = runGatehouse(
        {QStringLiteral("trace"), sample(), QStringLiteral("--request"),
         QStringLiteral("GET http://uk.bookinfo.com/productpage"), QStringLiteral("--env"),
         environment, QStringLiteral("--output"), QStringLiteral("json")});
    QCOMPARE(json.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(json.rawOut).object().value(QStringLiteral("localRedirect")),
             QJsonValue(QStringLiteral("https://uk.bookinfo.com:9443/productpage")));
}

void TestCli::testRunsTheSampleRouteFile()
{
    const Result result =
        runGatehouse({QStringLiteral("test"),
                      QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/routes/bookinfo.routes.yaml"),
                      QStringLiteral("--fail-under"), QStringLiteral("100")});
    QCOMPARE(result.exitCode, 0);
    const QStringList lines = result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.last(), QStringLiteral("17 passed, 0 failed"));
    QVERIFY(result.out.contains(QStringLiteral("coverage: 11 of 11 routes (100.0%)")));
}

void TestCli::testReportsFailures()
{
    QTemporaryDir dir;
    const QString path = writeTemp(
        dir, QStringLiteral("wrong.routes.yaml"),
        "config: [" GATEHOUSE_SOURCE_DIR "/resources/samples/bookinfo]\n"
        "tests:\n"
        "  - name: wrong subset\n"
        "    request: {url: https://uk.bookinfo.com/reviews/1, headers: {end-user: jason}}\n"
        "    expect: {destination: reviews.bookinfo-namespace.svc.cluster.local/v3}\n"
        "  - name: right\n"
        "    request: {url: http://internal.example.com:9080/healthz}\n"
        "    expect: {status: 200}\n");
    const Result result = runGatehouse({QStringLiteral("test"), path});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.out.contains(QStringLiteral("FAIL wrong subset")), qPrintable(result.out));
    QVERIFY(result.out.contains(
        QStringLiteral("destination: expected reviews.bookinfo-namespace.svc.cluster.local/v3, "
                       "got reviews.bookinfo-namespace.svc.cluster.local/v2")));
    QVERIFY(result.out.contains(QStringLiteral("route: 'reviews-for-jason'"))); // the trace follows
    QVERIFY(
        result.out.contains(QStringLiteral("not reached: bookinfo-namespace/mongo-rule tcp[0]")));
    QVERIFY(result.out.endsWith(QStringLiteral("1 passed, 1 failed\n")));
}

void TestCli::testExitCodes_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("errContains");
    const QByteArray config = "config: [" GATEHOUSE_SOURCE_DIR "/resources/samples/bookinfo]\n";
    const QByteArray passing =
        config + "tests:\n  - name: ok\n    request: {url: http://nobody.example.org:9080/}\n"
                 "    expect: {status: 404}\n";
    QTest::newRow("passing") << passing << QStringList{} << 0 << "";
    QTest::newRow("coverage under the threshold")
        << passing << QStringList{"--fail-under", "50"} << 1 << "";
    QTest::newRow("unknown key")
        << QByteArray(config +
                      "tests:\n  - name: x\n    request: {url: http://a/}\n    expct: {}\n")
        << QStringList{} << 2 << "wrong.routes.yaml:5:5";
    QTest::newRow("missing config")
        << QByteArray("config: [/no/such/dir]\ntests: []\n") << QStringList{} << 2
        << "config path /no/such/dir does not exist";
    QTest::newRow("live through the local gateway") << passing << QStringList{"--live"} << 0 << "";
    QTest::newRow("live failure")
        << QByteArray(
               config +
               "tests:\n  - name: wrong\n    request: {url: http://nobody.example.org:9080/}\n"
               "    expect: {status: 200}\n")
        << QStringList{"--live"} << 1 << "";
    QTest::newRow("bad fail-under")
        << passing << QStringList{"--fail-under", "x"} << 2 << "--fail-under";
}

void TestCli::testExitCodes()
{
    QFETCH(QByteArray, file);
    QFETCH(QStringList, options);
    QFETCH(int, exitCode);
    QFETCH(QString, errContains);
    QTemporaryDir dir;
    const QString path = writeTemp(dir, QStringLiteral("wrong.routes.yaml"), file);
    const Result result = runGatehouse(QStringList{QStringLiteral("test"), path} + options);
    QVERIFY2(result.exitCode == exitCode, qPrintable(result.out + result.err));
    QVERIFY2(result.err.contains(errContains), qPrintable(result.err));
}

void TestCli::testWritesJunitAndJson()
{
    QTemporaryDir dir;
    const QString junit = dir.filePath(QStringLiteral("junit.xml"));
    const QString routes =
        QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/routes/bookinfo.routes.yaml");
    const Result result = runGatehouse({QStringLiteral("test"), routes, QStringLiteral("--junit"),
                                        junit, QStringLiteral("--output"), QStringLiteral("json")});
    QCOMPARE(result.exitCode, 0);
    const QJsonObject json = QJsonDocument::fromJson(result.rawOut).object();
    QCOMPARE(json.value(QStringLiteral("passed")).toInt(), 17);
    QCOMPARE(json.value(QStringLiteral("failed")).toInt(), 0);
    QCOMPARE(json.value(QStringLiteral("coverage")).toDouble(), 100.0);
    const QByteArray xml = TestSupport::readFile(junit);
    QVERIFY(
        xml.contains("<testsuite name=\"" + routes.toUtf8() + "\" tests=\"17\" failures=\"0\""));
}

bool TestCli::ensureCertificates()
{
    if (m_certificatesIssued)
        return true;
    const QString root = m_certificates.path();
    const QList<QStringList> commands = {
        {"certs", "ca", "--ca-dir", root + "/ca"},
        {"certs", "ca", "--ca-dir", root + "/other"},
        {"certs", "issue", "uk.bookinfo.com", "*.bookinfo.com", "127.0.0.1", "-o", root + "/out",
         "--ca-dir", root + "/ca"},
        {"certs", "client", "alice", "-o", root + "/out", "--ca-dir", root + "/ca"},
    };
    for (const QStringList &command : commands) {
        const Result result = runGatehouse(command);
        if (result.exitCode != 0) {
            qWarning("%s: exit %d\n%s%s", qPrintable(command.join(' ')), result.exitCode,
                     qPrintable(result.out), qPrintable(result.err));
            return false;
        }
    }
    m_certificatesIssued = true;
    return true;
}

void TestCli::certsCaIssueAndClient()
{
    QTemporaryDir dir;
    const QString caDir = dir.filePath(QStringLiteral("ca"));
    const QString exported = dir.filePath(QStringLiteral("exported.crt"));
    const Result created =
        runGatehouse({QStringLiteral("certs"), QStringLiteral("ca"), QStringLiteral("--ca-dir"),
                      caDir, QStringLiteral("--export"), exported});
    QVERIFY2(created.exitCode == 0, qPrintable(created.err));
    QVERIFY2(created.out.startsWith(
                 QStringLiteral("created the local development CA in %1\n").arg(caDir)),
             qPrintable(created.out));
    QVERIFY2(fieldOf(created.out, QStringLiteral("Subject:"))
                 .contains(QStringLiteral("CN=Gatehouse Development CA (")),
             qPrintable(created.out));
    QCOMPARE(fieldOf(created.out, QStringLiteral("CA:")), QStringLiteral("yes"));
    QCOMPARE(TestSupport::readFile(exported), TestSupport::readFile(caDir + "/ca.crt"));
    const Result again = runGatehouse(
        {QStringLiteral("certs"), QStringLiteral("ca"), QStringLiteral("--ca-dir"), caDir});
    QCOMPARE(again.exitCode, 0);
    QVERIFY(!again.out.contains(QStringLiteral("created")));
    QCOMPARE(fieldOf(again.out, QStringLiteral("SHA-256:")),
             fieldOf(created.out, QStringLiteral("SHA-256:")));

    // The default folder comes from $GATEHOUSE_CA_DIR.
    const QString out = dir.filePath(QStringLiteral("out"));
    const Result issued =
        runGatehouse({QStringLiteral("certs"), QStringLiteral("issue"),
                      QStringLiteral("*.example.com"), QStringLiteral("-o"), out});
    QVERIFY2(issued.exitCode == 0, qPrintable(issued.err));
    QVERIFY2(issued.out.contains(QStringLiteral("wrote %1/_wildcard.example.com.crt").arg(out)) &&
                 issued.out.contains(QStringLiteral("wrote %1/_wildcard.example.com.key").arg(out)),
             qPrintable(issued.out));
    QVERIFY(QFileInfo::exists(m_caDir.filePath(QStringLiteral("default/ca.key"))));
    QCOMPARE(QFileInfo(out + "/_wildcard.example.com.key").permissions() & groupAndOthers(),
             QFileDevice::Permissions());

    QVERIFY(ensureCertificates());
    const QString root = m_certificates.path();
    const QString certificate = root + "/out/uk.bookinfo.com.crt";
    QVERIFY(QFileInfo::exists(root + "/out/alice.crt"));
    QCOMPARE(QFileInfo(root + "/out/uk.bookinfo.com.key").permissions() & groupAndOthers(),
             QFileDevice::Permissions());

    // openssl, where installed, agrees: the chain verifies for the hosts and purposes it was
    // issued for, and only for them.
    const QString caFile = root + "/ca/ca.crt";
    const auto verify = [&](const QStringList &extra, const QString &file) {
        return runOpenssl(QStringList{QStringLiteral("verify"), QStringLiteral("-CAfile"), caFile} +
                          extra + QStringList{file});
    };
    const std::optional<Result> server =
        verify({"-purpose", "sslserver", "-verify_hostname", "uk.bookinfo.com"}, certificate);
    if (!server)
        QSKIP("openssl is not installed; the openssl verify checks did not run");
    QVERIFY2(server->exitCode == 0 && server->out.contains(QStringLiteral(": OK")),
             qPrintable(server->out + server->err));
    QCOMPARE(verify({"-verify_hostname", "www.bookinfo.com"}, certificate)->exitCode, 0);
    QCOMPARE(verify({"-verify_ip", "127.0.0.1"}, certificate)->exitCode, 0);
    QVERIFY(verify({"-verify_hostname", "a.b.bookinfo.com"}, certificate)->exitCode != 0);
    QVERIFY(verify({"-purpose", "sslclient"}, certificate)->exitCode != 0);
    QCOMPARE(verify({"-purpose", "sslclient"}, root + "/out/alice.crt")->exitCode, 0);
    const std::optional<Result> otherCa =
        runOpenssl({"verify", "-CAfile", root + "/other/ca.crt", certificate});
    QVERIFY(otherCa->exitCode != 0);
    const std::optional<Result> fingerprint =
        runOpenssl({"x509", "-in", caFile, "-noout", "-fingerprint", "-sha256"});
    QVERIFY(fingerprint->exitCode == 0);
    const Result shown = runGatehouse(
        {QStringLiteral("certs"), QStringLiteral("ca"), QStringLiteral("--ca-dir"), root + "/ca"});
    QCOMPARE(fingerprint->out.section(QLatin1Char('='), 1).trimmed(),
             fieldOf(shown.out, QStringLiteral("SHA-256:")));
}

void TestCli::certsRacingProcessesShareOneCa()
{
    QTemporaryDir dir;
    const QString caDir = dir.filePath(QStringLiteral("raced"));
    std::vector<std::unique_ptr<QProcess>> processes;
    for (int i = 0; i < 4; ++i) {
        processes.push_back(std::make_unique<QProcess>());
        processes.back()->start(
            qEnvironmentVariable("GATEHOUSE_BINARY"),
            {QStringLiteral("certs"), QStringLiteral("ca"), QStringLiteral("--ca-dir"), caDir});
    }
    QStringList fingerprints;
    int created = 0;
    for (const auto &process : processes) {
        QVERIFY(process->waitForFinished(60000));
        const QString out = QString::fromUtf8(process->readAllStandardOutput());
        QVERIFY2(process->exitCode() == 0, qPrintable(process->readAllStandardError()));
        created += out.contains(QStringLiteral("created the local development CA")) ? 1 : 0;
        fingerprints << fieldOf(out, QStringLiteral("SHA-256:"));
    }
    QCOMPARE(created, 1);
    fingerprints.removeDuplicates();
    QCOMPARE(fingerprints.size(), 1);
    QVERIFY(!fingerprints.front().isEmpty());
}

void TestCli::certsInspect_data()
{
    QTest::addColumn<QStringList>("arguments"); // DIR: the issued material
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QStringList>("outContains");
    const QString leaf = QStringLiteral("DIR/out/uk.bookinfo.com.crt");
    QTest::newRow("fine") << QStringList{leaf,
                                         "--key",
                                         "DIR/out/uk.bookinfo.com.key",
                                         "--ca",
                                         "DIR/ca/ca.crt",
                                         "--host",
                                         "uk.bookinfo.com",
                                         "--host",
                                         "www.bookinfo.com"}
                          << 0 << QStringList{"Certificate 1 of 2",
                                              "DNS names:    uk.bookinfo.com, *.bookinfo.com",
                                              "IP addresses: 127.0.0.1",
                                              "Key:          EC P-256",
                                              "Certificate 2 of 2",
                                              "No problems found."};
    QTest::newRow("host not covered is a warning")
        << QStringList{leaf, "--host", "bookinfo.com"} << 0
        << QStringList{"Warning [GH6004] (" + leaf + ")", "does not cover host bookinfo.com"};
    QTest::newRow("key of another certificate")
        << QStringList{leaf, "--key", "DIR/out/alice.key"} << 1
        << QStringList{"Error [GH6005]", "does not belong to the certificate"};
    QTest::newRow("other CA") << QStringList{leaf, "--ca", "DIR/other/ca.crt"} << 1
                              << QStringList{"Error [GH6006]"};
    QTest::newRow("not a certificate") << QStringList{"DIR/out/alice.key"} << 1
                                       << QStringList{"Error [GH6001]", "only PRIVATE KEY"};
}

void TestCli::certsInspect()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QStringList, outContains);
    QVERIFY(ensureCertificates());
    arguments.replaceInStrings(QStringLiteral("DIR"), m_certificates.path());
    const Result result =
        runGatehouse(QStringList{QStringLiteral("certs"), QStringLiteral("inspect")} + arguments);
    QVERIFY2(result.exitCode == exitCode, qPrintable(result.out + result.err));
    for (QString text : outContains) {
        text.replace(QStringLiteral("DIR"), m_certificates.path());
        QVERIFY2(result.out.contains(text), qPrintable(text + "\n" + result.out));
    }
}

void TestCli::certsSecret()
{
    QVERIFY(ensureCertificates());
    const QString root = m_certificates.path();
    const QString certificate = root + "/out/uk.bookinfo.com.crt";
    const QString key = root + "/out/uk.bookinfo.com.key";
    const Result result =
        runGatehouse({"certs", "secret", "bookinfo-secret", "--cert", certificate, "--key", key,
                      "--ca", root + "/ca/ca.crt", "-n", "istio-system"});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const YAML::Node secret = YAML::Load(result.rawOut.toStdString());
    QCOMPARE(secret["kind"].as<std::string>(), std::string("Secret"));
    QCOMPARE(secret["type"].as<std::string>(), std::string("kubernetes.io/tls"));
    QCOMPARE(secret["metadata"]["name"].as<std::string>(), std::string("bookinfo-secret"));
    QCOMPARE(secret["metadata"]["namespace"].as<std::string>(), std::string("istio-system"));
    const auto decoded = [&](const char *field) {
        return QByteArray::fromBase64(QByteArray::fromStdString(secret["data"][field].Scalar()));
    };
    QCOMPARE(decoded("tls.crt"), TestSupport::readFile(certificate));
    QCOMPARE(decoded("tls.key"), TestSupport::readFile(key));
    QCOMPARE(decoded("ca.crt"), TestSupport::readFile(root + "/ca/ca.crt"));

    const Result noNamespace =
        runGatehouse({"certs", "secret", "s", "--cert", certificate, "--key", key});
    QCOMPARE(noNamespace.exitCode, 0);
    QVERIFY(!noNamespace.out.contains(QStringLiteral("namespace:")));
    QVERIFY(!noNamespace.out.contains(QStringLiteral("ca.crt")));
    const Result badName =
        runGatehouse({"certs", "secret", "Bad_Name", "--cert", certificate, "--key", key});
    QCOMPARE(badName.exitCode, 2);
    QVERIFY2(badName.err.contains(QStringLiteral("not a valid Secret name")),
             qPrintable(badName.err));
    const Result wrongKey = runGatehouse(
        {"certs", "secret", "s", "--cert", certificate, "--key", root + "/out/alice.key"});
    QCOMPARE(wrongKey.exitCode, 1);
    QVERIFY(wrongKey.out.isEmpty());
    QVERIFY2(wrongKey.err.contains(QStringLiteral("[GH6005]")), qPrintable(wrongKey.err));
}

void TestCli::exportIncludeSecrets()
{
    const Result plain = runGatehouse({QStringLiteral("export"), sample()});
    QCOMPARE(plain.exitCode, 0);
    QVERIFY(!plain.out.contains(QStringLiteral("kind: Secret")));
    QVERIFY(!plain.err.contains(QStringLiteral("private key")));

    QTemporaryDir dir;
    const QString output = dir.filePath(QStringLiteral("out.yaml"));
    const Result result =
        runGatehouse({QStringLiteral("export"), sample(), QStringLiteral("--include-secrets"),
                      QStringLiteral("-o"), output});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY2(result.err.contains(QStringLiteral("warning: added Secret "
                                                "istio-system/bookinfo-secret with a "
                                                "private key (issued by the local development "
                                                "CA for *.bookinfo.com)")),
             qPrintable(result.err));
    QCOMPARE(QFileInfo(output).permissions() & groupAndOthers(), QFileDevice::Permissions());
    const QByteArray written = TestSupport::readFile(output);
    QVERIFY(written.startsWith(plain.rawOut)); // the user's documents, unchanged
    std::vector<YAML::Node> documents = YAML::LoadAll(written.toStdString());
    std::erase_if(documents, [](const YAML::Node &n) { return n.IsNull(); });
    QCOMPARE(documents.size(), std::size_t(10));
    const YAML::Node secret = documents.back();
    QCOMPARE(secret["kind"].as<std::string>(), std::string("Secret"));
    QCOMPARE(secret["type"].as<std::string>(), std::string("kubernetes.io/tls"));
    QCOMPARE(secret["metadata"]["name"].as<std::string>(), std::string("bookinfo-secret"));
    // Where the gateway reads it: its pods' namespace (none in the files: istio-system).
    QCOMPARE(secret["metadata"]["namespace"].as<std::string>(), std::string("istio-system"));
    const QByteArray key =
        QByteArray::fromBase64(QByteArray::fromStdString(secret["data"]["tls.key"].Scalar()));
    QVERIFY(key.startsWith("-----BEGIN PRIVATE KEY-----"));
    const QList<QSslCertificate> chain = QSslCertificate::fromData(
        QByteArray::fromBase64(QByteArray::fromStdString(secret["data"]["tls.crt"].Scalar())));
    QCOMPARE(chain.size(), 2);
    QCOMPARE(chain.front().subjectAlternativeNames().values(QSsl::DnsEntry),
             QStringList{QStringLiteral("*.bookinfo.com")});

    // A Secret already in the files passes through and nothing is added.
    const QString secretFile =
        writeTemp(dir, QStringLiteral("secret.yaml"), written.mid(plain.rawOut.size()));
    const Result existing = runGatehouse(
        {QStringLiteral("export"), sample(), secretFile, QStringLiteral("--include-secrets")});
    QCOMPARE(existing.exitCode, 0);
    QVERIFY(!existing.err.contains(QStringLiteral("private key")));
    QCOMPARE(existing.out.count(QStringLiteral("kind: Secret")), 1);
}

void TestCli::exportIncludeSecretsFromEnvironment()
{
    QVERIFY(ensureCertificates());
    const QString root = m_certificates.path();
    QTemporaryDir dir;
    const QString environment =
        writeTemp(dir, QStringLiteral("env.yaml"),
                  "credentials:\n  bookinfo-secret:\n    certificate: " + root.toUtf8() +
                      "/out/uk.bookinfo.com.crt\n    privateKey: " + root.toUtf8() +
                      "/out/uk.bookinfo.com.key\n");
    const Result result =
        runGatehouse({QStringLiteral("export"), sample(), QStringLiteral("--include-secrets"),
                      QStringLiteral("--env"), environment});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY2(result.err.contains(QStringLiteral("(local environment credential bookinfo-secret)")),
             qPrintable(result.err));
    std::vector<YAML::Node> documents = YAML::LoadAll(result.rawOut.toStdString());
    const YAML::Node secret = documents.back();
    QCOMPARE(QByteArray::fromBase64(QByteArray::fromStdString(secret["data"]["tls.crt"].Scalar())),
             TestSupport::readFile(root + "/out/uk.bookinfo.com.crt"));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
