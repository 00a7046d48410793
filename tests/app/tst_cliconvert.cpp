// `gatehouse convert`, run as a real process: Istio → Gateway API with its loss report, Gateway
// API → Istio as istiod translates it (checked against the corpus's istiod golden files), and
// the usage errors.

#include "testsupport.h"
#include "yaml/nodeequality.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <yaml-cpp/yaml.h>

namespace {

struct Result {
    int exitCode = -1;
    QByteArray out;
    QString err;
};

Result runGatehouse(const QStringList &arguments)
{
    QProcess process;
    process.start(qEnvironmentVariable("GATEHOUSE_BINARY"), arguments);
    if (!process.waitForFinished(60000))
        qFatal("gatehouse did not finish");
    Result result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

QString sample()
{
    return QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/samples/bookinfo");
}

std::vector<YAML::Node> documents(const QByteArray &text)
{
    std::vector<YAML::Node> nodes = YAML::LoadAll(text.toStdString());
    std::erase_if(nodes, [](const YAML::Node &node) { return node.IsNull(); });
    return nodes;
}

QString kindAndName(const YAML::Node &node)
{
    return QString::fromStdString(node["kind"].as<std::string>() + ' ' +
                                  node["metadata"]["namespace"].as<std::string>("") + '/' +
                                  node["metadata"]["name"].as<std::string>());
}

} // namespace

class TestCliConvert : public QObject {
    Q_OBJECT

private slots:
    void usageErrors_data();
    void usageErrors();
    void toGatewayApi();
    void lossReportAsJsonFile();
    void toIstioMatchesIstiod_data();
    void toIstioMatchesIstiod();
};

void TestCliConvert::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("error");
    QTest::newRow("no --to") << QStringList{"convert", sample()} << 2
                             << "--to gateway-api or --to istio is required";
    QTest::newRow("unknown target") << QStringList{"convert", "--to", "nginx", sample()} << 2
                                    << "--to nginx: expected gateway-api or istio";
    QTest::newRow("no path") << QStringList{"convert", "--to", "istio"} << 2 << "no PATH given";
    QTest::newRow("bad report format")
        << QStringList{"convert", "--to", "gateway-api", "--report-format", "xml", sample()} << 2
        << "--report-format xml: expected text or json";
    QTest::newRow("bad l4 version")
        << QStringList{"convert", "--to", "gateway-api", "--l4-route-version", "v2", sample()} << 2
        << "--l4-route-version v2: expected v1alpha2 or v1";
    QTest::newRow("missing path") << QStringList{"convert", "--to", "istio", "/no/such.yaml"} << 2
                                  << "/no/such.yaml";
    QTest::newRow("nothing to convert to istio")
        << QStringList{"convert", "--to", "istio", sample()} << 1
        << "no Gateway API Gateway or route";
    QTest::newRow("help") << QStringList{"help", "convert"} << 0 << "";
}

void TestCliConvert::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, error);
    const Result result = runGatehouse(arguments);
    QVERIFY2(result.exitCode == exitCode, qPrintable(result.err));
    QVERIFY2(result.err.contains(error), qPrintable(result.err));
}

void TestCliConvert::toGatewayApi()
{
    const Result result = runGatehouse({"convert", "--to", "gateway-api", sample()});
    QCOMPARE(result.exitCode, 0);
    QStringList kinds;
    for (const YAML::Node &node : documents(result.out)) {
        QVERIFY2(node["apiVersion"].as<std::string>().starts_with("gateway.networking.k8s.io/"),
                 qPrintable(kindAndName(node)));
        kinds << kindAndName(node);
    }
    QVERIFY2(kinds.contains("Gateway some-config-namespace/my-gateway"),
             qPrintable(kinds.join('\n')));
    QVERIFY2(kinds.contains("HTTPRoute bookinfo-namespace/bookinfo-rule"),
             qPrintable(kinds.join('\n')));
    QVERIFY2(kinds.contains("TCPRoute bookinfo-namespace/mongo-rule"),
             qPrintable(kinds.join('\n')));
    // The loss report goes to standard error, so the YAML can be piped to kubectl.
    QVERIFY2(result.err.startsWith("Loss report:"), qPrintable(result.err));
    QVERIFY(result.err.contains("[changed-behaviour] subset"));
    QVERIFY(!result.out.contains("Loss report:\n"));
}

void TestCliConvert::lossReportAsJsonFile()
{
    QTemporaryDir dir;
    const QString yaml = dir.filePath("out.yaml");
    const QString report = dir.filePath("report.json");
    const Result result = runGatehouse({"convert", "--to", "gateway-api", "-o", yaml, "--report",
                                        report, "--report-format", "json", sample()});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.out.isEmpty());
    QVERIFY2(result.err.isEmpty(), qPrintable(result.err));
    QVERIFY(!documents(TestSupport::readFile(yaml)).empty());
    const QJsonObject json = QJsonDocument::fromJson(TestSupport::readFile(report)).object();
    const QJsonArray entries = json.value("entries").toArray();
    QVERIFY(!entries.isEmpty());
    bool subset = false;
    for (const QJsonValue &entry : entries)
        subset |= entry.toObject().value("code").toString() == "subset";
    QVERIFY(subset);
}

void TestCliConvert::toIstioMatchesIstiod_data()
{
    QTest::addColumn<QString>("input");
    const QString corpus = TestSupport::corpusDir();
    if (corpus.isEmpty())
        QSKIP(qPrintable(TestSupport::corpusMissingMessage()));
    QTest::newRow("tcp")
        << corpus + "/istio-tests/pilot__pkg__config__kube__gateway__testdata__tcp.yaml";
}

// The whole command against istiod's own output; the translation's unit tests compare the
// larger http pair field by field.
void TestCliConvert::toIstioMatchesIstiod()
{
    QFETCH(QString, input);
    const Result result =
        runGatehouse({"convert", "--to", "istio", "--domain-suffix", "domain.suffix", input});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const std::vector<YAML::Node> produced = documents(result.out);
    const std::vector<YAML::Node> golden =
        documents(TestSupport::readFile(input + QStringLiteral(".golden")));
    QCOMPARE(produced.size(), golden.size());
    for (std::size_t i = 0; i < golden.size(); ++i) {
        std::string difference;
        QVERIFY2(Yaml::dataEquivalent(golden[i], produced[i], &difference),
                 qPrintable(kindAndName(golden[i]) + ": " + QString::fromStdString(difference)));
    }
}

QTEST_GUILESS_MAIN(TestCliConvert)
#include "tst_cliconvert.moc"
