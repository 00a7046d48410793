// The Istio → Gateway API conversion over the shared corpus: every file converts to YAML that
// reads back and names its losses; Istio's own Gateway API → Istio goldens convert back to the
// structure of their Gateway API input.

#include "goldensignatures.h"
#include "togatewayapi/names.h"
#include "togatewayapitest.h"

#include <QJsonArray>
#include <QtTest>

using namespace ToGatewayApiTest;

class TestToGatewayApiCorpus : public QObject {
    Q_OBJECT

private slots:
    void corpus_data();
    void corpus();
    void goldenRoundTrip_data();
    void goldenRoundTrip();
};

// ---------------------------------------------------------------------------------------------
// The shared corpus: every file with Istio resources converts, re-parses, and names its losses.

void TestToGatewayApiCorpus::corpus_data()
{
    QTest::addColumn<QString>("path");
    const QString root = TestSupport::corpusDir();
    if (root.isEmpty())
        QTest::newRow("corpus missing") << QString(); // the test skips with a message
    for (const QString &path : TestSupport::corpusFiles()) {
        if (TestSupport::readFile(path).contains("networking.istio.io"))
            QTest::newRow(qPrintable(QDir(root).relativeFilePath(path))) << path;
    }
}

void TestToGatewayApiCorpus::corpus()
{
    if (TestSupport::corpusDir().isEmpty())
        QSKIP(qPrintable(TestSupport::corpusMissingMessage()));
    QFETCH(QString, path);
    Project::Workspace workspace;
    QVERIFY(workspace.addPath(path));
    const Conversion conversion = ToGatewayApi::convert(workspace);

    // The YAML reads back, one document per object, every name valid.
    const QByteArray yaml = toYaml(conversion);
    std::vector<YAML::Node> documents;
    try {
        documents = YAML::LoadAll(yaml.toStdString());
    } catch (const YAML::Exception &error) {
        QFAIL(error.what());
    }
    QCOMPARE(documents.size(), conversion.objects.size());
    for (const YAML::Node &document : documents) {
        const QString name = QString::fromStdString(document["metadata"]["name"].Scalar());
        QVERIFY2(ToGatewayApi::isDnsSubdomain(name), qPrintable(name));
        QVERIFY(document["apiVersion"] && document["kind"] && document["spec"]);
        if (document["kind"].Scalar() == "Gateway") {
            for (const YAML::Node &listener : document["spec"]["listeners"])
                QVERIFY(
                    ToGatewayApi::isDnsLabel(QString::fromStdString(listener["name"].Scalar())));
        }
        if (document["kind"].Scalar() == "HTTPRoute")
            QVERIFY(document["spec"]["rules"].size() <= 16);
    }
    QCOMPARE(lossReportJson(conversion).value("entries").toArray().size(),
             qsizetype(conversion.entries.size()));

    // Every loss of the input is named.
    const auto named = [&](const ToGatewayApi::ResourceId &id, const QString &code,
                           const QString &field) {
        return std::any_of(conversion.entries.begin(), conversion.entries.end(),
                           [&](const LossEntry &e) {
                               return e.resource == id && e.code == code &&
                                      (field.isEmpty() || e.fieldPath == field);
                           });
    };
    int checked = 0;
    for (const Project::DocumentRef &ref : workspace.documents()) {
        const Project::Document &document = workspace.document(ref);
        const ToGatewayApi::ResourceId id{document.kind(), document.nameSpace(), document.name()};
        if (std::holds_alternative<Istio::Gateway>(document.resource())) {
            QVERIFY2(named(id, "gateway-selector", "spec.selector"), qPrintable(id.text()));
            ++checked;
            continue;
        }
        const auto *vs = std::get_if<Istio::VirtualService>(&document.resource());
        if (!vs)
            continue;
        if (vs->spec.hosts.empty() && vs->spec.gateways.empty()) {
            QVERIFY2(named(id, "not-converted", "spec"), qPrintable(id.text()));
            continue;
        }
        const bool gatewayBound =
            std::any_of(vs->spec.gateways.begin(), vs->spec.gateways.end(),
                        [](const QString &g) { return g != QLatin1String("mesh"); });
        if (!gatewayBound) {
            QVERIFY2(named(id, "mesh", "spec.gateways"), qPrintable(id.text()));
            continue;
        }
        for (int i = 0; i < int(vs->spec.http.size()); ++i) {
            const Istio::HTTPRoute &route = vs->spec.http[i];
            const QString at = QStringLiteral("spec.http[%1]").arg(i);
            const QString message =
                id.text() + QLatin1Char(' ') + at + QLatin1Char('\n') + entriesText(conversion);
            if (route.fault) {
                QVERIFY2(named(id, "fault", at + ".fault"), qPrintable(message));
                ++checked;
            }
            if (route.delegate)
                QVERIFY2(named(id, "delegate", at + ".delegate"), qPrintable(message));
            if (route.directResponse)
                QVERIFY2(named(id, "direct-response", at + ".directResponse"), qPrintable(message));
            for (int d = 0; d < int(route.route.size()); ++d) {
                if (route.route[d].destination && route.route[d].destination->subset)
                    QVERIFY2(named(id, "subset",
                                   at + QStringLiteral(".route[%1].destination.subset").arg(d)),
                             qPrintable(message));
            }
            for (const Istio::HTTPMatchRequest &match : route.match) {
                if (match.uri && match.uri->prefix && match.uri->prefix->size() > 1 &&
                    !match.ignoreUriCase.value_or(false))
                    QVERIFY2(
                        named(id, "prefix-not-path-aligned", QString()) ||
                            named(id, "prefix-trailing-slash", QString()) ||
                            vs->metadata.annotations.value("internal.istio.io/route-semantics"),
                        qPrintable(message));
            }
        }
        ++checked;
    }
    QVERIFY(checked > 0 || conversion.objects.empty());
}

// ---------------------------------------------------------------------------------------------
// Istio's Gateway API → Istio goldens, converted back: the same listeners, and per hostname the
// same matches, filters, backends, retries and timeouts as the original Gateway API input.

void TestToGatewayApiCorpus::goldenRoundTrip_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("http") << "http";
    QTest::newRow("tcp") << "tcp";
}

void TestToGatewayApiCorpus::goldenRoundTrip()
{
    if (TestSupport::corpusDir().isEmpty())
        QSKIP(qPrintable(TestSupport::corpusMissingMessage()));
    QFETCH(QString, name);
    const QString base =
        TestSupport::corpusDir() +
        QStringLiteral("/istio-tests/pilot__pkg__config__kube__gateway__testdata__") + name +
        QStringLiteral(".yaml");
    Project::Workspace workspace;
    QVERIFY(workspace.addPath(base + QStringLiteral(".golden")));
    ToGatewayApi::Options options;
    options.domainSuffix = QStringLiteral("domain.suffix"); // what Istio's test uses
    const Conversion conversion = ToGatewayApi::convert(workspace, options);
    const std::vector<YAML::Node> original =
        YAML::LoadAll(TestSupport::readFile(base).toStdString());

    // Generated Gateways by the name of the Gateway API Gateway they came from (the golden's
    // internal.istio.io/parents annotation: "Gateway/<name>/<listener>.<namespace>").
    QMap<QString, QString> originalGatewayOf;
    for (const Project::DocumentRef &ref : workspace.documents()) {
        const Project::Document &document = workspace.document(ref);
        const auto *gateway = std::get_if<Istio::Gateway>(&document.resource());
        if (!gateway)
            continue;
        const QString parents =
            *gateway->metadata.annotations.value(QStringLiteral("internal.istio.io/parents"));
        for (const ToGatewayApi::OutputObject &object : conversion.objects) {
            if (object.kind == QLatin1String("Gateway") && object.source.name == document.name())
                originalGatewayOf[object.name] = parents.section(QLatin1Char('/'), 1, 1);
        }
    }
    QVERIFY(!originalGatewayOf.isEmpty());

    QMap<QString, QStringList> expectedListeners;
    QMap<QString, QStringList> actualListeners;
    for (const YAML::Node &document : original) {
        if (GoldenSignatures::scalar(document["kind"]) != QLatin1String("Gateway"))
            continue;
        for (const YAML::Node &listener : document["spec"]["listeners"])
            expectedListeners[GoldenSignatures::scalar(document["metadata"]["name"])]
                << GoldenSignatures::listener(listener);
    }
    for (const ToGatewayApi::OutputObject &object : conversion.objects) {
        if (object.kind != QLatin1String("Gateway"))
            continue;
        for (const YAML::Node &listener : object.node["spec"]["listeners"])
            actualListeners[originalGatewayOf.value(object.name)]
                << GoldenSignatures::listener(listener);
    }
    QCOMPARE(actualListeners, expectedListeners);

    // HTTP: per hostname; hosts whose backends Istio renamed (InferencePools) or never bound
    // are left out.
    const QStringList skipped{QStringLiteral("should.not.select"),
                              QStringLiteral("infpool-multi.domain.example"),
                              QStringLiteral("multi-infpool.domain.example")};
    QMap<QString, QStringList> expectedRules;
    QMap<QString, QStringList> actualRules;
    QStringList expectedTcp;
    QStringList actualTcp;
    for (const YAML::Node &document : original) {
        const QString kind = GoldenSignatures::scalar(document["kind"]);
        if (kind == QLatin1String("HTTPRoute"))
            GoldenSignatures::addRoute(document, expectedRules);
        if (kind == QLatin1String("TCPRoute")) {
            for (const YAML::Node &parent : document["spec"]["parentRefs"])
                for (const YAML::Node &ref : document["spec"]["rules"][0]["backendRefs"])
                    expectedTcp << GoldenSignatures::scalar(parent["name"]) + " -> " +
                                       GoldenSignatures::scalar(ref["name"]) + ':' +
                                       GoldenSignatures::scalar(ref["port"]);
        }
    }
    for (const ToGatewayApi::OutputObject &object : conversion.objects) {
        if (object.kind == QLatin1String("HTTPRoute"))
            GoldenSignatures::addRoute(object.node, actualRules);
        if (object.kind == QLatin1String("TCPRoute")) {
            for (const YAML::Node &parent : object.node["spec"]["parentRefs"])
                for (const YAML::Node &ref : object.node["spec"]["rules"][0]["backendRefs"])
                    actualTcp << originalGatewayOf.value(GoldenSignatures::scalar(parent["name"])) +
                                     " -> " + GoldenSignatures::scalar(ref["name"]) + ':' +
                                     GoldenSignatures::scalar(ref["port"]);
        }
    }
    for (const QString &host : skipped) {
        expectedRules.remove(host);
        actualRules.remove(host);
    }
    for (auto *rules : {&expectedRules, &actualRules}) {
        for (QStringList &list : *rules)
            list.sort();
    }
    for (auto it = expectedRules.cbegin(); it != expectedRules.cend(); ++it)
        QCOMPARE(actualRules.value(it.key()).join('\n'), it.value().join('\n'));
    QCOMPARE(actualRules.keys(), expectedRules.keys());
    expectedTcp.sort();
    actualTcp.sort();
    QCOMPARE(actualTcp, expectedTcp);
    if (name == QLatin1String("http"))
        QVERIFY(expectedRules.size() >= 8);
    else
        QCOMPARE(expectedTcp.size(), 2);
}

QTEST_GUILESS_MAIN(TestToGatewayApiCorpus)
#include "tst_togatewayapicorpus.moc"
