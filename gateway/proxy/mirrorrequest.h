#pragma once

#include "upstreampool.h"

// A shadow copy of a request (VirtualService mirror/mirrors): sent fire-and-forget over the
// worker's pool; the response is read and dropped so the connection can be reused, and no
// failure reaches the client. Deletes itself when done.
namespace Proxy {

class MirrorRequest : public QObject, public UpstreamClient {
public:
    static void send(UpstreamPool &pool, const UpstreamTarget &target, QByteArray bytes,
                     bool headRequest, qint64 connectTimeoutMs);

    void upstreamConnected() override;
    void upstreamHead(ResponseHead &&head) override { m_keepAlive = head.keepAlive; }
    void upstreamBody(QByteArrayView) override {}
    void upstreamComplete() override;
    void upstreamFailed(UpstreamFailure) override { deleteLater(); }
    void upstreamDrained() override {}
    void upstreamTunnel(QByteArrayView) override {}

private:
    explicit MirrorRequest(QByteArray bytes) : m_bytes(std::move(bytes)) {}
    QByteArray m_bytes;
    UpstreamConnection *m_upstream = nullptr;
    bool m_keepAlive = false;
};

} // namespace Proxy
