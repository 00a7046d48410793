#pragma once

#include "decision.h"
#include "request.h"

namespace Route {

// The one routing decision of Gatehouse: pure, no sockets, no clock. The proxy, `gatehouse
// trace`, `gatehouse test` and the request tester all call it. With `withTrace` false the trace
// is not built (the proxy's fast path).
Decision decide(const Runtime::Config &config, const Request &request, bool withTrace = true);

// Header set/add/remove on a list of lower-case (name, value) pairs, as Envoy applies a route's
// or a destination's operations: set replaces, add appends to an existing value, then removes.
void applyHeaderOperations(std::vector<std::pair<QString, QString>> &headers,
                           const Runtime::HeaderOperations &ops);

// Exposed for tests: RFC 3986 dot-segment removal on the path part (the query is untouched).
QString normalizePath(const QString &pathAndQuery);

} // namespace Route
