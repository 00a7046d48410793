#include "tlsinspector.h"

#include "clienthelloreader.h"
#include "downstreamconnection.h"
#include "route/decide.h"
#include "tcprelay.h"
#include "worker.h"

#include <openssl/ssl.h>

namespace Proxy {

TlsInspector::TlsInspector(Worker &worker, std::unique_ptr<FdSocket> socket,
                           const ListenerBinding &binding)
    : m_worker(worker), m_socket(std::move(socket)), m_gatewayPort(binding.gatewayPort),
      m_listenerBind(binding.listenerBind), m_localAddress(binding.localAddress),
      m_startedMs(worker.nowMs())
{
    m_socket->onReadable([this] { readable(); });
}

void TlsInspector::readable()
{
    if (m_done)
        return;
    const qsizetype count = m_socket->read(m_hello, 16 * 1024);
    if (count == FdSocket::WouldBlock)
        return;
    if (count <= 0) {
        refuse(QStringLiteral("the client closed before its ClientHello was complete"));
        return;
    }
    const ClientHelloReader::Result result = ClientHelloReader::read(QByteArrayView(m_hello));
    switch (result.status) {
    case ClientHelloReader::Status::NeedMore:
        return;
    case ClientHelloReader::Status::Malformed:
        refuse(QStringLiteral("not a TLS ClientHello: ") + result.error);
        return;
    case ClientHelloReader::Status::Complete:
        break;
    }
    if (result.hello.serverName)
        m_sni = QString::fromLatin1(*result.hello.serverName).toLower();
    // The next owner replaces this handler while it runs; nothing here touches the handler or
    // this object's state after handOn() returns.
    m_done = true;
    handOn();
}

void TlsInspector::handOn()
{
    const SnapshotPtr snapshot = m_worker.snapshot();
    const Runtime::Config &config = *snapshot->config;
    Route::Request request;
    request.protocol = Route::Request::Protocol::Tls;
    request.port = m_gatewayPort;
    request.bind = m_listenerBind;
    request.tls = true;
    request.sni = m_sni;
    request.sample = m_worker.connectionSample();
    const Route::Decision decision = Route::decide(config, request, false);
    const Runtime::Listener *listener = config.findListener(m_gatewayPort, m_listenerBind);
    if (decision.isClosed() || !listener) {
        refuse(decision.closeReason.isEmpty() ? QStringLiteral("no filter chain accepts it")
                                              : decision.closeReason,
               QStringLiteral("NR"));
        return;
    }
    const Runtime::FilterChain &chain = listener->chains[std::size_t(decision.filterChainIndex)];
    const ListenerBinding binding{nullptr, m_gatewayPort, m_listenerBind, m_localAddress,
                                  Runtime::Listener::Kind::Tls};
    if (chain.kind == Runtime::FilterChain::Kind::Passthrough) {
        TcpRelay::relay(m_worker, std::move(m_socket), binding, decision,
                        TcpRelay::Mode::Passthrough, std::exchange(m_hello, {}), m_sni);
        m_worker.forget(this);
        return;
    }
    const ChainTls *tls = snapshot->tlsFor(*listener, decision.filterChainIndex);
    if (!tls || !tls->context) {
        refuse(tls ? tls->refusal : QStringLiteral("the server has no TLS context"));
        return;
    }
    SSL *ssl = SSL_new(tls->context.get());
    if (!ssl) {
        refuse(QStringLiteral("out of memory starting TLS"));
        return;
    }
    m_socket->startTls(ssl, std::exchange(m_hello, {}));
    m_socket->setReading(true);
    if (chain.kind == Runtime::FilterChain::Kind::TerminateTcp) {
        TcpRelay::relay(m_worker, std::move(m_socket), binding, decision,
                        TcpRelay::Mode::TerminatedTls, QByteArray(), m_sni);
    } else {
        auto *connection =
            new DownstreamConnection(m_worker, std::move(m_socket), binding, true, m_sni);
        m_worker.adopt(connection);
        connection->kick(); // the ClientHello is buffered: nothing in the kernel announces it
    }
    m_worker.forget(this);
}

void TlsInspector::refuse(const QString &reason, const QString &flags)
{
    m_done = true;
    AccessLogEntry entry =
        AccessLogEntry::forConnection(QStringLiteral("TLS"), m_localAddress, m_gatewayPort,
                                      m_socket->peerText(), m_sni.value_or(QString()));
    entry.flags = flags;
    entry.detail = reason;
    entry.durationMs = m_worker.nowMs() - m_startedMs;
    m_worker.record(std::move(entry));
    m_socket->close();
    m_worker.forget(this);
}

void TlsInspector::sweep(qint64 nowMs, const ProxyLimits &limits)
{
    if (!m_done && nowMs - m_startedMs > limits.clientHelloTimeoutMs)
        refuse(QStringLiteral("no complete ClientHello within %1 ms")
                   .arg(limits.clientHelloTimeoutMs));
}

void TlsInspector::abortClient()
{
    if (m_socket)
        m_socket->close();
    m_done = true;
    m_worker.forget(this);
}

} // namespace Proxy
