#include "worker.h"

#include "downstreamconnection.h"
#include "echoserver.h"
#include "eventpoller.h"
#include "exchange.h"
#include "tcprelay.h"
#include "tlsinspector.h"

#include <cerrno>
#include <sys/socket.h>
#include <unistd.h>

namespace Proxy {
namespace {

// Accepting a few connections per wake-up keeps one busy port from starving the others.
constexpr int ACCEPTS_PER_WAKEUP = 32;
constexpr int LOG_FLUSH_MS = 50;

} // namespace

Worker::Worker(bool accessLog, std::shared_ptr<std::atomic<double>> connectionSample)
    : m_accessLog(accessLog), m_connectionSample(std::move(connectionSample))
{
    m_clock.start();
    m_scratch.reserve(64 * 1024);
    connect(&m_sweepTimer, &QTimer::timeout, this, &Worker::sweep);
    m_logTimer.setSingleShot(true);
    connect(&m_logTimer, &QTimer::timeout, this, &Worker::flushLog);
}

Worker::~Worker()
{
    m_batchDone.reset();
    m_retired.clear(); // before the connections and the pool their upstreams belong to
    for (ClientConnection *connection : m_connections)
        delete connection;
}

void Worker::apply(SnapshotPtr snapshot, std::vector<ListenerBinding> bindings)
{
    if (m_snapshot && m_snapshot->passthroughEchoTls != snapshot->passthroughEchoTls) {
        // New SNI names need a new certificate: later connections get new echoes, the ones
        // open now finish with the old (kept as children until the worker ends).
        for (EchoServer *echo : std::as_const(m_passthroughEchoes))
            echo->stopListening();
        m_passthroughEchoes.clear();
    }
    m_snapshot = std::move(snapshot);
    if (!m_batchDone) { // on the worker's own thread now
        m_batchDone = std::make_shared<std::function<void()>>([this] { deleteRetired(); });
        EventPoller::current().onBatchDone(m_batchDone);
    }
    std::vector<std::unique_ptr<Listening>> kept;
    for (ListenerBinding &binding : bindings) {
        auto it = std::find_if(m_listening.begin(), m_listening.end(), [&](const auto &l) {
            return l && l->binding.socket == binding.socket;
        });
        if (it != m_listening.end()) { // the same socket: keep it, take the new port meaning
            (*it)->binding = binding;
            kept.push_back(std::move(*it));
            continue;
        }
        auto listening = std::make_unique<Listening>();
        listening->binding = binding;
        listening->notifier =
            new QSocketNotifier(binding.socket->fd(), QSocketNotifier::Read, this);
        Listening *raw = listening.get();
        connect(listening->notifier, &QSocketNotifier::activated, this,
                [this, raw] { accept(*raw); });
        kept.push_back(std::move(listening));
    }
    for (std::unique_ptr<Listening> &gone : m_listening) {
        if (gone) {
            gone->notifier->setEnabled(false);
            gone->notifier->deleteLater(); // the socket closes when the engine drops it too
        }
    }
    m_listening = std::move(kept);

    const ProxyLimits &limits = m_snapshot->limits;
    const qint64 shortest = std::min(limits.requestHeadersTimeoutMs, limits.idleTimeoutMs);
    m_sweepTimer.start(int(std::clamp<qint64>(shortest / 4, 20, 1000)));
}

void Worker::shutdown()
{
    for (const std::unique_ptr<Listening> &listening : m_listening) {
        listening->notifier->setEnabled(false);
        delete listening->notifier;
    }
    m_listening.clear();
    const std::vector<ClientConnection *> connections(m_connections.begin(), m_connections.end());
    // Stopping the proxy ends its connections; what is in flight is cut, as a killed gateway
    // would. (A reload never comes here: it keeps every connection.)
    for (ClientConnection *connection : connections)
        connection->abortClient();
    m_sweepTimer.stop();
    m_logTimer.stop();
    flushLog();
}

void Worker::accept(Listening &listening)
{
    for (int i = 0; i < ACCEPTS_PER_WAKEUP; ++i) {
        const int fd = ::accept4(listening.binding.socket->fd(), nullptr, nullptr,
                                 SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
            return; // EAGAIN: no more; EMFILE and friends: try again on the next wake-up
        serveConnection(fd, listening.binding);
    }
}

void Worker::serveConnection(int fd, const ListenerBinding &binding)
{
    auto socket = std::make_unique<FdSocket>(fd);
    switch (binding.kind) {
    case Runtime::Listener::Kind::PlainHttp:
        m_connections.insert(new DownstreamConnection(*this, std::move(socket), binding));
        return;
    case Runtime::Listener::Kind::Tls:
        m_connections.insert(new TlsInspector(*this, std::move(socket), binding));
        return;
    case Runtime::Listener::Kind::PlainTcp:
        TcpRelay::serve(*this, std::move(socket), binding);
        return;
    }
}

void Worker::adopt(ClientConnection *connection)
{
    m_connections.insert(connection);
}

const EchoServer *Worker::passthroughEcho(const Runtime::Cluster &cluster)
{
    const QString name = cluster.envoyName();
    if (EchoServer *echo = m_passthroughEchoes.value(name))
        return echo;
    if (!m_snapshot->passthroughEchoTls)
        return nullptr;
    auto *echo = new EchoServer({cluster.host, cluster.port, cluster.subset}, this);
    echo->useTls(*m_snapshot->passthroughEchoTls);
    if (!echo->listen(QHostAddress::LocalHost, 0)) {
        delete echo;
        return nullptr;
    }
    m_passthroughEchoes.insert(name, echo);
    return echo;
}

void Worker::forget(ClientConnection *connection)
{
    if (m_connections.erase(connection))
        connection->deleteLater();
}

void Worker::retire(Exchange *exchange)
{
    if (exchange)
        m_retired.emplace_back(exchange);
}

void Worker::deleteRetired()
{
    // Take the list first: the loop then never sees it change, whatever a destructor does.
    std::vector<std::unique_ptr<Exchange>> retired;
    retired.swap(m_retired);
    retired.clear();
    if (m_retired.empty())
        m_retired.swap(retired); // keep the vector's room
}

void Worker::sweep()
{
    deleteRetired(); // from a timer: off every call stack
    if (!m_snapshot)
        return;
    const qint64 now = nowMs();
    const std::vector<ClientConnection *> connections(m_connections.begin(), m_connections.end());
    for (ClientConnection *connection : connections) {
        if (m_connections.count(connection))
            connection->sweep(now, m_snapshot->limits);
    }
}

double Worker::connectionSample()
{
    if (m_connectionSample) {
        const double fixed = m_connectionSample->load();
        if (fixed >= 0 && fixed < 1)
            return fixed;
    }
    return random();
}

QString Worker::newRequestId()
{
    quint64 high = m_random();
    quint64 low = m_random();
    high = (high & ~quint64(0xF000)) | 0x4000;                  // version 4
    low = (low & ~(quint64(0xC) << 60)) | (quint64(0x8) << 60); // RFC 4122 variant
    static constexpr char HEX[] = "0123456789abcdef";
    QString id(36, Qt::Uninitialized);
    QChar *out = id.data();
    int position = 0;
    const auto put = [&](quint64 bits, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
            out[position++] = QLatin1Char(HEX[(bits >> shift) & 0xF]);
    };
    const auto dash = [&] { out[position++] = QLatin1Char('-'); };
    put(high >> 32, 8);
    dash();
    put(high >> 16, 4);
    dash();
    put(high, 4);
    dash();
    put(low >> 48, 4);
    dash();
    put(low, 12);
    return id;
}

void Worker::record(AccessLogEntry &&entry)
{
    if (!m_accessLog)
        return;
    m_log.append(std::move(entry));
    if (!m_logTimer.isActive())
        m_logTimer.start(LOG_FLUSH_MS);
}

void Worker::flushLog()
{
    if (m_log.isEmpty())
        return;
    emit requestsLogged(std::exchange(m_log, {}));
}

} // namespace Proxy
