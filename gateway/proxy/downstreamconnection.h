#pragma once

#include "fdsocket.h"
#include "http1requestparser.h"
#include "servesnapshot.h"

#include <QObject>
#include <memory>

// One client connection to a plaintext HTTP port of the local gateway. Parses requests with
// llhttp and hands each to an Exchange, one at a time: pipelined requests wait in the input
// buffer until the previous response is out, so they are answered in order.
//
// Lives on its worker's thread; destroyed with deleteLater() when closed.
namespace Proxy {

class Exchange;
class Worker;

struct ListenerBinding; // worker.h

class DownstreamConnection : public QObject {
public:
    DownstreamConnection(Worker &worker, std::unique_ptr<FdSocket> socket,
                         const ListenerBinding &binding);
    ~DownstreamConnection() override;

    Worker &worker() { return m_worker; }
    quint32 gatewayPort() const { return m_gatewayPort; }
    const QString &listenerBind() const { return m_listenerBind; }
    const QString &localAddress() const { return m_localAddress; }
    const QString &peerAddress() const { return m_peer; }

    // From the exchange.
    void writeToClient(QByteArrayView bytes);
    qsizetype clientPendingBytes() const { return m_socket->pendingBytes(); }
    void pauseRequestBody(bool paused);
    void responseFinished(bool keepAlive);
    void startTunnel();
    void abortClient();

    // From the worker's sweep: closes the connection when a limit has passed.
    void sweep(qint64 nowMs, const ProxyLimits &limits);

private:
    void readable();
    void process();
    qsizetype parse(QByteArrayView data);
    void updateReading();
    void onHead(RequestHead &&head);
    void finishExchange();
    void rejectRequest(int status, const QByteArray &reason);
    void close();

    Worker &m_worker;
    std::unique_ptr<FdSocket> m_socket;
    quint32 m_gatewayPort;
    QString m_listenerBind;
    QString m_localAddress;
    QString m_peer;
    Http1RequestParser m_parser;
    QByteArray m_in; // bytes read but not parsed yet (a partial or a pipelined request)
    Exchange *m_exchange = nullptr;
    std::unique_ptr<Exchange> m_retired; // the previous request's, kept past its callbacks
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
