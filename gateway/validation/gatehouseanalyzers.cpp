#include "analyzers.h"
#include "compile/hostnames.h"
#include "core/diagnosticcodes.h"
#include "names.h"

// Gatehouse's own checks (GH4001–GH4004, GH4008) for the classic mistakes of the semantics doc that
// Istio admits silently. GH4005 reads the compiled routes (validator.cpp); GH4006/GH4007 are
// about the local proxy (localanalyzers.cpp).
namespace Validation {
namespace {

using Istio::Protocol;
using GatewayEntry = Indexed<Istio::Gateway>;

// Istio's order of Gateways: creation time, then name, then namespace.
bool createdBefore(const GatewayEntry &a, const GatewayEntry &b)
{
    const QString ta = a.resource->metadata.creationTimestamp.value_or(QString());
    const QString tb = b.resource->metadata.creationTimestamp.value_or(QString());
    return std::tie(ta, a.name(), a.nameSpace()) < std::tie(tb, b.name(), b.nameSpace());
}

bool shareWorkload(const AnalysisInput &input, const GatewayEntry &a, const GatewayEntry &b)
{
    const LabelMap sa = toLabelMap(a.resource->spec.selector);
    const LabelMap sb = toLabelMap(b.resource->spec.selector);
    if (sa == sb)
        return true;
    return std::any_of(input.kube.pods.begin(), input.kube.pods.end(), [&](const PodObject &pod) {
        return selectorMatches(sa, pod.labels) && selectorMatches(sb, pod.labels);
    });
}

QString dnsPart(const QString &host)
{
    const int slash = host.indexOf(QLatin1Char('/'));
    return (slash < 0 ? host : host.mid(slash + 1)).toLower();
}

// More specific host names win Envoy's vhost and SNI selection: exact names beat wildcards,
// longer wildcards beat shorter ones.
int specificity(const QString &host)
{
    return host.startsWith(QLatin1Char('*')) ? int(host.size()) : 100000;
}

struct ServerAt {
    const GatewayEntry *gateway;
    int index;
    const Istio::Server *server;
    QString path() const { return at(QStringLiteral("spec.servers"), index); }
};

void checkCredentialWithoutMode(const GatewayEntry &gateway, Core::Diagnostics &out)
{
    const auto &servers = gateway.resource->spec.servers;
    for (int i = 0; i < int(servers.size()); ++i) {
        const Istio::Server &server = servers[size_t(i)];
        if (!server.tls || server.tls->mode || !server.port || !server.port->protocol ||
            !Istio::isTlsProtocol(*server.port->protocol))
            continue;
        const auto &tls = *server.tls;
        const bool certificate = tls.credentialName || !tls.credentialNames.empty() ||
                                 tls.serverCertificate || !tls.tlsCertificates.empty();
        if (!certificate)
            continue;
        Reporter reporter = gateway.reporter(out);
        reporter.report(Core::Codes::CREDENTIAL_WITHOUT_TLS_MODE,
                        at(at(at(QStringLiteral("spec.servers"), i), "tls"), "credentialName"),
                        QStringLiteral("server %1 (%2, port %3) names a certificate but sets no "
                                       "tls.mode, so Istio treats it as PASSTHROUGH: TLS is not "
                                       "terminated and HTTP routes do not apply; add mode: SIMPLE")
                            .arg(server.port->name.value_or(QString::number(i)),
                                 Istio::enumName(*server.port->protocol))
                            .arg(server.port->number.value_or(0)));
    }
}

void checkShortHosts(const AnalysisInput &input, Core::Diagnostics &out)
{
    for (const auto &vs : input.virtualServices) {
        const auto &spec = vs.resource->spec;
        const bool gatewayBound =
            std::any_of(spec.gateways.begin(), spec.gateways.end(),
                        [](const QString &g) { return g != QLatin1String("mesh"); });
        if (!gatewayBound)
            continue;
        for (int i = 0; i < int(spec.hosts.size()); ++i) {
            const QString &host = spec.hosts[size_t(i)];
            if (host == QLatin1String("*") || host.contains(QLatin1Char('.')) ||
                Names::isIpAddress(host) || host.isEmpty())
                continue;
            Reporter reporter = vs.reporter(out);
            reporter.report(Core::Codes::SHORT_HOST_ON_GATEWAY, at(QStringLiteral("spec.hosts"), i),
                            QStringLiteral("host \"%1\" is a short name: Istio expands it to %2, "
                                           "which is not a name clients of the gateway send in "
                                           "the Host header")
                                .arg(host, input.fullyQualified(host, vs.nameSpace())));
        }
    }
}

void checkSharedPorts(const AnalysisInput &input, Core::Diagnostics &out)
{
    // Servers grouped by port and bind; compared pairwise within a group.
    QHash<QString, std::vector<ServerAt>> byPort;
    for (const auto &gateway : input.gateways) {
        const auto &servers = gateway.resource->spec.servers;
        for (int i = 0; i < int(servers.size()); ++i) {
            const Istio::Server &server = servers[size_t(i)];
            if (!server.port || !server.port->number || !server.port->protocol)
                continue;
            byPort[QString::number(*server.port->number) + QLatin1Char('@') +
                   server.bind.value_or(QString())]
                .push_back({&gateway, i, &server});
        }
    }
    for (auto it = byPort.begin(); it != byPort.end(); ++it) {
        std::vector<ServerAt> &servers = it.value();
        std::stable_sort(servers.begin(), servers.end(), [](const ServerAt &a, const ServerAt &b) {
            if (a.gateway != b.gateway)
                return createdBefore(*a.gateway, *b.gateway);
            return a.index < b.index;
        });
        for (size_t j = 1; j < servers.size(); ++j) {
            for (size_t i = 0; i < j; ++i) {
                const ServerAt &first = servers[i];
                const ServerAt &later = servers[j];
                if (first.gateway != later.gateway &&
                    !shareWorkload(input, *first.gateway, *later.gateway))
                    continue;
                const Protocol p1 = *first.server->port->protocol;
                const Protocol p2 = *later.server->port->protocol;
                const quint32 port = *later.server->port->number;
                if ((Istio::isPlaintextHttp(p1) && Istio::isTlsProtocol(p2)) ||
                    (Istio::isTlsProtocol(p1) && Istio::isPlaintextHttp(p2))) {
                    Reporter reporter = later.gateway->reporter(out);
                    Core::Diagnostic &finding = reporter.report(
                        Core::Codes::PLAINTEXT_AND_TLS_ON_PORT, later.path(),
                        QStringLiteral("port %1 carries %2 from server %3 of Gateway %4 and %5 "
                                       "from this server; istiod keeps the earlier one and drops "
                                       "this server")
                            .arg(port)
                            .arg(Istio::enumName(p1), first.server->port->name.value_or(QString()),
                                 first.gateway->fullName(), Istio::enumName(p2)));
                    finding.related = relatedSubject(*first.gateway->document, first.path());
                    break;
                }
                if (first.gateway == later.gateway)
                    continue;
                for (const QString &h1 : first.server->hosts) {
                    for (const QString &h2 : later.server->hosts) {
                        const QString a = dnsPart(h1), b = dnsPart(h2);
                        if (a == b || !hostsOverlap(a, b))
                            continue; // identical hosts are IST0145's
                        const bool laterWins = specificity(b) > specificity(a);
                        const ServerAt &winner = laterWins ? later : first;
                        const QString winnerHost = laterWins ? h2 : h1;
                        Reporter reporter = later.gateway->reporter(out);
                        Core::Diagnostic &finding = reporter.report(
                            Core::Codes::HOST_SERVED_BY_TWO_GATEWAYS, later.path(),
                            QStringLiteral("hosts %1 (Gateway %2) and %3 (this Gateway) overlap on "
                                           "port %4 of the same workload; requests for names "
                                           "both cover go to Gateway %5, whose host %6 is more "
                                           "specific")
                                .arg(h1, first.gateway->fullName(), h2)
                                .arg(port)
                                .arg(winner.gateway->fullName(), winnerHost));
                        finding.related = relatedSubject(*first.gateway->document, first.path());
                    }
                }
            }
        }
    }
}

// GH4008: two documents describe the same object; applying both keeps only the last.
void checkDuplicateResources(const AnalysisInput &input, Core::Diagnostics &out)
{
    QHash<QString, const Project::Document *> first;
    for (const Project::DocumentRef &ref : input.workspace->documents()) {
        const Project::Document &document = input.workspace->document(ref);
        if (document.kind().isEmpty() || document.name().isEmpty())
            continue;
        const QString &apiVersion = document.apiVersion();
        const QString key =
            apiVersion.left(std::max(qsizetype(0), apiVersion.lastIndexOf(QLatin1Char('/')))) +
            QLatin1Char(' ') + document.kind() + QLatin1Char(' ') + document.nameSpace() +
            QLatin1Char('/') + document.name();
        const Project::Document *earlier = first.value(key);
        if (!earlier) {
            first.insert(key, &document);
            continue;
        }
        Reporter reporter(document, out);
        Core::Diagnostic &finding = reporter.report(
            Core::Codes::DUPLICATE_RESOURCE, QStringLiteral("metadata.name"),
            QStringLiteral("%1 %2/%3 is also defined in %4; applying both keeps only the one "
                           "applied last")
                .arg(document.kind(), document.nameSpace(), document.name(), earlier->filePath()));
        finding.related = relatedSubject(*earlier);
    }
}

} // namespace

Core::DiagnosticSubject relatedSubject(const Project::Document &document, const QString &fieldPath)
{
    return subjectOf(document, fieldPath);
}

void analyzeClassicMistakes(const AnalysisInput &input, Core::Diagnostics &out)
{
    for (const auto &gateway : input.gateways)
        checkCredentialWithoutMode(gateway, out);
    checkShortHosts(input, out);
    checkSharedPorts(input, out);
    checkDuplicateResources(input, out);
}

} // namespace Validation
