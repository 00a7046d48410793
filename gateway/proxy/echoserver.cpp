#include "echoserver.h"

#include "http1requestparser.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSslSocket>
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

// Serves every accepted connection at once, plaintext or behind TLS. (QSslServer hands a
// connection over only after its handshake, and a request that came in with the client's
// Finished message is then never announced.)
class EchoServer::Listener : public QTcpServer {
public:
    Listener(const EchoIdentity &identity) : m_identity(identity) {}
    std::optional<QSslConfiguration> tls;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        if (!tls) {
            auto *socket = new QTcpSocket(this);
            if (socket->setSocketDescriptor(descriptor))
                new EchoConnection(socket, m_identity);
            else
                delete socket;
            return;
        }
        auto *socket = new QSslSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        socket->setSslConfiguration(*tls);
        new EchoConnection(socket, m_identity); // listening before the first decrypted byte
        connect(socket, &QSslSocket::sslErrors, socket, [socket] { socket->abort(); });
        socket->startServerEncryption();
    }

private:
    const EchoIdentity &m_identity;
};

EchoServer::EchoServer(EchoIdentity identity, QObject *parent)
    : QObject(parent), m_identity(std::move(identity)),
      m_server(std::make_unique<Listener>(m_identity))
{}

EchoServer::~EchoServer() = default;

void EchoServer::useTls(const QSslConfiguration &configuration)
{
    m_server->tls = configuration;
}

bool EchoServer::listen(const QHostAddress &address, quint16 port)
{
    return m_server->listen(address, port);
}

void EchoServer::stopListening()
{
    m_server->close();
}

quint16 EchoServer::port() const
{
    return m_server->serverPort();
}

QHostAddress EchoServer::address() const
{
    return m_server->serverAddress();
}

QString EchoServer::errorString() const
{
    return m_server->errorString();
}

} // namespace Proxy
