#pragma once

#include "backendresolver.h"
#include "context.h"
#include "conversion.h"
#include "routebinding.h"

namespace ToGatewayApi {

// VirtualService tls[] → TLSRoutes and tcp[] → TCPRoutes (semantics doc §3.9, §8).
//
// TLS passthrough: each tls[] match is its own SNI route, as Istio builds one filter chain per
// match. TCP: Istio gives each TCP server the first tcp[] route (over VirtualServices in
// order) whose match passes; the same choice is made here, and only that route is attached to
// the server's listener, so Gateway API cannot pick another one.
class L4RouteBuilder {
public:
    L4RouteBuilder(Context &context, BackendResolver &backends)
        : m_context(context), m_backends(backends)
    {}

    void convertTls(const VirtualServiceSource &vs, RouteBinding &binding,
                    std::vector<OutputObject> &routes);

    // `bindings` parallel to `virtualServices`, both in Istio's order.
    void convertTcp(const std::vector<VirtualServiceSource> &virtualServices,
                    const std::vector<RouteBinding *> &bindings,
                    std::vector<OutputObject> &tcpRoutes, std::vector<OutputObject> &tlsRoutes);

private:
    YAML::Node backendRefs(const std::vector<Istio::RouteDestination> &destinations,
                           const QString &routeKind, const Source &source, const QString &path);
    OutputObject route(const QString &kind, const Source &source, const YAML::Node &parentRefs,
                       const QStringList &hostnames, const YAML::Node &backendRefs);
    template <class Match>
    void reportIgnored(const Match &match, const Source &source, const QString &path);

    Context &m_context;
    BackendResolver &m_backends;
};

} // namespace ToGatewayApi
