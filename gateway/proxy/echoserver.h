#pragma once

#include "echodescription.h"

#include <QHostAddress>
#include <QTcpServer>
#include <optional>

// The built-in echo upstream: answers every HTTP/1.1 request with 200 and a JSON description of
// what it received, so routes can be tried with no service running. The local gateway answers
// unmapped destinations with it; `gatehouse echo` runs it on its own to stand in for a service.
namespace Proxy {

class EchoServer : public QObject {
    Q_OBJECT

public:
    explicit EchoServer(EchoIdentity identity = {}, QObject *parent = nullptr);

    bool listen(const QHostAddress &address, quint16 port);
    quint16 port() const { return m_server.serverPort(); }
    QHostAddress address() const { return m_server.serverAddress(); }
    QString errorString() const { return m_server.errorString(); }

private:
    void accept();

    EchoIdentity m_identity;
    QTcpServer m_server;
};

} // namespace Proxy
