#include "l4routebuilder.h"

#include "compile/hostnames.h"
#include "yamlnodes.h"

#include <map>

namespace ToGatewayApi {
namespace {

bool hostsMeet(const QString &listenerHostname, const Istio::StringList &hosts)
{
    if (listenerHostname.isEmpty())
        return true;
    return std::any_of(hosts.begin(), hosts.end(), [&](const QString &host) {
        return Compile::intersectHosts(listenerHostname, host.toLower()).has_value();
    });
}

} // namespace

template <class Match>
void L4RouteBuilder::reportIgnored(const Match &match, const Source &source, const QString &path)
{
    QStringList fields;
    if (!match.destinationSubnets.empty())
        fields << QStringLiteral("destinationSubnets");
    if (!match.sourceLabels.empty())
        fields << QStringLiteral("sourceLabels");
    if (match.sourceNamespace)
        fields << QStringLiteral("sourceNamespace");
    if constexpr (requires { match.sourceSubnet; }) {
        if (match.sourceSubnet)
            fields << QStringLiteral("sourceSubnet");
    }
    if (!fields.isEmpty())
        m_context.report.add(
            Severity::Note, QStringLiteral("l4-match-ignored"), source, path,
            QStringLiteral("%1 (not evaluated at gateways)").arg(fields.join(QStringLiteral(", "))),
            QStringLiteral("Istio ignored them for gateway traffic; they are "
                           "left out"));
}

YAML::Node L4RouteBuilder::backendRefs(const std::vector<Istio::RouteDestination> &destinations,
                                       const QString &routeKind, const Source &source,
                                       const QString &path)
{
    YAML::Node refs = Nodes::list();
    const bool weighted = destinations.size() > 1;
    for (int i = 0; i < int(destinations.size()); ++i) {
        if (!destinations[i].destination)
            continue;
        const BackendResolver::Origin origin{routeKind, source.id.nameSpace, source,
                                             path +
                                                 QStringLiteral(".route[%1].destination").arg(i)};
        YAML::Node ref = m_backends.backendRef(*destinations[i].destination, origin);
        if (!Nodes::isSet(ref))
            continue;
        if (weighted)
            ref["weight"] = Nodes::number(std::max(0, destinations[i].weight.value_or(0)));
        refs.push_back(ref);
    }
    return refs;
}

OutputObject L4RouteBuilder::route(const QString &kind, const Source &source,
                                   const YAML::Node &parentRefs, const QStringList &hostnames,
                                   const YAML::Node &backendRefs)
{
    const QString &nameSpace = source.id.nameSpace;
    OutputObject object = makeOutputObject(
        QStringLiteral("gateway.networking.k8s.io/") + m_context.options.l4RouteVersion, kind,
        nameSpace, m_context.claimObjectName(kind, nameSpace, source.id.name), source.id);
    YAML::Node node = object.node;
    node["spec"]["parentRefs"] = parentRefs;
    if (!hostnames.isEmpty())
        node["spec"]["hostnames"] = Nodes::textList(hostnames);
    YAML::Node rule = Nodes::map();
    if (backendRefs.size() > 0)
        rule["backendRefs"] = backendRefs;
    node["spec"]["rules"].push_back(rule);
    return object;
}

void L4RouteBuilder::convertTls(const VirtualServiceSource &vs, RouteBinding &binding,
                                std::vector<OutputObject> &routes)
{
    const Istio::VirtualServiceSpec &spec = vs.resource->spec;
    for (int k = 0; k < int(spec.tls.size()); ++k) {
        const Istio::TLSRoute &tls = spec.tls[k];
        const QString path = QStringLiteral("spec.tls[%1]").arg(k);
        const YAML::Node backends =
            backendRefs(tls.route, QStringLiteral("TLSRoute"), vs.source, path);
        for (int m = 0; m < int(tls.match.size()); ++m) {
            const Istio::TLSMatchAttributes &match = tls.match[m];
            const QString matchPath = path + QStringLiteral(".match[%1]").arg(m);
            reportIgnored(match, vs.source, matchPath);
            QStringList hostnames;
            for (const QString &host : match.sniHosts)
                hostnames << host.toLower();
            if (hostnames.contains(QStringLiteral("*")))
                hostnames.clear(); // any SNI
            hostnames.removeDuplicates();
            const QStringList gateways =
                match.gateways.empty() ? binding.gateways() : binding.resolve(match.gateways);
            if (gateways.isEmpty())
                continue; // a mesh-only match: the mesh entry covers it
            YAML::Node parentRefs = Nodes::list();
            for (const QString &gateway : gateways) {
                const RouteBinding::Attachment attachment = binding.attach(
                    gateway, RouteBinding::Kind::TlsPassthrough, hostnames, match.port.value_or(0));
                for (const YAML::Node &parent : attachment.parentRefs)
                    parentRefs.push_back(parent);
            }
            if (parentRefs.size() == 0) {
                m_context.report.add(Severity::Note, QStringLiteral("no-listener"), vs.source,
                                     matchPath,
                                     QStringLiteral("the tls route reaches no passthrough "
                                                    "listener of the Gateways it names"),
                                     QStringLiteral("Istio did not route it either; no TLSRoute "
                                                    "is generated for it"));
                continue;
            }
            routes.push_back(route(QStringLiteral("TLSRoute"), vs.source, parentRefs, hostnames,
                                   YAML::Clone(backends)));
        }
    }
}

void L4RouteBuilder::convertTcp(const std::vector<VirtualServiceSource> &virtualServices,
                                const std::vector<RouteBinding *> &bindings,
                                std::vector<OutputObject> &tcpRoutes,
                                std::vector<OutputObject> &tlsRoutes)
{
    // (virtual service, tcp rule) → the listeners it serves, as (gateway, listener) indexes.
    std::map<std::pair<int, int>, std::vector<std::pair<int, int>>> served;
    for (int p = 0; p < int(m_context.gateways.size()); ++p) {
        const GatewayPlan &plan = m_context.gateways[p];
        for (int l = 0; l < int(plan.listeners.size()); ++l) {
            const ListenerPlan &listener = plan.listeners[l];
            if (!listener.carriesTcp())
                continue;
            bool found = false;
            for (int v = 0; v < int(virtualServices.size()) && !found; ++v) {
                const VirtualServiceSource &vs = virtualServices[v];
                const Istio::VirtualServiceSpec &spec = vs.resource->spec;
                if (spec.tcp.empty() || !bindings[v]->gateways().contains(plan.reference) ||
                    !listener.allowsNamespace(vs.source.id.nameSpace, plan.nameSpace) ||
                    !hostsMeet(listener.hostname, spec.hosts) || !bindings[v]->visibleTo(plan))
                    continue;
                for (int k = 0; k < int(spec.tcp.size()) && !found; ++k) {
                    const std::vector<Istio::L4MatchAttributes> &matches = spec.tcp[k].match;
                    const bool passes =
                        matches.empty() ||
                        std::any_of(matches.begin(), matches.end(), [&](const auto &match) {
                            return (!match.port || *match.port == listener.port) &&
                                   (match.gateways.empty() ||
                                    bindings[v]->resolve(match.gateways).contains(plan.reference));
                        });
                    if (passes) {
                        served[{v, k}].emplace_back(p, l);
                        found = true;
                    }
                }
            }
        }
    }

    for (int v = 0; v < int(virtualServices.size()); ++v) {
        const VirtualServiceSource &vs = virtualServices[v];
        const Istio::VirtualServiceSpec &spec = vs.resource->spec;
        RouteBinding &binding = *bindings[v];
        for (int k = 0; k < int(spec.tcp.size()); ++k) {
            const QString path = QStringLiteral("spec.tcp[%1]").arg(k);
            for (int m = 0; m < int(spec.tcp[k].match.size()); ++m)
                reportIgnored(spec.tcp[k].match[m], vs.source,
                              path + QStringLiteral(".match[%1]").arg(m));
            YAML::Node tcpParents = Nodes::list();
            YAML::Node tlsParents = Nodes::list();
            QStringList tlsHostnames;
            const auto it = served.find({v, k});
            if (it != served.end()) {
                for (const auto &[p, l] : it->second) {
                    const GatewayPlan &plan = m_context.gateways[p];
                    const ListenerPlan &listener = plan.listeners[l];
                    YAML::Node parent = Nodes::map();
                    parent["name"] = Nodes::text(plan.name);
                    if (plan.nameSpace != vs.source.id.nameSpace)
                        parent["namespace"] = Nodes::text(plan.nameSpace);
                    parent["sectionName"] = Nodes::text(listener.name);
                    if (listener.protocol == QLatin1String("TCP")) {
                        tcpParents.push_back(parent);
                    } else {
                        tlsParents.push_back(parent);
                        if (!listener.hostname.isEmpty())
                            tlsHostnames << listener.hostname;
                    }
                }
            }
            // Gateways outside the design: the first tcp route is attached, by port if any.
            if (k == 0) {
                for (const QString &gateway : binding.gateways()) {
                    if (m_context.gateway(gateway))
                        continue;
                    const quint32 port =
                        spec.tcp[k].match.empty() ? 0 : spec.tcp[k].match.front().port.value_or(0);
                    for (const YAML::Node &parent :
                         binding.attach(gateway, RouteBinding::Kind::Tcp, {}, port).parentRefs)
                        tcpParents.push_back(parent);
                }
            }
            if (tcpParents.size() > 0)
                tcpRoutes.push_back(route(
                    QStringLiteral("TCPRoute"), vs.source, tcpParents, {},
                    backendRefs(spec.tcp[k].route, QStringLiteral("TCPRoute"), vs.source, path)));
            if (tlsParents.size() > 0) {
                tlsHostnames.removeDuplicates();
                tlsRoutes.push_back(route(
                    QStringLiteral("TLSRoute"), vs.source, tlsParents, tlsHostnames,
                    backendRefs(spec.tcp[k].route, QStringLiteral("TLSRoute"), vs.source, path)));
                m_context.report.add(
                    Severity::Note, QStringLiteral("tls-terminate-route"), vs.source, path,
                    QStringLiteral("TCP traffic behind TLS termination"),
                    QStringLiteral("written as a TLSRoute on a TLS listener in Terminate mode, "
                                   "which Gateway API marks as extended support: check that "
                                   "the Istio release in use accepts it"));
            }
            if (tcpParents.size() == 0 && tlsParents.size() == 0 &&
                std::any_of(binding.gateways().begin(), binding.gateways().end(),
                            [&](const QString &g) { return m_context.gateway(g) != nullptr; }))
                m_context.report.add(Severity::Note, QStringLiteral("tcp-rule-unused"), vs.source,
                                     path,
                                     QStringLiteral("Istio never uses this tcp route: every TCP "
                                                    "server it could serve takes an earlier "
                                                    "tcp route, or none matches its port"),
                                     QStringLiteral("no TCPRoute is generated for it"));
        }
    }
}

} // namespace ToGatewayApi
