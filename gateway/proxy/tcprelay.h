#pragma once

#include "accesslog.h"
#include "clientconnection.h"
#include "fdsocket.h"
#include "route/decision.h"

#include <memory>
#include <optional>

// Envoy's tcp_proxy at the local gateway: relays one client connection to the destination its
// tcp or tls route chose (a weighted pick per connection), byte for byte, both ways, with
// backpressure (a side stops reading while the other side's queue is above the high-water
// mark), half-close (an end of stream from one side is passed on and the other direction keeps
// flowing) and the idle timeout. One access-log entry per connection, when it ends.
//
// Destinations with no local address: a TCP or TLS-terminated TCP connection is echoed back byte
// for byte; a passthrough connection reaches the built-in echo over TLS, with a certificate from
// the local CA, so a client completes its handshake and gets the echo's JSON.
namespace Proxy {

class Worker;
struct ListenerBinding;

class TcpRelay : public ClientConnection {
public:
    enum class Mode { Tcp, Passthrough, TerminatedTls };

    // A connection to a plain TCP port: the route engine picks the destination, or the
    // connection is closed with the reason logged.
    static void serve(Worker &worker, std::unique_ptr<FdSocket> client,
                      const ListenerBinding &binding);
    // Relays to `decision`'s cluster (a TcpForward decision). `toUpstreamFirst`: bytes already
    // read from the client that go first (a passthrough connection's ClientHello).
    static void relay(Worker &worker, std::unique_ptr<FdSocket> client,
                      const ListenerBinding &binding, const Route::Decision &decision, Mode mode,
                      QByteArray toUpstreamFirst, std::optional<QString> sni);

    ~TcpRelay() override;
    void sweep(qint64 nowMs, const ProxyLimits &limits) override;
    void abortClient() override;

private:
    TcpRelay(Worker &worker, std::unique_ptr<FdSocket> client, const ListenerBinding &binding,
             Mode mode, std::optional<QString> sni);
    void start(const Route::Decision &decision, QByteArray toUpstreamFirst);
    void connectUpstream(const QHostAddress &address, quint16 port, QByteArray first);
    void pump(FdSocket &from, FdSocket &to, bool &ended, qint64 &bytes);
    void drained(FdSocket &socket, FdSocket &other);
    void finish(const QString &flags, const QString &detail = QString());

    Worker &m_worker;
    Mode m_mode;
    std::unique_ptr<FdSocket> m_client;
    std::unique_ptr<FdSocket> m_upstream; // null when the relay echoes
    bool m_clientEnded = false;
    bool m_upstreamEnded = false;
    bool m_finished = false;
    bool m_connecting = false;
    qint64 m_startedMs;
    qint64 m_finishedMs = 0;
    qint64 m_lastActivityMs;
    AccessLogEntry m_log;
};

} // namespace Proxy
