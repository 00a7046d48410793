// The built-in echo upstream over real loopback sockets: what it reports, keep-alive and
// pipelining, bodies, and malformed requests.

#include "proxy/echoserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QtTest>

namespace {

struct Response {
    int status = 0;
    QByteArray head;
    QByteArray body;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

// Reads one response (Content-Length framed) while the event loop runs the server.
std::optional<Response> readResponse(QTcpSocket &socket, QByteArray &buffer)
{
    for (int round = 0; round < 100; ++round) {
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end >= 0) {
            Response response;
            response.head = buffer.left(end);
            response.status = response.head.mid(9, 3).toInt();
            qsizetype length = 0;
            for (const QByteArray &line : response.head.split('\n')) {
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            }
            if (buffer.size() >= end + 4 + length) {
                response.body = buffer.mid(end + 4, length);
                buffer.remove(0, end + 4 + length);
                return response;
            }
        }
        if (socket.bytesAvailable() == 0) {
            QSignalSpy ready(&socket, &QTcpSocket::readyRead);
            if (!ready.wait(2000))
                return std::nullopt;
        }
        buffer += socket.readAll();
    }
    return std::nullopt;
}

} // namespace

class TestEchoServer : public QObject {
    Q_OBJECT

private slots:
    void init();
    void describesTheRequest();
    void pipelinedRequestsAnsweredInOrder();
    void chunkedBodyIsCounted();
    void malformedRequestGets400AndClose();
    void http10ClosesAfterTheAnswer();
    void upgradeIsDescribedThenClosed();

private:
    void connectClient(QTcpSocket &socket);
    std::unique_ptr<Proxy::EchoServer> m_server;
};

void TestEchoServer::init()
{
    m_server = std::make_unique<Proxy::EchoServer>(Proxy::EchoIdentity{
        QStringLiteral("reviews.bookinfo.svc.cluster.local"), 9080, QStringLiteral("v2")});
    QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
}

void TestEchoServer::connectClient(QTcpSocket &socket)
{
    socket.connectToHost(QHostAddress::LocalHost, m_server->port());
    QSignalSpy connected(&socket, &QTcpSocket::connected);
    QVERIFY(socket.state() == QAbstractSocket::ConnectedState || connected.wait(2000));
}

void TestEchoServer::describesTheRequest()
{
    QTcpSocket socket;
    connectClient(socket);
    socket.write("POST /reviews/1?full=yes HTTP/1.1\r\nHost: uk.bookinfo.com\r\n"
                 "X-Trace: a\r\nx-trace: b\r\nContent-Length: 5\r\n\r\nhello");
    QByteArray buffer;
    const auto response = readResponse(socket, buffer);
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    const QJsonObject json = response->json();
    QCOMPARE(json["destination"]["host"].toString(),
             QStringLiteral("reviews.bookinfo.svc.cluster.local"));
    QCOMPARE(json["destination"]["port"].toInt(), 9080);
    QCOMPARE(json["destination"]["subset"].toString(), QStringLiteral("v2"));
    QCOMPARE(json["method"].toString(), QStringLiteral("POST"));
    QCOMPARE(json["path"].toString(), QStringLiteral("/reviews/1?full=yes"));
    QCOMPARE(json["authority"].toString(), QStringLiteral("uk.bookinfo.com"));
    QCOMPARE(json["headers"]["host"].toString(), QStringLiteral("uk.bookinfo.com"));
    QCOMPARE(json["headers"]["x-trace"].toArray(), (QJsonArray{"a", "b"}));
    QCOMPARE(json["bodyBytes"].toInt(), 5);
    QCOMPARE(json["protocol"].toString(), QStringLiteral("HTTP/1.1"));
}

void TestEchoServer::pipelinedRequestsAnsweredInOrder()
{
    QTcpSocket socket;
    connectClient(socket);
    socket.write("GET /one HTTP/1.1\r\nHost: a\r\n\r\nGET /two HTTP/1.1\r\nHost: a\r\n\r\n"
                 "GET /three HTTP/1.1\r\nHost: a\r\n\r\n");
    QByteArray buffer;
    for (const char *path : {"/one", "/two", "/three"}) {
        const auto response = readResponse(socket, buffer);
        QVERIFY(response);
        QCOMPARE(response->json()["path"].toString(), QLatin1String(path));
        QVERIFY(!response->head.contains("connection: close"));
    }
    // The connection stays open for more.
    socket.write("GET /four HTTP/1.1\r\nHost: a\r\n\r\n");
    const auto fourth = readResponse(socket, buffer);
    QVERIFY(fourth);
    QCOMPARE(fourth->json()["path"].toString(), QStringLiteral("/four"));
}

void TestEchoServer::chunkedBodyIsCounted()
{
    QTcpSocket socket;
    connectClient(socket);
    socket.write(
        "PUT /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n");
    socket.flush();
    QTest::qWait(50); // the rest of the body arrives later
    socket.write("6\r\nefghij\r\n0\r\n\r\n");
    QByteArray buffer;
    const auto response = readResponse(socket, buffer);
    QVERIFY(response);
    QCOMPARE(response->json()["bodyBytes"].toInt(), 10);
}

void TestEchoServer::malformedRequestGets400AndClose()
{
    QTcpSocket socket;
    connectClient(socket);
    socket.write(
        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n");
    QByteArray buffer;
    const auto response = readResponse(socket, buffer);
    QVERIFY(response);
    QCOMPARE(response->status, 400);
    QVERIFY(response->head.contains("connection: close"));
    QSignalSpy closed(&socket, &QTcpSocket::disconnected);
    QVERIFY(socket.state() == QAbstractSocket::UnconnectedState || closed.wait(2000));
}

void TestEchoServer::http10ClosesAfterTheAnswer()
{
    QTcpSocket socket;
    connectClient(socket);
    socket.write("GET /old HTTP/1.0\r\n\r\n");
    QByteArray buffer;
    const auto response = readResponse(socket, buffer);
    QVERIFY(response);
    QCOMPARE(response->json()["protocol"].toString(), QStringLiteral("HTTP/1.0"));
    QVERIFY(response->head.contains("connection: close"));
    QSignalSpy closed(&socket, &QTcpSocket::disconnected);
    QVERIFY(socket.state() == QAbstractSocket::UnconnectedState || closed.wait(2000));
}

void TestEchoServer::upgradeIsDescribedThenClosed()
{
    QTcpSocket socket;
    connectClient(socket);
    socket.write(
        "GET /ws HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n");
    QByteArray buffer;
    const auto response = readResponse(socket, buffer);
    QVERIFY(response);
    const QJsonObject json = response->json();
    QCOMPARE(json["headers"]["upgrade"].toString(), QStringLiteral("websocket"));
    QSignalSpy closed(&socket, &QTcpSocket::disconnected);
    QVERIFY(socket.state() == QAbstractSocket::UnconnectedState || closed.wait(2000));
}

QTEST_GUILESS_MAIN(TestEchoServer)
#include "tst_echoserver.moc"
