#include "analyzers.h"
#include "core/diagnosticcodes.h"

#include <QSet>
#include <QSslCertificate>

// gateway.* analyzers: the gateway's pods and Service ports, conflicting Gateways, credential
// Secrets and certificates shared between Gateways.
namespace Validation {
namespace {

QString selectorPath(const LabelMap &selector)
{
    return selector.isEmpty() ? QStringLiteral("spec.selector")
                              : QStringLiteral("spec.selector.") + selector.firstKey();
}

// Reports IST0101 when the selector matches no pod; returns the pods otherwise.
std::vector<const PodObject *> gatewayPods(const AnalysisInput &input,
                                           const Indexed<Istio::Gateway> &gateway,
                                           Core::Diagnostics *out)
{
    const LabelMap selector = toLabelMap(gateway.resource->spec.selector);
    std::vector<const PodObject *> pods = input.podsSelectedBy(selector);
    // Without workloads of its own the workspace says nothing about the gateway's pods.
    if (pods.empty() && out && (input.hasOwnWorkloads || input.strictReferences)) {
        Reporter reporter = gateway.reporter(*out);
        reporter.report(
            Core::Codes::REFERENCED_RESOURCE_NOT_FOUND, selectorPath(selector),
            QStringLiteral("Referenced selector not found: \"%1\"").arg(selectorString(selector)));
    }
    return pods;
}

// Ports the Services selecting a pod expose: the port and its numeric target port.
QSet<quint32> servicePortsOf(const AnalysisInput &input, const PodObject &pod)
{
    QSet<quint32> ports;
    for (const ServiceObject &service : input.kube.services) {
        if (service.ref.nameSpace != pod.ref.nameSpace ||
            !selectorMatches(service.selector, pod.labels))
            continue;
        for (const ServicePortObject &port : service.ports) {
            if (port.protocol != QLatin1String("TCP"))
                continue;
            ports.insert(port.port);
            if (port.targetPortNumber)
                ports.insert(*port.targetPortNumber);
        }
    }
    return ports;
}

enum class CredentialProblem { None, MissingKeys, Unparsable, Expired, NotYetValid };

CredentialProblem checkCredential(const SecretObject &secret)
{
    QByteArray certificate;
    if (!secret.data.value(QStringLiteral("cert")).isEmpty() &&
        !secret.data.value(QStringLiteral("key")).isEmpty())
        certificate = secret.data.value(QStringLiteral("cert"));
    else if (!secret.data.value(QStringLiteral("tls.crt")).isEmpty() &&
             !secret.data.value(QStringLiteral("tls.key")).isEmpty())
        certificate = secret.data.value(QStringLiteral("tls.crt"));
    else
        return CredentialProblem::MissingKeys;
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certificate, QSsl::Pem);
    if (chain.isEmpty() || chain.front().isNull())
        return CredentialProblem::Unparsable;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (chain.front().expiryDate() < now)
        return CredentialProblem::Expired;
    if (chain.front().effectiveDate() > now)
        return CredentialProblem::NotYetValid;
    return CredentialProblem::None;
}

QString describe(CredentialProblem problem)
{
    switch (problem) {
    case CredentialProblem::MissingKeys:
        return QStringLiteral("it has no non-empty tls.crt/tls.key (or cert/key) pair");
    case CredentialProblem::Unparsable:
        return QStringLiteral("its certificate is not a PEM X.509 certificate");
    case CredentialProblem::Expired:
        return QStringLiteral("its certificate has expired");
    case CredentialProblem::NotYetValid:
        return QStringLiteral("its certificate is not valid yet");
    case CredentialProblem::None:
        break;
    }
    return {};
}

} // namespace

void analyzeIngressGatewayPorts(const AnalysisInput &input, Core::Diagnostics &out)
{
    for (const auto &gateway : input.gateways) {
        const std::vector<const PodObject *> pods = gatewayPods(input, gateway, &out);
        if (pods.empty())
            continue;
        QSet<quint32> ports;
        for (const PodObject *pod : pods)
            ports.unite(servicePortsOf(input, *pod));
        const LabelMap selector = toLabelMap(gateway.resource->spec.selector);
        const auto &servers = gateway.resource->spec.servers;
        for (int i = 0; i < int(servers.size()); ++i) {
            const auto &port = servers[size_t(i)].port;
            if (!port || !port->number || ports.contains(*port->number))
                continue;
            Reporter reporter = gateway.reporter(out);
            reporter.report(Core::Codes::GATEWAY_PORT_NOT_ON_SERVICE,
                            at(at(at(QStringLiteral("spec.servers"), i), "port"), "number"),
                            QStringLiteral("The gateway is listening on a target port (port %1) "
                                           "that is not defined in the Service associated with "
                                           "its workload instances (Pod selector %2). If you need "
                                           "to access the gateway port through the gateway "
                                           "Service, it will not be available.")
                                .arg(*port->number)
                                .arg(selectorString(selector)));
        }
    }
}

void analyzeConflictingGateways(const AnalysisInput &input, Core::Diagnostics &out)
{
    // "selector~port" -> gateway -> (host -> bind) of that gateway's last server on the port.
    using HostBinds = QHash<QString, QString>;
    QHash<QString, QHash<const Indexed<Istio::Gateway> *, HostBinds>> byKey;
    QHash<QString, QString> selectorOfKey;
    for (const auto &gateway : input.gateways) {
        const QString selector = selectorString(toLabelMap(gateway.resource->spec.selector));
        for (const Istio::Server &server : gateway.resource->spec.servers) {
            const quint32 port = server.port ? server.port->number.value_or(0) : 0;
            const QString key = selector + QLatin1Char('~') + QString::number(port);
            HostBinds hosts;
            for (const QString &host : server.hosts)
                hosts.insert(host, server.bind.value_or(QString()));
            byKey[key][&gateway] = hosts;
            selectorOfKey.insert(key, selector);
        }
    }
    for (const auto &gateway : input.gateways) {
        const LabelMap selector = toLabelMap(gateway.resource->spec.selector);
        const QString selectorText = selectorString(selector);
        // Keys whose selector is this one, or overlaps it on a common pod.
        QStringList hits;
        for (auto it = byKey.begin(); it != byKey.end(); ++it) {
            const QString &other = selectorOfKey.value(it.key());
            if (other == selectorText) {
                hits << it.key();
                continue;
            }
            if (!other.contains(selectorText) && !selectorText.contains(other))
                continue;
            LabelMap otherSelector;
            for (const QString &pair : other.split(QLatin1Char(','), Qt::SkipEmptyParts))
                otherSelector.insert(pair.section(QLatin1Char('='), 0, 0),
                                     pair.section(QLatin1Char('='), 1));
            const bool commonPod = std::any_of(
                input.kube.pods.begin(), input.kube.pods.end(), [&](const PodObject &pod) {
                    return selectorMatches(selector, pod.labels) &&
                           selectorMatches(otherSelector, pod.labels);
                });
            if (commonPod)
                hits << it.key();
        }
        const auto &servers = gateway.resource->spec.servers;
        for (int i = 0; i < int(servers.size()); ++i) {
            const Istio::Server &server = servers[size_t(i)];
            const quint32 port = server.port ? server.port->number.value_or(0) : 0;
            const QString bind = server.bind.value_or(QString());
            QStringList conflicts;
            const Project::Document *firstConflict = nullptr;
            for (const QString &key : hits) {
                if (key.section(QLatin1Char('~'), -1) != QString::number(port))
                    continue;
                const auto &gatewaysOnKey = byKey.value(key);
                for (auto it = gatewaysOnKey.begin(); it != gatewaysOnKey.end(); ++it) {
                    if (it.key() == &gateway)
                        continue;
                    const bool shared = std::any_of(
                        server.hosts.begin(), server.hosts.end(), [&](const QString &h) {
                            const auto found = it.value().constFind(h);
                            return found != it.value().constEnd() && *found == bind;
                        });
                    if (shared && !conflicts.contains(it.key()->fullName())) {
                        conflicts << it.key()->fullName();
                        if (!firstConflict)
                            firstConflict = it.key()->document;
                    }
                }
            }
            if (conflicts.isEmpty())
                continue;
            conflicts.sort();
            QStringList hosts;
            for (const QString &host : server.hosts)
                hosts << host;
            Reporter reporter = gateway.reporter(out);
            Core::Diagnostic &finding = reporter.report(
                Core::Codes::CONFLICTING_GATEWAYS, at(QStringLiteral("spec.servers"), i),
                QStringLiteral(
                    "Conflict with gateways %1 (workload selector %2, port %3, hosts %4).")
                    .arg(conflicts.join(QLatin1Char(',')), selectorText)
                    .arg(port)
                    .arg(hosts.join(QLatin1Char(','))));
            finding.related = relatedSubject(*firstConflict);
        }
    }
}

void analyzeGatewaySecrets(const AnalysisInput &input, Core::Diagnostics &out)
{
    for (const auto &gateway : input.gateways) {
        const std::vector<const PodObject *> pods = gatewayPods(input, gateway, &out);
        // Secrets are looked up in the namespace of the gateway's pods; with no pod in the files,
        // in istio-system, where the default ingress gateway runs.
        const QString podNamespace =
            pods.empty() ? QStringLiteral("istio-system") : pods.front()->ref.nameSpace;
        if (pods.empty() && (input.hasOwnWorkloads || input.strictReferences))
            continue;
        const auto &servers = gateway.resource->spec.servers;
        for (int i = 0; i < int(servers.size()); ++i) {
            const auto &tls = servers[size_t(i)].tls;
            if (!tls || tls->credentialName.value_or(QString()).isEmpty())
                continue;
            const QString credential = *tls->credentialName;
            const int slash = credential.indexOf(QLatin1Char('/'));
            const QString secretNamespace = slash < 0 ? podNamespace : credential.left(slash);
            const QString secretName = slash < 0 ? credential : credential.mid(slash + 1);
            const auto secret = std::find_if(
                input.kube.secrets.begin(), input.kube.secrets.end(), [&](const SecretObject &s) {
                    return s.ref.nameSpace == secretNamespace && s.ref.name == secretName;
                });
            const QString path =
                at(at(at(QStringLiteral("spec.servers"), i), "tls"), "credentialName");
            Reporter reporter = gateway.reporter(out);
            if (secret == input.kube.secrets.end()) {
                // Secrets are usually kept out of design repositories: only judge when some are in.
                if (input.hasOwnSecrets || input.strictReferences)
                    reporter.report(Core::Codes::REFERENCED_RESOURCE_NOT_FOUND, path,
                                    QStringLiteral("Referenced credentialName not found: \"%1\"")
                                        .arg(credential));
                continue;
            }
            const CredentialProblem problem = checkCredential(*secret);
            if (problem == CredentialProblem::None)
                continue;
            Core::Diagnostic &finding = reporter.report(
                Core::Codes::INVALID_GATEWAY_CREDENTIAL, path,
                QStringLiteral("The credential referenced by the Gateway %1 in namespace %2 is "
                               "invalid, which can cause the traffic not to work as expected: "
                               "Secret %3/%4: %5.")
                    .arg(gateway.name(), podNamespace, secretNamespace, secretName,
                         describe(problem)));
            if (secret->ref.document.isValid())
                finding.related = relatedSubject(*input.documentOf(secret->ref));
        }
    }
}

void analyzeDuplicateCertificates(const AnalysisInput &input, Core::Diagnostics &out)
{
    // Servers without any certificate field (httpsRedirect-only blocks, PASSTHROUGH) are left
    // out: Istio keys them all as "--" and reports them as sharing a certificate.
    QHash<QString, std::vector<const Indexed<Istio::Gateway> *>> byCertificate;
    auto keyOf = [](const Istio::ServerTlsSettings &tls) {
        return tls.credentialName.value_or(QString()) + QLatin1Char('-') +
               tls.serverCertificate.value_or(QString()) + QLatin1Char('-') +
               tls.privateKey.value_or(QString());
    };
    for (const auto &gateway : input.gateways) {
        for (const Istio::Server &server : gateway.resource->spec.servers) {
            if (server.tls && keyOf(*server.tls) != QLatin1String("--"))
                byCertificate[keyOf(*server.tls)].push_back(&gateway);
        }
    }
    for (const auto &gateway : input.gateways) {
        const LabelMap selector = toLabelMap(gateway.resource->spec.selector);
        QSet<const Indexed<Istio::Gateway> *> reported;
        for (const Istio::Server &server : gateway.resource->spec.servers) {
            if (!server.tls || keyOf(*server.tls) == QLatin1String("--"))
                continue;
            for (const Indexed<Istio::Gateway> *other : byCertificate.value(keyOf(*server.tls))) {
                if (other == &gateway || reported.contains(other))
                    continue;
                if (!selectorMatches(selector, toLabelMap(other->resource->spec.selector)))
                    continue;
                reported.insert(other);
                Reporter reporter = gateway.reporter(out);
                Core::Diagnostic &finding = reporter.report(
                    Core::Codes::DUPLICATE_CERTIFICATE, QStringLiteral("metadata.name"),
                    QStringLiteral("Duplicate certificate in multiple gateways [%1 "
                                   "%2] may cause 404s if clients re-use HTTP2 "
                                   "connections.")
                        .arg(gateway.fullName(), other->fullName()));
                finding.related = relatedSubject(*other->document);
            }
        }
    }
}

} // namespace Validation
