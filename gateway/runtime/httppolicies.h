#pragma once

#include "stringmatcher.h"

#include <QList>
#include <QString>
#include <optional>
#include <vector>

// The retry and CORS settings of one route, compiled from the VirtualService into what the data
// path needs: flags and numbers instead of comma lists and durations.
namespace Runtime {

struct RetryPolicy {
    // Envoy retry_on conditions that mean something for an HTTP/1.1 upstream.
    enum Condition : unsigned {
        ServerError = 1u << 0,          // 5xx: any 5xx status, a reset, a connect failure, timeout
        GatewayError = 1u << 1,         // gateway-error: 502, 503, 504 and connect failures
        Reset = 1u << 2,                // reset: disconnect/reset/per-try timeout before headers
        ConnectFailure = 1u << 3,       // connect-failure
        RetriableStatusCodes = 1u << 4, // retriable-status-codes: `statusCodes`
        Retriable4xx = 1u << 5,         // retriable-4xx: 409
    };
    int attempts = 2; // retries, not tries: at most 1 + attempts requests
    unsigned conditions = ConnectFailure | RetriableStatusCodes;
    QList<int> statusCodes;
    std::optional<qint64> perTryTimeoutMs;
    qint64 backoffBaseMs = 25;
    bool isDefault = true; // Istio's policy for a route without `retries`

    bool has(Condition condition) const { return (conditions & condition) != 0; }
    // "2 retries on connect-failure,retriable-status-codes (Istio's default)".
    QString describe() const;
};

struct CorsFilter {
    std::vector<StringMatcher> origins; // allowOrigins, plus the deprecated exact allowOrigin
    bool anyOrigin = false;             // an exact "*"
    QString allowMethods;               // joined with ","
    QString allowHeaders;
    QString exposeHeaders;
    QString maxAgeSeconds; // "" when unset
    bool allowCredentials = false;
    bool forwardUnmatchedPreflights = true; // unmatchedPreflights UNSPECIFIED or FORWARD

    bool allows(QStringView origin) const;
};

} // namespace Runtime
