// Every field of the Gateway, VirtualService and DestinationRule model is read from YAML,
// lands in the right member, and is written back.

#include "model/resource.h"
#include "testsupport.h"
#include "yaml/fieldwriter.h"
#include "yaml/nodeequality.h"
#include "yaml/resourceio.h"

#include <cxxabi.h>
#include <set>
#include <typeinfo>

namespace {

template <class T> std::string typeName()
{
    int status = 0;
    char *demangled = abi::__cxa_demangle(typeid(T).name(), nullptr, nullptr, &status);
    std::string name = status == 0 ? demangled : typeid(T).name();
    std::free(demangled);
    return name;
}

template <class T> struct Inner {
    using type = T;
};
template <class T> struct Inner<std::optional<T>> : Inner<T> {};
template <class T> struct Inner<std::vector<T>> : Inner<T> {};
template <class T> struct Inner<Istio::OrderedMap<T>> : Inner<T> {};

using FieldSet = std::set<std::string>;

// Every (struct, field) pair reachable from T in the model.
template <class T> void collectModelFields(FieldSet &all, std::set<std::string> &visited)
{
    using U = typename Inner<T>::type;
    if constexpr (Istio::ApiStruct<U>) {
        if (!visited.insert(typeName<U>()).second)
            return;
        std::apply(
            [&](const auto &...f) {
                (
                    [&](const auto &descriptor) {
                        using Member = std::decay_t<decltype(U{}.*(descriptor.member))>;
                        if constexpr (!std::is_same_v<Member, Istio::Untyped>) {
                            all.insert(typeName<U>() + "." + descriptor.name);
                            collectModelFields<Member>(all, visited);
                        }
                    }(f),
                    ...);
            },
            U::fields());
    }
}

// Every (struct, field) pair that holds a value somewhere in `value`.
template <class T> void collectSetFields(const T &value, FieldSet &set)
{
    if constexpr (requires { value.has_value(); }) {
        if (value)
            collectSetFields(*value, set);
    } else if constexpr (requires { value.entries; }) {
        for (const auto &entry : value.entries)
            collectSetFields(entry.second, set);
    } else if constexpr (Yaml::detail::IsVector<T>::value) {
        for (const auto &element : value)
            collectSetFields(element, set);
    } else if constexpr (Istio::ApiStruct<T>) {
        std::apply(
            [&](const auto &...f) {
                (
                    [&](const auto &descriptor) {
                        const auto &member = value.*(descriptor.member);
                        if (!Yaml::isUnset(member)) {
                            set.insert(typeName<T>() + "." + descriptor.name);
                            collectSetFields(member, set);
                        }
                    }(f),
                    ...);
            },
            T::fields());
    }
}

const Project::Document &onlyDocument(const Project::SourceFile &file)
{
    for (const Project::Document &document : file.documents()) {
        if (!document.isBlank())
            return document;
    }
    qFatal("no document");
}

Project::SourceFile loadFixture(const QString &name)
{
    return Project::SourceFile::load(TestSupport::dataPath(QStringLiteral("model/") + name));
}

} // namespace

class TestModelFields : public QObject {
    Q_OBJECT

private slots:
    void fixtureReadsCleanly_data();
    void fixtureReadsCleanly();
    void everyModelFieldIsExercised();
    void values_data();
    void values();
    void positions_data();
    void positions();
    void versionsShareOneSchema_data();
    void versionsShareOneSchema();
    void protoFieldNamesAreAccepted();
};

void TestModelFields::fixtureReadsCleanly_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<int>("kind");
    QTest::newRow("Gateway") << "gateway-all-fields.yaml" << int(Istio::ResourceKind::Gateway);
    QTest::newRow("VirtualService")
        << "virtualservice-all-fields.yaml" << int(Istio::ResourceKind::VirtualService);
    QTest::newRow("DestinationRule")
        << "destinationrule-all-fields.yaml" << int(Istio::ResourceKind::DestinationRule);
}

// No diagnostics means every key of the fixture is a known field with a well-typed value;
// writing the typed value into an empty node and comparing with the file means every value
// was captured.
void TestModelFields::fixtureReadsCleanly()
{
    QFETCH(QString, fixture);
    QFETCH(int, kind);
    const Project::SourceFile file = loadFixture(fixture);
    const Project::Document &document = onlyDocument(file);
    QCOMPARE(int(document.modelledKind()), kind);
    for (const Core::Diagnostic &diagnostic : document.diagnostics())
        qWarning().noquote() << diagnostic.toText();
    QVERIFY(document.diagnostics().isEmpty());

    YAML::Node fresh(YAML::NodeType::Map);
    Yaml::writeResource(fresh, document.resource());
    std::string difference;
    QVERIFY2(Yaml::dataEquivalent(fresh, document.node(), &difference), difference.c_str());
}

void TestModelFields::everyModelFieldIsExercised()
{
    FieldSet all;
    std::set<std::string> visited;
    collectModelFields<Istio::Gateway>(all, visited);
    collectModelFields<Istio::VirtualService>(all, visited);
    collectModelFields<Istio::DestinationRule>(all, visited);

    FieldSet set;
    for (const QString &fixture : {QStringLiteral("gateway-all-fields.yaml"),
                                   QStringLiteral("virtualservice-all-fields.yaml"),
                                   QStringLiteral("destinationrule-all-fields.yaml")}) {
        const Project::SourceFile file = loadFixture(fixture);
        std::visit([&](const auto &resource) { collectSetFields(resource, set); },
                   onlyDocument(file).resource());
    }
    QStringList missing;
    for (const std::string &field : all) {
        if (!set.count(field))
            missing << QString::fromStdString(field);
    }
    QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("fields no fixture sets: ") +
                                           missing.join(QStringLiteral(", "))));
    QVERIFY(all.size() > 250); // the model really is the whole API, not a subset
}

void TestModelFields::values_data()
{
    QTest::addColumn<QString>("actual");
    QTest::addColumn<QString>("expected");

    const Project::SourceFile gatewayFile = loadFixture(QStringLiteral("gateway-all-fields.yaml"));
    const auto &gw = std::get<Istio::Gateway>(onlyDocument(gatewayFile).resource());
    const Istio::Server &secure = gw.spec.servers.at(0);
    const Istio::ServerTlsSettings &tls = *secure.tls;
    QTest::newRow("gateway apiVersion") << *gw.apiVersion << "networking.istio.io/v1alpha3";
    QTest::newRow("gateway namespace") << *gw.metadata.nameSpace << "istio-system";
    QTest::newRow("gateway label") << *gw.metadata.labels.value("team") << "edge";
    QTest::newRow("selector") << *gw.spec.selector.value("istio") << "ingressgateway";
    QTest::newRow("port.number") << QString::number(*secure.port->number) << "443";
    QTest::newRow("port.protocol") << Istio::enumName(*secure.port->protocol) << "HTTPS";
    const Project::SourceFile lowerCase = TestSupport::parseText(
        "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: g}\nspec:\n"
        "  servers:\n  - port: {number: 80, name: http, protocol: grpc-web}\n    hosts: [a.b]\n");
    QTest::newRow("port.protocol is case-insensitive")
        << Istio::enumName(*std::get<Istio::Gateway>(onlyDocument(lowerCase).resource())
                                .spec.servers.at(0)
                                .port->protocol)
        << "GRPC-WEB";
    QTest::newRow("port.targetPort") << QString::number(*secure.port->targetPort) << "8443";
    QTest::newRow("bind") << *secure.bind << "0.0.0.0";
    QTest::newRow("hosts[1]") << secure.hosts.at(1) << "./local.example.com";
    QTest::newRow("server name") << *secure.name << "secure";
    QTest::newRow("defaultEndpoint") << *secure.defaultEndpoint << "127.0.0.1:8080";
    QTest::newRow("tls.mode") << Istio::enumName(*tls.mode) << "MUTUAL";
    QTest::newRow("tls.credentialNames[1]") << tls.credentialNames.at(1) << "shop-ecdsa";
    QTest::newRow("tls.tlsCertificates[0].privateKey")
        << *tls.tlsCertificates.at(0).privateKey << "/etc/certs/a.key";
    QTest::newRow("tls.minProtocolVersion")
        << Istio::enumName(*tls.minProtocolVersion) << "TLSV1_2";
    QTest::newRow("tls.httpsRedirect on port 80")
        << QVariant(*gw.spec.servers.at(1).tls->httpsRedirect).toString() << "true";
    QTest::newRow("tls mode defaults to PASSTHROUGH")
        << Istio::enumName(gw.spec.servers.at(1).tls->effectiveMode()) << "PASSTHROUGH";

    const Project::SourceFile vsFile =
        loadFixture(QStringLiteral("virtualservice-all-fields.yaml"));
    const auto &vs = std::get<Istio::VirtualService>(onlyDocument(vsFile).resource());
    const Istio::HTTPRoute &route = vs.spec.http.at(0);
    const Istio::HTTPMatchRequest &match = route.match.at(0);
    QTest::newRow("vs gateways") << vs.spec.gateways.at(0) << "istio-system/public";
    QTest::newRow("match.uri.prefix") << *match.uri->prefix << "/api";
    QTest::newRow("match.method.regex") << *match.method->regex << "GET|POST";
    QTest::newRow("match.authority keeps the port")
        << *match.authority->exact << "shop.example.com:8443";
    QTest::newRow("header exact") << *match.headers.value("x-user")->exact << "jason";
    QTest::newRow("header presence {}")
        << QString::number(match.headers.value("x-present")->exact.has_value()) << "0";
    QTest::newRow("queryParams quoted number stays a string")
        << *match.queryParams.value("debug")->exact << "1";
    QTest::newRow("route weight") << QString::number(*route.route.at(1).weight) << "10";
    QTest::newRow("destination port")
        << QString::number(*route.route.at(0).destination->port->number) << "8080";
    QTest::newRow("destination header remove")
        << route.route.at(0).headers->request->remove.at(0) << "x-c";
    QTest::newRow("uriRegexRewrite.rewrite")
        << *route.rewrite->uriRegexRewrite->rewrite << "/v2\\1";
    QTest::newRow("timeout in ms") << QString::number(route.timeout->milliseconds()) << "10000";
    QTest::newRow("retries.backoff in ms")
        << QString::number(route.retries->backoff->milliseconds()) << "50";
    QTest::newRow("fault delay percentage")
        << QString::number(*route.fault->delay->percentage->value) << "10";
    QTest::newRow("fault abort percentage")
        << QString::number(*route.fault->abort->percentage->value) << "1.5";
    QTest::newRow("cors maxAge in ms")
        << QString::number(route.corsPolicy->maxAge->milliseconds()) << "86400000";
    QTest::newRow("cors unmatchedPreflights")
        << Istio::enumName(*route.corsPolicy->unmatchedPreflights) << "IGNORE";
    QTest::newRow("redirect code")
        << QString::number(*vs.spec.http.at(1).redirect->redirectCode) << "308";
    QTest::newRow("redirect derivePort")
        << Istio::enumName(*vs.spec.http.at(2).redirect->derivePort) << "FROM_REQUEST_PORT";
    QTest::newRow("directResponse body bytes")
        << *vs.spec.http.at(4).directResponse->body->bytes << "aGVsbG8=";
    QTest::newRow("delegate namespace") << *vs.spec.http.at(5).delegate->nameSpace << "shop";
    QTest::newRow("tls sniHosts") << vs.spec.tls.at(0).match.at(0).sniHosts.at(0)
                                  << "shop.example.com";
    QTest::newRow("tcp sourceSubnet")
        << *vs.spec.tcp.at(0).match.at(0).sourceSubnet << "192.168.0.0/16";

    const Project::SourceFile drFile =
        loadFixture(QStringLiteral("destinationrule-all-fields.yaml"));
    const auto &dr = std::get<Istio::DestinationRule>(onlyDocument(drFile).resource());
    const Istio::TrafficPolicy &policy = *dr.spec.trafficPolicy;
    QTest::newRow("dr host") << *dr.spec.host << "api.shop.svc.cluster.local";
    QTest::newRow("cookie ttl 0s allowed")
        << QString::number(policy.loadBalancer->consistentHash->httpCookie->ttl->nanoseconds)
        << "0";
    QTest::newRow("locality distribute weight")
        << QString::number(*policy.loadBalancer->localityLbSetting->distribute.at(0).to.value(
               "us-west/zone2/*"))
        << "20";
    QTest::newRow("h2UpgradePolicy")
        << Istio::enumName(*policy.connectionPool->http->h2UpgradePolicy) << "UPGRADE";
    QTest::newRow("consecutive5xxErrors")
        << QString::number(*policy.outlierDetection->consecutive5xxErrors) << "5";
    QTest::newRow("outlier error codes")
        << QString::number(policy.outlierDetection->outlierDetectionHttpErrorCodes.at(1)) << "503";
    QTest::newRow("client tls sni") << *policy.tls->sni << "api.example.com";
    QTest::newRow("maglev tableSize")
        << QString::number(
               *policy.portLevelSettings.at(1).loadBalancer->consistentHash->maglev->tableSize)
        << "65537";
    QTest::newRow("warmup aggression")
        << QString::number(*policy.portLevelSettings.at(0).loadBalancer->warmup->aggression)
        << "1.5";
    QTest::newRow("proxyProtocol") << Istio::enumName(*policy.proxyProtocol->version) << "V2";
    QTest::newRow("subset label") << *dr.spec.subsets.at(0).labels.value("version") << "v1";
    QTest::newRow("workloadSelector")
        << *dr.spec.workloadSelector->matchLabels.value("app") << "api";
}

void TestModelFields::values()
{
    QFETCH(QString, actual);
    QFETCH(QString, expected);
    QCOMPARE(actual, expected);
}

void TestModelFields::positions_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QString>("fieldPath");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");

    QTest::newRow("metadata.name") << "gateway-all-fields.yaml"
                                   << "metadata.name" << 5 << 3;
    QTest::newRow("server item") << "gateway-all-fields.yaml"
                                 << "spec.servers[0]" << 16 << 5;
    QTest::newRow("port.number") << "gateway-all-fields.yaml"
                                 << "spec.servers[0].port.number" << 17 << 7;
    QTest::newRow("tls.mode") << "gateway-all-fields.yaml"
                              << "spec.servers[0].tls.mode" << 29 << 7;
    QTest::newRow("second server port") << "gateway-all-fields.yaml"
                                        << "spec.servers[1].port.protocol" << 51 << 7;
    QTest::newRow("flow mapping key") << "virtualservice-all-fields.yaml"
                                      << "spec.http[0].match[0].uri.prefix" << 15 << 13;
    QTest::newRow("header match") << "virtualservice-all-fields.yaml"
                                  << "spec.http[0].match[0].headers.x-user" << 20 << 9;
    QTest::newRow("unrecorded child falls back to its parent")
        << "virtualservice-all-fields.yaml"
        << "spec.http[0].match[0].headers.x-user.nothing" << 20 << 9;
}

void TestModelFields::positions()
{
    QFETCH(QString, fixture);
    QFETCH(QString, fieldPath);
    QFETCH(int, line);
    QFETCH(int, column);
    const Project::SourceFile file = loadFixture(fixture);
    const Core::SourcePosition position = onlyDocument(file).positionOf(fieldPath);
    QCOMPARE(position.line, line);
    QCOMPARE(position.column, column);
}

void TestModelFields::versionsShareOneSchema_data()
{
    QTest::addColumn<QString>("apiVersion");
    QTest::addColumn<int>("kind");
    QTest::newRow("v1") << "networking.istio.io/v1" << int(Istio::ResourceKind::Gateway);
    QTest::newRow("v1beta1") << "networking.istio.io/v1beta1" << int(Istio::ResourceKind::Gateway);
    QTest::newRow("v1alpha3") << "networking.istio.io/v1alpha3"
                              << int(Istio::ResourceKind::Gateway);
    QTest::newRow("Gateway API is opaque")
        << "gateway.networking.k8s.io/v1" << int(Istio::ResourceKind::Other);
    QTest::newRow("unknown version is opaque")
        << "networking.istio.io/v2" << int(Istio::ResourceKind::Other);
}

void TestModelFields::versionsShareOneSchema()
{
    QFETCH(QString, apiVersion);
    QFETCH(int, kind);
    const QByteArray text = "apiVersion: " + apiVersion.toUtf8() +
                            "\nkind: Gateway\nmetadata:\n  name: g\nspec:\n  servers:\n"
                            "  - port: {number: 80, name: http, protocol: HTTP}\n"
                            "    hosts: [\"*\"]\n";
    const Project::SourceFile file = TestSupport::parseText(text);
    const Project::Document &document = onlyDocument(file);
    QCOMPARE(int(document.modelledKind()), kind);
    QVERIFY(document.diagnostics().isEmpty());
    if (kind == int(Istio::ResourceKind::Gateway)) {
        const auto &gateway = std::get<Istio::Gateway>(document.resource());
        QCOMPARE(*gateway.spec.servers.at(0).port->number, 80u);
    }
}

void TestModelFields::protoFieldNamesAreAccepted()
{
    const QByteArray text = "apiVersion: networking.istio.io/v1\nkind: DestinationRule\n"
                            "metadata: {name: d}\nspec:\n  host: a\n  traffic_policy:\n"
                            "    outlier_detection: {consecutive_5xx_errors: 7}\n"
                            "    connection_pool: {http: {http1_max_pending_requests: 3}}\n";
    const Project::SourceFile file = TestSupport::parseText(text);
    const Project::Document &document = onlyDocument(file);
    QVERIFY(document.diagnostics().isEmpty());
    const auto &rule = std::get<Istio::DestinationRule>(document.resource());
    QCOMPARE(*rule.spec.trafficPolicy->outlierDetection->consecutive5xxErrors, 7u);
    QCOMPARE(*rule.spec.trafficPolicy->connectionPool->http->http1MaxPendingRequests, 3);
}

QTEST_GUILESS_MAIN(TestModelFields)
#include "tst_modelfields.moc"
