#pragma once

#include "echodescription.h"

#include <QHostAddress>
#include <QSslConfiguration>
#include <QTcpServer>
#include <memory>
#include <optional>

// The built-in echo upstream: answers every HTTP/1.1 request with 200 and a JSON description of
// what it received, so routes can be tried with no service running. The local gateway answers
// unmapped destinations with it; `gatehouse echo` runs it on its own to stand in for a service.
// With TLS it stands in for a service behind a passthrough server.
namespace Proxy {

class EchoServer : public QObject {
    Q_OBJECT

public:
    explicit EchoServer(EchoIdentity identity = {}, QObject *parent = nullptr);
    ~EchoServer() override;

    // Serve HTTPS with `configuration` (its certificate and key); call before listen().
    void useTls(const QSslConfiguration &configuration);
    bool listen(const QHostAddress &address, quint16 port);
    // Stops accepting; connections already open are still answered.
    void stopListening();
    quint16 port() const;
    QHostAddress address() const;
    QString errorString() const;

private:
    class Listener;

    EchoIdentity m_identity;
    std::unique_ptr<Listener> m_server;
};

} // namespace Proxy
