// Istio's admission rules (semantics doc §6), one data-driven table per rule family: each row a
// manifest and the exact findings (code, position, message) it must produce; valid rows must
// produce none.

#include "validationtest.h"

using ValidationTest::compareFindings;

class TestSchemaRules : public QObject {
    Q_OBJECT

private slots:
    void gateway_data();
    void gateway() { check(); }
    void serverTls_data();
    void serverTls() { check(); }
    void virtualService_data();
    void virtualService() { check(); }
    void httpRoute_data();
    void httpRoute() { check(); }
    void httpMatch_data();
    void httpMatch() { check(); }
    void headerOperations_data();
    void headerOperations() { check(); }
    void l4Route_data();
    void l4Route() { check(); }
    void destinationRule_data();
    void destinationRule() { check(); }
    void unreachableRules_data();
    void unreachableRules() { check(); }

private:
    void check();
};

namespace {

void columns()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QStringList>("expected");
}

// A Gateway whose servers list starts at line 8.
QByteArray gatewayYaml(const char *servers, const char *name = "gw")
{
    return QByteArray("apiVersion: networking.istio.io/v1\n"
                      "kind: Gateway\n"
                      "metadata:\n"
                      "  name: ") +
           name +
           "\n"
           "spec:\n"
           "  selector: {istio: ingressgateway}\n"
           "  servers:\n" +
           servers;
}

// A VirtualService whose spec body starts at line 6.
QByteArray virtualServiceYaml(const char *spec)
{
    return QByteArray("apiVersion: networking.istio.io/v1\n"
                      "kind: VirtualService\n"
                      "metadata:\n"
                      "  name: vs\n"
                      "spec:\n") +
           spec;
}

// A gateway-bound VirtualService with one http route whose body starts at line 10.
QByteArray httpRouteYaml(const char *route)
{
    return virtualServiceYaml("  hosts: [a.example.com]\n"
                              "  gateways: [gw]\n"
                              "  http:\n"
                              "  - name: r\n") +
           route;
}

QByteArray destinationRuleYaml(const char *spec)
{
    return QByteArray("apiVersion: networking.istio.io/v1\n"
                      "kind: DestinationRule\n"
                      "metadata:\n"
                      "  name: dr\n"
                      "spec:\n") +
           spec;
}

const char *ROUTE = "    route:\n    - destination: {host: b.example.com}\n";

} // namespace

void TestSchemaRules::check()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QStringList, expected);
    QObject owner;
    Project::Workspace *workspace = ValidationTest::workspaceOf(yaml, &owner);
    Validation::Options options;
    options.analyzers << QStringLiteral("schema.ValidationAnalyzer");
    const Core::Diagnostics findings = Validation::validate(*workspace, options);
    compareFindings(findings, {"IST0106", "IST0133", "IST0130", "IST0131"}, expected);
}

void TestSchemaRules::gateway_data()
{
    columns();
    QTest::newRow("valid")
        << gatewayYaml(
               "  - port: {number: 80, name: http, protocol: HTTP}\n"
               "    hosts: [a.example.com, \"ns/*.b.example.com\", \"./c.example.com\", \"*\"]\n")
        << QStringList{};
    QTest::newRow("name not a DNS label")
        << gatewayYaml("  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: ['*']\n",
                       "My_Gateway")
        << QStringList{"IST0106 4:3 invalid gateway name: \"My_Gateway\""};
    QTest::newRow("no servers") << gatewayYaml("  []\n")
                                << QStringList{"IST0106 7:3 gateway must have at least one server"};
    QTest::newRow("duplicate port names")
        << gatewayYaml("  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: ['*']\n"
                       "  - port: {number: 81, name: http, protocol: HTTP}\n    hosts: ['*']\n")
        << QStringList{"IST0106 10:24 port names in servers must be unique: duplicate name http"};
    QTest::newRow("empty hosts")
        << gatewayYaml("  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: []\n")
        << QStringList{"IST0106 9:5 server config must contain at least one host"};
    QTest::newRow("bad namespace in host")
        << gatewayYaml("  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: "
                       "[\"Bad_NS/a.example.com\"]\n")
        << QStringList{"IST0106 9:13 invalid namespace value \"Bad_NS\" in gateway"};
    QTest::newRow("empty namespace part")
        << gatewayYaml("  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: "
                       "[\"/a.example.com\"]\n")
        << QStringList{"IST0106 9:13 config namespace and dnsName in host entry cannot be empty"};
    QTest::newRow("short name")
        << gatewayYaml("  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: [reviews]\n")
        << QStringList{"IST0106 9:13 short names (non FQDN) are not allowed"};
    QTest::newRow("partial wildcard")
        << gatewayYaml("  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: "
                       "[\"*foo.example.com\"]\n")
        << QStringList{"IST0106 9:13 partial wildcard \"*foo.example.com\" not allowed"};
    QTest::newRow("invalid label")
        << gatewayYaml(
               "  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: [a_b.example.com]\n")
        << QStringList{
               "IST0106 9:13 domain name \"a_b.example.com\" invalid (label \"a_b\" invalid)"};
    QTest::newRow("numeric top level domain")
        << gatewayYaml(
               "  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: [a.example.123]\n")
        << QStringList{"IST0106 9:13 top level domain \"123\" cannot be all-numeric"};
    QTest::newRow("IP host is fine")
        << gatewayYaml(
               "  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: [10.0.0.1]\n")
        << QStringList{};
    QTest::newRow("port out of range")
        << gatewayYaml("  - port: {number: 70000, name: http, protocol: HTTP}\n    hosts: ['*']\n")
        << QStringList{"IST0106 8:12 port number 70000 must be in the range 1..65535"};
    QTest::newRow("port zero")
        << gatewayYaml("  - port: {number: 0, name: http, protocol: HTTP}\n    hosts: ['*']\n")
        << QStringList{"IST0106 8:12 port number 0 must be in the range 1..65535"};
    QTest::newRow("empty port name")
        << gatewayYaml("  - port: {number: 80, name: \"\", protocol: HTTP}\n    hosts: ['*']\n")
        << QStringList{"IST0106 8:24 port name must be set"};
    QTest::newRow("targetPort") << gatewayYaml("  - port: {number: 80, name: http, protocol: HTTP, "
                                               "targetPort: 8080}\n    hosts: ['*']\n")
                                << QStringList{"IST0106 8:52 targetPort has no impact on Gateways"};
    QTest::newRow("bind not an IP") << gatewayYaml("  - port: {number: 80, name: http, protocol: "
                                                   "HTTP}\n    bind: localhost\n    hosts: ['*']\n")
                                    << QStringList{"IST0106 9:5 localhost is not a valid IP"};
    QTest::newRow("bind IP") << gatewayYaml("  - port: {number: 80, name: http, protocol: HTTP}\n  "
                                            "  bind: 127.0.0.1\n    hosts: ['*']\n")
                             << QStringList{};
    QTest::newRow("unix bind needs port 0 and an absolute path")
        << gatewayYaml("  - port: {number: 80, name: http, protocol: HTTP}\n    bind: "
                       "unix://relative/sock\n    hosts: ['*']\n")
        << QStringList{"IST0106 9:5 relative/sock is not an absolute path to a file",
                       "IST0106 8:12 port number must be 0 for unix domain socket"};
    QTest::newRow("unix bind with port 0")
        << gatewayYaml("  - port: {number: 0, name: http, protocol: HTTP}\n    bind: "
                       "unix:///var/run/gw.sock\n    hosts: ['*']\n")
        << QStringList{};
    QTest::newRow("HTTPS without tls")
        << gatewayYaml("  - port: {number: 443, name: https, protocol: HTTPS}\n    hosts: ['*']\n")
        << QStringList{"IST0106 8:5 server must have TLS settings for HTTPS/TLS protocols"};
    QTest::newRow("HTTP with SIMPLE tls")
        << gatewayYaml("  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: ['*']\n"
                       "    tls: {mode: SIMPLE, credentialName: c}\n")
        << QStringList{"IST0106 10:5 server cannot have TLS settings for plain text HTTP ports"};
    QTest::newRow("HTTP with httpsRedirect only")
        << gatewayYaml("  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: ['*']\n"
                       "    tls: {httpsRedirect: true}\n")
        << QStringList{};
    QTest::newRow("TCP with tls")
        << gatewayYaml("  - port: {number: 31400, name: tcp, protocol: TCP}\n    hosts: ['*']\n"
                       "    tls: {mode: SIMPLE, credentialName: c}\n")
        << QStringList{"IST0106 10:5 server cannot have TLS settings for non HTTPS/TLS ports"};
    QTest::newRow("httpsRedirect on HTTPS")
        << gatewayYaml("  - port: {number: 443, name: https, protocol: HTTPS}\n    hosts: ['*']\n"
                       "    tls: {mode: SIMPLE, credentialName: c, httpsRedirect: true}\n")
        << QStringList{"IST0133 10:44 tls.httpsRedirect should only be used with http servers"};
}

void TestSchemaRules::serverTls_data()
{
    columns();
    auto https = [](const char *tls) {
        return gatewayYaml((QByteArray("  - port: {number: 443, name: https, protocol: HTTPS}\n"
                                       "    hosts: ['*']\n"
                                       "    tls:\n") +
                            tls)
                               .constData());
    };
    QTest::newRow("SIMPLE with credentialName")
        << https("      mode: SIMPLE\n      credentialName: c\n") << QStringList{};
    QTest::newRow("SIMPLE with files")
        << https("      mode: SIMPLE\n      serverCertificate: /c.pem\n      privateKey: /k.pem\n")
        << QStringList{};
    QTest::newRow("SIMPLE without certificate")
        << https("      mode: SIMPLE\n")
        << QStringList{"IST0106 10:5 SIMPLE TLS requires a server certificate",
                       "IST0106 10:5 SIMPLE TLS requires a private key"};
    QTest::newRow("MUTUAL without CA")
        << https("      mode: MUTUAL\n      serverCertificate: /c.pem\n      privateKey: /k.pem\n")
        << QStringList{"IST0106 10:5 MUTUAL TLS requires a client CA bundle"};
    QTest::newRow("tlsCertificates item without key")
        << https("      mode: SIMPLE\n      tlsCertificates:\n      - serverCertificate: /c.pem\n")
        << QStringList{"IST0106 13:9 SIMPLE TLS requires a private key"};
    QTest::newRow("two certificate sources")
        << https("      mode: SIMPLE\n      credentialName: c\n      serverCertificate: /c.pem\n   "
                 "   privateKey: /k.pem\n")
        << QStringList{"IST0106 10:5 only one of credential_name, credential_names"};
    QTest::newRow("credentialName and credentialNames")
        << https("      mode: SIMPLE\n      credentialName: c\n      credentialNames: [d]\n")
        << QStringList{"IST0106 13:7 only one of credentialName or credentialNames",
                       "IST0106 10:5 only one of credential_name, credential_names"};
    QTest::newRow("three credentialNames")
        << https("      mode: SIMPLE\n      credentialNames: [a, b, c]\n")
        << QStringList{"IST0106 12:7 credentialNames may list at most 2"};
    QTest::newRow("ISTIO_MUTUAL with a credential")
        << https("      mode: ISTIO_MUTUAL\n      credentialName: c\n")
        << QStringList{"IST0106 12:7 ISTIO_MUTUAL TLS cannot have associated credentialName"};
    QTest::newRow("PASSTHROUGH with a certificate")
        << https("      mode: PASSTHROUGH\n      credentialName: c\n")
        << QStringList{
               "IST0133 11:7 PASSTHROUGH mode does not use certificates, they will be ignored"};
    QTest::newRow("no mode with a certificate")
        << https("      credentialName: c\n")
        << QStringList{"IST0133 10:5 PASSTHROUGH mode does not use certificates"};
    QTest::newRow("caCrl with credentialName")
        << https("      mode: MUTUAL\n      credentialName: c\n      caCrl: /crl.pem\n")
        << QStringList{"IST0106 13:7 CRL is not supported with credentialName"};
    QTest::newRow("caCrl with SIMPLE")
        << https("      mode: SIMPLE\n      serverCertificate: /c.pem\n      privateKey: /k.pem\n  "
                 "    caCrl: /crl.pem\n")
        << QStringList{"IST0106 14:7 CRL is not supported with SIMPLE TLS"};
    QTest::newRow("TLS 1.0 without ciphers")
        << https("      mode: SIMPLE\n      credentialName: c\n      minProtocolVersion: TLSV1_0\n")
        << QStringList{"IST0133 13:7 TLS version below TLSV1_2 require setting compatible ciphers"};
    QTest::newRow("unknown and duplicate ciphers")
        << https("      mode: SIMPLE\n      credentialName: c\n      cipherSuites: "
                 "[ECDHE-RSA-AES128-GCM-SHA256, FOO, ECDHE-RSA-AES128-GCM-SHA256]\n")
        << QStringList{
               "IST0133 13:7 ignoring invalid cipher suites: [FOO]",
               "IST0133 13:7 ignoring duplicate cipher suites: [ECDHE-RSA-AES128-GCM-SHA256]"};
    QTest::newRow("min above max")
        << https("      mode: SIMPLE\n      credentialName: c\n      minProtocolVersion: TLSV1_3\n "
                 "     maxProtocolVersion: TLSV1_2\n")
        << QStringList{
               "IST0106 14:7 minProtocolVersion TLSV1_3 is higher than maxProtocolVersion TLSV1_2"};
}

void TestSchemaRules::virtualService_data()
{
    columns();
    QTest::newRow("valid") << virtualServiceYaml(
                                  "  hosts: [a.example.com, \"*.b.example.com\"]\n"
                                  "  gateways: [istio-system/gw, mesh]\n  http:\n  - route:\n"
                                  "    - destination: {host: c}\n")
                           << QStringList{};
    QTest::newRow("no routes") << virtualServiceYaml("  hosts: [a.example.com]\n")
                               << QStringList{"IST0106 5:1 http, tcp or tls must be provided"};
    QTest::newRow("wildcard host on mesh")
        << virtualServiceYaml("  hosts: ['*']\n  http:\n  - route:\n    - destination: {host: c}\n")
        << QStringList{"IST0106 6:11 wildcard host * is not allowed for virtual services bound to "
                       "the mesh gateway"};
    QTest::newRow("wildcard host on a gateway")
        << virtualServiceYaml("  hosts: ['*']\n  gateways: [gw]\n  http:\n  - route:\n    - "
                              "destination: {host: c}\n")
        << QStringList{};
    QTest::newRow("invalid host")
        << virtualServiceYaml(
               "  hosts: [a_b.example.com]\n  http:\n  - route:\n    - destination: {host: c}\n")
        << QStringList{"IST0106 6:11 domain name \"a_b.example.com\" invalid"};
    QTest::newRow("overlapping hosts")
        << virtualServiceYaml("  hosts: [\"*.example.com\", a.example.com]\n  gateways: [gw]\n  "
                              "http:\n  - route:\n    - destination: {host: c}\n")
        << QStringList{
               "IST0106 6:28 duplicate hosts in virtual service: *.example.com & a.example.com"};
    QTest::newRow("delegate with gateways and tcp")
        << virtualServiceYaml(
               "  gateways: [gw]\n  http:\n  - route:\n    - destination: {host: c}\n"
               "  tcp:\n  - route:\n    - destination: {host: c}\n")
        << QStringList{"IST0106 6:3 delegate virtual service must have no gateways specified",
                       "IST0106 10:3 delegate virtual service must have no tcp route"};
    QTest::newRow("gateway name with empty part")
        << virtualServiceYaml("  hosts: [a.example.com]\n  gateways: [\"ns/\"]\n  http:\n  - "
                              "route:\n    - destination: {host: c}\n")
        << QStringList{"IST0106 7:14 config namespace and gateway name cannot be empty"};
    QTest::newRow("gateway namespace invalid")
        << virtualServiceYaml("  hosts: [a.example.com]\n  gateways: [\"Bad_NS/gw\"]\n  http:\n  - "
                              "route:\n    - destination: {host: c}\n")
        << QStringList{"IST0106 7:14 invalid value for namespace: \"Bad_NS\""};
    QTest::newRow("legacy gateway name")
        << virtualServiceYaml("  hosts: [a.example.com]\n  gateways: [gw.istio-system]\n  http:\n  "
                              "- route:\n    - destination: {host: c}\n")
        << QStringList{"IST0133 7:14 using legacy gatewayName format \"gw.istio-system\"; prefer "
                       "the <namespace>/<name> format: \"istio-system/gw\""};
    QTest::newRow("checks stop at the first name without a slash")
        << virtualServiceYaml("  hosts: [a.example.com]\n  gateways: [gw, \"Bad_NS/gw\"]\n  "
                              "http:\n  - route:\n    - destination: {host: c}\n")
        << QStringList{};
    QTest::newRow("exportTo duplicates and mixing")
        << virtualServiceYaml("  hosts: [a.example.com]\n  exportTo: [\".\", default, \"*\"]\n  "
                              "http:\n  - route:\n    - destination: {host: c}\n")
        << QStringList{"IST0106 7:19 duplicate entries in exportTo: \"default\"",
                       "IST0106 7:3 cannot have both public (*) and non-public exportTo values"};
    QTest::newRow("exportTo invalid")
        << virtualServiceYaml("  hosts: [a.example.com]\n  exportTo: [Not_Valid]\n  http:\n  - "
                              "route:\n    - destination: {host: c}\n")
        << QStringList{"IST0106 7:14 only .,* or a valid DNS 1123 label is allowed"};
}

void TestSchemaRules::httpRoute_data()
{
    columns();
    QTest::newRow("valid") << httpRouteYaml(ROUTE) << QStringList{};
    QTest::newRow("no action")
        << httpRouteYaml("    timeout: 1s\n")
        << QStringList{"IST0106 9:5 HTTP route, redirect or direct_response is required"};
    QTest::newRow("route and redirect")
        << httpRouteYaml("    redirect: {uri: /x}\n    route:\n    - destination: {host: b}\n")
        << QStringList{"IST0106 9:5 HTTP route cannot contain both route and redirect"};
    QTest::newRow("redirect and rewrite and fault")
        << httpRouteYaml("    redirect: {uri: /x}\n    rewrite: {uri: /y}\n    fault: {abort: "
                         "{httpStatus: 500, percentage: {value: 1}}}\n")
        << QStringList{"IST0106 9:5 HTTP route cannot contain both fault and redirect",
                       "IST0106 9:5 HTTP route rule cannot contain both rewrite and redirect"};
    QTest::newRow("directResponse and route")
        << httpRouteYaml(
               "    directResponse: {status: 200}\n    route:\n    - destination: {host: b}\n")
        << QStringList{"IST0106 9:5 HTTP route cannot contain both route and direct_response"};
    QTest::newRow("root route with redirect")
        << httpRouteYaml("    delegate: {name: child}\n    redirect: {uri: /x}\n")
        << QStringList{"IST0106 11:5 root HTTP route r must not specify redirect"};
    QTest::newRow("mirror and mirrors")
        << httpRouteYaml("    mirror: {host: m}\n    mirrors:\n    - destination: {host: m2}\n"
                         "    route:\n    - destination: {host: b}\n")
        << QStringList{"IST0106 9:5 HTTP route cannot contain both mirror and mirrors"};
    QTest::newRow("mirrorPercent")
        << httpRouteYaml("    mirror: {host: m}\n    mirrorPercent: 150\n    route:\n    - "
                         "destination: {host: b}\n")
        << QStringList{"IST0133 11:5 using deprecated setting \"mirrorPercent\"",
                       "IST0106 11:5 mirror_percent must have a max value of 100"};
    QTest::newRow("mirrorPercentage out of range")
        << httpRouteYaml("    mirror: {host: m}\n    mirrorPercentage: {value: 101}\n    route:\n  "
                         "  - destination: {host: b}\n")
        << QStringList{"IST0106 11:5 mirror_percentage must have a max value of 100"};
    QTest::newRow("destination host *")
        << httpRouteYaml("    route:\n    - destination: {host: \"*\"}\n")
        << QStringList{"IST0106 11:21 invalid destination host *"};
    QTest::newRow("destination host IP")
        << httpRouteYaml("    route:\n    - destination: {host: 10.0.0.1}\n")
        << QStringList{"IST0106 11:21 domain name \"10.0.0.1\" invalid"};
    QTest::newRow("subset not a label")
        << httpRouteYaml("    route:\n    - destination: {host: b, subset: V_1}\n")
        << QStringList{"IST0106 11:30 subset name is invalid: V_1"};
    QTest::newRow("negative weight and zero total")
        << httpRouteYaml("    route:\n    - destination: {host: b}\n      weight: -1\n    - "
                         "destination: {host: c}\n      weight: 0\n")
        << QStringList{"IST0106 12:7 weight -1 < 0", "IST0106 10:5 total destination weight = 0"};
    QTest::newRow("redirect uri and prefixRewrite")
        << httpRouteYaml(
               "    match: [{uri: {exact: /a}}]\n    redirect: {uri: /x, prefixRewrite: /y}\n")
        << QStringList{"IST0106 11:5 redirect may only specify one of uri or prefix_rewrite",
                       "IST0106 11:25 redirect prefix_rewrite requires all URI matches to use "
                       "prefix match type"};
    QTest::newRow("redirect with nothing")
        << httpRouteYaml("    redirect: {redirectCode: 302}\n")
        << QStringList{"IST0106 10:5 redirect must specify URI, authority, scheme, or port"};
    QTest::newRow("redirect code and scheme")
        << httpRouteYaml("    redirect: {uri: /x, redirectCode: 200, scheme: ftp}\n")
        << QStringList{"IST0106 10:25 200 is not a valid redirect code, must be 3xx",
                       "IST0106 10:44 invalid redirect scheme, must be \"http\" or \"https\""};
    QTest::newRow("rewrite uri and regex")
        << httpRouteYaml("    rewrite: {uri: /x, uriRegexRewrite: {match: a, rewrite: b}}\n"
                         "    route:\n    - destination: {host: b}\n")
        << QStringList{"IST0106 10:5 rewrite may only contain one of URI or UriRegexRewrite"};
    QTest::newRow("empty rewrite")
        << httpRouteYaml("    rewrite: {}\n    route:\n    - destination: {host: b}\n")
        << QStringList{"IST0106 10:5 rewrite must specify at least one of URI"};
    QTest::newRow("uriRegexRewrite bad regex")
        << httpRouteYaml("    rewrite: {uriRegexRewrite: {match: \"(a\", rewrite: b}}\n    "
                         "route:\n    - destination: {host: b}\n")
        << QStringList{"IST0106 10:33 Istio uses RE2 style regex-based match"};
    QTest::newRow("directResponse status")
        << httpRouteYaml("    directResponse: {status: 99}\n")
        << QStringList{"IST0106 10:22 HTTP status 99 is not in range 200-599"};
    QTest::newRow("retries")
        << httpRouteYaml(
               "    retries: {attempts: 0, perTryTimeout: 1s, retryOn: \"5xx,bogus,503\"}\n"
               "    route:\n    - destination: {host: b}\n")
        << QStringList{"IST0106 10:5 http retry policy configured when attempts are set to 0",
                       "IST0106 10:47 \"bogus\" is not a valid retryOn policy"};
    QTest::newRow("negative attempts")
        << httpRouteYaml("    retries: {attempts: -1}\n    route:\n    - destination: {host: b}\n")
        << QStringList{"IST0106 10:15 attempts cannot be negative"};
    QTest::newRow("sub-millisecond timeout")
        << httpRouteYaml("    timeout: 1500us\n    route:\n    - destination: {host: b}\n")
        << QStringList{"IST0106 10:5 only durations to ms precision are supported"};
    QTest::newRow("fault without abort or delay")
        << httpRouteYaml("    fault: {}\n    route:\n    - destination: {host: b}\n")
        << QStringList{"IST0106 10:5 HTTP fault injection must have an abort and/or a delay"};
    QTest::newRow("fault abort checks")
        << httpRouteYaml(
               "    fault:\n      abort: {httpStatus: 700, percentage: {value: 0.00001}}\n"
               "    route:\n    - destination: {host: b}\n")
        << QStringList{
               "IST0106 11:15 HTTP status 700 is not in range 200-599",
               "IST0106 11:32 percentage 1e-05 is neither 0.0, nor in range [0.0001, 100.0]"};
    QTest::newRow("fault grpc and http2")
        << httpRouteYaml("    fault:\n      abort: {grpcStatus: NOPE}\n"
                         "    route:\n    - destination: {host: b}\n")
        << QStringList{"IST0106 11:15 gRPC status \"NOPE\" is not supported"};
    QTest::newRow("abort without error type")
        << httpRouteYaml("    fault:\n      abort: {percentage: {value: 5}}\n"
                         "    route:\n    - destination: {host: b}\n")
        << QStringList{"IST0133 11:7 abort configured, but error type not set"};
    QTest::newRow("exponential delay")
        << httpRouteYaml("    fault:\n      delay: {exponentialDelay: 1s}\n"
                         "    route:\n    - destination: {host: b}\n")
        << QStringList{"IST0106 11:15 exponentialDelay not supported yet"};
    QTest::newRow("CORS")
        << httpRouteYaml(
               "    corsPolicy:\n      allowOrigins: [{}]\n      allowMethods: [GET, FETCH]\n"
               "      allowHeaders: [\"bad header\"]\n      maxAge: 1500ms\n"
               "    route:\n    - destination: {host: b}\n")
        << QStringList{"IST0106 11:22 '' is not a valid match type for CORS allow origins",
                       "IST0106 12:27 \"FETCH\" is not a supported HTTP method",
                       "IST0106 13:22 header name bad header is not a valid header name",
                       "IST0106 14:7 max_age duration is accurate only to seconds precision"};
}

void TestSchemaRules::httpMatch_data()
{
    columns();
    auto matched = [](const char *match) {
        return httpRouteYaml((QByteArray("    match:\n    - ") + match + "\n" + ROUTE).constData());
    };
    QTest::newRow("valid") << matched("{uri: {prefix: /}, headers: {x-a: {exact: b}}, queryParams: "
                                      "{q: {regex: \"[0-9]+\"}}}")
                           << QStringList{};
    QTest::newRow("empty header prefix")
        << matched("{headers: {x-a: {prefix: \"\"}}}")
        << QStringList{"IST0106 11:18 \"x-a\": prefix string match should not be empty"};
    QTest::newRow("empty uri prefix is fine") << matched("{uri: {prefix: \"\"}}") << QStringList{};
    QTest::newRow("invalid header name")
        << matched("{headers: {\"bad header\": {exact: b}}}")
        << QStringList{"IST0106 11:18 header name bad header is not a valid header name"};
    QTest::newRow("empty regex")
        << matched("{uri: {regex: \"\"}}")
        << QStringList{"IST0106 11:8 \"uri\": regex string match should not be empty"};
    QTest::newRow("regex does not compile")
        << matched("{uri: {regex: \"(a\"}}")
        << QStringList{"IST0106 11:8 Istio uses RE2 style regex-based match"};
    QTest::newRow("regex too large")
        << matched(("{uri: {regex: \"" + QByteArray(1100, 'a') + "\"}}").constData())
        << QStringList{"IST0106 11:8 regex is too large, max length allowed is 1024"};
    QTest::newRow("withoutHeaders regex * means present")
        << matched("{withoutHeaders: {x-a: {regex: \"*\"}}}") << QStringList{};
    QTest::newRow("JWT claim on a gateway")
        << matched("{headers: {\"@request.auth.claims.group\": {exact: a}}}") << QStringList{};
    QTest::newRow("match port out of range")
        << matched("{port: 0}")
        << QStringList{"IST0106 11:8 port number 0 must be in the range 1..65535"};
    QTest::newRow("sourceNamespace invalid")
        << matched("{sourceNamespace: Bad_NS}")
        << QStringList{"IST0106 11:8 sourceNamespace match Bad_NS is invalid"};
    QTest::newRow("JWT claim on the mesh")
        << virtualServiceYaml("  hosts: [a.example.com]\n  http:\n  - match:\n"
                              "    - headers: {\"@request.auth.claims.group\": {exact: a}}\n"
                              "    route:\n    - destination: {host: b}\n")
        << QStringList{"IST0106 9:17 JWT claim based routing (key: @request.auth.claims.group) is "
                       "only supported for gateway"};
}

void TestSchemaRules::headerOperations_data()
{
    columns();
    auto headers = [](const char *operations) {
        return httpRouteYaml((QByteArray("    headers:\n") + operations + ROUTE).constData());
    };
    QTest::newRow("valid")
        << headers("      request: {set: {x-a: \"%DOWNSTREAM_REMOTE_ADDRESS%\"}, remove: [x-b]}\n"
                   "      response: {add: {x-c: \"50%%\"}}\n")
        << QStringList{};
    QTest::newRow("pseudo header set")
        << headers("      request: {set: {\":path\": /x}}\n")
        << QStringList{"IST0106 11:23 invalid header \":path\": header cannot have \":\" prefix"};
    QTest::newRow("remove host") << headers("      request: {remove: [host]}\n")
                                 << QStringList{"IST0106 11:26 cannot remove Host header"};
    QTest::newRow("response host") << headers("      response: {set: {host: x}}\n")
                                   << QStringList{"IST0106 11:24 cannot set Host header"};
    QTest::newRow("control character in value")
        << headers("      request: {set: {x-a: \"a\\x01b\"}}\n")
        << QStringList{"IST0106 11:23 control characters are not allowed"};
    QTest::newRow("lone percent") << headers("      request: {set: {x-a: \"50%\"}}\n")
                                  << QStringList{"IST0106 11:23 Un-escaped %"};
    QTest::newRow("authority twice")
        << httpRouteYaml("    rewrite: {authority: a.example.com}\n    headers:\n      request: "
                         "{set: {host: b.example.com}}\n"
                         "    route:\n    - destination: {host: b}\n")
        << QStringList{"IST0106 9:5 authority header cannot be set multiple times"};
}

void TestSchemaRules::l4Route_data()
{
    columns();
    auto tls = [](const char *routes) {
        return virtualServiceYaml(
            (QByteArray("  hosts: [\"*.example.com\"]\n  gateways: [gw]\n  tls:\n") + routes)
                .constData());
    };
    QTest::newRow("valid TLS") << tls("  - match: [{sniHosts: [a.example.com]}]\n    route:\n    - "
                                      "destination: {host: b}\n")
                               << QStringList{};
    QTest::newRow("TLS route without match")
        << tls("  - route:\n    - destination: {host: b}\n")
        << QStringList{"IST0106 9:5 TLS route must have at least one match condition"};
    QTest::newRow("TLS match without sniHosts")
        << tls("  - match: [{port: 443}]\n    route:\n    - destination: {host: b}\n")
        << QStringList{"IST0106 9:13 TLS match must have at least one SNI host"};
    QTest::newRow("SNI not covered by hosts")
        << tls("  - match: [{sniHosts: [a.other.com]}]\n    route:\n    - destination: {host: b}\n")
        << QStringList{"IST0106 9:25 SNI host \"a.other.com\" is not a compatible subset of any of "
                       "the virtual service hosts: [*.example.com]"};
    QTest::newRow("SNI is an IP")
        << tls("  - match: [{sniHosts: [10.0.0.1]}]\n    route:\n    - destination: {host: b}\n")
        << QStringList{"IST0133 9:25 using an IP address (\"10.0.0.1\") goes against SNI spec"};
    QTest::newRow("destinationSubnets invalid")
        << tls("  - match: [{sniHosts: [a.example.com], destinationSubnets: [10.0.0.0/99]}]\n    "
               "route:\n    - destination: {host: b}\n")
        << QStringList{"IST0106 9:62 10.0.0.0/99 is not a valid CIDR block or IP"};
    QTest::newRow("TLS route without destinations")
        << tls("  - match: [{sniHosts: [a.example.com]}]\n    route: []\n")
        << QStringList{"IST0106 9:5 TLS route is required"};
    QTest::newRow("TCP route without destinations")
        << virtualServiceYaml("  hosts: [a.example.com]\n  gateways: [gw]\n  tcp:\n  - match: "
                              "[{port: 31400}]\n    route: []\n")
        << QStringList{"IST0106 9:5 TCP route is required"};
    QTest::newRow("TCP weights")
        << virtualServiceYaml("  hosts: [a.example.com]\n  gateways: [gw]\n  tcp:\n  - route:\n"
                              "    - destination: {host: b}\n      weight: 0\n    - destination: "
                              "{host: c}\n      weight: 0\n")
        << QStringList{"IST0106 9:5 total destination weight = 0"};
}

void TestSchemaRules::destinationRule_data()
{
    columns();
    QTest::newRow("valid")
        << destinationRuleYaml(
               "  host: reviews\n  subsets:\n  - name: v1\n    labels: {version: v1}\n")
        << QStringList{};
    QTest::newRow("invalid host") << destinationRuleYaml("  host: a_b.example.com\n")
                                  << QStringList{
                                         "IST0106 6:3 domain name \"a_b.example.com\" invalid"};
    QTest::newRow("empty traffic policy")
        << destinationRuleYaml("  host: r\n  trafficPolicy: {}\n")
        << QStringList{"IST0106 7:3 traffic policy must have at least one field"};
    QTest::newRow("duplicate and invalid subset names")
        << destinationRuleYaml("  host: r\n  subsets:\n  - name: v1\n  - name: v1\n  - name: V_2\n")
        << QStringList{"IST0106 9:5 duplicate subset names: v1",
                       "IST0106 10:5 subset name is invalid: V_2"};
    QTest::newRow("invalid label")
        << destinationRuleYaml(
               "  host: r\n  subsets:\n  - name: v1\n    labels: {\"bad key!\": x}\n")
        << QStringList{"IST0106 9:14 invalid label key \"bad key!\""};
    QTest::newRow("connection pool")
        << destinationRuleYaml("  host: r\n  trafficPolicy:\n    connectionPool:\n      http: "
                               "{h2UpgradePolicy: UPGRADE, useClientProtocol: true, maxRetries: "
                               "-1, http2KeepAlive: {interval: 1s}}\n")
        << QStringList{
               "IST0106 9:65 maxRetries must be non-negative",
               "IST0106 9:14 use client protocol must not be true when H2UpgradePolicy is UPGRADE",
               "IST0106 9:81 http2KeepAlive requires both interval and timeout"};
    QTest::newRow("connection pool without http or tcp")
        << destinationRuleYaml("  host: r\n  trafficPolicy:\n    connectionPool: {}\n")
        << QStringList{"IST0106 8:5 must have at least one field (http or tcp)"};
    QTest::newRow("outlier detection")
        << destinationRuleYaml(
               "  host: r\n  trafficPolicy:\n    outlierDetection: {consecutiveErrors: 5, "
               "consecutiveLocalOriginFailures: 2, maxEjectionPercent: 120}\n")
        << QStringList{"IST0133 8:24 outlier detection consecutive errors is deprecated",
                       "IST0106 8:46 consecutive local origin errors is set but split external "
                       "local origin errors is set to false",
                       "IST0106 8:81 maxEjectionPercent must be in range [0, 100]"};
    QTest::newRow("consistent hash")
        << destinationRuleYaml(
               "  host: r\n  trafficPolicy:\n    loadBalancer:\n      consistentHash: {httpCookie: "
               "{ttl: 0s}, minimumRingSize: 1024, maglev: {tableSize: 1000}}\n")
        << QStringList{
               "IST0106 9:24 name required for HttpCookie",
               "IST0133 9:47 consistent hash MinimumRingSize is deprecated",
               "IST0106 9:47 only one of MinimumRingSize or Maglev/Ringhash can be specified",
               "IST0106 9:79 tableSize must be a prime number for maglev"};
    QTest::newRow("client TLS")
        << destinationRuleYaml("  host: r\n  trafficPolicy:\n    tls: {mode: MUTUAL, "
                               "insecureSkipVerify: true, caCertificates: /ca.pem}\n")
        << QStringList{"IST0106 8:5 client certificate required for mutual tls",
                       "IST0106 8:5 private key required for mutual tls",
                       "IST0106 8:25 cannot specify CaCertificates, CaCrl or SubjectAltNames when "
                       "InsecureSkipVerify is set"};
    QTest::newRow("client TLS credential with files")
        << destinationRuleYaml("  host: r\n  trafficPolicy:\n    tls: {mode: SIMPLE, "
                               "credentialName: c, caCertificates: /ca.pem}\n")
        << QStringList{"IST0106 8:25 cannot specify client certificates or CA certificate or CA "
                       "CRL If credentialName is set"};
    QTest::newRow("workload selector exportTo")
        << destinationRuleYaml(
               "  host: r\n  workloadSelector: {matchLabels: {app: a}}\n  exportTo: [\"*\"]\n")
        << QStringList{"IST0106 8:3 destination rule with workload selector can only be exported "
                       "to its own namespace"};
    QTest::newRow("tunnel and proxy protocol")
        << destinationRuleYaml("  host: r\n  trafficPolicy:\n    tunnel: {protocol: CONNECT, "
                               "targetHost: a, targetPort: 1}\n    proxyProtocol: {version: V1}\n")
        << QStringList{"IST0106 7:3 tunnel and proxyProtocol cannot both be set"};
}

void TestSchemaRules::unreachableRules_data()
{
    columns();
    QTest::newRow("valid order")
        << virtualServiceYaml(
               "  hosts: [a.example.com]\n  http:\n  - match: [{uri: {prefix: /api}}]\n"
               "    route:\n    - destination: {host: b}\n"
               "  - route:\n    - destination: {host: c}\n")
        << QStringList{};
    QTest::newRow("rule after catch-all")
        << virtualServiceYaml(
               "  hosts: [a.example.com]\n  http:\n  - route:\n    - destination: {host: c}\n"
               "  - match: [{uri: {prefix: /api}}]\n    route:\n    - destination: {host: b}\n")
        << QStringList{"IST0130 10:5 VirtualService rule #1 not used (route without matches "
                       "defined before)."};
    QTest::newRow("two catch-alls")
        << virtualServiceYaml(
               "  hosts: [a.example.com]\n  http:\n  - route:\n    - destination: {host: c}\n"
               "  - route:\n    - destination: {host: b}\n")
        << QStringList{"IST0130 10:5 VirtualService rule #1 not used (only the last rule can have "
                       "no matches)."};
    QTest::newRow("duplicate match, names ignored")
        << virtualServiceYaml("  hosts: [a.example.com]\n  http:\n  - name: first\n    match: "
                              "[{name: m, uri: {exact: /a}}]\n"
                              "    route:\n    - destination: {host: b}\n"
                              "  - name: second\n    match: [{uri: {exact: /a}}]\n    route:\n    "
                              "- destination: {host: c}\n")
        << QStringList{"IST0130 12:5 VirtualService rule \"second\" not used (all matches used by "
                       "prior rules).",
                       "IST0131 13:13 VirtualService rule \"second\" match #0 is not used "
                       "(duplicate/overlapping match in rule \"first\")."};
    QTest::newRow("shorter prefix covers a longer one, unset method is GET")
        << virtualServiceYaml(
               "  hosts: [a.example.com]\n  http:\n  - match: [{uri: {prefix: /api}}]\n"
               "    route:\n    - destination: {host: b}\n"
               "  - match: [{uri: {prefix: /api/v1}, method: {exact: GET}}, {uri: {prefix: "
               "/other}}]\n"
               "    route:\n    - destination: {host: c}\n")
        << QStringList{"IST0131 11:13 VirtualService rule #1 match #0 of prefix /api/v1 is not "
                       "used (duplicate/overlapping match in rule #0 of prefix /api on #0)."};
    QTest::newRow("a header makes the later prefix reachable")
        << virtualServiceYaml(
               "  hosts: [a.example.com]\n  http:\n  - match: [{uri: {prefix: /api}}]\n"
               "    route:\n    - destination: {host: b}\n"
               "  - match: [{uri: {prefix: /api/v1}, headers: {x: {exact: y}}}]\n    route:\n    - "
               "destination: {host: c}\n")
        << QStringList{};
    QTest::newRow("duplicate TCP match")
        << virtualServiceYaml("  hosts: [a.example.com]\n  gateways: [gw]\n  tcp:\n  - match: "
                              "[{port: 1}]\n    route:\n    - destination: {host: b}\n"
                              "  - match: [{port: 1}]\n    route:\n    - destination: {host: c}\n")
        << QStringList{
               "IST0130 12:5 VirtualService rule #1 not used (all matches used by prior rules).",
               "IST0131 12:13 VirtualService rule #1 match #0 is not used (duplicate/overlapping "
               "match in rule #0)."};
}

QTEST_GUILESS_MAIN(TestSchemaRules)
#include "tst_schemarules.moc"
