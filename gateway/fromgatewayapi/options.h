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

    // The host istiod gives a Service name, dotted or not (unlike a VirtualService's short-name
    // expansion, a Service reference always gets the suffix).
    QString serviceHost(const QString &name, const QString &nameSpace) const
    {
        return QStringLiteral("%1.%2.svc.%3").arg(name, nameSpace, domainSuffix);
    }
};

} // namespace FromGatewayApi
