#include "upstreampool.h"

namespace Proxy {

UpstreamPool::~UpstreamPool()
{
    for (const QList<UpstreamConnection *> &connections : std::as_const(m_idle))
        qDeleteAll(connections);
}

UpstreamConnection *UpstreamPool::acquire(const UpstreamTarget &target, UpstreamClient *client,
                                          bool headRequest, qint64 connectTimeoutMs)
{
    auto it = m_idle.find(target.text);
    if (it != m_idle.end() && !it->isEmpty()) {
        UpstreamConnection *connection = it->takeLast(); // the most recently used: warm
        connection->attach(client, headRequest);
        return connection;
    }
    int error = 0;
    std::unique_ptr<FdSocket> socket =
        target.address.isNull() ? nullptr
                                : FdSocket::connectTo(target.address, target.port, &error);
    auto *connection =
        new UpstreamConnection(this, target.text, std::move(socket), true, connectTimeoutMs);
    connection->attach(client, headRequest);
    return connection;
}

void UpstreamPool::makeIdle(UpstreamConnection *connection)
{
    m_idle[connection->key()].append(connection);
}

void UpstreamPool::forget(UpstreamConnection *connection)
{
    auto it = m_idle.find(connection->key());
    if (it != m_idle.end())
        it->removeOne(connection);
    connection->deleteLater();
}

} // namespace Proxy
