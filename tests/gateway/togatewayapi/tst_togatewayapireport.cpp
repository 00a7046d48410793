// The loss report of the Istio → Gateway API conversion: each kind of entry (and where there
// must be none), and the precedence check that finds routes Gateway API evaluates in another
// order than Istio.

#include "togatewayapi/matchoverlap.h"
#include "togatewayapitest.h"

#include <QtTest>

using namespace ToGatewayApiTest;
using ToGatewayApi::Severity;

Q_DECLARE_METATYPE(ToGatewayApi::Severity)

class TestToGatewayApiReport : public QObject {
    Q_OBJECT

private slots:
    void lossEntries_data();
    void lossEntries();
    void precedence_data();
    void precedence();
    void overlap_data();
    void overlap();
};

// ---------------------------------------------------------------------------------------------
// Loss report: each kind of entry, where it points, how severe; and where there must be none.

void TestToGatewayApiReport::lossEntries_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("field");
    QTest::addColumn<Severity>("severity");
    QTest::addColumn<bool>("present");

    const Severity lost = Severity::Lost;
    const Severity changed = Severity::ChangedBehaviour;
    const Severity note = Severity::Note;

    QTest::newRow("fault") << http("  http:\n  - fault: {abort: {httpStatus: 503, percentage: "
                                   "{value: 10}}}\n" +
                                   BACKEND)
                           << "fault"
                           << "spec.http[0].fault" << lost << true;
    QTest::newRow("fault without percentage injects nothing")
        << http("  http:\n  - fault: {delay: {fixedDelay: 5s}}\n" + BACKEND) << "fault"
        << "spec.http[0].fault" << note << true;
    QTest::newRow("delegate") << http("  http:\n  - delegate: {name: child, namespace: team}\n")
                              << "delegate"
                              << "spec.http[0].delegate" << lost << true;
    QTest::newRow("directResponse")
        << http("  http:\n  - directResponse: {status: 418}\n") << "direct-response"
        << "spec.http[0].directResponse" << lost << true;
    QTest::newRow("subset")
        << http("  http:\n  - route: [{destination: {host: a, subset: v1, port: {number: 80}}}]\n")
        << "subset"
        << "spec.http[0].route[0].destination.subset" << changed << true;
    QTest::newRow("no port, Service unknown")
        << http("  http:\n  - route: [{destination: {host: a}}]\n") << "backend-port"
        << "spec.http[0].route[0].destination" << lost << true;
    QTest::newRow("no port, the Service has one")
        << http("  http:\n  - route: [{destination: {host: a}}]\n") +
               "---\napiVersion: v1\nkind: Service\nmetadata: {name: a, namespace: default}\n"
               "spec:\n  ports: [{port: 8080}]\n"
        << "backend-port-inferred"
        << "spec.http[0].route[0].destination" << note << true;
    QTest::newRow("prefix not path aligned")
        << http("  http:\n  - match: [{uri: {prefix: /foo}}]\n" + BACKEND)
        << "prefix-not-path-aligned"
        << "spec.http[0].match[0].uri" << changed << true;
    QTest::newRow("prefix with a trailing slash")
        << http("  http:\n  - match: [{uri: {prefix: /foo/}}]\n" + BACKEND)
        << "prefix-trailing-slash"
        << "spec.http[0].match[0].uri" << changed << true;
    QTest::newRow("prefix / is the same in both")
        << http("  http:\n  - match: [{uri: {prefix: /}}]\n" + BACKEND) << "prefix-not-path-aligned"
        << "" << changed << false;
    QTest::newRow("Gateway-API-generated VirtualService: path-element prefixes already")
        << http("  http:\n  - match: [{uri: {prefix: /foo}}]\n" + BACKEND)
               .replace("namespace: default\nspec:",
                        "namespace: default\n  annotations: "
                        "{internal.istio.io/route-semantics: gateway}\nspec:")
        << "prefix-not-path-aligned"
        << "" << changed << false;
    QTest::newRow("ignoreUriCase")
        << http("  http:\n  - match: [{uri: {exact: /a}, ignoreUriCase: true}]\n" + BACKEND)
        << "ignore-uri-case"
        << "spec.http[0].match[0].ignoreUriCase" << changed << true;
    QTest::newRow("withoutHeaders")
        << http("  http:\n  - match: [{withoutHeaders: {x: {exact: \"1\"}}}]\n" + BACKEND)
        << "without-headers"
        << "spec.http[0].match[0].withoutHeaders" << changed << true;
    QTest::newRow("authority")
        << http("  http:\n  - match: [{authority: {exact: a.example.com}}]\n" + BACKEND)
        << "authority-match"
        << "spec.http[0].match[0].authority" << changed << true;
    QTest::newRow("sourceLabels")
        << http("  http:\n  - match: [{sourceLabels: {istio: ingressgateway}}]\n" + BACKEND)
        << "source-selector"
        << "spec.http[0].match[0].sourceLabels" << note << true;
    QTest::newRow("pseudo-header") << http("  http:\n  - match: [{headers: {\":method\": {exact: "
                                           "GET}}}]\n" +
                                           BACKEND)
                                   << "header-pseudo"
                                   << "spec.http[0].match[0].headers.:method" << changed << true;
    QTest::newRow("custom method")
        << http("  http:\n  - match: [{method: {exact: PURGE}}]\n" + BACKEND) << "method-match"
        << "spec.http[0].match[0].method" << changed << true;
    QTest::newRow("header prefix as regex")
        << http("  http:\n  - match: [{headers: {x: {prefix: a}}}]\n" + BACKEND)
        << "string-prefix-as-regex"
        << "spec.http[0].match[0].headers.x" << note << true;
    QTest::newRow("retry conditions")
        << http("  http:\n  - retries: {attempts: 2, retryOn: \"5xx,reset\"}\n" + BACKEND)
        << "retry-on"
        << "spec.http[0].retries.retryOn" << lost << true;
    QTest::newRow("retryRemoteLocalities")
        << http("  http:\n  - retries: {attempts: 2, retryRemoteLocalities: true}\n" + BACKEND)
        << "retry-setting"
        << "spec.http[0].retries.retryRemoteLocalities" << lost << true;
    QTest::newRow("CORS preflights no longer forwarded")
        << http("  http:\n  - corsPolicy: {allowOrigins: [{exact: \"https://a.com\"}]}\n" + BACKEND)
        << "cors-unmatched-preflights"
        << "spec.http[0].corsPolicy.unmatchedPreflights" << changed << true;
    QTest::newRow("CORS prefix origin")
        << http("  http:\n  - corsPolicy: {allowOrigins: [{prefix: \"https://a\"}], "
                "unmatchedPreflights: IGNORE}\n" +
                BACKEND)
        << "cors-origin"
        << "spec.http[0].corsPolicy.allowOrigins[0]" << changed << true;
    QTest::newRow("redirect scheme without port")
        << http("  http:\n  - redirect: {scheme: https}\n") << "redirect-port"
        << "spec.http[0].redirect.scheme" << changed << true;
    QTest::newRow("redirect with an explicit port: same in both")
        << http("  http:\n  - redirect: {scheme: https, port: 443}\n") << "redirect-port"
        << "" << changed << false;
    QTest::newRow("regex rewrite")
        << http("  http:\n  - rewrite: {uriRegexRewrite: {match: \"^/a/(.*)\", rewrite: "
                "\"/b/\\\\1\"}}\n" +
                BACKEND)
        << "rewrite-regex"
        << "spec.http[0].rewrite.uriRegexRewrite" << lost << true;
    QTest::newRow("rewrite of prefix / (slash handling differs)")
        << http("  http:\n  - rewrite: {uri: /v2}\n" + BACKEND) << "rewrite-prefix"
        << "spec.http[0].rewrite.uri" << changed << true;
    QTest::newRow("all weights zero")
        << http("  http:\n  - route:\n    - {destination: {host: a, port: {number: 80}}, weight: "
                "0}\n    - {destination: {host: b, port: {number: 80}}, weight: 0}\n")
        << "weights"
        << "spec.http[0].route" << changed << true;
    QTest::newRow("IP host") << withVirtualService(
                                    "  http:\n  - route: [{destination: {host: a, port: {number: "
                                    "80}}}]\n")
                                    .replace("hosts: [app.example.com]",
                                             "hosts: [app.example.com, 10.0.0.1]")
                             << "host-ip"
                             << "spec.hosts[1]" << changed << true;
    QTest::newRow("short host") << withVirtualService(
                                       "  http:\n  - route: [{destination: {host: a, port: "
                                       "{number: 80}}}]\n")
                                       .replace("hosts: [app.example.com]", "hosts: [app]")
                                << "host-short-name"
                                << "spec.hosts[0]" << note << true;
    QTest::newRow("mesh as well")
        << withVirtualService("  http:\n" + QByteArray("  - route: [{destination: {host: a, port: "
                                                       "{number: 80}}}]\n"))
               .replace("gateways: [istio-system/gw]", "gateways: [istio-system/gw, mesh]")
        << "mesh"
        << "spec.gateways" << lost << true;
    QTest::newRow("mesh only: not converted")
        << withVirtualService("  http:\n  - fault: {abort: {httpStatus: 500, percentage: "
                              "{value: 1}}}\n" +
                              BACKEND)
               .replace("  gateways: [istio-system/gw]\n", "")
        << "mesh"
        << "spec.gateways" << lost << true;
    QTest::newRow("delegate VirtualService")
        << QByteArray("apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: "
                      "{name: child, namespace: team}\nspec:\n  http:\n  - route: "
                      "[{destination: {host: a, port: {number: 80}}}]\n")
        << "not-converted"
        << "spec" << note << true;
    QTest::newRow("Gateway not in the design")
        << withVirtualService("  http:\n  - route: [{destination: {host: a, port: {number: "
                              "80}}}]\n",
                              "")
        << "gateway-not-found"
        << "spec.gateways" << note << true;
    QTest::newRow("exportTo hides the VirtualService from the gateway")
        << withVirtualService("  exportTo: [\".\"]\n  http:\n  - route: [{destination: {host: "
                              "a, port: {number: 80}}}]\n")
        << "export-to"
        << "spec.exportTo" << note << true;

    const QByteArray gateway = gatewayYaml();
    QTest::newRow("selector") << gateway << "gateway-selector"
                              << "spec.selector" << note << true;
    QTest::newRow("bind") << QByteArray(gateway).replace("hosts: [\"*\"]\n  - port",
                                                         "hosts: [\"*\"]\n    bind: "
                                                         "10.0.0.1\n  - port")
                          << "listener-bind"
                          << "spec.servers[0].bind" << lost << true;
    QTest::newRow("MUTUAL without Istio extensions")
        << QByteArray(gateway).replace("mode: SIMPLE", "mode: MUTUAL") << "tls-client-verification"
        << "spec.servers[1].tls.mode" << lost << true;
    QTest::newRow("certificate files")
        << QByteArray(gateway).replace("credentialName: cert",
                                       "serverCertificate: /etc/c.pem, privateKey: /etc/k.pem")
        << "tls-file-certificate"
        << "spec.servers[1].tls.serverCertificate" << lost << true;
    QTest::newRow("TLS versions") << QByteArray(gateway).replace(
                                         "credentialName: cert",
                                         "credentialName: cert, minProtocolVersion: TLSV1_3")
                                  << "tls-setting"
                                  << "spec.servers[1].tls.minProtocolVersion" << lost << true;
    QTest::newRow("IP server host")
        << QByteArray(gateway).replace("hosts: [\"*\"]\n  - port",
                                       "hosts: [\"10.0.0.1\"]\n  - port")
        << "listener-hostname-ip"
        << "spec.servers[0].hosts[0]" << changed << true;
    QTest::newRow("two servers, same port and host")
        << QByteArray(gateway)
               .replace("number: 443, name: https", "number: 80, name: https")
               .replace("protocol: HTTPS}\n    hosts: [\"*\"]\n    tls: {mode: SIMPLE, "
                        "credentialName: cert}",
                        "protocol: HTTP}\n    hosts: [\"*\"]")
        << "listener-conflict"
        << "spec.servers[1]" << changed << true;
    QTest::newRow("GRPC server") << QByteArray(gateway).replace("protocol: HTTP}",
                                                                "protocol: GRPC}")
                                 << "listener-protocol"
                                 << "spec.servers[0].port.protocol" << note << true;
    QTest::newRow("AUTO_PASSTHROUGH")
        << QByteArray(gateway).replace("{mode: SIMPLE, credentialName: cert}",
                                       "{mode: AUTO_PASSTHROUGH}")
        << "listener-unsupported"
        << "spec.servers[1].tls.mode" << lost << true;

    QByteArray many = "  http:\n";
    for (int i = 0; i < 17; ++i)
        many += QStringLiteral("  - match: [{uri: {exact: /p%1}}]\n").arg(i).toUtf8() + BACKEND;
    QTest::newRow("17 routes: two HTTPRoutes") << http(many) << "route-split"
                                               << "spec.http" << note << true;
    const QByteArray tcp = R"(apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: gw, namespace: istio-system}
spec:
  servers:
  - port: {number: 9000, name: db, protocol: TCP}
    hosts: ["*"]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: db, namespace: default}
spec:
  hosts: ["*"]
  gateways: [istio-system/gw]
  tcp:
  - route: [{destination: {host: db, port: {number: 5432}}}]
  - match: [{sourceLabels: {app: x}}]
    route: [{destination: {host: db2, port: {number: 5432}}}]
)";
    QTest::newRow("tcp route Istio never uses") << tcp << "tcp-rule-unused"
                                                << "spec.tcp[1]" << note << true;
    QTest::newRow("L4 match fields ignored at gateways") << tcp << "l4-match-ignored"
                                                         << "spec.tcp[1].match[0]" << note << true;

    // The rest of the vocabulary, one row each.
    QTest::newRow("redirect code 308")
        << http("  http:\n  - redirect: {uri: /x, redirectCode: 308}\n") << "redirect-code"
        << "spec.http[0].redirect.redirectCode" << note << true;
    QTest::newRow("redirect code Gateway API lacks")
        << http("  http:\n  - redirect: {uri: /x, redirectCode: 300}\n") << "redirect-code"
        << "spec.http[0].redirect.redirectCode" << lost << true;
    QTest::newRow("redirect uri with a query")
        << http("  http:\n  - redirect: {uri: \"/x?a=1\"}\n") << "redirect-query"
        << "spec.http[0].redirect.uri" << changed << true;
    QTest::newRow("redirect to a host with a port")
        << http("  http:\n  - redirect: {authority: \"a.com:8080\"}\n") << "redirect-authority"
        << "spec.http[0].redirect.authority" << lost << true;
    QTest::newRow("rewrite to a host with a port")
        << http("  http:\n  - rewrite: {authority: \"a.com:8080\"}\n" + BACKEND)
        << "rewrite-authority"
        << "spec.http[0].rewrite.authority" << lost << true;
    QTest::newRow("per-try timeout above the route timeout")
        << http("  http:\n  - timeout: 1s\n    retries: {attempts: 2, perTryTimeout: 5s}\n" +
                BACKEND)
        << "timeout-backend-capped"
        << "spec.http[0].retries.perTryTimeout" << note << true;
    QTest::newRow("route name made a rule name")
        << http("  http:\n  - name: Api.V1\n" + BACKEND) << "rule-name"
        << "spec.http" << note << true;
    QTest::newRow("VirtualService name made an object name")
        << withVirtualService("  http:\n" + QByteArray("  - route: [{destination: {host: a, "
                                                       "port: {number: 80}}}]\n"))
               .replace("name: vs\n", "name: My_VS\n")
        << "route-renamed"
        << "metadata.name" << note << true;
    QTest::newRow("Gateway name made an object name")
        << QByteArray(gatewayYaml()).replace("name: gw\n", "name: gw~1\n") << "gateway-renamed"
        << "metadata.name" << note << true;
    QTest::newRow("invalid header name")
        << http("  http:\n  - headers: {response: {set: {\"bad header\": x}}}\n" + BACKEND)
        << "header-invalid-name"
        << "spec.http[0].headers.response.set.bad header" << lost << true;
    QTest::newRow("scheme") << http("  http:\n  - match: [{scheme: {exact: https}}]\n" + BACKEND)
                            << "scheme-match"
                            << "spec.http[0].match[0].scheme" << note << true;
    QTest::newRow("presence match")
        << http("  http:\n  - match: [{queryParams: {debug: {}}}]\n" + BACKEND) << "presence-match"
        << "spec.http[0].match[0].queryParams.debug" << note << true;
    QTest::newRow("exact path Gateway API does not accept")
        << http("  http:\n  - match: [{uri: {exact: \"/a//b\"}}]\n" + BACKEND) << "uri-path-form"
        << "spec.http[0].match[0].uri" << note << true;
    QTest::newRow("match name and statPrefix")
        << http("  http:\n  - match: [{name: m, statPrefix: s}]\n" + BACKEND) << "stat-prefix"
        << "spec.http[0].match[0].statPrefix" << note << true;
    QTest::newRow("match name") << http("  http:\n  - match: [{name: m}]\n" + BACKEND)
                                << "match-name"
                                << "spec.http[0].match[0].name" << note << true;
    QTest::newRow("route without an action")
        << http("  http:\n  - match: [{uri: {exact: /x}}]\n") << "no-action"
        << "spec.http[0]" << note << true;
    QTest::newRow("host outside the cluster without Istio extensions")
        << http("  http:\n  - route: [{destination: {host: httpbin.org, port: {number: 80}}}]\n")
        << "backend-host"
        << "spec.http[0].route[0].destination.host" << lost << true;
    QTest::newRow("routes that reach no listener")
        << withVirtualService("  http:\n  - match: [{port: 8080}]\n" + BACKEND) << "no-listener"
        << "spec.gateways" << note << true;
    QTest::newRow("HTTPS with a credential but no mode")
        << QByteArray(gatewayYaml())
               .replace("{mode: SIMPLE, credentialName: cert}", "{credentialName: cert}")
        << "tls-mode-defaulted"
        << "spec.servers[1].tls.mode" << note << true;
    QTest::newRow("server name") << QByteArray(gatewayYaml())
                                        .replace("hosts: [\"*\"]\n  - port",
                                                 "hosts: [\"*\"]\n    name: plain\n  - port")
                                 << "server-name"
                                 << "spec.servers[0].name" << note << true;
    QTest::newRow("httpsRedirect")
        << QByteArray(gatewayYaml())
               .replace("hosts: [\"*\"]\n  - port",
                        "hosts: [\"*\"]\n    tls: {httpsRedirect: true}\n"
                        "  - port")
        << "https-redirect"
        << "spec.servers[0].tls.httpsRedirect" << note << true;
    QTest::newRow("two regexes that may overlap")
        << http("  http:\n  - match: [{uri: {regex: \"/u/\\\\pL+\"}}]\n" + BACKEND +
                "  - match: [{uri: {regex: \"/u/\\\\pLz.*\"}}]\n" + BACKEND)
        << "precedence-reorder-possible"
        << "spec.http[1].match[0]" << note << true;
    QByteArray manyHosts = "[";
    for (int i = 0; i < 17; ++i)
        manyHosts += QStringLiteral("h%1.example.com, ").arg(i).toUtf8();
    manyHosts.chop(2);
    QTest::newRow("more than 16 hostnames")
        << withVirtualService("  http:\n" + QByteArray("  - route: [{destination: {host: a, "
                                                       "port: {number: 80}}}]\n"))
               .replace("hosts: [app.example.com]", "hosts: " + manyHosts + "]")
        << "hostname-limit"
        << "spec.hosts" << lost << true;
    QTest::newRow("TCP behind TLS termination")
        << QByteArray(tcp).replace("{number: 9000, name: db, protocol: TCP}\n    hosts: [\"*\"]",
                                   "{number: 9000, name: db, protocol: TLS}\n    hosts: "
                                   "[\"*\"]\n    tls: {mode: SIMPLE, credentialName: c}")
        << "tls-terminate-route"
        << "spec.tcp[0]" << note << true;
    QTest::newRow("conversion-wide: 500 for a missing backend")
        << http("  http:\n" + QByteArray("  - route: [{destination: {host: a, port: {number: "
                                         "80}}}]\n"))
        << "backend-errors"
        << "" << note << true;
    QTest::newRow("conversion-wide: DestinationRules stay")
        << http("  http:\n" + QByteArray("  - route: [{destination: {host: a, port: {number: "
                                         "80}}}]\n")) +
               "---\napiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: "
               "a, namespace: default}\nspec:\n  host: a\n"
        << "destination-rules"
        << "" << note << true;
}

void TestToGatewayApiReport::lossEntries()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, code);
    QFETCH(QString, field);
    QFETCH(Severity, severity);
    QFETCH(bool, present);
    ToGatewayApi::Options options;
    if (QByteArray(QTest::currentDataTag()).contains("without Istio extensions"))
        options.istioExtensions = false;
    const Conversion conversion = convertText(input, options);
    const LossEntry *entry = findEntry(conversion, code, field);
    if (!present) {
        QVERIFY2(!entry, qPrintable(entriesText(conversion)));
        return;
    }
    QVERIFY2(
        entry,
        qPrintable(
            QStringLiteral("no %1 at %2 among:\n%3").arg(code, field, entriesText(conversion))));
    QCOMPARE(entry->severity, severity);
    QVERIFY(!entry->what.isEmpty());
    QVERIFY(!entry->consequence.isEmpty());
    if (entry->resource.isEmpty())
        return; // conversion-wide
    QCOMPARE(entry->file, QStringLiteral("design.yaml"));
    QVERIFY(entry->line > 0);
}

// ---------------------------------------------------------------------------------------------
// Precedence: Istio's first-match order against Gateway API's, where it matters.

void TestToGatewayApiReport::precedence_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("reordered");
    QTest::addColumn<QString>("later");   // the route Gateway API now evaluates first
    QTest::addColumn<QString>("earlier"); // the route Istio evaluated first
    QTest::addColumn<QString>("example");

    const auto httpRules = [](const QByteArray &rules) { return http("  http:\n" + rules); };
    const auto rule = [](const QByteArray &match, const char *host) {
        return "  - " + (match.isEmpty() ? QByteArray() : "match: [" + match + "]\n    ") +
               "route: [{destination: {host: " + host + ", port: {number: 80}}}]\n";
    };

    QTest::newRow("prefix before a longer exact path")
        << httpRules(rule("{uri: {prefix: /api}}", "a") + rule("{uri: {exact: /api/users}}", "b"))
        << true << "spec.http[1].match[0]"
        << "spec.http[0].match[0]"
        << "GET /api/users";
    QTest::newRow("regex before a prefix it overlaps")
        << httpRules(rule("{uri: {regex: \"/api/v[0-9]+/.*\"}}", "a") +
                     rule("{uri: {prefix: /api}}", "b"))
        << true << "spec.http[1].match[0]"
        << "spec.http[0].match[0]"
        << "/api/v";
    QTest::newRow("route shadowed by a catch-all becomes reachable")
        << httpRules(rule("", "a") + rule("{uri: {prefix: /x}}", "b")) << true
        << "spec.http[1].match[0]"
        << "spec.http[0]"
        << "GET /x";
    QTest::newRow("regex before a catch-all: the catch-all's \"/\" prefix wins")
        << httpRules(rule("{uri: {regex: \"/x.*\"}}", "a") + rule("", "b")) << true
        << "spec.http[1]"
        << "spec.http[0].match[0]"
        << "GET /x";
    QTest::newRow("header match before a longer path")
        << httpRules(rule("{headers: {x-beta: {exact: \"1\"}}}", "a") +
                     rule("{uri: {prefix: /v1}}", "b"))
        << true << "spec.http[1].match[0]"
        << "spec.http[0].match[0]"
        << "x-beta: 1";
    QTest::newRow("case-insensitive prefix ranks as a regex")
        << httpRules(rule("{uri: {prefix: /a}, ignoreUriCase: true}", "a") +
                     rule("{uri: {prefix: /a/b}}", "b"))
        << true << "spec.http[1].match[0]"
        << "spec.http[0].match[0]"
        << "GET /a/b";
    QTest::newRow("no overlap: different paths")
        << httpRules(rule("{uri: {prefix: /b}}", "a") + rule("{uri: {exact: /a}}", "b")) << false
        << ""
        << ""
        << "";
    QTest::newRow("already in precedence order")
        << httpRules(rule("{uri: {prefix: /api/users}}", "a") + rule("{uri: {prefix: /api}}", "b"))
        << false << ""
        << ""
        << "";
    QTest::newRow("no overlap: conflicting header values")
        << httpRules(rule("{uri: {prefix: /a}, headers: {x: {exact: \"1\"}}}", "a") +
                     rule("{uri: {prefix: /a/b}, headers: {x: {exact: \"2\"}}}", "b"))
        << false << ""
        << ""
        << "";
    QTest::newRow("no overlap: different methods")
        << httpRules(rule("{uri: {prefix: /a}, method: {exact: GET}}", "a") +
                     rule("{uri: {prefix: /a/b}, method: {exact: POST}}", "b"))
        << false << ""
        << ""
        << "";
    QTest::newRow("no overlap: regex and prefix far apart")
        << httpRules(rule("{uri: {regex: \"/static/[a-z]+\\\\.css\"}}", "a") +
                     rule("{uri: {prefix: /api}}", "b"))
        << false << ""
        << ""
        << "";
    QTest::newRow("no overlap: PathPrefix is element based")
        << httpRules(rule("{uri: {prefix: /foo}}", "a") + rule("{uri: {exact: /foobar/x}}", "b"))
        << false << ""
        << ""
        << "";
    QTest::newRow("same route's matches: order does not matter")
        << httpRules("  - match: [{uri: {prefix: /a}}, {uri: {exact: /a/b}}]\n    route: "
                     "[{destination: {host: a, port: {number: 80}}}]\n")
        << false << ""
        << ""
        << "";

    // Catch-alls of separate VirtualServices already go last in Istio.
    QByteArray two = httpRules(rule("", "a"));
    two += R"(---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: vs2, namespace: default}
spec:
  hosts: [app.example.com]
  gateways: [istio-system/gw]
  http:
  - match: [{uri: {prefix: /x}}]
    route: [{destination: {host: b, port: {number: 80}}}]
)";
    QTest::newRow("catch-all of another VirtualService: already last") << two << false << ""
                                                                       << ""
                                                                       << "";
}

void TestToGatewayApiReport::precedence()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, reordered);
    QFETCH(QString, later);
    QFETCH(QString, earlier);
    QFETCH(QString, example);
    const Conversion conversion = convertText(input);
    std::vector<const LossEntry *> entries;
    for (const LossEntry &entry : conversion.entries) {
        if (entry.code.startsWith(QLatin1String("precedence-reorder")))
            entries.push_back(&entry);
    }
    if (!reordered) {
        QVERIFY2(entries.empty(), qPrintable(entriesText(conversion)));
        return;
    }
    QVERIFY2(entries.size() == 1, qPrintable(entriesText(conversion)));
    const LossEntry &entry = *entries.front();
    QCOMPARE(entry.code, QStringLiteral("precedence-reorder"));
    QCOMPARE(entry.severity, Severity::ChangedBehaviour);
    QCOMPARE(entry.fieldPath, later);
    QCOMPARE(entry.relatedFieldPath, earlier);
    QCOMPARE(entry.related.text(), QStringLiteral("VirtualService default/vs"));
    QVERIFY2(entry.example.contains(example), qPrintable(entry.example));
}

void TestToGatewayApiReport::overlap_data()
{
    using ToGatewayApi::GatewayMatch;
    using ToGatewayApi::Overlap;
    using Type = GatewayMatch::PathType;
    QTest::addColumn<int>("typeA");
    QTest::addColumn<QString>("pathA");
    QTest::addColumn<int>("typeB");
    QTest::addColumn<QString>("pathB");
    QTest::addColumn<int>("expected");
    QTest::addColumn<QString>("example");

    const int exact = int(Type::Exact);
    const int prefix = int(Type::Prefix);
    const int regex = int(Type::Regex);
    QTest::newRow("equal exact") << exact << "/a" << exact << "/a" << int(Overlap::Certain)
                                 << "GET /a";
    QTest::newRow("different exact") << exact << "/a" << exact << "/b" << int(Overlap::None) << "";
    QTest::newRow("exact under prefix")
        << prefix << "/a" << exact << "/a/b" << int(Overlap::Certain) << "GET /a/b";
    QTest::newRow("prefix is element based")
        << prefix << "/a" << exact << "/ab" << int(Overlap::None) << "";
    QTest::newRow("trailing slash of a prefix ignored")
        << prefix << "/a/" << exact << "/a" << int(Overlap::Certain) << "GET /a";
    QTest::newRow("nested prefixes")
        << prefix << "/a" << prefix << "/a/b" << int(Overlap::Certain) << "GET /a/b";
    QTest::newRow("regex sample under a prefix")
        << prefix << "/admin" << regex << ".*\\.php" << int(Overlap::Certain) << ".php";
    QTest::newRow("regex range outside the prefix")
        << prefix << "/api" << regex << "/static/.*" << int(Overlap::None) << "";
    QTest::newRow("exact against regex")
        << exact << "/v2/x" << regex << "/v[0-9]/.*" << int(Overlap::Certain) << "GET /v2/x";
    QTest::newRow("exact not matched by regex")
        << exact << "/x" << regex << "/v[0-9]/.*" << int(Overlap::None) << "";
}

void TestToGatewayApiReport::overlap()
{
    using ToGatewayApi::GatewayMatch;
    QFETCH(int, typeA);
    QFETCH(QString, pathA);
    QFETCH(int, typeB);
    QFETCH(QString, pathB);
    QFETCH(int, expected);
    QFETCH(QString, example);
    GatewayMatch a;
    a.pathType = GatewayMatch::PathType(typeA);
    a.path = pathA;
    GatewayMatch b;
    b.pathType = GatewayMatch::PathType(typeB);
    b.path = pathB;
    const ToGatewayApi::OverlapResult result = ToGatewayApi::overlapOf(a, b);
    QCOMPARE(int(result.overlap), expected);
    QVERIFY2(result.example.contains(example), qPrintable(result.example));
    QCOMPARE(int(ToGatewayApi::overlapOf(b, a).overlap), expected); // symmetric
}

QTEST_GUILESS_MAIN(TestToGatewayApiReport)
#include "tst_togatewayapireport.moc"
