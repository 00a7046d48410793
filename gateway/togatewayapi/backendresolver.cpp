#include "backendresolver.h"

#include "compile/hostnames.h"
#include "yamlnodes.h"

namespace ToGatewayApi {

std::optional<BackendResolver::Service>
BackendResolver::serviceOf(const QString &host, const QString &routeNamespace) const
{
    if (host.isEmpty() || host == QLatin1String("*"))
        return std::nullopt;
    if (!host.contains(QLatin1Char('.')))
        return Service{host.toLower(), routeNamespace};
    const QString suffix = QStringLiteral(".svc.") + m_context.options.domainSuffix;
    if (!host.endsWith(suffix, Qt::CaseInsensitive))
        return std::nullopt;
    const QStringList parts =
        host.left(host.size() - suffix.size()).toLower().split(QLatin1Char('.'));
    if (parts.size() != 2 || parts[0].isEmpty() || parts[1].isEmpty())
        return std::nullopt;
    return Service{parts[0], parts[1]};
}

std::optional<quint32> BackendResolver::knownPort(const std::optional<Service> &service,
                                                  const QString &host, QString *description) const
{
    if (service) {
        for (const Validation::ServiceObject &object : m_context.kube.services) {
            if (object.ref.name != service->name || object.ref.nameSpace != service->nameSpace)
                continue;
            QStringList ports;
            for (const Validation::ServicePortObject &port : object.ports)
                ports << QString::number(port.port);
            *description = QStringLiteral("Service %1/%2 has port(s) %3")
                               .arg(service->nameSpace, service->name,
                                    ports.isEmpty() ? QStringLiteral("none")
                                                    : ports.join(QStringLiteral(", ")));
            if (object.ports.size() == 1)
                return object.ports.front().port;
            return std::nullopt;
        }
        *description = QStringLiteral("Service %1/%2 is not part of the design")
                           .arg(service->nameSpace, service->name);
        return std::nullopt;
    }
    for (const Validation::ServiceEntryObject &entry : m_context.kube.serviceEntries) {
        if (!entry.hosts.contains(host))
            continue;
        *description = QStringLiteral("ServiceEntry %1/%2 has %3 port(s)")
                           .arg(entry.ref.nameSpace, entry.ref.name)
                           .arg(entry.ports.size());
        if (entry.ports.size() == 1)
            return entry.ports.front();
        return std::nullopt;
    }
    *description = QStringLiteral("no Service or ServiceEntry of the design defines %1").arg(host);
    return std::nullopt;
}

void BackendResolver::reportSubset(const Istio::Destination &destination, const Origin &origin,
                                   const QString &fqdn)
{
    QString labels;
    for (std::size_t i = 0; i < m_context.destinationRules.size(); ++i) {
        const Istio::DestinationRule &rule = *m_context.destinationRules[i];
        const QString host = Compile::expandShortName(rule.spec.host.value_or(QString()),
                                                      m_context.destinationRuleNamespaces[i],
                                                      m_context.options.domainSuffix);
        if (host != fqdn)
            continue;
        for (const Istio::Subset &subset : rule.spec.subsets) {
            if (subset.name != destination.subset)
                continue;
            QStringList parts;
            for (const auto &[key, value] : subset.labels.entries)
                parts << key + QLatin1Char('=') + value;
            labels = parts.join(QLatin1Char(','));
        }
        if (!labels.isEmpty())
            break;
    }
    m_context.report.add(
        Severity::ChangedBehaviour, QStringLiteral("subset"), origin.source,
        origin.fieldPath + QStringLiteral(".subset"),
        QStringLiteral("subset %1 of %2%3")
            .arg(*destination.subset, destination.host.value_or(QString()),
                 labels.isEmpty() ? QString() : QStringLiteral(" (pods labelled %1)").arg(labels)),
        QStringLiteral("Gateway API has no subsets: the backend is the whole Service, so traffic "
                       "reaches every version; create a Service that selects the subset's pods "
                       "and refer to it instead"));
}

YAML::Node BackendResolver::backendRef(const Istio::Destination &destination, const Origin &origin)
{
    Context &c = m_context;
    const QString host = destination.host.value_or(QString());
    const std::optional<Service> service = serviceOf(host, origin.routeNamespace);
    const QString fqdn =
        Compile::expandShortName(host, origin.routeNamespace, c.options.domainSuffix);
    YAML::Node ref = Nodes::map();
    if (service) {
        ref["name"] = Nodes::text(service->name);
        if (service->nameSpace != origin.routeNamespace) {
            ref["namespace"] = Nodes::text(service->nameSpace);
            c.grants.record(origin.routeKind, origin.routeNamespace, QStringLiteral("Service"),
                            service->nameSpace, service->name);
        }
    } else if (c.options.istioExtensions && !host.isEmpty() && host != QLatin1String("*")) {
        ref["group"] = Nodes::text(QStringLiteral("networking.istio.io"));
        ref["kind"] = Nodes::text(QStringLiteral("Hostname"));
        ref["name"] = Nodes::text(host);
        c.report.add(Severity::Note, QStringLiteral("backend-host"), origin.source,
                     origin.fieldPath + QStringLiteral(".host"),
                     QStringLiteral("host %1 is not a Service of the cluster domain %2")
                         .arg(host, c.options.domainSuffix),
                     QStringLiteral("referred to as an Istio Hostname backend "
                                    "(networking.istio.io), which only Istio understands"));
    } else {
        c.report.add(
            Severity::Lost, QStringLiteral("backend-host"), origin.source,
            origin.fieldPath + QStringLiteral(".host"),
            QStringLiteral("host %1 is not a Service of the cluster domain %2")
                .arg(host.isEmpty() ? QStringLiteral("(none)") : host, c.options.domainSuffix),
            QStringLiteral("backendRefs name Services; this destination is left out"));
        return YAML::Node();
    }

    if (destination.port && destination.port->number) {
        ref["port"] = Nodes::number(*destination.port->number);
    } else {
        QString description;
        if (const std::optional<quint32> port = knownPort(service, host, &description)) {
            ref["port"] = Nodes::number(*port);
            c.report.add(Severity::Note, QStringLiteral("backend-port-inferred"), origin.source,
                         origin.fieldPath,
                         QStringLiteral("the destination names no port; %1").arg(description),
                         QStringLiteral("the backendRef names port %1, which Gateway API "
                                        "requires")
                             .arg(*port));
        } else {
            c.report.add(Severity::Lost, QStringLiteral("backend-port"), origin.source,
                         origin.fieldPath,
                         QStringLiteral("the destination names no port and its port is unknown "
                                        "(%1)")
                             .arg(description),
                         QStringLiteral("Gateway API requires a port for a Service backend: the "
                                        "API server rejects the route until one is added"));
        }
    }
    if (destination.subset)
        reportSubset(destination, origin, fqdn);
    return ref;
}

} // namespace ToGatewayApi
