#include "tcprelay.h"

#include "echoserver.h"
#include "route/decide.h"
#include "worker.h"

namespace Proxy {
namespace {

constexpr qint64 CLOSE_DEADLINE_MS = 10'000;

} // namespace

void TcpRelay::serve(Worker &worker, std::unique_ptr<FdSocket> client,
                     const ListenerBinding &binding)
{
    Route::Request request;
    request.protocol = Route::Request::Protocol::Tcp;
    request.port = binding.gatewayPort;
    request.bind = binding.listenerBind;
    request.sample = worker.connectionSample();
    const Route::Decision decision = Route::decide(*worker.snapshot()->config, request, false);
    relay(worker, std::move(client), binding, decision, Mode::Tcp, QByteArray(), std::nullopt);
}

void TcpRelay::relay(Worker &worker, std::unique_ptr<FdSocket> client,
                     const ListenerBinding &binding, const Route::Decision &decision, Mode mode,
                     QByteArray toUpstreamFirst, std::optional<QString> sni)
{
    auto *relay = new TcpRelay(worker, std::move(client), binding, mode, std::move(sni));
    worker.adopt(relay);
    relay->start(decision, std::move(toUpstreamFirst));
}

TcpRelay::TcpRelay(Worker &worker, std::unique_ptr<FdSocket> client, const ListenerBinding &binding,
                   Mode mode, std::optional<QString> sni)
    : m_worker(worker), m_mode(mode), m_client(std::move(client)), m_startedMs(worker.nowMs()),
      m_lastActivityMs(m_startedMs),
      m_log(AccessLogEntry::forConnection(
          mode == Mode::Tcp ? QStringLiteral("TCP") : QStringLiteral("TLS"), binding.localAddress,
          binding.gatewayPort, m_client->peerText(), sni.value_or(QString())))
{}

TcpRelay::~TcpRelay() = default;

void TcpRelay::start(const Route::Decision &decision, QByteArray toUpstreamFirst)
{
    if (decision.virtualService) {
        m_log.virtualService = decision.virtualService->qualifiedName();
        m_log.route = decision.routeLabel;
        m_log.routeKey = m_log.virtualService + QLatin1Char(' ') + decision.routeLabel;
    }
    if (decision.outcome != Route::Decision::Outcome::TcpForward || !decision.cluster) {
        finish(QStringLiteral("NR"), decision.closeReason);
        return;
    }
    const Runtime::Cluster &cluster = *decision.cluster;
    m_log.cluster = cluster.envoyName();

    m_client->onReadable([this] {
        if (m_upstream)
            pump(*m_client, *m_upstream, m_clientEnded, m_log.bytesIn);
        else
            pump(*m_client, *m_client, m_clientEnded, m_log.bytesIn);
    });
    m_client->onDrained([this] {
        if (m_upstream)
            drained(*m_client, *m_upstream);
        else
            drained(*m_client, *m_client);
    });

    const std::optional<UpstreamTarget> target = m_worker.snapshot()->upstreamFor(cluster);
    if (target) {
        if (target->address.isNull()) {
            finish(QStringLiteral("UH"),
                   QStringLiteral("%1 resolves to no address").arg(target->text));
            return;
        }
        m_log.upstream = target->text;
        connectUpstream(target->address, target->port, std::move(toUpstreamFirst));
        return;
    }
    m_log.upstream = QStringLiteral("echo");
    if (m_mode != Mode::Passthrough) {
        // The client's bytes come back to it. A TLS client's ClientHello is already buffered:
        // nothing in the kernel announces it, so the handshake starts here.
        if (m_client->tls())
            pump(*m_client, *m_client, m_clientEnded, m_log.bytesIn);
        return;
    }
    const EchoServer *echo = m_worker.passthroughEcho(cluster);
    if (!echo) {
        finish(QStringLiteral("UH"),
               QStringLiteral("no local address for %1, and the built-in echo cannot serve TLS "
                              "without the local CA")
                   .arg(cluster.describe()));
        return;
    }
    connectUpstream(QHostAddress(QHostAddress::LocalHost), echo->port(),
                    std::move(toUpstreamFirst));
}

void TcpRelay::connectUpstream(const QHostAddress &address, quint16 port, QByteArray first)
{
    int error = 0;
    m_upstream = FdSocket::connectTo(address, port, &error);
    if (!m_upstream) {
        finish(QStringLiteral("UF"), QString::fromLocal8Bit(strerror(error)));
        return;
    }
    m_client->setReading(false); // until the upstream is there
    m_upstream->write(first);    // queued until connected
    m_connecting = true;
    m_upstream->onConnected([this](int failure) {
        m_connecting = false;
        if (m_finished)
            return;
        if (failure != 0) {
            finish(QStringLiteral("UF"), QStringLiteral("upstream connect error: %1")
                                             .arg(QString::fromLocal8Bit(strerror(failure))));
            return;
        }
        m_client->setReading(!m_clientEnded);
        if (m_client->tls())
            pump(*m_client, *m_upstream, m_clientEnded, m_log.bytesIn); // a handshake to drive
    });
    m_upstream->onReadable(
        [this] { pump(*m_upstream, *m_client, m_upstreamEnded, m_log.bytesOut); });
    m_upstream->onDrained([this] { drained(*m_upstream, *m_client); });
}

// Moves what `from` has to `to`. An end of stream is passed on as a half-close; a broken side
// ends the relay.
void TcpRelay::pump(FdSocket &from, FdSocket &to, bool &ended, qint64 &bytes)
{
    if (m_finished || ended)
        return;
    QByteArray &scratch = m_worker.scratch();
    scratch.resize(0);
    const qsizetype count = from.read(scratch);
    if (count == FdSocket::WouldBlock)
        return;
    m_lastActivityMs = m_worker.nowMs();
    if (count == FdSocket::Failed) {
        const bool handshake = from.tls() && !from.tls()->handshakeDone();
        finish(&from == m_client.get() ? QStringLiteral("-") : QStringLiteral("UC"),
               handshake ? from.tls()->errorText() : QString());
        return;
    }
    if (count == 0) {
        ended = true;
        from.setReading(false);
        if (&from == &to) { // echo: the client is done, so is the relay
            m_upstreamEnded = true;
            to.closeWhenFlushed();
            finish(QStringLiteral("-"));
            return;
        }
        to.shutdownWriteWhenFlushed();
        if (m_clientEnded && m_upstreamEnded)
            finish(QStringLiteral("-"));
        return;
    }
    bytes += count;
    if (&from == &to)
        m_log.bytesOut += count; // echoed
    if (!to.write(QByteArrayView(scratch))) {
        finish(&to == m_client.get() ? QStringLiteral("-") : QStringLiteral("UC"));
        return;
    }
    if (to.pendingBytes() > m_worker.snapshot()->limits.writeHighWater)
        from.setReading(false); // resumed when `to` drains
}

void TcpRelay::drained(FdSocket &socket, FdSocket &other)
{
    if (m_finished) { // closing cleanly: gone once every socket has flushed and closed
        if (!m_client->isOpen() && (!m_upstream || !m_upstream->isOpen()))
            m_worker.forget(this);
        return;
    }
    if (!socket.isOpen()) {
        finish(&socket == m_client.get() ? QStringLiteral("-") : QStringLiteral("UC"));
        return;
    }
    const bool otherEnded = &other == m_client.get() ? m_clientEnded : m_upstreamEnded;
    if (!otherEnded)
        other.setReading(true);
}

void TcpRelay::finish(const QString &flags, const QString &detail)
{
    if (m_finished)
        return;
    m_finished = true;
    m_finishedMs = m_worker.nowMs();
    m_log.flags = flags;
    m_log.detail = detail;
    m_log.durationMs = m_worker.nowMs() - m_startedMs;
    m_worker.record(std::move(m_log));
    // A clean end lets queued bytes go out first (the drained handler then lets go of the relay);
    // an error cuts both sides. The handlers stay: they ignore everything once finished.
    const bool clean = flags == QLatin1String("-") && detail.isEmpty();
    bool flushing = false;
    for (FdSocket *socket : {m_client.get(), m_upstream.get()}) {
        if (!socket)
            continue;
        socket->setReading(false);
        if (clean && socket->isOpen() && socket->pendingBytes() > 0) {
            socket->closeWhenFlushed();
            flushing = true;
        } else if (clean) {
            socket->closeWhenFlushed(); // nothing queued: closes now (TLS: with close_notify)
        } else {
            socket->close();
        }
    }
    if (!flushing)
        m_worker.forget(this);
}

void TcpRelay::sweep(qint64 nowMs, const ProxyLimits &limits)
{
    if (m_finished) {
        // Flushing the last bytes to a peer that stopped reading: give up after a while, as
        // Envoy's delayed close does.
        if (nowMs - m_finishedMs > CLOSE_DEADLINE_MS)
            abortClient();
        return;
    }
    if (m_connecting && nowMs - m_startedMs > limits.connectTimeoutMs) {
        finish(QStringLiteral("UF"), QStringLiteral("upstream connect timeout"));
        return;
    }
    if (nowMs - m_lastActivityMs > limits.idleTimeoutMs)
        finish(QStringLiteral("-"), QStringLiteral("idle timeout"));
}

void TcpRelay::abortClient()
{
    finish(QStringLiteral("-"), QStringLiteral("closed by the local gateway"));
    // Still flushing after a clean end: stopping cuts that short too.
    for (FdSocket *socket : {m_client.get(), m_upstream.get()}) {
        if (socket)
            socket->close();
    }
    m_worker.forget(this);
}

} // namespace Proxy
