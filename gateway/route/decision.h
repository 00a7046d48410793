#pragma once

#include "runtime/config.h"

#include <QStringList>
#include <optional>
#include <vector>

namespace Route {

// One step of a decision: what was looked for, what was chosen, and the candidates that lost
// with the reason each one lost.
struct TraceStep {
    QString stage;   // "listener", "filter chain", "virtual host", "route", ...
    QString outcome; // what was chosen, or why nothing was
    QStringList candidates;
};

// A candidate that lost, with the first condition that failed, phrased for a person: "route
// http[0] 'v1-only'" / "header end-user: exact \"jason\" ≠ (absent)". Computed only on request
// (Route::nearMisses), never on the proxy's path.
struct NearMiss {
    QString stage;   // "virtual host" or "route"
    QString subject; // "uk.bookinfo.com", "bookinfo-namespace/bookinfo-rule http[0] 'v1-only'"
    QString reason;

    QString text() const { return subject + QStringLiteral(": ") + reason; }
};

// Everything the gateway does with one request (or connection), as Istio's Envoy would.
struct Decision {
    enum class Outcome {
        Forward,          // sent upstream to `cluster`
        Redirect,         // 3xx with `location`
        DirectResponse,   // directResponse
        FaultAbort,       // fault injection abort
        LocalReply,       // 404, 426, 503: the gateway answers itself
        TcpForward,       // TLS passthrough or TCP: relayed to `cluster`
        Accepted,         // a connection test: accepted, HTTP requests inside go to `routeTable`
        ConnectionClosed, // refused or closed during the handshake
    };
    Outcome outcome = Outcome::LocalReply;

    QString listener;
    Runtime::ServerPtr server; // null when no server took the request
    QString filterChain;
    int filterChainIndex = -1; // in the listener's chains (the proxy picks its TLS context by it)
    QString routeTable;
    QString virtualHost;
    Runtime::SourcePtr virtualService;
    Runtime::SourcePtr delegate;
    QString routeName;  // the route's name, "" when unnamed
    QString routeLabel; // "http[2]", "tls[0]", "tcp[0]": index within the VirtualService
    int matchIndex = -1;

    std::optional<Runtime::Cluster> cluster;
    std::vector<Runtime::Cluster> mirrors;
    QString upstreamPath;      // path and query after rewrites
    QString upstreamAuthority; // Host after rewrites
    std::vector<std::pair<QString, QString>> upstreamHeaders;
    std::vector<std::pair<QString, QString>> responseHeaders; // added or set by the gateway
    QStringList removedResponseHeaders;
    // Forward: the destination's, the route's, then the CORS filter's response operations, for
    // the proxy to apply to the upstream's response (responseHeaders shows their effect on an
    // empty response).
    std::vector<Runtime::HeaderOperations> responseOperations;

    int status = 0; // for answers the gateway gives itself
    QString location;
    QByteArray body;
    QString responseFlag; // Envoy's: NR, NC, FI, ...
    std::optional<qint64> delayMs;
    std::optional<qint64> timeoutMs;
    Runtime::RetryPolicy retries; // Forward: how the proxy retries a failed attempt
    QString closeReason;

    std::vector<TraceStep> trace;
    std::vector<NearMiss> nearMisses; // empty unless filled by Route::nearMisses()

    bool isClosed() const { return outcome == Outcome::ConnectionClosed; }
    // One line: "301 → https://uk.bookinfo.com/productpage", "→ reviews...:9080/v2", ...
    QString summary() const;
    QString outcomeName() const;
};

} // namespace Route
