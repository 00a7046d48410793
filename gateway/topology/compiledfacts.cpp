#include "compiledfacts.h"

namespace Topology {

CompiledFacts readCompiledFacts(const Runtime::Config &config)
{
    CompiledFacts compiled;
    for (const Runtime::Listener &listener : config.listeners) {
        for (const Runtime::ServerPtr &server : listener.servers)
            compiled.placedServers.insert(
                serverKey(server->gateway.qualifiedName(), server->serverIndex));
        if (listener.tcp)
            compiled.addTcp(listener.servers, *listener.tcp);
        for (const Runtime::FilterChain &chain : listener.chains) {
            if (chain.tcp)
                compiled.addTcp({chain.server}, *chain.tcp);
        }
    }
    for (const Runtime::RouteTable &table : config.routeTables) {
        for (const Runtime::VirtualHost &vhost : table.virtualHosts) {
            for (const Runtime::ServerPtr &server : vhost.servers) {
                for (const QString &vs : vhost.virtualServices)
                    compiled.bind(server, vs);
            }
            for (const Runtime::HttpRoute &route : vhost.routes) {
                const QString root = route.virtualService->qualifiedName();
                if (!route.delegate) {
                    compiled.addRoute(routeKey(root, route.indexLabel), route.clusters);
                    continue;
                }
                // The root's rule only hands over; the clusters belong to the delegate's rule.
                compiled.addRoute(routeKey(root, route.indexLabel), {});
                const QString delegate = route.delegate->qualifiedName();
                compiled.delegates.insert(delegate);
                compiled.addRoute(
                    routeKey(delegate, QStringLiteral("http[%1]").arg(route.delegateIndex)),
                    route.clusters);
            }
        }
    }
    return compiled;
}

} // namespace Topology
