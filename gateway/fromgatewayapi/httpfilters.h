#pragma once

#include "model/virtualservice.h"
#include "routemodel.h"

// Gateway API filters and rule policies → the fields of an Istio HTTPRoute, as istiod's
// conversion writes them (semantics doc §8).
namespace FromGatewayApi {

// A duration as protobuf JSON prints it ("0.001s", "1.500s", "50s"), which is how istiod's
// generated resources carry durations.
Istio::Duration protoDuration(qint64 nanoseconds);

// RequestHeaderModifier / ResponseHeaderModifier: names lower-cased, the first of repeated
// names wins, as the API says.
Istio::HeaderOperations headerOperations(const HeaderFilter &filter);

// RequestRedirect: without a port, the request's port is kept when no scheme is set
// (FROM_REQUEST_PORT) and the scheme's default is used when one is (FROM_PROTOCOL_DEFAULT);
// ReplaceFullPath → uri, ReplacePrefixMatch → prefixRewrite.
Istio::HTTPRedirect redirect(const RedirectFilter &filter);

// URLRewrite: hostname → authority; ReplacePrefixMatch → uri (a trailing "/" dropped, "" → "/");
// ReplaceFullPath → uriRegexRewrite {match "/.*"}. nullopt when it changes nothing.
std::optional<Istio::HTTPRewrite> rewrite(const RewriteFilter &filter);

// RequestMirror's share: fraction (denominator 100 when unset), else percent, else unset
// (everything is mirrored).
std::optional<Istio::Percent> mirrorPercentage(const MirrorFilter &filter);

// CORS: "*" and origins with a wildcard become regexes, others exact matches; unmatched
// preflights are not forwarded (IGNORE), as Gateway API asks.
Istio::CorsPolicy corsPolicy(const CorsFilter &filter);

// retry: attempts default to 2; retryOn is Envoy's connection failures plus the codes.
Istio::HTTPRetry retries(const RouteRetry &retry);

// timeouts.request → timeout; timeouts.backendRequest → the per-try timeout when retries are
// set, else the timeout. "0s" (disabled) sets nothing.
void applyTimeouts(const RouteTimeouts &timeouts, Istio::HTTPRoute &route);

} // namespace FromGatewayApi
