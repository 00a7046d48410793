#include "mirrorrequest.h"

namespace Proxy {

void MirrorRequest::send(UpstreamPool &pool, const UpstreamTarget &target, QByteArray bytes,
                         bool headRequest, qint64 connectTimeoutMs)
{
    auto *mirror = new MirrorRequest(std::move(bytes));
    mirror->m_upstream = pool.acquire(target, mirror, headRequest, connectTimeoutMs);
    if (mirror->m_upstream->isConnected())
        mirror->upstreamConnected();
}

void MirrorRequest::upstreamConnected()
{
    m_upstream->send(m_bytes);
    m_bytes.clear();
}

void MirrorRequest::upstreamComplete()
{
    m_upstream->finished(m_keepAlive);
    m_upstream = nullptr;
    deleteLater();
}

} // namespace Proxy
