#pragma once

#include "accesslog.h"
#include "route/decision.h"
#include "route/request.h"
#include "servesnapshot.h"
#include "upstreamconnection.h"

#include <QElapsedTimer>
#include <QTimer>
#include <memory>

// One request on a client connection and everything the gateway does for it: the routing
// decision (Route::decide, the same as `gatehouse trace`), fault delay, local replies, the
// built-in echo, or the upstream attempts with retries, timeouts and mirrors, and the response
// streamed back. See README.md, "the life of a request".
//
// Owned by its DownstreamConnection, on the connection's worker thread. Not a QObject (one is
// made per request): the connection deletes it once it is off the call stack.
namespace Proxy {

class DownstreamConnection;
class Worker;

class Exchange : public UpstreamClient {
public:
    Exchange(DownstreamConnection *connection, SnapshotPtr snapshot);
    ~Exchange() override;
    Exchange(const Exchange &) = delete;
    Exchange &operator=(const Exchange &) = delete;

    // One exchange is made and deleted per request, and it is bigger than malloc's per-thread
    // cache takes: its memory is kept for reuse on the thread (exchangememory.cpp).
    static void *operator new(std::size_t size);
    static void operator delete(void *memory, std::size_t size);

    // From the connection, in this order: start, requestBody*, requestComplete.
    void start(RequestHead &&head);
    void requestBody(QByteArrayView data);
    void requestComplete();
    void clientDrained();
    // The client connection is gone: stop everything, log, and never touch it again.
    void clientGone();
    // The rest of the request could not be parsed: the connection answers `status` and closes;
    // this request's log entry says so.
    void rejected(int status, const QString &detail);
    // After a 101 the client's bytes go straight to the upstream.
    void tunnelFromClient(QByteArrayView data);
    void clientClosedTunnel();

    // UpstreamClient
    void upstreamConnected() override;
    void upstreamHead(ResponseHead &&head) override;
    void upstreamBody(QByteArrayView data) override;
    void upstreamComplete() override;
    void upstreamFailed(UpstreamFailure failure) override;
    void upstreamDrained() override;
    void upstreamTunnel(QByteArrayView data) override;
    void upstreamReadDone() override { flushToClient(); }

private:
    enum class Phase { Routing, Delaying, Echo, Upstream, Responding, Tunnel, Done };
    enum class Framing { None, Length, Chunked, UntilClose };

    Route::Request routingRequest(const QString &peer) const;
    void proceed(); // after the fault delay
    void respondLocally(int status, std::vector<std::pair<QString, QString>> headers,
                        const QByteArray &body, const QString &flag);
    void respondWithDecision();
    void respondWithEcho();
    void prepareUpstreamHead();
    void startAttempt();
    void sendBody(QByteArrayView data);
    void retryOrFail(UpstreamFailure failure);
    bool canRetry() const;
    bool statusIsRetriable(int status) const;
    void scheduleRetry();
    void onTimeout();
    void onPerTryTimeout();
    void fireMirrors();
    void flushToClient();
    void finish(bool keepAlive);
    void log();
    std::unique_ptr<QTimer> oneShotTimer(void (Exchange::*handler)());
    void startRouteTimeout();
    qint64 elapsedMs() const { return m_clock.elapsed(); }

    DownstreamConnection *m_connection; // null once the client is gone
    Worker *m_worker;
    SnapshotPtr m_snapshot;
    RequestHead m_head;
    Route::Decision m_decision;
    std::optional<UpstreamTarget> m_target;
    Phase m_phase = Phase::Routing;
    AccessLogEntry m_log;
    QElapsedTimer m_clock;

    // The request toward the upstream.
    QByteArray m_upstreamHead; // up to, without, the attempt count and the blank line
    Framing m_requestFraming = Framing::None;
    QByteArray m_unsent;   // body bytes waiting for a connected upstream
    QByteArray m_bodyCopy; // every body byte, while retries or mirrors may need them
    bool m_bodyTooLarge = false;
    bool m_requestComplete = false;
    bool m_requestFullySent = false;
    bool m_sentContinue = false;
    bool m_clientPaused = false;

    // Attempts.
    UpstreamConnection *m_upstream = nullptr;
    int m_attempts = 0;
    bool m_retriedStaleConnection = false;
    bool m_attemptReused = false;
    bool m_mirrored = false;
    qint64 m_attemptStartMs = 0;
    std::unique_ptr<QTimer> m_timeout;
    std::unique_ptr<QTimer> m_perTryTimeout;
    std::unique_ptr<QTimer> m_delay;
    std::unique_ptr<QTimer> m_backoff;
    QString m_flags;

    // The response toward the client.
    Framing m_responseFraming = Framing::None;
    bool m_responseStarted = false;
    QByteArray m_toClient; // response bytes of the current upstream read, written in one go
    bool m_upstreamKeepAlive = false;
    bool m_clientKeepAlive = true;
};

} // namespace Proxy
