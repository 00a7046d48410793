#include "downstreamconnection.h"

#include "exchange.h"
#include "httpmessage.h"
#include "worker.h"

namespace Proxy {
namespace {

// Pipelined bytes beyond this wait in the kernel: reading pauses until they are answered.
constexpr qsizetype MAX_BUFFERED_INPUT = 256 * 1024;

} // namespace

DownstreamConnection::DownstreamConnection(Worker &worker, std::unique_ptr<FdSocket> socket,
                                           const ListenerBinding &binding, bool tls,
                                           std::optional<QString> sni)
    : m_worker(worker), m_socket(std::move(socket)), m_gatewayPort(binding.gatewayPort),
      m_listenerBind(binding.listenerBind), m_localAddress(binding.localAddress), m_tls(tls),
      m_sni(std::move(sni)),
      m_parser({[this](RequestHead &&head) { onHead(std::move(head)); },
                [this](QByteArrayView data) {
                    if (m_exchange)
                        m_exchange->requestBody(data);
                },
                [this] {
                    m_requestComplete = true;
                    if (m_exchange)
                        m_exchange->requestComplete();
                    if (m_exchange && m_responseDone)
                        finishExchange(); // answered before the request ended
                }})
{
    QHostAddress peer = m_socket->peerAddress();
    bool isV4 = false;
    const quint32 v4 = peer.toIPv4Address(&isV4); // ::ffff:127.0.0.1 → 127.0.0.1
    m_peer = isV4 ? QHostAddress(v4).toString() : peer.toString();
    m_lastActivityMs = worker.nowMs();
    m_socket->onReadable([this] { readable(); });
    m_socket->onDrained([this] {
        if (!m_socket->isOpen()) {
            if (m_closed)
                m_worker.forget(this); // the last bytes went out (or never will)
            else
                abortClient();
            return;
        }
        if (m_exchange)
            m_exchange->clientDrained();
    });
}

DownstreamConnection::~DownstreamConnection()
{
    if (m_exchange) { // from the event loop: no exchange is on the call stack
        m_exchange->clientGone();
        delete m_exchange;
    }
}

void DownstreamConnection::readable()
{
    if (m_closed)
        return;
    QByteArray &scratch = m_worker.scratch();
    const bool direct = m_in.isEmpty();
    QByteArray &buffer = direct ? scratch : m_in;
    if (direct)
        scratch.resize(0);
    const qsizetype count = m_socket->read(buffer);
    if (count == FdSocket::WouldBlock)
        return;
    m_lastActivityMs = m_worker.nowMs();
    if (count <= 0) {
        if (count == FdSocket::Failed && m_socket->tls() && !m_socket->tls()->handshakeDone())
            logHandshakeFailure();
        m_peerClosed = true;
        m_socket->setReading(false);
        if (m_tunnel) {
            if (m_exchange)
                m_exchange->clientClosedTunnel();
            close();
            return;
        }
        m_parser.finish();
        // A request answered in full or still being answered may finish; anything else ends.
        if (!m_exchange || !m_requestComplete) {
            if (m_exchange)
                m_exchange->clientGone();
            close();
        }
        return;
    }
    if (m_tunnel) {
        if (m_exchange)
            m_exchange->tunnelFromClient(QByteArrayView(buffer));
        buffer.resize(0);
        return;
    }
    if (!direct) {
        process();
        return;
    }
    // Usually a whole request arrived: parse it in place, keep only what is left over.
    const qsizetype used = parse(QByteArrayView(scratch));
    if (used < scratch.size() && !m_closed)
        m_in = scratch.mid(used);
    updateReading();
}

void DownstreamConnection::process()
{
    const qsizetype used = parse(QByteArrayView(m_in));
    m_in.remove(0, used);
    if (m_in.isEmpty())
        m_in = QByteArray(); // an idle connection holds no buffer
    updateReading();
}

qsizetype DownstreamConnection::parse(QByteArrayView data)
{
    if (m_processing)
        return 0;
    m_processing = true;
    qsizetype consumed = 0;
    while (!m_closed && !m_tunnel && consumed < data.size() && !m_bodyPaused) {
        if (m_exchange && m_requestComplete)
            break; // pipelined: the next request waits for this response
        if (m_parser.isTunnel())
            break; // an upgrade waits for the upstream's answer
        if (m_parser.isIdle() && !m_exchange)
            m_headStartedMs = m_worker.nowMs();
        const qsizetype used = m_parser.feed(data.sliced(consumed));
        consumed += used;
        if (m_parser.error()) {
            rejectRequest(m_parser.error()->status, m_parser.error()->reason);
            break;
        }
        if (used == 0)
            break;
    }
    m_processing = false;
    return consumed;
}

void DownstreamConnection::updateReading()
{
    if (!m_closed && !m_tunnel)
        m_socket->setReading(!m_bodyPaused && m_in.size() < MAX_BUFFERED_INPUT && !m_peerClosed);
}

void DownstreamConnection::onHead(RequestHead &&head)
{
    m_headStartedMs = -1;
    m_requestComplete = false;
    m_responseDone = false;
    m_exchange = new Exchange(this, m_worker.snapshot());
    m_exchange->start(std::move(head));
}

void DownstreamConnection::writeToClient(QByteArrayView bytes)
{
    if (m_closed)
        return;
    m_lastActivityMs = m_worker.nowMs();
    if (!m_socket->write(bytes))
        QTimer::singleShot(0, this, [this] { abortClient(); });
}

void DownstreamConnection::pauseRequestBody(bool paused)
{
    m_bodyPaused = paused;
    if (!paused)
        process();
    else if (!m_closed)
        m_socket->setReading(false);
}

void DownstreamConnection::responseFinished(bool keepAlive)
{
    m_responseDone = true;
    m_keepAlive = m_keepAlive && keepAlive;
    if (m_requestComplete)
        finishExchange();
    else if (!m_keepAlive)
        close(); // answered before the body arrived, and the connection cannot go on
}

void DownstreamConnection::finishExchange()
{
    // The exchange may be on the call stack: the worker deletes it once the event at hand is
    // handled (no posted event per request, and an idle connection keeps nothing).
    m_worker.retire(std::exchange(m_exchange, nullptr));
    m_lastActivityMs = m_worker.nowMs();
    if (!m_keepAlive || m_peerClosed) {
        close();
        return;
    }
    if (m_processing)
        return; // the loop in process() goes on with the next pipelined request
    if (m_in.isEmpty()) {
        updateReading();
        return;
    }
    // A pipelined request waits, and this runs inside an upstream callback: go on from the
    // event loop, not from inside the exchange.
    QTimer::singleShot(0, this, [this] { process(); });
}

void DownstreamConnection::startTunnel()
{
    m_tunnel = true;
    m_socket->setReading(true);
    if (!m_in.isEmpty() && m_exchange) {
        const QByteArray early = std::exchange(m_in, QByteArray());
        m_exchange->tunnelFromClient(early);
    }
}

void DownstreamConnection::rejectRequest(int status, const QByteArray &reason)
{
    if (m_exchange) { // the head was fine, what followed was not: that request's entry says so
        m_exchange->rejected(status, QString::fromLatin1(reason));
        m_worker.retire(std::exchange(m_exchange, nullptr));
    } else {
        AccessLogEntry entry;
        entry.time = QDateTime::currentDateTimeUtc();
        entry.listener = m_localAddress;
        entry.gatewayPort = m_gatewayPort;
        entry.status = status;
        entry.flags = QStringLiteral("DPE"); // downstream protocol error
        entry.detail = QString::fromLatin1(reason);
        m_worker.record(std::move(entry));
    }
    // Envoy's local reply for a codec error: the status, an empty body, and the close.
    m_socket->write(localResponse(status, {}, QByteArray(), true));
    close();
}

const QString &DownstreamConnection::forwardedClientCert()
{
    if (!m_forwardedClientCert)
        m_forwardedClientCert =
            m_socket->tls() ? m_socket->tls()->forwardedClientCert() : QString();
    return *m_forwardedClientCert;
}

// A refused handshake (a client certificate that does not verify, no shared TLS version or
// cipher) reaches no HTTP request; the access log still says what happened and why.
void DownstreamConnection::logHandshakeFailure()
{
    AccessLogEntry entry =
        AccessLogEntry::forConnection(QStringLiteral("TLS"), m_localAddress, m_gatewayPort,
                                      m_socket->peerText(), m_sni.value_or(QString()));
    entry.detail = m_socket->tls()->errorText();
    m_worker.record(std::move(entry));
}

void DownstreamConnection::abortClient()
{
    if (m_closed)
        return;
    Exchange *exchange = m_exchange;
    m_exchange = nullptr;
    if (exchange) {
        exchange->clientGone();
        m_worker.retire(exchange); // it may be the caller
    }
    m_socket->close();
    close();
}

void DownstreamConnection::close()
{
    if (m_closed)
        return;
    m_closed = true;
    if (m_socket->isOpen() && m_socket->pendingBytes() > 0) {
        m_socket->closeWhenFlushed(); // the drained handler forgets this connection
        return;
    }
    m_socket->closeWhenFlushed(); // nothing queued: closes now (TLS: after close_notify)
    m_worker.forget(this);
}

void DownstreamConnection::sweep(qint64 nowMs, const ProxyLimits &limits)
{
    if (m_closed || m_exchange || m_tunnel)
        return;
    if (!m_parser.isIdle() && m_headStartedMs >= 0 &&
        nowMs - m_headStartedMs > limits.requestHeadersTimeoutMs) {
        // [Envoy] request_headers_timeout: 408 and close.
        rejectRequest(408, "request header timeout");
        return;
    }
    if (m_parser.isIdle() && nowMs - m_lastActivityMs > limits.idleTimeoutMs)
        close();
}

} // namespace Proxy
