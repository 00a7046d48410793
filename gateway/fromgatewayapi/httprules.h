#pragma once

#include "backends.h"
#include "inputs.h"

namespace FromGatewayApi {

// The Istio routes istiod generates for one HTTPRoute: one per match of each rule (a rule
// without matches gives one route without match), named after the rule ("<ns>.<route>.<rule
// index>" when it has no name), in rule order. nullopt when istiod rejects the route as a whole
// (an unsupported filter, a backendRef without port, ...); every problem is reported in `out`.
std::optional<std::vector<Istio::HTTPRoute>> convertHttpRules(const Read<HttpRoute> &route,
                                                              const BackendContext &context,
                                                              Core::Diagnostics &out);

// The same for a GRPCRoute: service/method matches become path matches on /<service>/<method>.
std::optional<std::vector<Istio::HTTPRoute>> convertGrpcRules(const Read<GrpcRoute> &route,
                                                              const BackendContext &context,
                                                              Core::Diagnostics &out);

// The Istio destinations of a rule's backendRefs (weights as istiod writes them). nullopt when
// a backend makes istiod reject the route. `path` is the rule's field path.
std::optional<std::vector<Istio::RouteDestination>>
convertL4Backends(const SourceInfo &source, const QString &path,
                  const std::vector<BackendRef> &backends, const BackendContext &context,
                  Core::Diagnostics &out);

} // namespace FromGatewayApi
