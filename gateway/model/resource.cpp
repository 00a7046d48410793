#include "resource.h"

#include <QStringList>

namespace Istio {

bool isModelledNetworkingVersion(const QString &apiVersion)
{
    static const QStringList versions{QStringLiteral("networking.istio.io/v1"),
                                      QStringLiteral("networking.istio.io/v1beta1"),
                                      QStringLiteral("networking.istio.io/v1alpha3")};
    return versions.contains(apiVersion);
}

ResourceKind modelledKind(const QString &apiVersion, const QString &kind)
{
    if (!isModelledNetworkingVersion(apiVersion))
        return ResourceKind::Other;
    if (kind == QLatin1String("Gateway"))
        return ResourceKind::Gateway;
    if (kind == QLatin1String("VirtualService"))
        return ResourceKind::VirtualService;
    if (kind == QLatin1String("DestinationRule"))
        return ResourceKind::DestinationRule;
    return ResourceKind::Other;
}

QString kindName(ResourceKind kind)
{
    switch (kind) {
    case ResourceKind::Gateway:
        return QStringLiteral("Gateway");
    case ResourceKind::VirtualService:
        return QStringLiteral("VirtualService");
    case ResourceKind::DestinationRule:
        return QStringLiteral("DestinationRule");
    case ResourceKind::Other:
        break;
    }
    return QString();
}

ResourceKind kindOf(const Resource &resource)
{
    return static_cast<ResourceKind>(resource.index());
}

const ObjectMeta *metadataOf(const Resource &resource)
{
    return std::visit(
        [](const auto &value) -> const ObjectMeta * {
            if constexpr (requires { value.metadata; })
                return &value.metadata;
            else
                return nullptr;
        },
        resource);
}

} // namespace Istio
