#pragma once

// Internals shared by the compiler's translation units.

#include "compileoptions.h"
#include "compiler.h"
#include "inputs.h"
#include "runtime/config.h"

#include <QSet>

namespace Compile {

// A VirtualService with everything the binding rules need worked out once.
struct BoundVirtualService {
    const Input<Istio::VirtualService> *input = nullptr;
    Runtime::SourcePtr source;
    QString nameSpace;
    QStringList hosts;      // expanded, lower-case
    QSet<QString> gateways; // "ns/name"; "mesh" for the mesh
    int exportGroup = 0;    // 1..3 in merge order; 0: not visible to the gateway workload
    bool rejected = false;  // admission would reject it (invalid regex): never bound

    bool bindsGateway(const QString &gateway) const { return gateways.contains(gateway); }
};

// A server accepted onto a listener, with its class.
struct AcceptedServer {
    enum class Class { PlainHttp, TerminateHttp, Passthrough, TerminateTcp, PlainTcp };
    Class serverClass = Class::PlainHttp;
    Runtime::ServerRef ref;
    Runtime::ServerPtr shared; // the same, as the runtime config holds it
    const Istio::Server *server = nullptr;
    const Input<Istio::Gateway> *gateway = nullptr;
    QString gatewayKey; // "ns/name"
};

class Compiler {
public:
    Compiler(const Inputs &inputs, const CompileOptions &options);
    std::shared_ptr<const Runtime::Config> run();

    // httproutes.cpp
    std::vector<Runtime::HttpRoute> httpRoutesFor(const BoundVirtualService &vs,
                                                  const AcceptedServer &server);
    // l4routes.cpp
    std::optional<Runtime::TcpRoute> tcpRouteFor(const AcceptedServer &server);
    void addPassthroughChains(Runtime::Listener &listener, const AcceptedServer &server,
                              QSet<QString> &usedNames);
    Runtime::TcpRoute tcpRoute(const BoundVirtualService &vs, const QString &label,
                               const std::vector<Istio::RouteDestination> &destinations,
                               quint32 listenerPort) const;

    // `listenerPort`: what Istio falls back to when the destination names no port and the
    // Service has several.
    Runtime::Cluster cluster(const Istio::Destination &destination, const QString &vsNamespace,
                             quint32 listenerPort) const;
    // Gateway API semantics: when the workspace has Services, a Service host it does not define
    // is an invalid backend, whose cluster does not exist (answered 500).
    void checkGatewayBackend(Runtime::Cluster &cluster) const;
    void note(Core::Level level, const QString &code, const Runtime::SourceRef &about,
              const QString &message);
    QStringList serverHostsFor(const AcceptedServer &server, const QString &vsNamespace) const;
    std::vector<const BoundVirtualService *> virtualServicesFor(const AcceptedServer &server) const;

private:
    void prepareVirtualServices();
    void prepareSubsets();
    void buildListeners();
    void collectClusters();
    void buildRouteTable(Runtime::RouteTable &table,
                         const std::vector<const AcceptedServer *> &servers);

    const Inputs &m_inputs;
    CompileOptions m_options;
    QString m_workloadNamespace;
    QHash<QString, QString> m_workloadLabels;
    std::vector<const Input<Istio::Gateway> *> m_gateways;
    std::vector<BoundVirtualService> m_virtualServices;   // in creation order
    QHash<QString, const BoundVirtualService *> m_byName; // "ns/name"
    QHash<QString, QSet<QString>> m_subsets;              // exact host → subset names
    QHash<QString, QSet<QString>> m_wildcardSubsets;      // "*..." host → subset names
    QHash<QString, QList<quint32>> m_servicePorts;        // service FQDN → its ports
    std::vector<AcceptedServer> m_servers;
    std::shared_ptr<Runtime::Config> m_config;

public:
    // Config-time match conditions against the gateway workload (§3.3 sourceLabels).
    bool sourceMatches(const Istio::Labels &labels, const std::optional<QString> &nameSpace) const;
};

} // namespace Compile
