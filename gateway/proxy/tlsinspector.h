#pragma once

#include "clientconnection.h"
#include "fdsocket.h"

#include <memory>

// A new connection to a TLS port, before it is anything else: reads the ClientHello (as Envoy's
// TLS inspector does), asks the route engine which filter chain its SNI selects, and hands the
// connection on: to an HTTP connection behind TLS termination (HTTPS), to a TCP relay
// (PASSTHROUGH keeps the TLS bytes as they are; a terminating TLS server decrypts first), or
// closes it with the reason in the access log (no chain, a chain that cannot serve off-mesh, a
// malformed ClientHello).
namespace Proxy {

class Worker;
struct ListenerBinding;

class TlsInspector : public ClientConnection {
public:
    TlsInspector(Worker &worker, std::unique_ptr<FdSocket> socket, const ListenerBinding &binding);

    void sweep(qint64 nowMs, const ProxyLimits &limits) override;
    void abortClient() override;

private:
    void readable();
    void handOn();
    void refuse(const QString &reason, const QString &flags = QStringLiteral("-"));

    Worker &m_worker;
    std::unique_ptr<FdSocket> m_socket;
    quint32 m_gatewayPort;
    QString m_listenerBind;
    QString m_localAddress;
    QByteArray m_hello;           // every byte read so far, handed on unchanged
    std::optional<QString> m_sni; // of the complete ClientHello
    bool m_done = false;
    qint64 m_startedMs;
};

} // namespace Proxy
