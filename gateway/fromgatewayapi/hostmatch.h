#pragma once

#include <QString>

// istiod's host name relations (pkg/config/host), as the Gateway API translation uses them to
// attach routes to listeners. "*" and "*.suffix" are wildcards.
namespace FromGatewayApi {

// The two names overlap: equal, or one wildcard covers (part of) the other. Symmetric.
bool hostsOverlap(const QString &a, const QString &b);

// Every name `a` stands for is also covered by `b`.
bool hostSubsetOf(const QString &a, const QString &b);

} // namespace FromGatewayApi
