// The cross-resource analyzers (semantics doc §7) and Gatehouse's own findings, one data-driven
// table per analyzer: valid and invalid workspaces with the exact findings expected.

#include "validationtest.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

using ValidationTest::compareFindings;

class TestAnalyzers : public QObject {
    Q_OBJECT

private slots:
    void gatewayPorts_data();
    void gatewayPorts() { check("gateway.IngressGatewayPortAnalyzer"); }
    void conflictingGateways_data();
    void conflictingGateways() { check("gateway.ConflictingGatewayAnalyzer"); }
    void gatewaySecrets_data();
    void gatewaySecrets() { check("gateway.SecretAnalyzer"); }
    void duplicateCertificates_data();
    void duplicateCertificates() { check("gateway.CertificateAnalyzer"); }
    void virtualServiceGateways_data();
    void virtualServiceGateways() { check("virtualservice.GatewayAnalyzer"); }
    void destinationHosts_data();
    void destinationHosts() { check("virtualservice.DestinationHostAnalyzer"); }
    void destinationSubsets_data();
    void destinationSubsets() { check("virtualservice.DestinationRuleAnalyzer"); }
    void meshHostConflicts_data();
    void meshHostConflicts() { check("virtualservice.ConflictingMeshGatewayHostsAnalyzer"); }
    void jwtClaimRoutes_data();
    void jwtClaimRoutes() { check("virtualservice.JWTClaimRouteAnalyzer"); }
    void caCertificates_data();
    void caCertificates() { check("destinationrule.CaCertificateAnalyzer"); }
    void destinationRuleHosts_data();
    void destinationRuleHosts() { check("destinationrule.SubsetSelectPodAnalyzer"); }
    void deprecations_data();
    void deprecations() { check("deprecation.FieldAnalyzer"); }
    void conditions_data();
    void conditions() { check("conditions.ConditionAnalyzer"); }
    void kubernetesGatewaySelectors_data();
    void kubernetesGatewaySelectors() { check("k8sgateway.SelectorAnalyzer"); }
    void classicMistakes_data();
    void classicMistakes() { check("gatehouse.ClassicMistakes"); }
    void gatewayBuild_data();
    void gatewayBuild() { check("gatehouse.GatewayBuild"); }
    void localProxy_data();
    void localProxy();

    void relatedResourceIsNamed();
    void strictReferences();

private:
    void check(const char *analyzer);
};

namespace {

void columns()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QStringList>("expected");
}

QByteArray doc(const QByteArray &text)
{
    return "---\n" + text;
}

QByteArray gateway(const char *name, const char *servers,
                   const char *selector = "{istio: ingressgateway}",
                   const char *nameSpace = "default")
{
    return doc(QByteArray("apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: ") +
               name + ", namespace: " + nameSpace + "}\nspec:\n  selector: " + selector +
               "\n  servers:\n" + servers);
}

QByteArray virtualService(const char *name, const char *spec, const char *nameSpace = "default")
{
    return doc(
        QByteArray("apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: ") +
        name + ", namespace: " + nameSpace + "}\nspec:\n" + spec);
}

QByteArray destinationRule(const char *name, const char *spec, const char *nameSpace = "default")
{
    return doc(
        QByteArray("apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: ") +
        name + ", namespace: " + nameSpace + "}\nspec:\n" + spec);
}

QByteArray service(const char *name, const char *spec, const char *nameSpace = "default")
{
    return doc(QByteArray("apiVersion: v1\nkind: Service\nmetadata: {name: ") + name +
               ", namespace: " + nameSpace + "}\nspec:\n" + spec);
}

QByteArray pod(const char *name, const char *labels, const char *nameSpace = "default")
{
    return doc(QByteArray("apiVersion: v1\nkind: Pod\nmetadata: {name: ") + name +
               ", namespace: " + nameSpace + ", labels: " + labels +
               "}\nspec: {containers: [{name: c, image: i}]}\n");
}

QByteArray secret(const char *name, const QByteArray &crt, const QByteArray &key,
                  const char *nameSpace = "istio-system")
{
    return doc(QByteArray("apiVersion: v1\nkind: Secret\nmetadata: {name: ") + name +
               ", namespace: " + nameSpace + "}\ntype: kubernetes.io/tls\ndata:\n  tls.crt: \"" +
               crt.toBase64() + "\"\n  tls.key: \"" + key.toBase64() + "\"\n");
}

const char *HTTP80 =
    "  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: [a.example.com]\n";
const char *HTTPS443 =
    "  - port: {number: 443, name: https, protocol: HTTPS}\n    hosts: [a.example.com]\n"
    "    tls: {mode: SIMPLE, credentialName: cert}\n";

// A self-signed certificate valid from `from` to `to` days from now, as PEM.
QByteArray certificatePem(int from, int to);

} // namespace

void TestAnalyzers::check(const char *analyzer)
{
    QFETCH(QByteArray, yaml);
    QFETCH(QStringList, expected);
    QObject owner;
    Project::Workspace *workspace = ValidationTest::workspaceOf(yaml, &owner);
    Validation::Options options;
    options.analyzers << QLatin1String(analyzer);
    const Core::Diagnostics findings = Validation::validate(*workspace, options);
    QStringList codes;
    for (const Core::Diagnostic &finding : findings) {
        if (!finding.code.startsWith(QLatin1String("GH1")) && !codes.contains(finding.code))
            codes << finding.code;
    }
    compareFindings(findings, codes, expected);
}

void TestAnalyzers::gatewayPorts_data()
{
    columns();
    QTest::newRow("default ingress gateway exposes 80") << gateway("gw", HTTP80) << QStringList{};
    QTest::newRow("port not on the default Service")
        << gateway("gw", "  - port: {number: 8080, name: http, protocol: HTTP}\n    hosts: ['*']\n")
        << QStringList{"IST0162 8:12 The gateway is listening on a target port (port 8080) that is "
                       "not defined in the Service associated with its workload instances (Pod "
                       "selector istio=ingressgateway)"};
    QTest::newRow("own Service with targetPort")
        << gateway("gw", "  - port: {number: 8080, name: http, protocol: HTTP}\n    hosts: ['*']\n",
                   "{app: edge}") +
               pod("edge-1", "{app: edge}") +
               service(
                   "edge",
                   "  selector: {app: edge}\n  ports: [{name: http, port: 80, targetPort: 8080}]\n")
        << QStringList{};
    QTest::newRow("Service in another namespace does not count")
        << gateway("gw", "  - port: {number: 8080, name: http, protocol: HTTP}\n    hosts: ['*']\n",
                   "{app: edge}") +
               pod("edge-1", "{app: edge}") +
               service("edge", "  selector: {app: edge}\n  ports: [{name: http, port: 8080}]\n",
                       "other")
        << QStringList{"IST0162 8:12 (port 8080)"};
    QTest::newRow("selector matches no pod of the workspace")
        << gateway("gw", HTTP80, "{app: missing}") + pod("edge-1", "{app: edge}")
        << QStringList{"IST0101 6:14 Referenced selector not found: \"app=missing\""};
    QTest::newRow("without workloads in the files the selector is not judged")
        << gateway("gw", HTTP80, "{app: missing}") << QStringList{};
}

void TestAnalyzers::conflictingGateways_data()
{
    columns();
    QTest::newRow("same host and port on two Gateways")
        << gateway("alpha", HTTP80) + gateway("beta", HTTP80)
        << QStringList{"IST0145 8:5 Conflict with gateways default/beta (workload selector "
                       "istio=ingressgateway, port 80, hosts a.example.com).",
                       "IST0145 17:5 Conflict with gateways default/alpha"};
    QTest::newRow("different ports")
        << gateway("alpha", HTTP80) + gateway("beta", HTTPS443) << QStringList{};
    QTest::newRow("different selectors, no common pod")
        << gateway("alpha", HTTP80) + gateway("beta", HTTP80, "{istio: other}") << QStringList{};
    QTest::newRow("different binds")
        << gateway("alpha", HTTP80) +
               gateway("beta", "  - port: {number: 80, name: http, protocol: HTTP}\n    bind: "
                               "10.0.0.1\n    hosts: [a.example.com]\n")
        << QStringList{};
}

void TestAnalyzers::gatewaySecrets_data()
{
    columns();
    const QByteArray good = certificatePem(-1, 30);
    QTest::newRow("valid secret") << gateway("gw", HTTPS443) + secret("cert", good, "key")
                                  << QStringList{};
    QTest::newRow("missing secret")
        << gateway(
               "gw",
               "  - port: {number: 443, name: https, protocol: HTTPS}\n    hosts: [a.example.com]\n"
               "    tls: {mode: SIMPLE, credentialName: other}\n") +
               secret("cert", good, "key")
        << QStringList{"IST0101 10:25 Referenced credentialName not found: \"other\""};
    QTest::newRow("secret in the Gateway's namespace is not the pods' namespace")
        << gateway("gw", HTTPS443) + secret("cert", good, "key", "default")
        << QStringList{"IST0101 10:25 Referenced credentialName not found: \"cert\""};
    QTest::newRow("expired certificate")
        << gateway("gw", HTTPS443) + secret("cert", certificatePem(-30, -1), "key")
        << QStringList{"IST0161 10:25 The credential referenced by the Gateway gw in namespace "
                       "istio-system is invalid"};
    QTest::newRow("not a certificate")
        << gateway("gw", HTTPS443) + secret("cert", "garbage", "key")
        << QStringList{"IST0161 10:25 its certificate is not a PEM X.509 certificate"};
    QTest::newRow("missing key") << gateway("gw", HTTPS443) + secret("cert", good, "")
                                 << QStringList{
                                        "IST0161 10:25 it has no non-empty tls.crt/tls.key"};
    QTest::newRow("no Secrets in the files: not judged")
        << gateway("gw", HTTPS443) << QStringList{};
}

void TestAnalyzers::duplicateCertificates_data()
{
    columns();
    QTest::newRow("two Gateways, one certificate")
        << gateway("alpha", HTTPS443) + gateway("beta",
                                                "  - port: {number: 8443, name: https, protocol: "
                                                "HTTPS}\n    hosts: [b.example.com]\n"
                                                "    tls: {mode: SIMPLE, credentialName: cert}\n")
        << QStringList{"IST0138 4:12 Duplicate certificate in multiple gateways [default/alpha "
                       "default/beta]",
                       "IST0138 14:12 Duplicate certificate in multiple gateways [default/beta "
                       "default/alpha]"};
    QTest::newRow("different certificates")
        << gateway("alpha", HTTPS443) + gateway("beta",
                                                "  - port: {number: 8443, name: https, protocol: "
                                                "HTTPS}\n    hosts: [b.example.com]\n"
                                                "    tls: {mode: SIMPLE, credentialName: other}\n")
        << QStringList{};
    QTest::newRow("redirect-only TLS blocks are not certificates")
        << gateway("alpha", "  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: "
                            "[a.example.com]\n    tls: {httpsRedirect: true}\n") +
               gateway("beta", "  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: "
                               "[b.example.com]\n    tls: {httpsRedirect: true}\n")
        << QStringList{};
}

void TestAnalyzers::virtualServiceGateways_data()
{
    columns();
    const char *vsSpec = "  hosts: [a.example.com]\n  gateways: [gw]\n  http:\n  - route:\n    - "
                         "destination: {host: b}\n";
    QTest::newRow("bound host") << gateway("gw", HTTP80) + virtualService("vs", vsSpec)
                                << QStringList{};
    QTest::newRow("gateway not found")
        << virtualService("vs", vsSpec)
        << QStringList{"IST0101 7:14 Referenced gateway not found: \"gw\"",
                       "IST0132 7:14 one or more host [a.example.com] defined in VirtualService "
                       "default/vs not found in Gateway default/gw."};
    QTest::newRow("host not on the gateway")
        << gateway("gw", "  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: "
                         "[other.example.com]\n") +
               virtualService("vs", vsSpec)
        << QStringList{"IST0132 16:14 one or more host [a.example.com]"};
    QTest::newRow("wildcard server host covers it")
        << gateway("gw", "  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: "
                         "[\"*.example.com\"]\n") +
               virtualService("vs", vsSpec)
        << QStringList{};
    QTest::newRow("server host for another namespace")
        << gateway("gw", "  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: "
                         "[\"team/a.example.com\"]\n") +
               virtualService("vs", vsSpec)
        << QStringList{"IST0132 16:14 not found in Gateway default/gw"};
    QTest::newRow("./ means the gateway's namespace")
        << gateway("gw", "  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: "
                         "[\"./a.example.com\"]\n") +
               virtualService("vs", vsSpec)
        << QStringList{};
    QTest::newRow("internal gateway")
        << virtualService("vs", "  hosts: [a.example.com]\n  gateways: "
                                "[\"ns/gw~istio-autogenerated-k8s-gateway~http\"]\n"
                                "  http:\n  - route:\n    - destination: {host: b}\n")
        << QStringList{"IST0165 7:14 Gateway reference in VirtualService default/vs is to an "
                       "implementation-generated internal Gateway"};
    QTest::newRow("Kubernetes Gateway listener hostnames")
        << doc("apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: kgw, "
               "namespace: default}\n"
               "spec:\n  gatewayClassName: istio\n  listeners:\n  - {name: http, port: 80, "
               "protocol: HTTP, hostname: other.example.com}\n") +
               virtualService("vs", "  hosts: [a.example.com]\n  gateways: [kgw]\n  http:\n  - "
                                    "route:\n    - destination: {host: b}\n")
        << QStringList{"IST0132 15:14 not found in Gateway default/kgw"};
}

void TestAnalyzers::destinationHosts_data()
{
    columns();
    const QByteArray reviews = service("reviews", "  ports: [{name: http, port: 9080}]\n");
    const QByteArray twoPorts =
        service("ratings", "  ports: [{name: http, port: 9080}, {name: grpc, port: 9090}]\n");
    QTest::newRow("known host") << reviews + virtualService(
                                                 "vs",
                                                 "  hosts: [a.example.com]\n  http:\n  - route:\n  "
                                                 "  - destination: {host: reviews}\n")
                                << QStringList{};
    QTest::newRow("unknown host")
        << reviews + virtualService("vs", "  hosts: [a.example.com]\n  http:\n  - route:\n    - "
                                          "destination: {host: bogus}\n")
        << QStringList{"IST0101 15:21 Referenced host not found: \"bogus\""};
    QTest::newRow("unknown port")
        << reviews + virtualService("vs", "  hosts: [a.example.com]\n  http:\n  - route:\n    - "
                                          "destination: {host: reviews, port: {number: 80}}\n")
        << QStringList{"IST0101 15:43 Referenced host:port not found: \"reviews:80\""};
    QTest::newRow("several ports and none chosen")
        << twoPorts + virtualService("vs", "  hosts: [a.example.com]\n  http:\n  - route:\n    - "
                                           "destination: {host: ratings}\n")
        << QStringList{"IST0112 15:7 This VirtualService routes to a service \"ratings\" that "
                       "exposes multiple ports [9080 9090]."};
    QTest::newRow("mirror host")
        << reviews + virtualService("vs",
                                    "  hosts: [a.example.com]\n  http:\n  - mirror: {host: "
                                    "shadow}\n    route:\n    - destination: {host: reviews}\n")
        << QStringList{"IST0101 14:14 Referenced mirror host not found: \"shadow\""};
    QTest::newRow("ServiceEntry wildcard host")
        << doc("apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: ext, "
               "namespace: default}\n"
               "spec:\n  hosts: [\"*.googleapis.com\"]\n  ports: [{number: 443, name: https, "
               "protocol: TLS}]\n") +
               virtualService(
                   "vs",
                   "  hosts: [a.example.com]\n  tls:\n  - match: [{sniHosts: [a.example.com]}]\n"
                   "    route:\n    - destination: {host: storage.googleapis.com, port: {number: "
                   "443}}\n")
        << QStringList{};
    QTest::newRow("subset routing does not affect ingress")
        << reviews +
               virtualService("mesh-vs", "  hosts: [reviews]\n  http:\n  - route:\n    - "
                                         "destination: {host: reviews, subset: v1}\n") +
               virtualService("edge", "  hosts: [a.example.com]\n  gateways: [gw]\n  http:\n  - "
                                      "route:\n    - destination: {host: reviews}\n")
        << QStringList{"IST0140 25:7 Subset in virtual service default/mesh-vs has no effect on "
                       "ingress gateway default/edge requests"};
    QTest::newRow("no Services in the files: hosts not judged")
        << virtualService(
               "vs",
               "  hosts: [a.example.com]\n  http:\n  - route:\n    - destination: {host: bogus}\n")
        << QStringList{};
}

void TestAnalyzers::destinationSubsets_data()
{
    columns();
    const QByteArray rule = destinationRule(
        "reviews", "  host: reviews\n  subsets:\n  - name: v1\n    labels: {version: v1}\n");
    QTest::newRow("defined subset")
        << rule + virtualService("vs", "  hosts: [reviews]\n  http:\n  - route:\n    - "
                                       "destination: {host: reviews, subset: v1}\n")
        << QStringList{};
    QTest::newRow("FQDN host and short host name the same service")
        << rule + virtualService("vs",
                                 "  hosts: [reviews]\n  http:\n  - route:\n    - destination: "
                                 "{host: reviews.default.svc.cluster.local, subset: v1}\n")
        << QStringList{};
    QTest::newRow("undefined subset")
        << rule + virtualService("vs", "  hosts: [reviews]\n  http:\n  - route:\n    - "
                                       "destination: {host: reviews, subset: v2}\n")
        << QStringList{
               "IST0101 18:36 Referenced host+subset in destinationrule not found: \"reviews+v2\""};
    QTest::newRow("mirror subset")
        << rule + virtualService(
                      "vs", "  hosts: [reviews]\n  http:\n  - mirror: {host: reviews, subset: "
                            "v9}\n    route:\n    - destination: {host: reviews, subset: v1}\n")
        << QStringList{"IST0101 17:29 Referenced mirror+subset in destinationrule not found: "
                       "\"reviews+v9\""};
    QTest::newRow("subset in another namespace")
        << destinationRule("reviews", "  host: reviews\n  subsets:\n  - name: v1\n", "other") +
               virtualService("vs", "  hosts: [reviews]\n  http:\n  - route:\n    - destination: "
                                    "{host: reviews, subset: v1}\n")
        << QStringList{"IST0101 17:36 \"reviews+v1\""};
}

void TestAnalyzers::meshHostConflicts_data()
{
    columns();
    const char *spec =
        "  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews}\n";
    QTest::newRow("two mesh VirtualServices, one host")
        << virtualService("a", spec) + virtualService("b", spec)
        << QStringList{"IST0109 4:12 The VirtualServices default/a,default/b associated with mesh "
                       "gateway define the same host */reviews.default.svc.cluster.local",
                       "IST0109 13:12 The VirtualServices default/a,default/b"};
    QTest::newRow("gateway-bound ones merge")
        << virtualService("a", "  hosts: [reviews]\n  gateways: [gw]\n  http:\n  - route:\n    - "
                               "destination: {host: reviews}\n") +
               virtualService("b", "  hosts: [reviews]\n  gateways: [gw]\n  http:\n  - route:\n    "
                                   "- destination: {host: reviews}\n")
        << QStringList{};
    QTest::newRow("exported to different namespaces")
        << virtualService("a",
                          "  hosts: [reviews.default.svc.cluster.local]\n  exportTo: [team1]\n  "
                          "http:\n  - route:\n    - destination: {host: reviews}\n") +
               virtualService("b",
                              "  hosts: [reviews.default.svc.cluster.local]\n  exportTo: [team2]\n "
                              " http:\n  - route:\n    - destination: {host: reviews}\n")
        << QStringList{};
}

void TestAnalyzers::jwtClaimRoutes_data()
{
    columns();
    const QByteArray vs = virtualService(
        "vs", "  hosts: [a.example.com]\n  gateways: [gw]\n  http:\n"
              "  - match: [{headers: {\"@request.auth.claims.group\": {exact: admin}}}]\n"
              "    route:\n    - destination: {host: b}\n");
    QTest::newRow("no RequestAuthentication")
        << gateway("gw", HTTP80) + vs
        << QStringList{"IST0149 18:13 The virtual service uses the JWT claim based routing (key: "
                       "@request.auth.claims.group) but found no request authentication for the "
                       "gateway (default/gw) pod (istio-ingressgateway-dummypod)."};
    QTest::newRow("RequestAuthentication in istio-system")
        << gateway("gw", HTTP80) + vs +
               doc("apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata: "
                   "{name: jwt, namespace: istio-system}\n"
                   "spec:\n  selector: {matchLabels: {istio: ingressgateway}}\n  jwtRules: "
                   "[{issuer: me}]\n")
        << QStringList{};
}

void TestAnalyzers::caCertificates_data()
{
    columns();
    QTest::newRow("SIMPLE without CA")
        << destinationRule("db",
                           "  host: db.example.com\n  trafficPolicy:\n    tls: {mode: SIMPLE}\n")
        << QStringList{"IST0128 8:11 DestinationRule default/db in namespace default has TLS mode "
                       "set to SIMPLE but no caCertificates are set to validate server identity "
                       "for host: db.example.com"};
    QTest::newRow("with CA") << destinationRule("db",
                                                "  host: db.example.com\n  trafficPolicy:\n    "
                                                "tls: {mode: SIMPLE, caCertificates: /ca.pem}\n")
                             << QStringList{};
    QTest::newRow("credential with a workload selector")
        << destinationRule("db",
                           "  host: db.example.com\n  workloadSelector: {matchLabels: {app: a}}\n  "
                           "trafficPolicy:\n    tls: {mode: SIMPLE, credentialName: c}\n")
        << QStringList{};
    QTest::newRow("port level MUTUAL")
        << destinationRule("db",
                           "  host: db.example.com\n  trafficPolicy:\n    portLevelSettings:\n    "
                           "- port: {number: 443}\n      tls: {mode: MUTUAL, credentialName: c}\n")
        << QStringList{"IST0129 10:13 has TLS mode set to MUTUAL but no caCertificates are set to "
                       "validate server identity for host: db.example.com at port number:443"};
}

void TestAnalyzers::destinationRuleHosts_data()
{
    columns();
    const QByteArray svc =
        service("reviews", "  selector: {app: reviews}\n  ports: [{name: http, port: 9080}]\n");
    QTest::newRow("subset selects a pod")
        << svc + pod("reviews-v1", "{app: reviews, version: v1}") +
               destinationRule(
                   "reviews",
                   "  host: reviews\n  subsets:\n  - name: v1\n    labels: {version: v1}\n")
        << QStringList{};
    QTest::newRow("subset selects no pod")
        << svc + pod("reviews-v1", "{app: reviews, version: v1}") +
               destinationRule(
                   "reviews",
                   "  host: reviews\n  subsets:\n  - name: v3\n    labels: {version: v3}\n")
        << QStringList{"IST0173 21:5 The Subset v3 defined in the DestinationRule does not select "
                       "any pods."};
    QTest::newRow("Deployment template counts as pods")
        << svc +
               doc("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: reviews-v1, namespace: "
                   "default}\n"
                   "spec:\n  selector: {matchLabels: {app: reviews}}\n  template:\n    metadata: "
                   "{labels: {app: reviews, version: v1}}\n"
                   "    spec: {containers: [{name: c, image: i}]}\n") +
               destinationRule(
                   "reviews",
                   "  host: reviews\n  subsets:\n  - name: v1\n    labels: {version: v1}\n")
        << QStringList{};
    QTest::newRow("unknown host")
        << svc + destinationRule("ratings", "  host: ratings\n")
        << QStringList{"IST0174 13:3 The host ratings defined in the DestinationRule does not "
                       "match any services in the mesh."};
}

void TestAnalyzers::deprecations_data()
{
    columns();
    QTest::newRow("fault.delay.percent")
        << virtualService("vs", "  hosts: [a]\n  http:\n  - fault: {delay: {fixedDelay: 1s, "
                                "percent: 10}}\n    route:\n    - destination: {host: b}\n")
        << QStringList{"IST0002 8:37 Deprecated: HTTPRoute.fault.delay.percent is deprecated; use "
                       "HTTPRoute.fault.delay.percentage"};
    QTest::newRow("percentage")
        << virtualService("vs",
                          "  hosts: [a]\n  http:\n  - fault: {delay: {fixedDelay: 1s, percentage: "
                          "{value: 10}}}\n    route:\n    - destination: {host: b}\n")
        << QStringList{};
}

void TestAnalyzers::conditions_data()
{
    columns();
    QTest::newRow("negative condition")
        << doc("apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r, "
               "namespace: default}\nspec: {}\n"
               "status:\n  parents:\n  - conditions:\n    - {type: Accepted, status: \"False\", "
               "reason: NoMatchingParent, message: no parent}\n")
        << QStringList{"IST0171 6:1 A condition with a negative status is present: type=Accepted, "
                       "reason=NoMatchingParent, message=no parent."};
    QTest::newRow("positive condition")
        << doc("apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r, "
               "namespace: default}\nspec: {}\n"
               "status:\n  parents:\n  - conditions:\n    - {type: Accepted, status: \"True\"}\n")
        << QStringList{};
}

void TestAnalyzers::kubernetesGatewaySelectors_data()
{
    columns();
    const QByteArray gatewayPod =
        pod("gw-pod", "{gateway.networking.k8s.io/gateway-name: bookinfo-gateway}");
    QTest::newRow("selector on gateway pods")
        << gatewayPod + doc("apiVersion: security.istio.io/v1\nkind: "
                            "AuthorizationPolicy\nmetadata: {name: ap, namespace: default}\n"
                            "spec:\n  selector: {matchLabels: "
                            "{gateway.networking.k8s.io/gateway-name: bookinfo-gateway}}\n")
        << QStringList{"IST0166 11:3 Ineffective selector on Kubernetes Gateway bookinfo-gateway. "
                       "Use the TargetRef field instead."};
    QTest::newRow("targetRef")
        << gatewayPod + doc("apiVersion: security.istio.io/v1\nkind: "
                            "AuthorizationPolicy\nmetadata: {name: ap, namespace: default}\n"
                            "spec:\n  targetRef: {kind: Gateway, group: gateway.networking.k8s.io, "
                            "name: bookinfo-gateway}\n")
        << QStringList{};
}

void TestAnalyzers::classicMistakes_data()
{
    columns();
    QTest::newRow("credential without mode")
        << gateway("gw", "  - port: {number: 443, name: https, protocol: HTTPS}\n    hosts: "
                         "[a.example.com]\n    tls: {credentialName: cert}\n")
        << QStringList{"GH4001 10:11 server https (HTTPS, port 443) names a certificate but sets "
                       "no tls.mode"};
    QTest::newRow("short host on a gateway")
        << virtualService("vs", "  hosts: [reviews]\n  gateways: [gw]\n  http:\n  - route:\n    - "
                                "destination: {host: b}\n")
        << QStringList{"GH4002 6:11 host \"reviews\" is a short name: Istio expands it to "
                       "reviews.default.svc.cluster.local"};
    QTest::newRow("short host on the mesh is normal")
        << virtualService("vs",
                          "  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: b}\n")
        << QStringList{};
    QTest::newRow("plaintext and TLS on one port")
        << gateway("alpha", HTTP80) +
               gateway("beta", "  - port: {number: 80, name: https, protocol: HTTPS}\n    hosts: "
                               "[b.example.com]\n    tls: {mode: SIMPLE, credentialName: c}\n")
        << QStringList{"GH4003 17:5 port 80 carries HTTP from server http of Gateway default/alpha "
                       "and HTTPS from this server"};
    QTest::newRow("overlapping hosts on two Gateways")
        << gateway("alpha", "  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: "
                            "[\"*.example.com\"]\n") +
               gateway("beta", HTTP80)
        << QStringList{"GH4004 17:5 hosts *.example.com (Gateway default/alpha) and a.example.com "
                       "(this Gateway) overlap on port 80 of the same workload; requests for names "
                       "both cover go to Gateway default/beta"};
    QTest::newRow("same object twice")
        << virtualService("vs",
                          "  hosts: [a]\n  http:\n  - route:\n    - destination: {host: b}\n") +
               virtualService("vs",
                              "  hosts: [a]\n  http:\n  - route:\n    - destination: {host: c}\n")
        << QStringList{
               "GH4008 13:12 VirtualService default/vs is also defined in /virtual/test.yaml"};
}

void TestAnalyzers::gatewayBuild_data()
{
    columns();
    // Catch-alls move to the end of the merged list, so only another catch-all is hidden.
    QTest::newRow("catch-all of one VirtualService hides another's catch-all")
        << gateway("gw", HTTP80) +
               virtualService("a", "  hosts: [a.example.com]\n  gateways: [gw]\n  http:\n  - "
                                   "route:\n    - destination: {host: b}\n") +
               virtualService("b",
                              "  hosts: [a.example.com]\n  gateways: [gw]\n  http:\n  - match: "
                              "[{uri: {prefix: /api}}]\n    route:\n    - destination: {host: c}\n"
                              "  - route:\n    - destination: {host: d}\n")
        << QStringList{"GH4005 31:5 on a.example.com:80 the routes of this VirtualService come "
                       "after http[0] of VirtualService default/a"};
    QTest::newRow("a catch-all does not hide another VirtualService's matches")
        << gateway("gw", HTTP80) +
               virtualService("a", "  hosts: [a.example.com]\n  gateways: [gw]\n  http:\n  - "
                                   "route:\n    - destination: {host: b}\n") +
               virtualService("b",
                              "  hosts: [a.example.com]\n  gateways: [gw]\n  http:\n  - match: "
                              "[{uri: {prefix: /api}}]\n    route:\n    - destination: {host: c}\n")
        << QStringList{};
    QTest::newRow("server dropped by a port conflict")
        << gateway(
               "gw",
               "  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: [a.example.com]\n"
               "  - port: {number: 80, name: tcp, protocol: TCP}\n    hosts: [b.example.com]\n")
        << QStringList{"GH2001 4:12 server tcp (plain TCP on port 80) is dropped"};
    QTest::newRow("redirect code Envoy does not produce")
        << gateway("gw", HTTP80) +
               virtualService("a", "  hosts: [a.example.com]\n  gateways: [gw]\n  http:\n  - "
                                   "redirect: {uri: /x, redirectCode: 399}\n")
        << QStringList{
               "GH2008 13:12 route http[0] redirects with code 399, which Envoy does not produce"};
}

void TestAnalyzers::localProxy_data()
{
    columns();
    const QByteArray design =
        gateway("gw", HTTPS443) +
        virtualService("vs",
                       "  hosts: [a.example.com]\n  gateways: [gw]\n  http:\n  - route:\n"
                       "    - destination: {host: reviews, subset: v1, port: {number: 9080}}\n");
    QTest::newRow("nothing mapped")
        << design
        << QStringList{"GH4006 10:25 credential \"cert\" is neither in the local environment nor "
                       "in a Secret",
                       "GH4007 20:7 destination reviews.default.svc.cluster.local:9080/v1 has no "
                       "local upstream; the "
                       "built-in echo upstream will answer it"};
}

void TestAnalyzers::localProxy()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QStringList, expected);
    QObject owner;
    Project::Workspace *workspace = ValidationTest::workspaceOf(yaml, &owner);
    Validation::Options options;
    options.analyzers << QStringLiteral("gatehouse.LocalProxy");
    options.local.enabled = true;
    compareFindings(Validation::validate(*workspace, options), {"GH4006", "GH4007"}, expected);

    // A general key and the most specific one both map the destination; another subset or
    // another namespace does not.
    const QByteArray credentials = "credentials: {cert: {certificate: c.pem, privateKey: k.pem}}\n";
    for (const char *key : {"reviews", "reviews.default", "reviews:9080/v1",
                            "reviews.default.svc.cluster.local:9080/v1"}) {
        options.local.environment =
            std::make_shared<Environment::LocalEnvironment>(Environment::LocalEnvironment::parse(
                QByteArray("upstreams: {\"") + key + "\": 127.0.0.1:9080}\n" + credentials,
                QStringLiteral("/virtual/local.yaml")));
        QVERIFY(options.local.environment->diagnostics().isEmpty());
        compareFindings(Validation::validate(*workspace, options), {"GH4006", "GH4007"}, {});
    }
    for (const char *key : {"reviews/v2", "reviews.other", "ratings"}) {
        options.local.environment =
            std::make_shared<Environment::LocalEnvironment>(Environment::LocalEnvironment::parse(
                QByteArray("upstreams: {\"") + key + "\": 127.0.0.1:9080}\n" + credentials,
                QStringLiteral("/virtual/local.yaml")));
        compareFindings(Validation::validate(*workspace, options), {"GH4006", "GH4007"},
                        {"GH4007 20:7 destination reviews.default.svc.cluster.local:9080/v1"});
    }
}

void TestAnalyzers::relatedResourceIsNamed()
{
    QObject owner;
    Project::Workspace *workspace =
        ValidationTest::workspaceOf(gateway("alpha", HTTP80) + gateway("beta", HTTP80), &owner);
    Validation::Options options;
    options.analyzers << QStringLiteral("gateway.ConflictingGatewayAnalyzer");
    const Core::Diagnostics findings = Validation::validate(*workspace, options);
    QCOMPARE(findings.size(), 2);
    QVERIFY(findings.front().related.has_value());
    QCOMPARE(findings.front().related->name, QStringLiteral("beta"));
    QCOMPARE(findings.front().related->kind, QStringLiteral("Gateway"));
    QCOMPARE(findings.front().related->position.line, 13); // beta's metadata.name
}

void TestAnalyzers::strictReferences()
{
    QObject owner;
    Project::Workspace *workspace = ValidationTest::workspaceOf(
        gateway("gw", HTTPS443, "{app: edge}") +
            virtualService("vs", "  hosts: [a.example.com]\n  gateways: [gw]\n  http:\n  - "
                                 "route:\n    - destination: {host: bogus}\n"),
        &owner);
    Validation::Options options;
    QStringList lenient;
    for (const Core::Diagnostic &finding : Validation::validate(*workspace, options))
        lenient << finding.code;
    QVERIFY2(!lenient.contains(QStringLiteral("IST0101")), qPrintable(lenient.join(' ')));
    options.input.strictReferences = true;
    QStringList strict;
    for (const Core::Diagnostic &finding : Validation::validate(*workspace, options))
        strict << ValidationTest::describe(finding);
    // The selector matches no pod, and the destination host is no known service.
    QVERIFY2(strict.filter(QStringLiteral("Referenced selector not found")).size() == 1,
             qPrintable(strict.join('\n')));
    QVERIFY2(strict.filter(QStringLiteral("Referenced host not found: \"bogus\"")).size() == 1,
             qPrintable(strict.join('\n')));
}

namespace {

QByteArray certificatePem(int from, int to)
{
    // A real self-signed certificate made at test time with OpenSSL, so that no fixture can
    // silently expire.
    EVP_PKEY *key = EVP_EC_gen("P-256");
    X509 *certificate = X509_new();
    X509_set_version(certificate, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(certificate), 1);
    X509_gmtime_adj(X509_getm_notBefore(certificate), long(from) * 86400);
    X509_gmtime_adj(X509_getm_notAfter(certificate), long(to) * 86400);
    X509_set_pubkey(certificate, key);
    X509_NAME *name = X509_get_subject_name(certificate);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>("a.example.com"), -1, -1, 0);
    X509_set_issuer_name(certificate, name);
    X509_sign(certificate, key, EVP_sha256());
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, certificate);
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    QByteArray pem(data, int(size));
    BIO_free(bio);
    X509_free(certificate);
    EVP_PKEY_free(key);
    return pem;
}

} // namespace

QTEST_GUILESS_MAIN(TestAnalyzers)
#include "tst_analyzers.moc"
