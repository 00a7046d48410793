#pragma once

#include "lossreport.h"
#include "matchoverlap.h"

#include <QStringList>
#include <vector>

namespace ToGatewayApi {

// One Gateway API match of a generated rule: where it came from in the VirtualService, where
// Istio placed it in the first-match order, and where Gateway API will.
struct PrecedenceUnit {
    // Istio's order within a virtual host (semantics doc §3.10): VirtualServices in merge
    // order, routes in their order; catch-alls move to the end, and what follows a
    // VirtualService's first catch-all is never reached.
    enum class Phase { Ordered, CatchAll, Unreachable };

    GatewayMatch match;
    Source vs;
    int httpIndex = 0;
    int matchIndex = -1; // -1: the route has no match
    QString routeName;   // the Istio route's name, when it has one
    int vsOrder = 0;
    Phase phase = Phase::Ordered;
    // Gateway API's last tie-breakers: creation order of the HTTPRoute (its position in the
    // output), then rule and match position.
    int routeOrder = 0;
    int ruleIndex = 0;
    int gatewayMatchIndex = 0;
    // The virtual hosts the match is evaluated in: "<gateway>/<listener> <hostname>".
    QStringList vhosts;
};

// Reports every pair of Istio routes whose first-match order Gateway API precedence (§8:
// Exact > PathPrefix > RegularExpression, longer path, method, more headers, more query
// parameters, then creation time) reverses in some virtual host, where a request can match
// both: the earlier route would lose requests to the later one, or a route shadowed in Istio
// becomes reachable.
void checkPrecedence(const std::vector<PrecedenceUnit> &units, LossReport &report);

// Gateway API's order: true when `a` is evaluated before `b`.
bool gatewayApiBefore(const PrecedenceUnit &a, const PrecedenceUnit &b);
// Istio's first-match order within one virtual host.
bool istioBefore(const PrecedenceUnit &a, const PrecedenceUnit &b);

} // namespace ToGatewayApi
