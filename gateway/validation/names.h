#pragma once

#include <QString>

// The name and value syntaxes Istio's admission webhook checks (semantics doc §6). Each
// check returns an empty string when the value is valid, else the webhook's reason.
namespace Validation::Names {

bool isDns1123Label(const QString &value);     // "reviews", at most 63 characters
bool isDns1123Subdomain(const QString &value); // dot-separated labels, at most 253 characters
bool isIpAddress(const QString &value);        // IPv4 or IPv6, no prefix length
bool isCidrOrIp(const QString &value);

// "*", "*.example.com", "*example.com" (a prefix wildcard in the first label) or a plain
// domain; `domain name "x" invalid (label "y" invalid)` and friends otherwise.
QString checkWildcardDomain(const QString &host);
// Like checkWildcardDomain but also accepts an IP address.
QString checkWildcardDomainOrIp(const QString &host);

// RFC 7230 token (what Envoy accepts as a header name), or an HTTP/2 pseudo-header.
bool isHeaderName(const QString &name);
// `@request.auth.claims.x` or `@request.auth.claims[x][y]` (JWT claim routing, gateway only).
bool isJwtClaimHeader(const QString &name);
// Control characters are forbidden; `%` must introduce a valid Envoy substitution.
QString checkHeaderValue(const QString &value);

// Kubernetes label key ("prefix/name") and value syntax.
QString checkLabel(const QString &key, const QString &value);

} // namespace Validation::Names
