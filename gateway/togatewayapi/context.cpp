#include "context.h"

namespace ToGatewayApi {

bool ListenerPlan::allowsNamespace(const QString &routeNamespace,
                                   const QString &gatewayNamespace) const
{
    switch (from) {
    case From::All:
        return true;
    case From::Same:
        return routeNamespace == gatewayNamespace;
    case From::Selector:
        break;
    }
    return namespaces.contains(routeNamespace);
}

bool ListenerPlan::carriesHttp() const
{
    return protocol == QLatin1String("HTTP") || protocol == QLatin1String("HTTPS");
}

bool ListenerPlan::carriesPassthrough() const
{
    return protocol == QLatin1String("TLS") && !terminate;
}

bool ListenerPlan::carriesTcp() const
{
    return protocol == QLatin1String("TCP") || (protocol == QLatin1String("TLS") && terminate);
}

const GatewayPlan *Context::gateway(const QString &reference) const
{
    for (const GatewayPlan &plan : gateways) {
        if (plan.reference == reference)
            return &plan;
    }
    return nullptr;
}

QString Context::claimObjectName(const QString &kind, const QString &nameSpace,
                                 const QString &wanted)
{
    return objectNames.claim(kind + QLatin1Char('/') + nameSpace,
                             toDnsSubdomain(wanted, kind.toLower()), 253);
}

} // namespace ToGatewayApi
