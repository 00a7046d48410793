#include "echoserver.h"

#include "http1requestparser.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>

namespace Proxy {
namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 431:
        return "Request Header Fields Too Large";
    case 501:
        return "Not Implemented";
    default:
        return "Error";
    }
}

QByteArray response(int status, const QByteArray &body, bool close)
{
    QByteArray bytes =
        "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) +
        "\r\ncontent-type: application/json\r\ncontent-length: " + QByteArray::number(body.size()) +
        "\r\n";
    if (close)
        bytes += "connection: close\r\n";
    return bytes + "\r\n" + body;
}

// One client connection: requests are parsed and answered one at a time, in order.
class EchoConnection : public QObject {
public:
    EchoConnection(QTcpSocket *socket, const EchoIdentity &identity)
        : QObject(socket), m_socket(socket), m_identity(identity),
          m_parser({[this](RequestHead &&head) {
                        m_head = std::move(head);
                        m_bodyBytes = 0;
                    },
                    [this](QByteArrayView piece) { m_bodyBytes += piece.size(); },
                    [this] { m_complete = true; }})
    {
        connect(socket, &QTcpSocket::readyRead, this, &EchoConnection::read);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }

private:
    void read()
    {
        m_pending += m_socket->readAll();
        while (!m_pending.isEmpty() && m_socket->state() == QAbstractSocket::ConnectedState) {
            const qsizetype used = m_parser.feed(m_pending);
            m_pending.remove(0, used);
            if (m_parser.error()) {
                const QJsonObject error{
                    {QStringLiteral("error"), QString::fromLatin1(m_parser.error()->reason)}};
                m_socket->write(response(m_parser.error()->status,
                                         QJsonDocument(error).toJson(QJsonDocument::Compact),
                                         true));
                m_socket->disconnectFromHost();
                return;
            }
            if (m_parser.isTunnel()) {
                // The echo speaks no upgraded protocol: it describes the request and closes.
                m_socket->write(response(200, describe(), true));
                m_socket->disconnectFromHost();
                return;
            }
            if (m_complete) {
                m_complete = false;
                const bool close = !m_head.keepAlive;
                m_socket->write(response(200, describe(), close));
                if (close) {
                    m_socket->disconnectFromHost();
                    return;
                }
                continue;
            }
            if (used == 0)
                return;
        }
    }

    QByteArray describe() const { return echoDescription(m_identity, m_head, m_bodyBytes); }

    QTcpSocket *m_socket;
    EchoIdentity m_identity;
    Http1RequestParser m_parser;
    RequestHead m_head;
    qint64 m_bodyBytes = 0;
    bool m_complete = false;
    QByteArray m_pending;
};

} // namespace

EchoServer::EchoServer(EchoIdentity identity, QObject *parent)
    : QObject(parent), m_identity(std::move(identity))
{
    connect(&m_server, &QTcpServer::newConnection, this, &EchoServer::accept);
}

bool EchoServer::listen(const QHostAddress &address, quint16 port)
{
    return m_server.listen(address, port);
}

void EchoServer::accept()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection())
        new EchoConnection(socket, m_identity);
}

} // namespace Proxy
