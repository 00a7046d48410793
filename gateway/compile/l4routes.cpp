// VirtualService tcp[] and tls[] at a gateway server (semantics doc §3.9).

#include "compilerstate.h"
#include "core/diagnosticcodes.h"
#include "hostnames.h"

namespace Compile {
namespace {

template <class Match>
bool l4MatchApplies(const Match &match, const AcceptedServer &server, const QString &vsNamespace)
{
    if (match.port && *match.port != server.ref.port)
        return false;
    if (match.gateways.empty())
        return true;
    for (const QString &gateway : match.gateways) {
        if (resolveGatewayReference(gateway, vsNamespace) == server.gatewayKey)
            return true;
    }
    return false;
}

// VirtualService hosts and server hosts must match "in either direction".
bool hostsOverlap(const QStringList &vsHosts, const QStringList &serverHosts)
{
    for (const QString &vsHost : vsHosts) {
        for (const QString &serverHost : serverHosts) {
            if (intersectHosts(serverHost, vsHost))
                return true;
        }
    }
    return false;
}

} // namespace

Runtime::TcpRoute Compiler::tcpRoute(const BoundVirtualService &vs, const QString &label,
                                     const std::vector<Istio::RouteDestination> &destinations,
                                     quint32 listenerPort) const
{
    Runtime::TcpRoute route;
    route.virtualService = vs.source;
    route.label = label;
    for (const Istio::RouteDestination &destination : destinations) {
        if (!destination.destination)
            continue;
        Runtime::WeightedCluster weighted;
        weighted.cluster = cluster(*destination.destination, vs.nameSpace, listenerPort);
        // A single destination takes everything, whatever its weight.
        weighted.weight =
            destinations.size() == 1 ? 100 : quint32(std::max(0, destination.weight.value_or(0)));
        route.clusters.push_back(std::move(weighted));
    }
    return route;
}

std::optional<Runtime::TcpRoute> Compiler::tcpRouteFor(const AcceptedServer &server)
{
    for (const BoundVirtualService *vs : virtualServicesFor(server)) {
        if (!hostsOverlap(vs->hosts, serverHostsFor(server, vs->nameSpace)))
            continue;
        const auto &tcp = vs->input->resource.spec.tcp;
        for (int i = 0; i < int(tcp.size()); ++i) {
            bool applies = tcp[i].match.empty();
            for (const Istio::L4MatchAttributes &match : tcp[i].match)
                applies = applies || l4MatchApplies(match, server, vs->nameSpace);
            if (!applies)
                continue;
            // The first passing rule supplies the server's single tcp_proxy; later ones are
            // never consulted.
            return tcpRoute(*vs, QStringLiteral("tcp[%1]").arg(i), tcp[i].route, server.ref.port);
        }
    }
    return std::nullopt;
}

void Compiler::addPassthroughChains(Runtime::Listener &listener, const AcceptedServer &server,
                                    QSet<QString> &usedNames)
{
    if (server.server->tls &&
        server.server->tls->effectiveMode() == Istio::ServerTlsMode::AUTO_PASSTHROUGH)
        return; // mesh-only: no chain the local gateway can serve
    for (const BoundVirtualService *vs : virtualServicesFor(server)) {
        const QStringList serverHosts = serverHostsFor(server, vs->nameSpace);
        if (!hostsOverlap(vs->hosts, serverHosts))
            continue;
        const auto &tls = vs->input->resource.spec.tls;
        for (int i = 0; i < int(tls.size()); ++i) {
            for (const Istio::TLSMatchAttributes &match : tls[i].match) {
                if (!l4MatchApplies(match, server, vs->nameSpace))
                    continue;
                QStringList names;
                for (const QString &sni : match.sniHosts) {
                    const QString name = sni.toLower();
                    bool covered = false;
                    for (const QString &host : serverHosts)
                        covered = covered || intersectHosts(host, name).has_value();
                    if (covered)
                        names << name;
                }
                if (names.isEmpty())
                    continue;
                QStringList repeated;
                for (const QString &name : std::as_const(names)) {
                    if (usedNames.contains(name))
                        repeated << name;
                }
                if (!repeated.isEmpty()) {
                    note(Core::Level::Warning, QLatin1String(Core::Codes::DUPLICATE_SNI),
                         vs->input->ref,
                         QStringLiteral(
                             "tls[%1] is dropped on port %2: SNI %3 is already routed there")
                             .arg(i)
                             .arg(server.ref.port)
                             .arg(repeated.join(QStringLiteral(", "))));
                    continue;
                }
                for (const QString &name : std::as_const(names))
                    usedNames.insert(name);
                Runtime::FilterChain chain;
                chain.kind = Runtime::FilterChain::Kind::Passthrough;
                chain.server = server.shared;
                chain.serverNames = names.contains(QStringLiteral("*")) ? QStringList() : names;
                chain.tls = server.server->tls.value_or(Istio::ServerTlsSettings{});
                chain.tcp =
                    tcpRoute(*vs, QStringLiteral("tls[%1]").arg(i), tls[i].route, server.ref.port);
                listener.chains.push_back(std::move(chain));
            }
        }
    }
}

} // namespace Compile
