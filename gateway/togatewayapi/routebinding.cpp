#include "routebinding.h"

#include "compile/compiler.h"
#include "compile/hostnames.h"
#include "validation/names.h"
#include "yamlnodes.h"

namespace ToGatewayApi {
namespace {

bool carries(const ListenerPlan &listener, RouteBinding::Kind kind)
{
    switch (kind) {
    case RouteBinding::Kind::Http:
        return listener.carriesHttp();
    case RouteBinding::Kind::TlsPassthrough:
        return listener.carriesPassthrough();
    case RouteBinding::Kind::Tcp:
        break;
    }
    return listener.carriesTcp();
}

// The hosts both the listener and the route serve (Istio's more specific name, §4.1).
QStringList commonHosts(const ListenerPlan &listener, const QStringList &hosts)
{
    const QString listenerHost =
        listener.hostname.isEmpty() ? QStringLiteral("*") : listener.hostname;
    QStringList common;
    for (const QString &host : hosts.isEmpty() ? QStringList{QStringLiteral("*")} : hosts) {
        if (const std::optional<QString> both = Compile::intersectHosts(listenerHost, host))
            common << *both;
    }
    common.removeDuplicates();
    return common;
}

} // namespace

RouteBinding::RouteBinding(Context &context, const VirtualServiceSource &vs)
    : m_context(context), m_vs(vs)
{
    const Istio::StringList &references = vs.resource->spec.gateways;
    m_mesh = references.empty();
    for (const QString &reference : references) {
        const QString resolved =
            Compile::resolveGatewayReference(reference, vs.source.id.nameSpace);
        if (resolved == QLatin1String("mesh"))
            m_mesh = true;
        else if (!m_gateways.contains(resolved))
            m_gateways << resolved;
    }
}

QStringList RouteBinding::resolve(const Istio::StringList &references) const
{
    QStringList resolved;
    for (const QString &reference : references) {
        const QString gateway =
            Compile::resolveGatewayReference(reference, m_vs.source.id.nameSpace);
        if (gateway != QLatin1String("mesh") && !resolved.contains(gateway))
            resolved << gateway;
    }
    return resolved;
}

QStringList RouteBinding::hostnames()
{
    if (m_hostnames)
        return *m_hostnames;
    QStringList names;
    bool any = false;
    const Istio::StringList &hosts = m_vs.resource->spec.hosts;
    for (int i = 0; i < int(hosts.size()); ++i) {
        const QString &host = hosts[i];
        const QString path = QStringLiteral("spec.hosts[%1]").arg(i);
        if (host == QLatin1String("*")) {
            any = true;
            continue;
        }
        if (Validation::Names::isIpAddress(host)) {
            m_context.report.add(Severity::ChangedBehaviour, QStringLiteral("host-ip"), m_vs.source,
                                 path, QStringLiteral("host %1 is an IP address").arg(host),
                                 QStringLiteral("route hostnames cannot be IP addresses: it is "
                                                "left out, and a route left with no hostname "
                                                "serves every host of its listeners"));
            continue;
        }
        const QString expanded = Compile::expandShortName(host, m_vs.source.id.nameSpace,
                                                          m_context.options.domainSuffix);
        if (expanded != host.toLower())
            m_context.report.add(
                Severity::Note, QStringLiteral("host-short-name"), m_vs.source, path,
                QStringLiteral("short host %1 means %2 (Istio expands it)").arg(host, expanded),
                QStringLiteral("the route's hostname is %1, as in Istio: a "
                               "request with Host: %2 does not match it")
                    .arg(expanded, host));
        if (!names.contains(expanded))
            names << expanded;
    }
    if (any)
        names.clear();
    else if (names.size() > 16)
        m_context.report.add(
            Severity::Lost, QStringLiteral("hostname-limit"), m_vs.source,
            QStringLiteral("spec.hosts"),
            QStringLiteral("%1 hosts; a route may have at most 16 hostnames").arg(names.size()),
            QStringLiteral("the API server rejects the route; split the "
                           "VirtualService before converting"));
    m_hostnames = names;
    return names;
}

bool RouteBinding::visibleTo(const GatewayPlan &plan)
{
    const Istio::StringList &exportTo = m_vs.resource->spec.exportTo;
    const QString &nameSpace = m_vs.source.id.nameSpace;
    const auto exports = [&](const QString &name) {
        return std::find(exportTo.begin(), exportTo.end(), name) != exportTo.end();
    };
    const bool visible = exportTo.empty() || exports(QStringLiteral("*")) ||
                         exports(plan.workloadNamespace) ||
                         (plan.workloadNamespace == nameSpace && exports(QStringLiteral(".")));
    if (!visible && !m_reportedGateways.contains(plan.reference + QStringLiteral("|export"))) {
        m_reportedGateways << plan.reference + QStringLiteral("|export");
        m_context.report.add(Severity::Note, QStringLiteral("export-to"), m_vs.source,
                             QStringLiteral("spec.exportTo"),
                             QStringLiteral("exportTo hides the VirtualService from Gateway %1, "
                                            "whose pods run in %2")
                                 .arg(plan.reference, plan.workloadNamespace),
                             QStringLiteral("Istio never bound it there, so no parentRef to "
                                            "that Gateway is generated"));
    }
    return visible;
}

RouteBinding::Attachment RouteBinding::attach(const QString &reference, Kind kind,
                                              const QStringList &hosts, quint32 port,
                                              const QString &protocol)
{
    Attachment attachment;
    attachment.parentRefs = Nodes::list();
    const QString routeNamespace = m_vs.source.id.nameSpace;
    const GatewayPlan *plan = m_context.gateway(reference);
    if (!plan) {
        const qsizetype slash = reference.indexOf(QLatin1Char('/'));
        const QString nameSpace = reference.left(slash);
        YAML::Node parent = Nodes::map();
        parent["name"] = Nodes::text(reference.mid(slash + 1));
        if (nameSpace != routeNamespace)
            parent["namespace"] = Nodes::text(nameSpace);
        if (port != 0)
            parent["port"] = Nodes::number(port);
        attachment.parentRefs.push_back(parent);
        if (!m_reportedGateways.contains(reference)) {
            m_reportedGateways << reference;
            m_context.report.add(
                Severity::Note, QStringLiteral("gateway-not-found"), m_vs.source,
                QStringLiteral("spec.gateways"),
                QStringLiteral("Gateway %1 is not part of the design").arg(reference),
                QStringLiteral("the parentRef names it as written; which "
                               "listeners the route reaches is not checked"));
        }
        return attachment;
    }
    if (!visibleTo(*plan))
        return attachment;

    // What Gateway API attaches to without a sectionName, and what Istio used.
    std::vector<const ListenerPlan *> byDefault;
    std::vector<const ListenerPlan *> wanted;
    for (const ListenerPlan &listener : plan->listeners) {
        if (!carries(listener, kind) || !listener.allowsNamespace(routeNamespace, plan->nameSpace))
            continue;
        if (commonHosts(listener, hosts).isEmpty())
            continue;
        byDefault.push_back(&listener);
        if (listener.httpsRedirect || (port != 0 && listener.port != port) ||
            (!protocol.isEmpty() && listener.protocol != protocol))
            continue;
        wanted.push_back(&listener);
    }
    attachment.listeners = int(wanted.size());
    const auto parentRef = [&](const QString &section) {
        YAML::Node parent = Nodes::map();
        parent["name"] = Nodes::text(plan->name);
        if (plan->nameSpace != routeNamespace)
            parent["namespace"] = Nodes::text(plan->nameSpace);
        if (!section.isEmpty())
            parent["sectionName"] = Nodes::text(section);
        attachment.parentRefs.push_back(parent);
    };
    if (!wanted.empty() && wanted.size() == byDefault.size()) {
        parentRef(QString());
    } else {
        for (const ListenerPlan *listener : wanted)
            parentRef(listener->name);
    }
    for (const ListenerPlan *listener : wanted) {
        // Istio's route tables: one per plaintext port, one per terminating listener.
        QString table = QStringLiteral("Gateway %1/%2 port %3")
                            .arg(plan->nameSpace, plan->name)
                            .arg(listener->port);
        if (listener->protocol != QLatin1String("HTTP"))
            table += QStringLiteral(" listener ") + listener->name;
        for (const QString &host : commonHosts(*listener, hosts)) {
            const QString vhost = table + QStringLiteral(" host ") + host;
            if (!attachment.vhosts.contains(vhost))
                attachment.vhosts << vhost;
        }
    }
    return attachment;
}

} // namespace ToGatewayApi
