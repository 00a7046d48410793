#pragma once

#include "fdsocket.h"
#include "http1responseparser.h"

#include <QObject>
#include <QTimer>

// One keep-alive HTTP/1.1 connection to an upstream address, owned by the worker's
// UpstreamPool. A request attaches a client to it, sends its bytes, and gets the response
// through the client interface; afterwards the pool keeps the connection for the next request
// to the same address if the response allows it.
namespace Proxy {

class UpstreamPool;

enum class UpstreamFailure {
    ConnectFailure, // refused, unreachable, or the connect timed out: Envoy's UF
    Reset,          // closed or reset before the response head: UC
    ResetMidResponse,
    ProtocolError, // not HTTP: Envoy's UPE, 502
};

// Implemented by whoever sends a request (the exchange, a mirror). Calls arrive on the worker
// thread; a client may release the connection from inside any of them.
class UpstreamClient {
public:
    virtual ~UpstreamClient() = default;
    virtual void upstreamConnected() = 0;
    virtual void upstreamHead(ResponseHead &&head) = 0;
    virtual void upstreamBody(QByteArrayView data) = 0;
    virtual void upstreamComplete() = 0;
    virtual void upstreamFailed(UpstreamFailure failure) = 0;
    virtual void upstreamDrained() = 0; // the request bytes queued for it were sent
    virtual void upstreamTunnel(QByteArrayView data) = 0; // after a 101: raw bytes
    // Everything one read brought has been delivered (a chance to write it on in one go).
    virtual void upstreamReadDone() {}
};

class UpstreamConnection : public QObject {
public:
    UpstreamConnection(UpstreamPool *pool, QString key, std::unique_ptr<FdSocket> socket,
                       bool connecting, qint64 connectTimeoutMs);
    ~UpstreamConnection() override;

    const QString &key() const { return m_key; }
    bool isConnected() const { return m_connected; }
    void attach(UpstreamClient *client, bool headRequest);
    void send(QByteArrayView bytes) { m_socket->write(bytes); }
    qsizetype pendingBytes() const { return m_socket->pendingBytes(); }
    void setReading(bool reading) { m_socket->setReading(reading); }
    // The response ended and the request was sent in full: back to the pool, or closed when
    // the upstream said so. The client is detached either way.
    void finished(bool reusable);
    // The client gives up (timeout, client gone, retry): the connection is closed.
    void abandon();

private:
    void connectDone(int error);
    void readable();
    void fail(UpstreamFailure failure);
    void handleHead(ResponseHead &&head);

    UpstreamPool *m_pool;
    QString m_key;
    std::unique_ptr<FdSocket> m_socket;
    Http1ResponseParser m_parser;
    QByteArray m_pending; // unparsed bytes of a response, only while one is cut across reads
    UpstreamClient *m_client = nullptr;
    QTimer m_connectTimer;
    bool m_connected = false;
    bool m_tunnel = false;
    bool m_complete = false;
};

} // namespace Proxy
