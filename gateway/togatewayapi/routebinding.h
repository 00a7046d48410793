#pragma once

#include "context.h"

#include <yaml-cpp/yaml.h>

namespace ToGatewayApi {

// How one VirtualService binds to the generated Gateways (semantics doc §3.1, §4.1): its
// resolved gateway references, exportTo visibility, hostnames, and for a set of conditions
// (port, listener protocol) the parentRefs that attach a route to exactly the listeners Istio
// would have used. Reports unknown Gateways and exportTo once per VirtualService.
class RouteBinding {
public:
    enum class Kind { Http, TlsPassthrough, Tcp };

    RouteBinding(Context &context, const VirtualServiceSource &vs);

    // "ns/name" of each Gateway the VirtualService names ("mesh" left out).
    const QStringList &gateways() const { return m_gateways; }
    bool bindsMesh() const { return m_mesh; }
    // Resolves per-match gateway overrides the same way; "mesh" left out.
    QStringList resolve(const Istio::StringList &references) const;

    // The route's hostnames: expanded, lower-cased, without IP addresses; empty means any.
    // Reports what it changes (once).
    QStringList hostnames();

    struct Attachment {
        YAML::Node parentRefs; // a sequence
        QStringList vhosts;    // "<gateway> port <n> [listener <l>] host <h>", for precedence
        int listeners = 0;     // how many listeners of known Gateways it reaches
    };
    // Attaches routes of `kind` with `hosts` (empty: any) to Gateway `reference`, limited to
    // listeners on `port` (0: any) and of `protocol` ("": any).
    Attachment attach(const QString &reference, Kind kind, const QStringList &hosts,
                      quint32 port = 0, const QString &protocol = QString());

    // Whether Istio let the VirtualService bind to the Gateway (exportTo, read in the
    // namespace of its pods); reports when not.
    bool visibleTo(const GatewayPlan &plan);

private:
    Context &m_context;
    const VirtualServiceSource &m_vs;
    QStringList m_gateways;
    bool m_mesh = false;
    std::optional<QStringList> m_hostnames;
    QStringList m_reportedGateways;
};

} // namespace ToGatewayApi
