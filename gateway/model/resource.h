#pragma once

#include "destinationrule.h"
#include "gateway.h"
#include "virtualservice.h"

#include <variant>

namespace Istio {

enum class ResourceKind { Other, Gateway, VirtualService, DestinationRule };

// A typed Istio resource, or monostate for every other kind (kept as an opaque document).
using Resource = std::variant<std::monostate, Gateway, VirtualService, DestinationRule>;

inline constexpr const char *NETWORKING_GROUP = "networking.istio.io";

// Versions of networking.istio.io with the (identical) schemas modelled here.
bool isModelledNetworkingVersion(const QString &apiVersion);

// Which typed kind a document of this apiVersion and kind is; Other for anything else,
// including the Kubernetes Gateway API's gateway.networking.k8s.io/Gateway.
ResourceKind modelledKind(const QString &apiVersion, const QString &kind);

QString kindName(ResourceKind kind);
ResourceKind kindOf(const Resource &resource);
const ObjectMeta *metadataOf(const Resource &resource);

} // namespace Istio
