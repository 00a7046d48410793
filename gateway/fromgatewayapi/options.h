#pragma once

#include <QString>

namespace FromGatewayApi {

// The istiod settings the translation depends on.
struct Options {
    // Cluster domain of generated hosts: <service>.<namespace>.svc.<domainSuffix>.
    QString domainSuffix = QStringLiteral("cluster.local");
    // The GatewayClass istiod installs on its own (PILOT_GATEWAY_API_DEFAULT_GATEWAYCLASS_NAME);
    // it needs no GatewayClass document in the workspace.
    QString defaultGatewayClass = QStringLiteral("istio");
    // The controller istiod answers for (PILOT_GATEWAY_API_CONTROLLER_NAME).
    QString controllerName = QStringLiteral("istio.io/gateway-controller");
};

} // namespace FromGatewayApi
