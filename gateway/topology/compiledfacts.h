#pragma once

#include "runtime/config.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <algorithm>
#include <vector>

namespace Topology {

// Keys shared by the builder and the facts: "ns/gw#2" for a server, "ns/vs http[1]" for a rule.
inline QString serverKey(const QString &gateway, int index)
{
    return gateway + QLatin1Char('#') + QString::number(index);
}

inline QString routeKey(const QString &virtualService, const QString &indexLabel)
{
    return virtualService + QLatin1Char(' ') + indexLabel;
}

// What the compiled config says about the inputs: the only source of connections and states.
struct CompiledFacts {
    QSet<QString> placedServers;                   // "ns/gw#index"
    QList<std::pair<QString, QString>> serverToVs; // (server key, "ns/vs"), first-seen order
    QSet<QString> delegates;                       // "ns/vs" used as a delegate
    QHash<QString, std::vector<Runtime::Cluster>> routeClusters; // route key → clusters
    QHash<QString, std::vector<quint32>> routeWeights;
    QSet<QString> routes; // every route key the compiler built something from

    void bind(const Runtime::ServerPtr &server, const QString &vs)
    {
        if (!server)
            return;
        const auto pair =
            std::make_pair(serverKey(server->gateway.qualifiedName(), server->serverIndex), vs);
        if (!serverToVs.contains(pair))
            serverToVs.append(pair);
    }
    void addRoute(const QString &key, const std::vector<Runtime::WeightedCluster> &clusters)
    {
        // One runtime route per match block and vhost. Their clusters can differ (a destination
        // without a port takes the listener's port when its Service has several), so every
        // distinct one is kept.
        routes.insert(key);
        std::vector<Runtime::Cluster> &known = routeClusters[key];
        for (const Runtime::WeightedCluster &weighted : clusters) {
            const QString name = weighted.cluster.describe();
            if (std::none_of(known.begin(), known.end(), [&](const Runtime::Cluster &cluster) {
                    return cluster.describe() == name;
                })) {
                known.push_back(weighted.cluster);
                routeWeights[key].push_back(weighted.weight);
            }
        }
    }
    void addTcp(const std::vector<Runtime::ServerPtr> &servers, const Runtime::TcpRoute &tcp)
    {
        if (!tcp.virtualService)
            return;
        const QString vs = tcp.virtualService->qualifiedName();
        for (const Runtime::ServerPtr &server : servers)
            bind(server, vs);
        addRoute(routeKey(vs, tcp.label), tcp.clusters);
    }
};

// Reads the connections and what was built out of a compiled config.
CompiledFacts readCompiledFacts(const Runtime::Config &config);

} // namespace Topology
