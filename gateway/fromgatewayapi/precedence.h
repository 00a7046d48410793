#pragma once

#include "model/virtualservice.h"

#include <vector>

namespace FromGatewayApi {

// Orders generated routes by Gateway API precedence (semantics doc §8), as istiod does before
// handing them to Envoy's first-match: routes without a match last; then by the first match's
// path type (Exact > PathPrefix > RegularExpression), longer path first, a method match first,
// more header matches, more query parameter matches. Stable: ties keep their order, which is
// the routes' creation order and the rules' order within a route.
void sortByPrecedence(std::vector<Istio::HTTPRoute> &routes);

// Whether `a` goes before `b` (strictly).
bool precedes(const Istio::HTTPRoute &a, const Istio::HTTPRoute &b);

} // namespace FromGatewayApi
