#pragma once

#include "servesnapshot.h"
#include "upstreamconnection.h"

#include <QHash>

// Keep-alive upstream connections of one worker thread, per upstream address. Never shared
// between threads, so no locking.
namespace Proxy {

class UpstreamPool {
public:
    explicit UpstreamPool(QByteArray *scratch) : m_scratch(scratch) {}
    ~UpstreamPool();

    // An idle connection to `target` attached to `client`, else a new one (the client hears
    // upstreamConnected() or upstreamFailed(ConnectFailure)). Never null.
    UpstreamConnection *acquire(const UpstreamTarget &target, UpstreamClient *client,
                                bool headRequest, qint64 connectTimeoutMs);
    // Called by connections.
    void makeIdle(UpstreamConnection *connection);
    void forget(UpstreamConnection *connection);
    QByteArray &scratch() { return *m_scratch; }

private:
    QByteArray *m_scratch;
    QHash<QString, QList<UpstreamConnection *>> m_idle;
};

} // namespace Proxy
