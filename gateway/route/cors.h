#pragma once

#include "request.h"
#include "runtime/httppolicies.h"
#include "tracer.h"

// Envoy's CORS filter as Istio's gateway runs it: after route selection, before fault injection
// and the router, so a preflight is answered even on a redirect or faulty route.
namespace Route {

using HeaderList = std::vector<std::pair<QString, QString>>;

// A preflight (OPTIONS with Origin and Access-Control-Request-Method) from an allowed origin is
// answered by the gateway: fills `decision` (200, CORS headers) and returns true. A preflight
// from another origin is forwarded, or answered 200 without CORS headers when the policy says
// IGNORE.
bool answerPreflight(const Runtime::CorsFilter &cors, const Request &request, Decision &decision,
                     Tracer &tracer);

// On any other response to a request from an allowed origin: allow-origin, allow-credentials
// and expose-headers are added to `responseHeaders`.
void addCorsResponseHeaders(const Runtime::CorsFilter &cors, const Request &request,
                            HeaderList &responseHeaders);

} // namespace Route
