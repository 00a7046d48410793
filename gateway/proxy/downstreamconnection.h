#pragma once

#include "clientconnection.h"
#include "fdsocket.h"
#include "http1requestparser.h"

#include <memory>
#include <optional>

// One client connection to an HTTP port of the local gateway, plaintext or with TLS already
// terminated by its socket (an HTTPS filter chain). Parses requests with
// llhttp and hands each to an Exchange, one at a time: pipelined requests wait in the input
// buffer until the previous response is out, so they are answered in order.
//
// Lives on its worker's thread; destroyed with deleteLater() when closed.
namespace Proxy {

class Exchange;
class Worker;

struct ListenerBinding; // worker.h

class DownstreamConnection : public ClientConnection {
public:
    // `sni`: for a TLS connection, the name its ClientHello carried (nullopt: none, or plaintext).
    DownstreamConnection(Worker &worker, std::unique_ptr<FdSocket> socket,
                         const ListenerBinding &binding, bool tls = false,
                         std::optional<QString> sni = std::nullopt);
    ~DownstreamConnection() override;

    Worker &worker() { return m_worker; }
    quint32 gatewayPort() const { return m_gatewayPort; }
    const QString &listenerBind() const { return m_listenerBind; }
    const QString &localAddress() const { return m_localAddress; }
    const QString &peerAddress() const { return m_peer; }
    bool isTls() const { return m_tls; }
    // x-forwarded-client-cert for this connection's client certificate ("" without one);
    // worked out once per connection.
    const QString &forwardedClientCert();
    const std::optional<QString> &sni() const { return m_sni; }
    // Starts reading bytes that are already buffered (a TLS connection handed over with its
    // ClientHello): no readiness event would announce them.
    void kick() { readable(); }

    // From the exchange.
    void writeToClient(QByteArrayView bytes);
    qsizetype clientPendingBytes() const { return m_socket->pendingBytes(); }
    void pauseRequestBody(bool paused);
    void responseFinished(bool keepAlive);
    void startTunnel();
    void abortClient() override;

    void sweep(qint64 nowMs, const ProxyLimits &limits) override;

private:
    void readable();
    void process();
    qsizetype parse(QByteArrayView data);
    void updateReading();
    void onHead(RequestHead &&head);
    void finishExchange();
    void rejectRequest(int status, const QByteArray &reason);
    void close();
    void logHandshakeFailure();

    Worker &m_worker;
    std::unique_ptr<FdSocket> m_socket;
    quint32 m_gatewayPort;
    QString m_listenerBind;
    QString m_localAddress;
    QString m_peer;
    bool m_tls;
    std::optional<QString> m_sni;
    std::optional<QString> m_forwardedClientCert;
    Http1RequestParser m_parser;
    QByteArray m_in; // bytes read but not parsed yet (a partial or a pipelined request)
    Exchange *m_exchange = nullptr;
    bool m_requestComplete = false;
    bool m_responseDone = false;
    bool m_keepAlive = true;
    bool m_bodyPaused = false;
    bool m_processing = false;
    bool m_tunnel = false;
    bool m_peerClosed = false;
    bool m_closed = false;
    qint64 m_lastActivityMs = 0;
    qint64 m_headStartedMs = -1;
};

} // namespace Proxy
