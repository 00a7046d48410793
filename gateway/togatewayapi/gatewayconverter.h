#pragma once

#include "context.h"
#include "conversion.h"

namespace ToGatewayApi {

// Istio Gateway → Gateway API Gateway of the configured class (semantics doc §2, §8): one
// listener per server and host, named after the server's port, with the server host's
// namespace part as allowedRoutes, TLS modes and credentials as listener TLS. Reports what
// has no listener equivalent (selector, bind, client verification, file certificates, ...).
class GatewayConverter {
public:
    explicit GatewayConverter(Context &context) : m_context(context) {}

    // Plans the listeners, adds the plan to the context and returns the Gateway object.
    OutputObject convert(const Source &source, const Istio::Gateway &gateway);

    // The HTTPRoutes that stand in for the plan's httpsRedirect servers: a RequestRedirect to
    // https with 301 on the plaintext listeners (Gateway API has no listener-level flag).
    std::vector<OutputObject> httpsRedirectRoutes(const GatewayPlan &plan);

private:
    void planServer(GatewayPlan &plan, int index, const Istio::Server &server);
    YAML::Node tlsNode(const GatewayPlan &plan, int index, const Istio::Server &server,
                       bool terminate);
    void reportTlsSettings(const GatewayPlan &plan, const QString &path,
                           const Istio::ServerTlsSettings &tls);
    void checkConflicts(const GatewayPlan &plan);
    YAML::Node listenerNode(const ListenerPlan &listener, const YAML::Node &tls) const;

    Context &m_context;
    NameRegistry m_listenerNames;
    std::vector<YAML::Node> m_listenerNodes;
};

} // namespace ToGatewayApi
