// Gateway API resources served through the one decision path: the compiler takes the
// translated Gateways and VirtualServices, and the route engine applies Gateway API semantics
// (path-segment prefixes, 500 for invalid backends) where the VirtualService says so.

#include "compile/compiler.h"
#include "core/diagnosticcodes.h"
#include "gatewayapitestsupport.h"
#include "route/decide.h"

using namespace GatewayApiTest;

namespace {

const QByteArray DESIGN =
    GatewayApiTest::gateway(GatewayApiTest::HTTP_LISTENER_ALL) +
    "---\napiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: apps}\n"
    "---\napiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: apps}\n" +
    GatewayApiTest::httpRoute(
        "shop", "  hostnames: [shop.example.com]\n  rules:\n"
                "  - name: foo\n    matches: [{path: {type: PathPrefix, value: /foo/}}]\n"
                "    backendRefs: [{name: web, port: 80}]\n"
                "  - name: exact\n    matches: [{path: {type: Exact, value: /foo/exact}}]\n"
                "    backendRefs: [{name: api, port: 8080}]\n"
                "  - name: foobar\n    matches: [{path: {value: /foo/bar}}]\n"
                "    backendRefs: [{name: api, port: 8080}]\n"
                "  - name: strip\n    matches: [{path: {value: /strip}}]\n"
                "    filters: [{type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, "
                "replacePrefixMatch: /}}}]\n"
                "    backendRefs: [{name: web, port: 80}]\n"
                "  - name: renamed\n    matches: [{path: {value: /old}}]\n"
                "    filters: [{type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, "
                "replacePrefixMatch: /new}}}]\n"
                "    backendRefs: [{name: web, port: 80}]\n"
                "  - name: missing\n    matches: [{path: {value: /missing}}]\n"
                "    backendRefs: [{name: nothere, port: 80}]\n"
                "  - name: zero\n    matches: [{path: {value: /zero}}]\n"
                "    backendRefs: [{name: web, port: 80, weight: 0}]\n"
                "  - name: crossns\n    matches: [{path: {value: /elsewhere}}]\n"
                "    backendRefs: [{name: web, namespace: backends, port: 80}]\n");

Route::Request request(const QString &url)
{
    QString error;
    const std::optional<Route::Request> parsed =
        Route::Request::fromUrl(QStringLiteral("GET"), url, &error);
    if (!parsed)
        qFatal("bad test URL %s: %s", qPrintable(url), qPrintable(error));
    return *parsed;
}

QString traceText(const Route::Decision &decision)
{
    QString text;
    for (const Route::TraceStep &step : decision.trace)
        text += step.stage + QStringLiteral(": ") + step.outcome + QLatin1Char('\n') +
                step.candidates.join(QLatin1Char('\n')) + QLatin1Char('\n');
    return text;
}

std::shared_ptr<const Runtime::Config> compileDesign()
{
    Project::Workspace workspace;
    workspace.addFile(TestSupport::parseText(DESIGN, QStringLiteral("design.yaml")));
    return Compile::compile(workspace);
}

} // namespace

class TestGatewayApiServing : public QObject {
    Q_OBJECT

private slots:
    void decisions_data();
    void decisions();
    void traceNamesTheSemantics();
    void translationFindingsAreConfigNotes();
    void plainVirtualServicesKeepStringPrefixes();
    void domainSuffixReachesTheTranslation();
};

void TestGatewayApiServing::decisions_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("route");    // "" = none
    QTest::addColumn<int>("status");       // 0 = forwarded
    QTest::addColumn<QString>("upstream"); // forwarded: cluster, then the path it receives
    QTest::newRow("the prefix itself") << "http://shop.example.com/foo"
                                       << "foo" << 0 << "web.apps.svc.cluster.local:80 /foo";
    QTest::newRow("the prefix with a slash") << "http://shop.example.com/foo/"
                                             << "foo" << 0 << "web.apps.svc.cluster.local:80 /foo/";
    QTest::newRow("a path below the prefix")
        << "http://shop.example.com/foo/x"
        << "foo" << 0 << "web.apps.svc.cluster.local:80 /foo/x";
    QTest::newRow("the prefix followed by a query")
        << "http://shop.example.com/foo?x=1"
        << "foo" << 0 << "web.apps.svc.cluster.local:80 /foo?x=1";
    QTest::newRow("a longer segment is not the prefix") << "http://shop.example.com/foobar"
                                                        << "" << 404 << "";
    QTest::newRow("exact before a prefix")
        << "http://shop.example.com/foo/exact"
        << "exact" << 0 << "api.apps.svc.cluster.local:8080 /foo/exact";
    QTest::newRow("the longer prefix first")
        << "http://shop.example.com/foo/bar/baz"
        << "foobar" << 0 << "api.apps.svc.cluster.local:8080 /foo/bar/baz";
    QTest::newRow("segments, not characters, decide the longer prefix")
        << "http://shop.example.com/foo/barbaz"
        << "foo" << 0 << "web.apps.svc.cluster.local:80 /foo/barbaz";
    QTest::newRow("rewrite to / removes the prefix")
        << "http://shop.example.com/strip/a/b?q=1"
        << "strip" << 0 << "web.apps.svc.cluster.local:80 /a/b?q=1";
    QTest::newRow("rewrite to / of the prefix itself")
        << "http://shop.example.com/strip"
        << "strip" << 0 << "web.apps.svc.cluster.local:80 /";
    QTest::newRow("prefix rewrite keeps the rest")
        << "http://shop.example.com/old/page"
        << "renamed" << 0 << "web.apps.svc.cluster.local:80 /new/page";
    QTest::newRow("a Service the workspace lacks answers 500") << "http://shop.example.com/missing"
                                                               << "missing" << 500 << "";
    QTest::newRow("no backend with weight answers 500") << "http://shop.example.com/zero"
                                                        << "zero" << 500 << "";
    QTest::newRow("a backend without ReferenceGrant answers 500")
        << "http://shop.example.com/elsewhere"
        << "crossns" << 500 << "";
}

void TestGatewayApiServing::decisions()
{
    QFETCH(QString, url);
    QFETCH(QString, route);
    QFETCH(int, status);
    QFETCH(QString, upstream);
    const auto config = compileDesign();
    const Route::Decision decision = Route::decide(*config, request(url));
    const QString trace = traceText(decision);
    QCOMPARE(decision.routeName, route);
    QVERIFY2(decision.server, qPrintable(trace));
    QCOMPARE(decision.server->gateway.qualifiedName(),
             QStringLiteral("infra/gw~istio-autogenerated-k8s-gateway~http"));
    if (status == 0) {
        QVERIFY2(decision.outcome == Route::Decision::Outcome::Forward, qPrintable(trace));
        QCOMPARE(decision.cluster->describe() + QLatin1Char(' ') + decision.upstreamPath, upstream);
    } else {
        QCOMPARE(decision.status, status);
    }
    // The untraced fast path decides the same.
    const Route::Decision fast = Route::decide(*config, request(url), false);
    QCOMPARE(fast.outcome, decision.outcome);
    QCOMPARE(fast.status, decision.status);
    QCOMPARE(fast.routeName, decision.routeName);
}

void TestGatewayApiServing::traceNamesTheSemantics()
{
    const auto config = compileDesign();
    const QString miss =
        traceText(Route::decide(*config, request("http://shop.example.com/foobar")));
    QVERIFY2(miss.contains(QStringLiteral("path-segment prefix \"/foo\"")), qPrintable(miss));
    const QString hit = traceText(Route::decide(*config, request("http://shop.example.com/foo/x")));
    QVERIFY2(hit.contains(QStringLiteral("Gateway API semantics")), qPrintable(hit));
    const QString invalid =
        traceText(Route::decide(*config, request("http://shop.example.com/missing")));
    QVERIFY2(invalid.contains(QStringLiteral("500 (Gateway API route: 500, not 503)")),
             qPrintable(invalid));
}

void TestGatewayApiServing::translationFindingsAreConfigNotes()
{
    const auto config = compileDesign();
    const Core::Diagnostic *note = findDiagnostic(
        config->notes, QLatin1String(Core::Codes::GATEWAY_API_INVALID_BACKEND), "nothere");
    QVERIFY2(note, qPrintable(describe(config->notes)));
    QCOMPARE(note->subject.file, QStringLiteral("design.yaml"));
    QCOMPARE(note->fieldPath, QStringLiteral("spec.rules[5].backendRefs[0]"));
}

void TestGatewayApiServing::plainVirtualServicesKeepStringPrefixes()
{
    // The same VirtualService without the route-semantics annotation: Istio's plain prefix.
    const QByteArray text =
        "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: gw, namespace: "
        "infra}\nspec:\n  servers:\n  - port: {number: 80, name: http, protocol: HTTP}\n"
        "    hosts: ['*/*']\n---\napiVersion: networking.istio.io/v1\nkind: VirtualService\n"
        "metadata: {name: vs, namespace: apps}\nspec:\n  hosts: [shop.example.com]\n"
        "  gateways: [infra/gw]\n  http:\n  - name: foo\n    match: [{uri: {prefix: /foo}}]\n"
        "    route: [{destination: {host: web, port: {number: 80}, subset: nope}}]\n";
    Project::Workspace workspace;
    workspace.addFile(TestSupport::parseText(text));
    const auto config = Compile::compile(workspace);
    const Route::Decision decision =
        Route::decide(*config, request(QStringLiteral("http://shop.example.com/foobar")));
    QCOMPARE(decision.routeName, QStringLiteral("foo"));
    QCOMPARE(decision.status, 503); // a missing cluster is 503 for VirtualService semantics
}

void TestGatewayApiServing::domainSuffixReachesTheTranslation()
{
    Project::Workspace workspace;
    workspace.addFile(TestSupport::parseText(
        gateway(HTTP_LISTENER_ALL) +
        httpRoute("r", "  rules: [{backendRefs: [{name: web, port: 80}]}]\n")));
    Compile::CompileOptions options;
    options.domainSuffix = QStringLiteral("corp.internal");
    const auto config = Compile::compile(workspace, options);
    const Route::Decision decision =
        Route::decide(*config, request(QStringLiteral("http://any.example.com/")));
    QVERIFY2(decision.cluster, qPrintable(traceText(decision)));
    QCOMPARE(decision.cluster->host, QStringLiteral("web.apps.svc.corp.internal"));
}

QTEST_GUILESS_MAIN(TestGatewayApiServing)
#include "tst_gatewayapiserving.moc"
