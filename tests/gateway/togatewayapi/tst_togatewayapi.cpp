// Istio → Gateway API conversion: the mapping of each supported field, ReferenceGrants,
// listener names, options, deterministic output and the report's two forms.

#include "togatewayapi/names.h"
#include "togatewayapitest.h"

#include <QJsonArray>
#include <QtTest>

using namespace ToGatewayApiTest;
using ToGatewayApi::Severity;

class TestToGatewayApi : public QObject {
    Q_OBJECT

private slots:
    void mapping_data();
    void mapping();
    void referenceGrants_data();
    void referenceGrants();
    void listenerNaming_data();
    void listenerNaming();
    void options();
    void deterministicOutput();
    void reportFormats();
};

// ---------------------------------------------------------------------------------------------
// Mapping: one field of the input, the node it becomes.

void TestToGatewayApi::mapping_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("object");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("expected");

    const QString route = QStringLiteral("HTTPRoute/default/vs");

    QTest::newRow("plaintext server: listener from the port")
        << gatewayYaml() << "Gateway/istio-system/gw"
        << "spec.listeners[0]"
        << QByteArray("{name: http, port: 80, protocol: HTTP, "
                      "allowedRoutes: {namespaces: {from: All}}}");
    QTest::newRow("gateway class") << gatewayYaml() << "Gateway/istio-system/gw"
                                   << "spec.gatewayClassName" << QByteArray("istio");
    QTest::newRow("SIMPLE with credentialName: Terminate with a certificateRef")
        << gatewayYaml() << "Gateway/istio-system/gw"
        << "spec.listeners[1]"
        << QByteArray(
               "{name: https, port: 443, protocol: HTTPS, tls: {mode: Terminate, "
               "certificateRefs: [{name: cert}]}, allowedRoutes: {namespaces: {from: All}}}");
    const QByteArray hostsGateway = R"(apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: gw, namespace: edge}
spec:
  servers:
  - port: {number: 80, name: web, protocol: HTTP}
    hosts: [./a.example.com, team/b.example.com, "*/c.example.com", ops/d.example.com, dev/d.example.com]
)";
    QTest::newRow("host ./: Same") << hostsGateway << "Gateway/edge/gw"
                                   << "spec.listeners[0]"
                                   << QByteArray("{name: web-a-example-com, hostname: "
                                                 "a.example.com, port: 80, protocol: HTTP, "
                                                 "allowedRoutes: {namespaces: {from: Same}}}");
    QTest::newRow("host ns/: Selector on the namespace name")
        << hostsGateway << "Gateway/edge/gw"
        << "spec.listeners[1].allowedRoutes"
        << QByteArray("{namespaces: {from: Selector, selector: {matchLabels: "
                      "{kubernetes.io/metadata.name: team}}}}");
    QTest::newRow("host */: All") << hostsGateway << "Gateway/edge/gw"
                                  << "spec.listeners[2].allowedRoutes"
                                  << QByteArray("{namespaces: {from: All}}");
    QTest::newRow("one host from two namespaces: one listener, both namespaces")
        << hostsGateway << "Gateway/edge/gw"
        << "spec.listeners[3]"
        << QByteArray("{name: web-d-example-com, hostname: d.example.com, port: 80, protocol: "
                      "HTTP, allowedRoutes: {namespaces: {from: Selector, selector: "
                      "{matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, "
                      "values: [dev, ops]}]}}}}");
    const QByteArray tlsGateway = R"(apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: gw, namespace: istio-system}
spec:
  servers:
  - port: {number: 443, name: pass, protocol: HTTPS}
    hosts: [p.example.com]
    tls: {mode: PASSTHROUGH}
  - port: {number: 8443, name: mtls, protocol: HTTPS}
    hosts: [m.example.com]
    tls: {mode: MUTUAL, credentialName: m-cert}
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*"]
    tls: {httpsRedirect: true}
  - port: {number: 9000, name: db, protocol: TCP}
    hosts: ["*"]
)";
    QTest::newRow("PASSTHROUGH: TLS listener in Passthrough mode")
        << tlsGateway << "Gateway/istio-system/gw"
        << "spec.listeners[0]"
        << QByteArray("{name: pass, hostname: p.example.com, port: 443, protocol: TLS, tls: "
                      "{mode: Passthrough}, allowedRoutes: {namespaces: {from: All}}}");
    QTest::newRow("MUTUAL: Istio's terminate-mode option")
        << tlsGateway << "Gateway/istio-system/gw"
        << "spec.listeners[1].tls"
        << QByteArray("{mode: Terminate, certificateRefs: [{name: m-cert}], options: "
                      "{gateway.istio.io/tls-terminate-mode: MUTUAL}}");
    QTest::newRow("TCP server: TCP listener")
        << tlsGateway << "Gateway/istio-system/gw"
        << "spec.listeners[3]"
        << QByteArray("{name: db, port: 9000, protocol: TCP, allowedRoutes: {namespaces: "
                      "{from: All}}}");
    QTest::newRow("httpsRedirect: an HTTPRoute with a RequestRedirect")
        << tlsGateway << "HTTPRoute/istio-system/gw-http-https-redirect"
        << "spec"
        << QByteArray("{parentRefs: [{name: gw, sectionName: http}], rules: [{filters: "
                      "[{type: RequestRedirect, requestRedirect: {scheme: https, statusCode: "
                      "301}}]}]}");
    QTest::newRow("httpsRedirect: routes skip the redirecting listener")
        << withVirtualService("  http:\n  - route: [{destination: {host: a, port: {number: "
                              "80}}}]\n",
                              gatewayYaml().replace("hosts: [\"*\"]\n  - port: {number: 443",
                                                    "hosts: [\"*\"]\n    tls: {httpsRedirect: "
                                                    "true}\n  - port: {number: 443"))
        << route << "spec.parentRefs"
        << QByteArray("[{name: gw, namespace: istio-system, sectionName: https}]");

    QTest::newRow("VirtualService: parentRefs and hostnames")
        << http("  http:\n  - route: [{destination: {host: a, port: {number: 80}}}]\n") << route
        << "spec"
        << QByteArray("{parentRefs: [{name: gw, namespace: istio-system}], hostnames: "
                      "[app.example.com], rules: [{backendRefs: [{name: a, port: 80}]}]}");
    QTest::newRow("uri exact") << http("  http:\n  - match: [{uri: {exact: /a}}]\n" + BACKEND)
                               << route << "spec.rules[0].matches"
                               << QByteArray("[{path: {type: Exact, value: /a}}]");
    QTest::newRow("uri prefix") << http("  http:\n  - match: [{uri: {prefix: /api}}]\n" + BACKEND)
                                << route << "spec.rules[0].matches"
                                << QByteArray("[{path: {type: PathPrefix, value: /api}}]");
    QTest::newRow("uri regex")
        << http("  http:\n  - match: [{uri: {regex: \"/v[0-9]+/.*\"}}]\n" + BACKEND) << route
        << "spec.rules[0].matches"
        << QByteArray("[{path: {type: RegularExpression, value: \"/v[0-9]+/.*\"}}]");
    QTest::newRow("ignoreUriCase: case-insensitive regex")
        << http("  http:\n  - match: [{uri: {prefix: /api}, ignoreUriCase: true}]\n" + BACKEND)
        << route << "spec.rules[0].matches"
        << QByteArray("[{path: {type: RegularExpression, value: \"(?i)/api.*\"}}]");
    QTest::newRow("headers: exact, regex, prefix, presence")
        << http("  http:\n  - match: [{headers: {a: {exact: \"1\"}, b: {regex: \"x+\"}, c: "
                "{prefix: p.}, d: {}}}]\n" +
                BACKEND)
        << route << "spec.rules[0].matches[0].headers"
        << QByteArray("[{name: a, type: Exact, value: \"1\"}, {name: b, type: "
                      "RegularExpression, value: \"x+\"}, {name: c, type: RegularExpression, "
                      "value: \"p\\\\..*\"}, {name: d, type: RegularExpression, value: \".*\"}]");
    QTest::newRow("query parameters")
        << http("  http:\n  - match: [{queryParams: {v: {exact: \"2\"}, q: {regex: "
                "\"[a-z]+\"}}}]\n" +
                BACKEND)
        << route << "spec.rules[0].matches[0].queryParams"
        << QByteArray("[{name: v, type: Exact, value: \"2\"}, {name: q, type: RegularExpression, "
                      "value: \"[a-z]+\"}]");
    QTest::newRow("method")
        << http("  http:\n  - match: [{method: {exact: POST}, uri: {exact: /a}}]\n" + BACKEND)
        << route << "spec.rules[0].matches"
        << QByteArray("[{path: {type: Exact, value: /a}, method: POST}]");
    QTest::newRow("method regex: one match per method")
        << http("  http:\n  - match: [{method: {regex: \"GET|HEAD\"}}]\n" + BACKEND) << route
        << "spec.rules[0].matches" << QByteArray("[{method: GET}, {method: HEAD}]");
    QTest::newRow("weights")
        << http("  http:\n  - route:\n    - {destination: {host: a, port: {number: 80}}, weight: "
                "90}\n    - {destination: {host: b, port: {number: 80}}, weight: 10}\n")
        << route << "spec.rules[0].backendRefs"
        << QByteArray("[{name: a, port: 80, weight: 90}, {name: b, port: 80, weight: 10}]");
    QTest::newRow("backend in another namespace")
        << http("  http:\n  - route: [{destination: {host: api.other.svc.cluster.local, port: "
                "{number: 8080}}}]\n")
        << route << "spec.rules[0].backendRefs"
        << QByteArray("[{name: api, namespace: other, port: 8080}]");
    QTest::newRow("host outside the cluster: Istio Hostname backend")
        << http("  http:\n  - route: [{destination: {host: httpbin.org, port: {number: 80}}}]\n")
        << route << "spec.rules[0].backendRefs"
        << QByteArray("[{group: networking.istio.io, kind: Hostname, name: httpbin.org, port: "
                      "80}]");
    QTest::newRow("destination headers: backend filters")
        << http("  http:\n  - route: [{destination: {host: a, port: {number: 80}}, headers: "
                "{request: {set: {x: \"1\"}}}}]\n")
        << route << "spec.rules[0].backendRefs"
        << QByteArray("[{name: a, port: 80, filters: [{type: RequestHeaderModifier, "
                      "requestHeaderModifier: {set: [{name: x, value: \"1\"}]}}]}]");
    QTest::newRow("route headers: request and response modifiers")
        << http("  http:\n  - headers: {request: {add: {a: b}, remove: [c]}, response: {set: {d: "
                "e}}}\n" +
                BACKEND)
        << route << "spec.rules[0].filters"
        << QByteArray("[{type: RequestHeaderModifier, requestHeaderModifier: {add: [{name: a, "
                      "value: b}], remove: [c]}}, {type: ResponseHeaderModifier, "
                      "responseHeaderModifier: {set: [{name: d, value: e}]}}]");
    QTest::newRow("Host header set: hostname rewrite")
        << http("  http:\n  - headers: {request: {set: {host: b.example.com}}}\n" + BACKEND)
        << route << "spec.rules[0].filters"
        << QByteArray("[{type: URLRewrite, urlRewrite: {hostname: b.example.com}}]");
    QTest::newRow("redirect: full path, host, code")
        << http("  http:\n  - redirect: {uri: /new, authority: new.example.com, redirectCode: "
                "302}\n")
        << route << "spec.rules[0]"
        << QByteArray("{filters: [{type: RequestRedirect, requestRedirect: {hostname: "
                      "new.example.com, statusCode: 302, path: {type: ReplaceFullPath, "
                      "replaceFullPath: /new}}}]}");
    QTest::newRow("redirect: default code 301 written out, prefix rewrite")
        << http("  http:\n  - match: [{uri: {prefix: /old}}]\n    redirect: {prefixRewrite: "
                "/new, port: 8443, scheme: https}\n")
        << route << "spec.rules[0].filters"
        << QByteArray("[{type: RequestRedirect, requestRedirect: {scheme: https, port: 8443, "
                      "statusCode: 301, path: {type: ReplacePrefixMatch, replacePrefixMatch: "
                      "/new}}}]");
    QTest::newRow("rewrite after a prefix match: ReplacePrefixMatch")
        << http("  http:\n  - match: [{uri: {prefix: /v1}}]\n    rewrite: {uri: /v2, authority: "
                "b.example.com}\n" +
                BACKEND)
        << route << "spec.rules[0].filters"
        << QByteArray("[{type: URLRewrite, urlRewrite: {hostname: b.example.com, path: {type: "
                      "ReplacePrefixMatch, replacePrefixMatch: /v2}}}]");
    QTest::newRow("rewrite after an exact match: ReplaceFullPath")
        << http("  http:\n  - match: [{uri: {exact: /v1}}]\n    rewrite: {uri: /v2}\n" + BACKEND)
        << route << "spec.rules[0].filters"
        << QByteArray("[{type: URLRewrite, urlRewrite: {path: {type: ReplaceFullPath, "
                      "replaceFullPath: /v2}}}]");
    QTest::newRow("rewrite with two prefixes: a rule per match")
        << http("  http:\n  - match: [{uri: {prefix: /a}}, {uri: {prefix: /b}}]\n    rewrite: "
                "{uri: /c}\n" +
                BACKEND)
        << route << "spec.rules[1].matches"
        << QByteArray("[{path: {type: PathPrefix, value: /b}}]");
    QTest::newRow("whole-path regex rewrite: ReplaceFullPath")
        << http("  http:\n  - rewrite: {uriRegexRewrite: {match: /.*, rewrite: /x}}\n" + BACKEND)
        << route << "spec.rules[0].filters"
        << QByteArray("[{type: URLRewrite, urlRewrite: {path: {type: ReplaceFullPath, "
                      "replaceFullPath: /x}}}]");
    QTest::newRow("mirror with a percentage")
        << http("  http:\n  - mirror: {host: m, port: {number: 80}}\n    mirrorPercentage: "
                "{value: 50}\n" +
                BACKEND)
        << route << "spec.rules[0].filters"
        << QByteArray("[{type: RequestMirror, requestMirror: {percent: 50, backendRef: {name: m, "
                      "port: 80}}}]");
    QTest::newRow("mirrors with a fractional percentage")
        << http("  http:\n  - mirrors: [{destination: {host: m, port: {number: 80}}, "
                "percentage: {value: 0.5}}]\n" +
                BACKEND)
        << route << "spec.rules[0].filters"
        << QByteArray("[{type: RequestMirror, requestMirror: {fraction: {numerator: 5000, "
                      "denominator: 1000000}, backendRef: {name: m, port: 80}}}]");
    QTest::newRow("CORS")
        << http("  http:\n  - corsPolicy: {allowOrigins: [{exact: \"https://a.example.com\"}, "
                "{regex: \"https://.*\\\\.b\\\\.com\"}], allowMethods: [GET], allowHeaders: [x], "
                "maxAge: 60s, allowCredentials: true, unmatchedPreflights: IGNORE}\n" +
                BACKEND)
        << route << "spec.rules[0].filters"
        << QByteArray("[{type: CORS, cors: {allowOrigins: [\"https://a.example.com\", "
                      "\"https://*.b.com\"], allowCredentials: true, allowMethods: [GET], "
                      "allowHeaders: [x], maxAge: 60}}]");
    QTest::newRow("timeout and retries")
        << http("  http:\n  - timeout: 10s\n    retries: {attempts: 3, perTryTimeout: 2s, "
                "retryOn: \"connect-failure,503,gateway-error\"}\n" +
                BACKEND)
        << route << "spec.rules[0]"
        << QByteArray("{backendRefs: [{name: a, port: 80}], timeouts: {request: 10s, "
                      "backendRequest: 2s}, retry: {attempts: 3, codes: [502, 503, 504]}}");
    QTest::newRow("sub-second timeout in Gateway API's duration form")
        << http("  http:\n  - timeout: 1.5s\n" + BACKEND) << route << "spec.rules[0].timeouts"
        << QByteArray("{request: 1s500ms}");
    QTest::newRow("directResponse: the rule keeps its match, no backend")
        << http("  http:\n  - match: [{uri: {exact: /deny}}]\n    directResponse: {status: "
                "403}\n")
        << route << "spec.rules[0]"
        << QByteArray("{matches: [{path: {type: Exact, value: /deny}}]}");
    QTest::newRow("match port: only the listeners on that port")
        << http("  http:\n  - match: [{port: 443}]\n" + BACKEND) << route << "spec.parentRefs"
        << QByteArray("[{name: gw, namespace: istio-system, sectionName: https}]");
    QTest::newRow("match scheme https: only TLS listeners")
        << http("  http:\n  - match: [{scheme: {exact: https}}]\n" + BACKEND) << route
        << "spec.parentRefs"
        << QByteArray("[{name: gw, namespace: istio-system, sectionName: https}]");
    QTest::newRow("route name: rule name") << http("  http:\n  - name: api\n" + BACKEND) << route
                                           << "spec.rules[0].name" << QByteArray("api");

    const QByteArray passthroughGateway = R"(apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: gw, namespace: istio-system}
spec:
  servers:
  - port: {number: 443, name: tls, protocol: TLS}
    hosts: ["*.example.com"]
    tls: {mode: PASSTHROUGH}
  - port: {number: 9000, name: db, protocol: TCP}
    hosts: ["*"]
  - port: {number: 9001, name: cache, protocol: TCP}
    hosts: ["*"]
)";
    const QByteArray l4 = passthroughGateway + R"(---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: l4, namespace: default}
spec:
  hosts: ["*"]
  gateways: [istio-system/gw]
  tls:
  - match: [{sniHosts: [a.example.com]}]
    route: [{destination: {host: a, port: {number: 443}}}]
  tcp:
  - match: [{port: 9001}]
    route: [{destination: {host: cache, port: {number: 6379}}}]
  - route: [{destination: {host: db, port: {number: 5432}}}]
)";
    QTest::newRow("tls[]: TLSRoute with the SNI hosts")
        << l4 << "TLSRoute/default/l4"
        << "spec"
        << QByteArray("{parentRefs: [{name: gw, namespace: istio-system}], hostnames: "
                      "[a.example.com], rules: [{backendRefs: [{name: a, port: 443}]}]}");
    QTest::newRow("tcp[] with a port: TCPRoute on that listener")
        << l4 << "TCPRoute/default/l4"
        << "spec"
        << QByteArray("{parentRefs: [{name: gw, namespace: istio-system, sectionName: cache}], "
                      "rules: [{backendRefs: [{name: cache, port: 6379}]}]}");
    QTest::newRow("tcp[] without a match: the remaining TCP listener")
        << l4 << "TCPRoute/default/l4-2"
        << "spec.parentRefs"
        << QByteArray("[{name: gw, namespace: istio-system, sectionName: db}]");
}

void TestToGatewayApi::mapping()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, object);
    QFETCH(QString, path);
    QFETCH(QByteArray, expected);
    const Conversion conversion = convertText(input);
    const YAML::Node root = objectNode(conversion, object);
    QVERIFY2(
        root.IsDefined(),
        qPrintable(
            QStringLiteral("no %1 in:\n%2").arg(object, QString::fromUtf8(toYaml(conversion)))));
    const QString difference = dataDifference(nodeAt(root, path), expected);
    QVERIFY2(difference.isEmpty(), qPrintable(path + QLatin1Char(' ') + difference));
}

// ---------------------------------------------------------------------------------------------
// ReferenceGrants, listener names, options, determinism, report formats.

void TestToGatewayApi::referenceGrants_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("grants"); // "namespace/name"
    QTest::addColumn<QString>("grant");      // the one to look at
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("same namespace: none")
        << withVirtualService("  http:\n  - route: [{destination: {host: a, port: {number: "
                              "80}}}]\n")
        << QStringList() << QString() << QByteArray();
    QTest::newRow("backend in another namespace")
        << withVirtualService("  http:\n  - route: [{destination: {host: a.shop.svc.cluster.local, "
                              "port: {number: 80}}}, {destination: {host: "
                              "b.shop.svc.cluster.local, port: {number: 80}}}]\n")
        << QStringList{QStringLiteral("shop/from-default-to-services")}
        << "shop/from-default-to-services"
        << QByteArray("{from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: "
                      "default}], to: [{group: \"\", kind: Service, name: a}, {group: \"\", kind: "
                      "Service, name: b}]}");
    QTest::newRow("mirror and TCP backends in other namespaces")
        << withVirtualService("  http:\n  - mirror: {host: m.audit.svc.cluster.local, port: "
                              "{number: 80}}\n    route: [{destination: {host: a, port: {number: "
                              "80}}}]\n")
        << QStringList{QStringLiteral("audit/from-default-to-services")}
        << "audit/from-default-to-services"
        << QByteArray("{from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: "
                      "default}], to: [{group: \"\", kind: Service, name: m}]}");
    QTest::newRow("certificate Secret in another namespace")
        << QByteArray(gatewayYaml()).replace("credentialName: cert", "credentialName: certs/web")
        << QStringList{QStringLiteral("certs/from-istio-system-to-secrets")}
        << "certs/from-istio-system-to-secrets"
        << QByteArray("{from: [{group: gateway.networking.k8s.io, kind: Gateway, namespace: "
                      "istio-system}], to: [{group: \"\", kind: Secret, name: web}]}");
}

void TestToGatewayApi::referenceGrants()
{
    QFETCH(QByteArray, input);
    QFETCH(QStringList, grants);
    QFETCH(QString, grant);
    QFETCH(QByteArray, expected);
    const Conversion conversion = convertText(input);
    QStringList actual;
    for (const ToGatewayApi::OutputObject &object : conversion.objects) {
        if (object.kind == QLatin1String("ReferenceGrant")) {
            actual << object.nameSpace + QLatin1Char('/') + object.name;
            QCOMPARE(object.apiVersion, QStringLiteral("gateway.networking.k8s.io/v1beta1"));
        }
    }
    QCOMPARE(actual, grants);
    if (grant.isEmpty())
        return;
    const QString difference =
        dataDifference(nodeAt(objectNode(conversion, "ReferenceGrant/" + grant), "spec"), expected);
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

void TestToGatewayApi::listenerNaming_data()
{
    QTest::addColumn<QByteArray>("servers");
    QTest::addColumn<QStringList>("names");

    QTest::newRow("one host: the port name")
        << QByteArray("  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: [a.com]\n")
        << QStringList{"http"};
    QTest::newRow("several hosts: port name and host")
        << QByteArray("  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: [a.com, "
                      "\"*.b.com\", \"*\"]\n")
        << QStringList{"http-a-com", "http-wildcard-b-com", "http-any"};
    QTest::newRow("invalid port name made a DNS label")
        << QByteArray("  - port: {number: 80, name: HTTP_Port.1, protocol: HTTP}\n    hosts: "
                      "[a.com]\n")
        << QStringList{"http-port-1"};
    QTest::newRow("repeated names made unique")
        << QByteArray("  - port: {number: 80, name: web, protocol: HTTP}\n    hosts: [a.com]\n"
                      "  - port: {number: 8080, name: web, protocol: HTTP}\n    hosts: [a.com]\n")
        << QStringList{"web", "web-2"};
    QTest::newRow("long names cut to 63 characters")
        << QByteArray("  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: "
                      "[a-very-long-host-name-that-goes-on-and-on.and-on-and-on.example.com, "
                      "b.com]\n")
        << QStringList{"http-a-very-long-host-name-that-goes-on-and-on-and-on-and-on-ex",
                       "http-b-com"};
}

void TestToGatewayApi::listenerNaming()
{
    QFETCH(QByteArray, servers);
    QFETCH(QStringList, names);
    const QByteArray input = "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: "
                             "gw, namespace: ns}\nspec:\n  servers:\n" +
                             servers;
    const YAML::Node listeners =
        nodeAt(objectNode(convertText(input), "Gateway/ns/gw"), "spec.listeners");
    QStringList actual;
    for (const YAML::Node &listener : listeners) {
        const QString name = QString::fromStdString(listener["name"].Scalar());
        QVERIFY2(name.size() <= 63 &&
                     QRegularExpression("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$").match(name).hasMatch(),
                 qPrintable(name));
        actual << name;
    }
    QCOMPARE(actual, names);
}

void TestToGatewayApi::options()
{
    const QByteArray input = withVirtualService(
        "  http:\n  - corsPolicy: {allowOrigins: [{exact: \"https://a.com\"}]}\n    retries: "
        "{attempts: 1}\n    route: [{destination: {host: a, port: {number: 80}}}]\n");
    ToGatewayApi::Options options;
    options.corsFilter = false;
    options.retryField = false;
    options.l4RouteVersion = QStringLiteral("v1");
    const Conversion conversion = convertText(input, options);
    QVERIFY(findEntry(conversion, "cors", "spec.http[0].corsPolicy"));
    QVERIFY(findEntry(conversion, "retry", "spec.http[0].retries"));
    const YAML::Node rule = nodeAt(objectNode(conversion, "HTTPRoute/default/vs"), "spec.rules[0]");
    QVERIFY2(!rule["filters"] && !rule["retry"], qPrintable(dump(rule)));
    QVERIFY(toYaml(conversion).contains("TLSRoute and TCPRoute gateway.networking.k8s.io/v1 "));

    const Conversion withDefaults = convertText(input);
    QVERIFY(!findEntry(withDefaults, "cors"));
    QVERIFY(toYaml(withDefaults).contains("gateway.networking.k8s.io/v1alpha2"));
}

void TestToGatewayApi::deterministicOutput()
{
    const QByteArray input = withVirtualService(
        "  http:\n  - match: [{uri: {prefix: /a}}]\n    fault: {delay: {fixedDelay: 1s, "
        "percentage: {value: 5}}}\n    route: [{destination: {host: a.b.svc.cluster.local, port: "
        "{number: 80}}, weight: 50}, {destination: {host: c, port: {number: 80}}, weight: 50}]\n");
    const Conversion first = convertText(input);
    const QByteArray yaml = toYaml(first);
    const QString text = lossReportText(first);
    for (int i = 0; i < 3; ++i) {
        const Conversion again = convertText(input);
        QCOMPARE(toYaml(again), yaml);
        QCOMPARE(lossReportText(again), text);
    }
    // Every document reads back, and the objects come in kind order.
    const std::vector<YAML::Node> documents = YAML::LoadAll(yaml.toStdString());
    QCOMPARE(documents.size(), first.objects.size());
    QStringList kinds;
    for (const YAML::Node &document : documents)
        kinds << QString::fromStdString(document["kind"].Scalar());
    QCOMPARE(kinds, QStringList({"Gateway", "HTTPRoute", "ReferenceGrant"}));
}

void TestToGatewayApi::reportFormats()
{
    const Conversion conversion = convertText(withVirtualService(
        "  http:\n  - fault: {abort: {httpStatus: 500, percentage: {value: 1}}}\n    route: "
        "[{destination: {host: a, port: {number: 80}}}]\n"));
    const QString text = lossReportText(conversion);
    QVERIFY2(text.contains(QStringLiteral("VirtualService default/vs")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("[lost] fault spec.http[0].fault (design.yaml:")),
             qPrintable(text));
    QVERIFY2(text.startsWith(
                 QStringLiteral("Loss report: %1 lost").arg(conversion.count(Severity::Lost))),
             qPrintable(text));

    const QJsonObject json = lossReportJson(conversion);
    const QJsonArray entries = json.value(QStringLiteral("entries")).toArray();
    QCOMPARE(entries.size(), qsizetype(conversion.entries.size()));
    QCOMPARE(json.value("summary").toObject().value("lost").toInt(),
             conversion.count(Severity::Lost));
    bool found = false;
    for (const QJsonValue &value : entries) {
        const QJsonObject entry = value.toObject();
        if (entry.value("code").toString() != QLatin1String("fault"))
            continue;
        found = true;
        QCOMPARE(entry.value("severity").toString(), QStringLiteral("lost"));
        QCOMPARE(entry.value("field").toString(), QStringLiteral("spec.http[0].fault"));
        QCOMPARE(entry.value("resource").toObject().value("name").toString(), QStringLiteral("vs"));
        QVERIFY(entry.value("line").toInt() > 0);
    }
    QVERIFY(found);
    QCOMPARE(json.value("objects").toArray().size(), qsizetype(conversion.objects.size()));
}

QTEST_GUILESS_MAIN(TestToGatewayApi)
#include "tst_togatewayapi.moc"
