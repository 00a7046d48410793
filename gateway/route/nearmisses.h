#pragma once

#include "decision.h"
#include "request.h"

namespace Route {

// Why the candidates that came before the decision lost: the routes of the chosen virtual host
// before the one that matched (all of them when none did), or, when no domain matched, the
// virtual hosts of the route table closest to the Host. Each with the first condition that
// failed. Walks the config again, so it costs nothing unless asked: the proxy never calls it;
// `gatehouse trace`, the Request Tester and the Traffic dock do.
std::vector<NearMiss> nearMisses(const Runtime::Config &config, const Request &request,
                                 const Decision &decision);

// decide() with its trace and near misses: the decision as a person reads it.
Decision decideExplained(const Runtime::Config &config, const Request &request);

} // namespace Route
