#include "compiler.h"

#include "compilerstate.h"
#include "core/diagnosticcodes.h"
#include "hostnames.h"

#include <algorithm>

namespace Compile {
namespace {

bool isHttpProtocol(Istio::Protocol protocol)
{
    using P = Istio::Protocol;
    return protocol == P::HTTP || protocol == P::HTTP2 || protocol == P::GRPC ||
           protocol == P::GRPC_WEB || protocol == P::HTTP_PROXY;
}

Runtime::Listener::Kind listenerKindFor(AcceptedServer::Class serverClass)
{
    switch (serverClass) {
    case AcceptedServer::Class::PlainHttp:
        return Runtime::Listener::Kind::PlainHttp;
    case AcceptedServer::Class::PlainTcp:
        return Runtime::Listener::Kind::PlainTcp;
    default:
        return Runtime::Listener::Kind::Tls;
    }
}

QString describeClass(Runtime::Listener::Kind kind)
{
    switch (kind) {
    case Runtime::Listener::Kind::PlainHttp:
        return QStringLiteral("plaintext HTTP");
    case Runtime::Listener::Kind::Tls:
        return QStringLiteral("TLS (SNI chains)");
    case Runtime::Listener::Kind::PlainTcp:
        return QStringLiteral("plain TCP");
    }
    return QString();
}

QStringList strippedHosts(const QStringList &hosts)
{
    QStringList result;
    for (const QString &host : hosts) {
        const qsizetype slash = host.indexOf(QLatin1Char('/'));
        result << (slash < 0 ? host : host.mid(slash + 1)).toLower();
    }
    return result;
}

} // namespace

QString resolveGatewayReference(const QString &reference, const QString &vsNamespace)
{
    if (reference == QLatin1String("mesh"))
        return reference;
    if (reference.contains(QLatin1Char('/')))
        return reference;
    // Legacy FQDN form name.ns.svc.cluster.local: accepted with a warning, read as ns/name.
    const QStringList parts = reference.split(QLatin1Char('.'));
    if (parts.size() >= 3 && parts.at(2) == QLatin1String("svc"))
        return parts.at(1) + QLatin1Char('/') + parts.at(0);
    return vsNamespace + QLatin1Char('/') + reference;
}

Compiler::Compiler(const Inputs &inputs, const CompileOptions &options)
    : m_inputs(inputs), m_options(options), m_config(std::make_shared<Runtime::Config>())
{
    m_config->domainSuffix = options.domainSuffix;
    m_config->notes = inputs.notes;
    for (const auto &gateway : inputs.gateways)
        m_gateways.push_back(&gateway);
    std::stable_sort(m_gateways.begin(), m_gateways.end(),
                     [](const auto *a, const auto *b) { return createdBefore(*a, *b); });

    m_workloadNamespace = options.workloadNamespace;
    if (m_workloadNamespace.isEmpty()) {
        const bool inIstioSystem =
            std::any_of(m_gateways.begin(), m_gateways.end(), [](const auto *g) {
                return g->ref.nameSpace == QLatin1String("istio-system");
            });
        m_workloadNamespace = inIstioSystem || m_gateways.empty()
                                  ? QStringLiteral("istio-system")
                                  : m_gateways.front()->ref.nameSpace;
    }
    m_workloadLabels = options.workloadLabels;
    if (m_workloadLabels.isEmpty()) {
        for (const auto *gateway : m_gateways) {
            for (const auto &[key, value] : gateway->resource.spec.selector.entries)
                m_workloadLabels.insert(key, value);
        }
    }
}

std::shared_ptr<const Runtime::Config> Compiler::run()
{
    prepareVirtualServices();
    prepareSubsets();
    buildListeners();
    collectClusters();
    return m_config;
}

void Compiler::collectClusters()
{
    QSet<QString> seen;
    auto add = [&](const Runtime::Cluster &cluster) {
        if (!seen.contains(cluster.envoyName())) {
            seen.insert(cluster.envoyName());
            m_config->clusters.push_back(cluster);
        }
    };
    auto addTcp = [&](const std::optional<Runtime::TcpRoute> &route) {
        if (route)
            for (const Runtime::WeightedCluster &weighted : route->clusters)
                add(weighted.cluster);
    };
    for (const Runtime::RouteTable &table : m_config->routeTables) {
        for (const Runtime::VirtualHost &host : table.virtualHosts) {
            for (const Runtime::HttpRoute &route : host.routes) {
                for (const Runtime::WeightedCluster &weighted : route.clusters)
                    add(weighted.cluster);
                for (const auto &mirror : route.mirrors)
                    add(mirror.first);
            }
        }
    }
    for (const Runtime::Listener &listener : m_config->listeners) {
        addTcp(listener.tcp);
        for (const Runtime::FilterChain &chain : listener.chains)
            addTcp(chain.tcp);
    }
}

void Compiler::note(Core::Level level, const QString &code, const Runtime::SourceRef &about,
                    const QString &message)
{
    Core::Diagnostic diagnostic = Core::makeDiagnostic(code.toLatin1().constData(), message);
    diagnostic.level = level;
    diagnostic.subject.kind = about.kind;
    diagnostic.subject.nameSpace = about.nameSpace;
    diagnostic.subject.name = about.name;
    diagnostic.subject.file = about.file;
    diagnostic.subject.position = about.position;
    m_config->notes.append(diagnostic);
}

namespace {

// Every regex of a VirtualService, with where it is; admission rejects the resource when one
// does not compile.
void collectRegexes(const Istio::VirtualService &vs, QStringList &patterns)
{
    auto add = [&](const std::optional<Istio::StringMatch> &match) {
        if (match && match->regex)
            patterns << *match->regex;
    };
    for (const Istio::HTTPRoute &route : vs.spec.http) {
        for (const Istio::HTTPMatchRequest &match : route.match) {
            add(match.uri);
            add(match.scheme);
            add(match.method);
            add(match.authority);
            for (const auto &[name, value] : match.headers.entries)
                if (value.regex && *value.regex != QLatin1String("*"))
                    patterns << *value.regex;
            for (const auto &[name, value] : match.withoutHeaders.entries)
                if (value.regex && *value.regex != QLatin1String("*"))
                    patterns << *value.regex;
            for (const auto &[name, value] : match.queryParams.entries)
                if (value.regex && *value.regex != QLatin1String("*"))
                    patterns << *value.regex;
        }
        if (route.rewrite && route.rewrite->uriRegexRewrite &&
            route.rewrite->uriRegexRewrite->match)
            patterns << *route.rewrite->uriRegexRewrite->match;
    }
}

} // namespace

void Compiler::prepareVirtualServices()
{
    std::vector<const Input<Istio::VirtualService> *> ordered;
    for (const auto &vs : m_inputs.virtualServices)
        ordered.push_back(&vs);
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const auto *a, const auto *b) { return createdBefore(*a, *b); });

    m_virtualServices.reserve(ordered.size());
    for (const auto *input : ordered) {
        BoundVirtualService vs;
        vs.input = input;
        vs.source = std::make_shared<const Runtime::SourceRef>(input->ref);
        vs.nameSpace = input->ref.nameSpace;
        for (const QString &host : input->resource.spec.hosts)
            vs.hosts << expandShortName(host, vs.nameSpace, m_options.domainSuffix);
        for (const QString &gateway : input->resource.spec.gateways)
            vs.gateways.insert(resolveGatewayReference(gateway, vs.nameSpace));
        if (input->resource.spec.gateways.empty())
            vs.gateways.insert(QStringLiteral("mesh"));

        // Export groups, in the order a gateway concatenates VirtualServices (§3.10).
        const Istio::StringList &exportTo = input->resource.spec.exportTo;
        const auto exportsTo = [&](const QString &name) {
            return std::find(exportTo.begin(), exportTo.end(), name) != exportTo.end();
        };
        const bool toAll = exportTo.empty() || exportsTo(QStringLiteral("*"));
        const bool toOwn = exportsTo(QStringLiteral(".")) || exportsTo(vs.nameSpace);
        if (vs.nameSpace == m_workloadNamespace && toOwn)
            vs.exportGroup = 1;
        else if (vs.nameSpace != m_workloadNamespace && exportsTo(m_workloadNamespace))
            vs.exportGroup = 2;
        else if (toAll)
            vs.exportGroup = 3;

        QStringList patterns;
        collectRegexes(input->resource, patterns);
        for (const QString &pattern : std::as_const(patterns)) {
            QString error;
            if (pattern.size() > 1024 ||
                !Runtime::StringMatcher::regex(pattern, &error).isValid()) {
                vs.rejected = true;
                note(Core::Level::Error, QLatin1String(Core::Codes::INVALID_REGEX), input->ref,
                     QStringLiteral("regex \"%1\" is not valid RE2 (%2); Istio rejects this "
                                    "VirtualService, so it routes nothing")
                         .arg(pattern, error.isEmpty()
                                           ? QStringLiteral("longer than 1024 characters")
                                           : error));
                break;
            }
        }
        m_virtualServices.push_back(std::move(vs));
    }
    // Concatenation order at a gateway: export group, then creation order (already sorted).
    std::stable_sort(m_virtualServices.begin(), m_virtualServices.end(),
                     [](const BoundVirtualService &a, const BoundVirtualService &b) {
                         const int ga = a.exportGroup == 0 ? 4 : a.exportGroup;
                         const int gb = b.exportGroup == 0 ? 4 : b.exportGroup;
                         return ga < gb;
                     });
    for (const BoundVirtualService &vs : m_virtualServices)
        m_byName.insert(vs.input->ref.qualifiedName(), &vs);
}

void Compiler::prepareSubsets()
{
    for (const ServiceInput &service : m_inputs.services) {
        m_servicePorts.insert(
            QStringLiteral("%1.%2.svc.%3")
                .arg(service.ref.name, service.ref.nameSpace, m_options.domainSuffix)
                .toLower(),
            service.ports);
    }
    for (const auto &rule : m_inputs.destinationRules) {
        if (!rule.resource.spec.host)
            continue;
        const QString host =
            expandShortName(*rule.resource.spec.host, rule.ref.nameSpace, m_options.domainSuffix);
        QSet<QString> &subsets =
            host.startsWith(QLatin1Char('*')) ? m_wildcardSubsets[host] : m_subsets[host];
        for (const Istio::Subset &subset : rule.resource.spec.subsets) {
            if (subset.name)
                subsets.insert(*subset.name);
        }
    }
}

Runtime::Cluster Compiler::cluster(const Istio::Destination &destination,
                                   const QString &vsNamespace, quint32 listenerPort) const
{
    Runtime::Cluster cluster;
    cluster.host =
        expandShortName(destination.host.value_or(QString()), vsNamespace, m_options.domainSuffix);
    if (destination.port && destination.port->number)
        cluster.port = *destination.port->number;
    cluster.subset = destination.subset.value_or(QString());
    if (cluster.host.isEmpty()) {
        // What istiod writes for a Gateway API backendRef it cannot resolve: a destination
        // without host, whose cluster never exists.
        cluster.exists = false;
        cluster.missingReason = QStringLiteral("the destination has no host (an invalid backend)");
        return cluster;
    }
    if (!cluster.port) {
        // No port: a Service with exactly one port supplies it; with several, Istio uses the
        // gateway's listener port, which usually names no cluster (IST0112).
        const auto service = m_servicePorts.constFind(cluster.host);
        if (service != m_servicePorts.constEnd() && service->size() == 1) {
            cluster.port = service->first();
        } else if (service != m_servicePorts.constEnd() && service->size() > 1) {
            cluster.port = listenerPort;
            if (!service->contains(listenerPort)) {
                cluster.exists = false;
                QStringList ports;
                for (quint32 port : *service)
                    ports << QString::number(port);
                cluster.missingReason =
                    QStringLiteral("the destination names no port and %1 has ports %2, so "
                                   "Istio uses the gateway port %3, which it does not have")
                        .arg(cluster.host, ports.join(QStringLiteral(", ")))
                        .arg(listenerPort);
            }
        }
    }
    if (!cluster.subset.isEmpty()) {
        // A subset exists only where a DestinationRule for the host defines it, including
        // wildcard DestinationRule hosts.
        // Exact DestinationRule hosts by hash; only wildcard hosts need the subset rule, so a
        // destination never scans every DestinationRule.
        bool defined = m_subsets.value(cluster.host).contains(cluster.subset);
        for (auto it = m_wildcardSubsets.constBegin();
             it != m_wildcardSubsets.constEnd() && !defined; ++it)
            defined = isHostSubset(cluster.host, it.key()) && it.value().contains(cluster.subset);
        if (!defined) {
            cluster.exists = false;
            cluster.missingReason =
                QStringLiteral("no DestinationRule for %1 defines subset \"%2\"")
                    .arg(cluster.host, cluster.subset);
        }
    }
    return cluster;
}

void Compiler::checkGatewayBackend(Runtime::Cluster &cluster) const
{
    const QString serviceSuffix = QStringLiteral(".svc.") + m_options.domainSuffix.toLower();
    if (!cluster.exists || m_servicePorts.isEmpty() || !cluster.host.endsWith(serviceSuffix) ||
        m_servicePorts.contains(cluster.host))
        return;
    cluster.exists = false;
    cluster.missingReason =
        QStringLiteral("the workspace defines no Service %1 (an invalid backend)")
            .arg(cluster.host);
}

bool Compiler::sourceMatches(const Istio::Labels &labels,
                             const std::optional<QString> &nameSpace) const
{
    if (nameSpace && *nameSpace != m_workloadNamespace)
        return false;
    for (const auto &[key, value] : labels.entries) {
        if (m_workloadLabels.value(key) != value)
            return false;
    }
    return true;
}

QStringList Compiler::serverHostsFor(const AcceptedServer &server, const QString &vsNamespace) const
{
    QStringList hosts;
    for (const QString &raw : server.server->hosts) {
        const ServerHost host = parseServerHost(raw, server.gateway->ref.nameSpace);
        if (host.nameSpace == QLatin1String("*") || host.nameSpace == vsNamespace)
            hosts << host.host;
    }
    return hosts;
}

std::vector<const BoundVirtualService *>
Compiler::virtualServicesFor(const AcceptedServer &server) const
{
    std::vector<const BoundVirtualService *> result;
    for (const BoundVirtualService &vs : m_virtualServices) {
        if (vs.exportGroup == 0 || vs.rejected || !vs.bindsGateway(server.gatewayKey))
            continue;
        result.push_back(&vs);
    }
    return result;
}

void Compiler::buildListeners()
{
    struct ListenerState {
        Runtime::Listener listener;
        QSet<QString> tlsHosts; // hosts claimed by TLS servers on this port
        QSet<QString> sniNames; // passthrough SNI names
        std::vector<const AcceptedServer *> plainServers;
    };
    std::vector<ListenerState> listeners;
    m_servers.reserve(64);

    for (const auto *gateway : m_gateways) {
        const QString gatewayKey = gateway->ref.qualifiedName();
        const auto &servers = gateway->resource.spec.servers;
        for (int i = 0; i < int(servers.size()); ++i) {
            const Istio::Server &server = servers[i];
            if (!server.port || !server.port->number || !server.port->protocol)
                continue; // structurally broken: already an error diagnostic
            AcceptedServer accepted;
            accepted.server = &server;
            accepted.gateway = gateway;
            accepted.gatewayKey = gatewayKey;
            accepted.ref.gateway = gateway->ref;
            accepted.ref.serverIndex = i;
            accepted.ref.portName = server.port->name.value_or(QString());
            accepted.ref.port = *server.port->number;
            accepted.ref.bind = server.bind.value_or(QString());
            for (const QString &host : server.hosts)
                accepted.ref.hosts << host;

            const Istio::Protocol protocol = *server.port->protocol;
            const Istio::ServerTlsMode mode =
                server.tls ? server.tls->effectiveMode() : Istio::ServerTlsMode::PASSTHROUGH;
            const bool passthrough = mode == Istio::ServerTlsMode::PASSTHROUGH ||
                                     mode == Istio::ServerTlsMode::AUTO_PASSTHROUGH;
            using C = AcceptedServer::Class;
            if (isHttpProtocol(protocol))
                accepted.serverClass = C::PlainHttp;
            else if (protocol == Istio::Protocol::HTTPS)
                accepted.serverClass = passthrough ? C::Passthrough : C::TerminateHttp;
            else if (protocol == Istio::Protocol::TLS)
                accepted.serverClass = passthrough ? C::Passthrough : C::TerminateTcp;
            else if (protocol == Istio::Protocol::UDP) {
                note(Core::Level::Warning, QLatin1String(Core::Codes::NOT_AVAILABLE_OFF_MESH),
                     gateway->ref,
                     QStringLiteral("server %1 (port %2) is UDP, which the gateway does not proxy")
                         .arg(accepted.ref.portName)
                         .arg(accepted.ref.port));
                continue;
            } else
                accepted.serverClass = C::PlainTcp;
            if (mode == Istio::ServerTlsMode::AUTO_PASSTHROUGH ||
                mode == Istio::ServerTlsMode::ISTIO_MUTUAL) {
                if (server.tls && !isHttpProtocol(protocol))
                    note(Core::Level::Warning, QLatin1String(Core::Codes::NOT_AVAILABLE_OFF_MESH),
                         gateway->ref,
                         QStringLiteral(
                             "server %1 uses %2, which only works inside a mesh; the local "
                             "gateway refuses its connections")
                             .arg(accepted.ref.portName, Istio::enumName(mode)));
            }

            const Runtime::Listener::Kind kind = listenerKindFor(accepted.serverClass);
            auto existing =
                std::find_if(listeners.begin(), listeners.end(), [&](const ListenerState &l) {
                    return l.listener.port == accepted.ref.port &&
                           l.listener.bind == accepted.ref.bind;
                });
            if (existing == listeners.end()) {
                ListenerState state;
                state.listener.kind = kind;
                state.listener.port = accepted.ref.port;
                state.listener.bind = accepted.ref.bind;
                listeners.push_back(std::move(state));
                existing = listeners.end() - 1;
            } else if (existing->listener.kind != kind ||
                       kind == Runtime::Listener::Kind::PlainTcp) {
                const bool tlsFirst = existing->listener.kind == Runtime::Listener::Kind::Tls &&
                                      kind == Runtime::Listener::Kind::PlainHttp;
                note(Core::Level::Warning, QLatin1String(Core::Codes::SERVER_PORT_CONFLICT),
                     gateway->ref,
                     QStringLiteral(
                         "server %1 (%2 on port %3) is dropped: the port already carries %4 "
                         "from an earlier server%5")
                         .arg(accepted.ref.portName, describeClass(kind))
                         .arg(accepted.ref.port)
                         .arg(describeClass(existing->listener.kind),
                              tlsFirst ? QStringLiteral(" (Istio's behaviour in this order is "
                                                        "unconfirmed; treat it as undefined)")
                                       : QString()));
                continue;
            }
            if (kind == Runtime::Listener::Kind::Tls) {
                const QStringList hosts = strippedHosts(accepted.ref.hosts);
                QStringList duplicates;
                for (const QString &host : hosts) {
                    if (existing->tlsHosts.contains(host))
                        duplicates << host;
                }
                if (!duplicates.isEmpty()) {
                    note(
                        Core::Level::Warning, QLatin1String(Core::Codes::SERVER_DUPLICATE_HOST),
                        gateway->ref,
                        QStringLiteral("server %1 on port %2 is dropped: host %3 is already served "
                                       "by an earlier TLS server on that port")
                            .arg(accepted.ref.portName)
                            .arg(accepted.ref.port)
                            .arg(duplicates.join(QStringLiteral(", "))));
                    continue;
                }
                for (const QString &host : hosts)
                    existing->tlsHosts.insert(host);
            }
            accepted.shared = std::make_shared<const Runtime::ServerRef>(accepted.ref);
            m_servers.push_back(accepted);
            existing->listener.servers.push_back(accepted.shared);
        }
    }

    // Route tables and chains, now that every server is placed. m_servers no longer grows, so
    // pointers into it stay valid.
    for (ListenerState &state : listeners) {
        Runtime::Listener &listener = state.listener;
        std::vector<const AcceptedServer *> servers;
        for (const AcceptedServer &server : m_servers) {
            if (server.ref.port == listener.port && server.ref.bind == listener.bind)
                servers.push_back(&server);
        }
        const QString bindSuffix =
            listener.bind.isEmpty() ? QString() : QLatin1Char('.') + listener.bind;
        if (listener.kind == Runtime::Listener::Kind::PlainHttp) {
            Runtime::RouteTable table;
            table.name = QStringLiteral("http.%1%2").arg(listener.port).arg(bindSuffix);
            buildRouteTable(table, servers);
            listener.routeTable = int(m_config->routeTables.size());
            m_config->routeTables.push_back(std::move(table));
        } else if (listener.kind == Runtime::Listener::Kind::PlainTcp) {
            listener.tcp = tcpRouteFor(*servers.front());
        } else {
            for (const AcceptedServer *server : servers) {
                if (server->serverClass == AcceptedServer::Class::Passthrough) {
                    addPassthroughChains(listener, *server, state.sniNames);
                    continue;
                }
                Runtime::FilterChain chain;
                chain.server = server->shared;
                chain.tls = server->server->tls.value_or(Istio::ServerTlsSettings{});
                const QStringList hosts = strippedHosts(server->ref.hosts);
                if (!hosts.contains(QStringLiteral("*")))
                    chain.serverNames = hosts;
                if (server->serverClass == AcceptedServer::Class::TerminateHttp) {
                    chain.kind = Runtime::FilterChain::Kind::TerminateHttp;
                    Runtime::RouteTable table;
                    table.name = QStringLiteral("https.%1.%2.%3.%4%5")
                                     .arg(listener.port)
                                     .arg(server->ref.portName, server->gateway->ref.name,
                                          server->gateway->ref.nameSpace, bindSuffix);
                    buildRouteTable(table, {server});
                    chain.routeTable = int(m_config->routeTables.size());
                    m_config->routeTables.push_back(std::move(table));
                } else {
                    chain.kind = Runtime::FilterChain::Kind::TerminateTcp;
                    chain.tcp = tcpRouteFor(*server);
                }
                listener.chains.push_back(std::move(chain));
            }
        }
        for (Runtime::FilterChain &chain : listener.chains)
            chain.description = chain.describe();
        listener.label = listener.name();
        m_config->listeners.push_back(std::move(listener));
    }
}

void Compiler::buildRouteTable(Runtime::RouteTable &table,
                               const std::vector<const AcceptedServer *> &servers)
{
    // Domains in the order they first appear, each with the VirtualServices that reach it.
    struct DomainState {
        Runtime::VirtualHost host;
        std::vector<const BoundVirtualService *> virtualServices;
        std::vector<const AcceptedServer *> serversOfVirtualService; // parallel
    };
    std::vector<DomainState> domains;
    QHash<QString, int> index;
    auto domainFor = [&](const QString &domain) -> DomainState & {
        auto it = index.constFind(domain);
        if (it == index.constEnd()) {
            DomainState state;
            state.host.domain = domain;
            state.host.name = QStringLiteral("%1:%2").arg(domain).arg(servers.front()->ref.port);
            index.insert(domain, int(domains.size()));
            domains.push_back(std::move(state));
            return domains.back();
        }
        return domains[*it];
    };
    auto addServer = [](DomainState &state, const AcceptedServer *server) {
        const bool known = std::find(state.host.servers.begin(), state.host.servers.end(),
                                     server->shared) != state.host.servers.end();
        if (!known)
            state.host.servers.push_back(server->shared);
    };

    for (const AcceptedServer *server : servers) {
        for (const BoundVirtualService *vs : virtualServicesFor(*server)) {
            if (vs->input->resource.spec.http.empty())
                continue; // tcp/tls-only VirtualServices add no virtual host
            const QStringList serverHosts = serverHostsFor(*server, vs->nameSpace);
            for (const QString &vsHost : vs->hosts) {
                for (const QString &serverHost : serverHosts) {
                    const std::optional<QString> domain = intersectHosts(serverHost, vsHost);
                    if (!domain)
                        continue;
                    DomainState &state = domainFor(*domain);
                    addServer(state, server);
                    if (std::find(state.virtualServices.begin(), state.virtualServices.end(), vs) ==
                        state.virtualServices.end()) {
                        state.virtualServices.push_back(vs);
                        state.serversOfVirtualService.push_back(server);
                    }
                }
            }
        }
    }
    // httpsRedirect: the server's own hosts get a vhost even without a VirtualService, and the
    // redirect covers every vhost whose domain one of its hosts covers.
    for (const AcceptedServer *server : servers) {
        if (!server->server->tls || !server->server->tls->httpsRedirect.value_or(false) ||
            server->serverClass != AcceptedServer::Class::PlainHttp)
            continue;
        for (const QString &host : strippedHosts(server->ref.hosts))
            addServer(domainFor(host), server);
        for (DomainState &state : domains) {
            for (const QString &host : strippedHosts(server->ref.hosts)) {
                if (isHostSubset(state.host.domain, host)) {
                    state.host.requireTls = true;
                    addServer(state, server);
                }
            }
        }
    }

    // VirtualServices are merged in order (export group, creation); the vector is already in
    // that order, and each domain kept it. Catch-all routes move to the end.
    for (DomainState &state : domains) {
        std::vector<const BoundVirtualService *> ordered = state.virtualServices;
        std::vector<Runtime::HttpRoute> routes;
        for (std::size_t i = 0; i < ordered.size(); ++i) {
            std::vector<Runtime::HttpRoute> fromVs =
                httpRoutesFor(*ordered[i], *state.serversOfVirtualService[i]);
            state.host.virtualServices << ordered[i]->input->ref.qualifiedName();
            for (Runtime::HttpRoute &route : fromVs)
                routes.push_back(std::move(route));
        }
        std::stable_partition(routes.begin(), routes.end(),
                              [](const Runtime::HttpRoute &route) { return !route.catchAll; });
        state.host.routes = std::move(routes);
        table.virtualHosts.push_back(std::move(state.host));
    }
    if (table.virtualHosts.empty()) {
        Runtime::VirtualHost blackhole;
        blackhole.name = QStringLiteral("blackhole:%1").arg(servers.front()->ref.port);
        blackhole.domain = QStringLiteral("*");
        table.virtualHosts.push_back(std::move(blackhole));
        table.blackhole = true;
    }
    table.buildIndex();
}

std::shared_ptr<const Runtime::Config> compile(const Inputs &inputs, const CompileOptions &options)
{
    Compiler compiler(inputs, options);
    return compiler.run();
}

} // namespace Compile
