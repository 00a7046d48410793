#include "analyzers.h"
#include "core/diagnosticcodes.h"

// destinationrule.* analyzers: TLS origination without a CA, hosts that name no service and
// subsets that select no pod.
namespace Validation {
namespace {

bool originatesWithoutCa(const std::optional<Istio::ClientTLSSettings> &tls,
                         bool hasWorkloadSelector)
{
    if (!tls || !tls->mode)
        return false;
    if (*tls->mode != Istio::ClientTlsMode::SIMPLE && *tls->mode != Istio::ClientTlsMode::MUTUAL)
        return false;
    if (!tls->caCertificates.value_or(QString()).isEmpty())
        return false;
    // A workload-selected DestinationRule can take its CA from the credential.
    return !(!tls->credentialName.value_or(QString()).isEmpty() && hasWorkloadSelector);
}

} // namespace

void analyzeCaCertificates(const AnalysisInput &input, Core::Diagnostics &out)
{
    for (const auto &rule : input.destinationRules) {
        const auto &spec = rule.resource->spec;
        if (!spec.trafficPolicy)
            continue;
        const bool selected = spec.workloadSelector.has_value();
        const QString host = spec.host.value_or(QString());
        Reporter reporter = rule.reporter(out);
        const auto &tls = spec.trafficPolicy->tls;
        if (originatesWithoutCa(tls, selected))
            reporter.report(
                Core::Codes::NO_CA_DESTINATION_LEVEL, QStringLiteral("spec.trafficPolicy.tls.mode"),
                QStringLiteral("DestinationRule %1 in namespace %2 has TLS mode set to "
                               "%3 but no caCertificates are set to validate server "
                               "identity for host: %4")
                    .arg(rule.fullName(), rule.nameSpace(), Istio::enumName(*tls->mode), host));
        const auto &ports = spec.trafficPolicy->portLevelSettings;
        for (int i = 0; i < int(ports.size()); ++i) {
            const auto &portTls = ports[size_t(i)].tls;
            if (!originatesWithoutCa(portTls, selected))
                continue;
            const auto &port = ports[size_t(i)].port;
            reporter.report(
                Core::Codes::NO_CA_PORT_LEVEL,
                at(QStringLiteral("spec.trafficPolicy.portLevelSettings"), i) +
                    QStringLiteral(".tls.mode"),
                QStringLiteral("DestinationRule %1 in namespace %2 has TLS mode set to "
                               "%3 but no caCertificates are set to validate server "
                               "identity for host: %4 at port number:%5")
                    .arg(rule.fullName(), rule.nameSpace(), Istio::enumName(*portTls->mode), host)
                    .arg(port && port->number ? *port->number : 0));
        }
    }
}

void analyzeDestinationRuleHosts(const AnalysisInput &input, Core::Diagnostics &out)
{
    const bool checkHosts = input.hasOwnServices || input.strictReferences;
    QHash<QString, const ServiceObject *> servicesByName; // FQDN
    for (const ServiceObject &service : input.kube.services)
        servicesByName.insert(service.ref.name + QLatin1Char('.') + service.ref.nameSpace +
                                  QStringLiteral(".svc.") + input.domainSuffix,
                              &service);
    QHash<QString, const ServiceEntryObject *> entriesByHost;
    std::vector<std::pair<QString, const ServiceEntryObject *>> wildcardEntries;
    for (const ServiceEntryObject &entry : input.kube.serviceEntries) {
        for (const QString &entryHost : entry.hosts) {
            const QString fqdn = input.fullyQualified(entryHost, entry.ref.nameSpace);
            if (fqdn.startsWith(QLatin1Char('*')))
                wildcardEntries.emplace_back(fqdn, &entry);
            else
                entriesByHost.insert(fqdn, &entry);
        }
    }
    for (const auto &rule : input.destinationRules) {
        const auto &spec = rule.resource->spec;
        const QString host = spec.host.value_or(QString());
        if (host.isEmpty() || !checkHosts)
            continue;
        const QString fqdn = input.fullyQualified(host, rule.nameSpace());
        // The service the host names: a Service (its FQDN) or a ServiceEntry host.
        const ServiceObject *service = servicesByName.value(fqdn);
        const ServiceEntryObject *entry = entriesByHost.value(fqdn);
        for (const auto &[wildcard, candidate] : wildcardEntries) {
            if (!entry && hostsOverlap(wildcard, fqdn))
                entry = candidate;
        }
        Reporter reporter = rule.reporter(out);
        if (!service && !entry) {
            reporter.report(Core::Codes::UNKNOWN_DESTINATION_RULE_HOST, QStringLiteral("spec.host"),
                            QStringLiteral("The host %1 defined in the DestinationRule does not "
                                           "match any services in the mesh.")
                                .arg(host));
            continue;
        }
        // The subsets of a service the workspace models are checked against its pods (a Pod,
        // or a workload's pod template), even when there are none.
        for (int i = 0; i < int(spec.subsets.size()); ++i) {
            const Istio::Subset &subset = spec.subsets[size_t(i)];
            LabelMap selector = service ? LabelMap() : entry->workloadSelector;
            for (const auto &[key, value] : subset.labels)
                selector.insert(key, value);
            if (!input.podsSelectedBy(selector).empty())
                continue;
            reporter.report(Core::Codes::SUBSET_SELECTS_NO_PODS,
                            at(QStringLiteral("spec.subsets"), i) + QStringLiteral(".labels"),
                            QStringLiteral("The Subset %1 defined in the DestinationRule does not "
                                           "select any pods. Which may lead to 503 UH "
                                           "(NoHealthyUpstream).")
                                .arg(subset.name.value_or(QString())));
        }
    }
}

} // namespace Validation
