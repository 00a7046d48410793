#include "upstreamconnection.h"

#include "upstreampool.h"

namespace Proxy {

UpstreamConnection::UpstreamConnection(UpstreamPool *pool, QString key,
                                       std::unique_ptr<FdSocket> socket, bool connecting,
                                       qint64 connectTimeoutMs)
    : m_pool(pool), m_key(std::move(key)), m_socket(std::move(socket)),
      m_parser({[this](ResponseHead &&head) { handleHead(std::move(head)); },
                [this](QByteArrayView data) {
                    if (m_client)
                        m_client->upstreamBody(data);
                },
                [this] { m_complete = true; }})
{
    m_connected = !connecting;
    if (!m_socket) { // the connect failed at once: say so from the event loop
        QTimer::singleShot(0, this, [this] { fail(UpstreamFailure::ConnectFailure); });
        return;
    }
    m_socket->onReadable([this] { readable(); });
    m_socket->onConnected([this](int error) { connectDone(error); });
    m_socket->onDrained([this] {
        if (!m_socket->isOpen())
            fail(m_parser.isMidResponse() ? UpstreamFailure::ResetMidResponse
                                          : UpstreamFailure::Reset);
        else if (m_client)
            m_client->upstreamDrained();
    });
    if (connecting) {
        m_connectTimer.setSingleShot(true);
        connect(&m_connectTimer, &QTimer::timeout, this,
                [this] { fail(UpstreamFailure::ConnectFailure); });
        m_connectTimer.start(int(connectTimeoutMs));
    }
}

UpstreamConnection::~UpstreamConnection() = default;

void UpstreamConnection::attach(UpstreamClient *client, bool headRequest)
{
    m_client = client;
    m_complete = false;
    m_parser.expectResponseTo(headRequest);
    if (m_socket)
        m_socket->setReading(true);
}

void UpstreamConnection::connectDone(int error)
{
    m_connectTimer.stop();
    if (error != 0) {
        fail(UpstreamFailure::ConnectFailure);
        return;
    }
    m_connected = true;
    if (m_client)
        m_client->upstreamConnected();
}

void UpstreamConnection::readable()
{
    QByteArray &buffer = m_pending.isEmpty() ? m_pool->scratch() : m_pending;
    if (m_pending.isEmpty())
        buffer.resize(0);
    const qsizetype count = m_socket->read(buffer);
    if (count == FdSocket::WouldBlock)
        return;
    if (count <= 0) {
        if (m_tunnel) {
            fail(UpstreamFailure::Reset); // the tunnel's far end closed: both ends close
            return;
        }
        if (!m_client) { // idle: the upstream closed its keep-alive connection
            m_pool->forget(this);
            return;
        }
        if (count == 0 && m_parser.isMidResponse() && m_parser.finish() && m_complete) {
            m_client->upstreamComplete(); // a body that ran to the close
            return;
        }
        fail(m_parser.isMidResponse() ? UpstreamFailure::ResetMidResponse : UpstreamFailure::Reset);
        return;
    }
    if (m_tunnel) {
        if (m_client)
            m_client->upstreamTunnel(QByteArrayView(buffer));
        return;
    }
    if (!m_client) { // bytes on an idle connection: nothing can be trusted on it any more
        m_pool->forget(this);
        return;
    }
    QByteArrayView data(buffer);
    while (!data.isEmpty() && m_client) {
        const qsizetype used = m_parser.feed(data);
        data = data.sliced(used);
        if (m_parser.error()) {
            fail(m_parser.isMidResponse() && used > 0 ? UpstreamFailure::ResetMidResponse
                                                      : UpstreamFailure::ProtocolError);
            return;
        }
        if (m_parser.isUpgraded()) {
            m_tunnel = true;
            if (!data.isEmpty() && m_client)
                m_client->upstreamTunnel(data);
            data = {};
            break;
        }
        if (m_complete) {
            m_complete = false;
            UpstreamClient *client = m_client;
            if (!client)
                break;                  // abandoned from inside the head or body callback
            client->upstreamComplete(); // may release or abandon this connection
            if (!data.isEmpty() && m_client == nullptr && m_socket && m_socket->isOpen()) {
                m_pool->forget(this); // bytes beyond the response: not reusable
                return;
            }
        }
    }
    m_pending = data.isEmpty() ? QByteArray() : data.toByteArray();
    if (m_client)
        m_client->upstreamReadDone();
}

void UpstreamConnection::handleHead(ResponseHead &&head)
{
    if (m_client)
        m_client->upstreamHead(std::move(head));
}

void UpstreamConnection::fail(UpstreamFailure failure)
{
    UpstreamClient *client = m_client;
    m_client = nullptr;
    if (m_socket)
        m_socket->close();
    m_pool->forget(this);
    if (client)
        client->upstreamFailed(failure);
}

void UpstreamConnection::finished(bool reusable)
{
    m_client = nullptr;
    if (reusable && m_socket && m_socket->isOpen() && !m_tunnel && !m_parser.isMidResponse() &&
        m_socket->pendingBytes() == 0)
        m_pool->makeIdle(this);
    else
        m_pool->forget(this);
}

void UpstreamConnection::abandon()
{
    m_client = nullptr;
    if (m_socket)
        m_socket->close();
    m_pool->forget(this);
}

} // namespace Proxy
