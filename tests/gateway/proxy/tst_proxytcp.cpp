// Connections the local gateway relays without reading HTTP: TLS passthrough (SNI-routed, the
// TLS bytes untouched) to the built-in TLS echo and to a TLS service of our own, TLS-terminated
// TCP, plain TCP and MONGO relays with weights, half-close, large transfers and refusals.

#include "proxy/echoserver.h"
#include "tlstestsupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QtTest>

using namespace ProxyTest;

namespace {

const QByteArray DESIGN = readDataFile(QStringLiteral("tls-design.yaml"));

QJsonObject echoOf(const Response &response)
{
    return QJsonDocument::fromJson(response.body).object();
}

} // namespace

class TestProxyTcp : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void passthroughReachesTheEchoBySni_data();
    void passthroughReachesTheEchoBySni();
    void passthroughToAServiceOfOurOwn();
    void passthroughWithUnknownSniIsClosed();
    void terminatedTlsTcpIsRelayedDecrypted();
    void tcpRelayFollowsWeights_data();
    void tcpRelayFollowsWeights();
    void halfCloseIsPassedOn();
    void largeTransferKeepsEveryByte();
    void unreachableUpstreamClosesTheClient();
    void relayIsLogged();

private:
    QTemporaryDir m_caDir;
    std::optional<Tls::CertificateAuthority> m_ca;
    std::unique_ptr<TlsGateway> m_gateway;
};

void TestProxyTcp::initTestCase()
{
    QString error;
    m_ca = Tls::CertificateAuthority::openOrCreate(m_caDir.path(), &error);
    QVERIFY2(m_ca, qPrintable(error));
    m_gateway = std::make_unique<TlsGateway>(DESIGN, m_caDir.path());
    QVERIFY(m_gateway->ok());
}

void TestProxyTcp::passthroughReachesTheEchoBySni_data()
{
    QTest::addColumn<QString>("sni");
    QTest::addColumn<QString>("destination");
    QTest::newRow("first tls route") << "pt.example.com"
                                     << "pt.default.svc.cluster.local";
    QTest::newRow("second tls route") << "pt2.example.com"
                                      << "pt2.default.svc.cluster.local";
}

void TestProxyTcp::passthroughReachesTheEchoBySni()
{
    QFETCH(QString, sni);
    QFETCH(QString, destination);
    // The handshake is with the echo behind the gateway (the gateway never terminates), and the
    // echo's certificate comes from the local CA: verified by the client.
    TlsClientOptions options{sni};
    options.trusted = QSslCertificate::fromData(m_ca->certificatePem());
    TlsClient client(m_gateway->port(9448), options);
    QVERIFY2(client.encrypted(), qPrintable(client.error()));
    const Response response = client.request(get(sni.toLatin1(), "/through"));
    QCOMPARE(response.status, 200);
    const QJsonObject echo = echoOf(response);
    QCOMPARE(echo[QLatin1String("destination")].toObject()[QLatin1String("host")].toString(),
             destination);
    // Nothing was added on the way: the gateway saw only ciphertext.
    QVERIFY(!echo[QLatin1String("headers")].toObject().contains(QLatin1String("x-request-id")));
}

void TestProxyTcp::passthroughToAServiceOfOurOwn()
{
    QString error;
    const auto issued = m_ca->issueServer({QStringLiteral("pt.example.com")}, &error);
    QVERIFY2(issued, qPrintable(error));
    Proxy::EchoServer service({QStringLiteral("my-tls-service"), 443, QString()});
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(QSslCertificate::fromData(issued->certificatePem));
    configuration.setPrivateKey(QSslKey(issued->privateKeyPem, QSsl::Ec));
    service.useTls(configuration);
    QVERIFY(service.listen(QHostAddress::LocalHost, 0));
    TlsGateway gateway(
        DESIGN, m_caDir.path(),
        {{QStringLiteral("pt"), QStringLiteral("127.0.0.1:%1").arg(service.port())}});
    // The service runs on this thread's event loop: the client must not block it.
    TlsClientOptions options{QStringLiteral("pt.example.com")};
    options.trusted = QSslCertificate::fromData(m_ca->certificatePem());
    QSslSocket socket;
    QSslConfiguration client = QSslConfiguration::defaultConfiguration();
    client.setCaCertificates(options.trusted);
    socket.setSslConfiguration(client);
    socket.setPeerVerifyName(*options.sni);
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), gateway.port(9448));
    QTRY_VERIFY_WITH_TIMEOUT(socket.isEncrypted(), 5000);
    socket.write(get("pt.example.com", "/mine"));
    QByteArray answer;
    QTRY_VERIFY_WITH_TIMEOUT((answer += socket.readAll()).contains("my-tls-service"), 5000);
    QVERIFY(answer.startsWith("HTTP/1.1 200"));
}

void TestProxyTcp::passthroughWithUnknownSniIsClosed()
{
    TlsClient client(m_gateway->port(9448), {QStringLiteral("nobody.example.com")});
    QVERIFY(!client.encrypted());
}

void TestProxyTcp::terminatedTlsTcpIsRelayedDecrypted()
{
    // No local address for the destination: the relay echoes the decrypted bytes back.
    TlsClient client(m_gateway->port(9449), {QStringLiteral("tcp-tls.example.com")});
    QVERIFY2(client.encrypted(), qPrintable(client.error()));
    QCOMPARE(client.peerDnsNames(), QStringList{QStringLiteral("tcp-tls.example.com")});
    client.send("ping over tls");
    QCOMPARE(client.receive(13), QByteArray("ping over tls"));
}

void TestProxyTcp::tcpRelayFollowsWeights_data()
{
    QTest::addColumn<quint32>("port");
    QTest::newRow("TCP") << 9450u;
}

void TestProxyTcp::tcpRelayFollowsWeights()
{
    QFETCH(quint32, port);
    ScriptedUpstream one([](int, const SeenRequest &) { return ok("one"); });
    ScriptedUpstream two([](int, const SeenRequest &) { return ok("two"); });
    TlsGateway gateway(
        DESIGN, m_caDir.path(),
        {{QStringLiteral("one"), one.address()}, {QStringLiteral("two"), two.address()}});
    QMap<QByteArray, int> answers;
    for (int i = 0; i < 40; ++i) {
        Client client(gateway.port(port));
        const Response response = client.request(get("any", "/"));
        ++answers[response.body];
    }
    // 50/50 per connection: both get some (the chance that 40 picks all land on one is 2^-39).
    QVERIFY2(
        answers.value("one") > 0 && answers.value("two") > 0,
        qPrintable(
            QStringLiteral("one=%1 two=%2").arg(answers.value("one")).arg(answers.value("two"))));
    QCOMPARE(answers.value("one") + answers.value("two"), 40);
}

void TestProxyTcp::halfCloseIsPassedOn()
{
    // Mongo port, no local address: the echo returns what it got, and the client's end of
    // stream comes back as the relay's end of stream after the last byte.
    Client client(m_gateway->port(27017));
    QVERIFY(client.isConnected());
    client.send("last words");
    client.shutdownWrite();
    QByteArray echoed;
    bool closed = false;
    QElapsedTimer clock;
    clock.start();
    while (!closed && clock.elapsed() < 5000)
        echoed += receiveSome(client.fd(), 500, &closed);
    QCOMPARE(echoed, QByteArray("last words"));
    QVERIFY(closed);
}

void TestProxyTcp::largeTransferKeepsEveryByte()
{
    TlsClient client(m_gateway->port(9449), {QStringLiteral("tcp-tls.example.com")});
    QVERIFY(client.encrypted());
    QByteArray payload(3 * 1024 * 1024, Qt::Uninitialized);
    for (qsizetype i = 0; i < payload.size(); ++i)
        payload[i] = char(i * 7 + i / 4096);
    client.socket().write(payload); // the echo sends it back while we are still sending
    const QByteArray back = client.receive(payload.size(), 20000);
    QCOMPARE(back.size(), payload.size());
    QVERIFY(back == payload);
}

void TestProxyTcp::unreachableUpstreamClosesTheClient()
{
    TlsGateway gateway(DESIGN, m_caDir.path(),
                       {{QStringLiteral("mongo"), QStringLiteral("127.0.0.1:1")}});
    QSignalSpy logged(&gateway.engine(), &Proxy::ProxyEngine::requestsLogged);
    Client client(gateway.port(27017));
    QVERIFY(client.isConnected());
    QVERIFY(client.closedWithin(3000));
    QTRY_VERIFY(!logged.isEmpty());
    const auto entries = logged.constFirst().constFirst().value<QList<Proxy::AccessLogEntry>>();
    QCOMPARE(entries.first().flags, QStringLiteral("UF"));
}

void TestProxyTcp::relayIsLogged()
{
    QSignalSpy logged(&m_gateway->engine(), &Proxy::ProxyEngine::requestsLogged);
    {
        Client client(m_gateway->port(27017));
        client.send("12345");
        QCOMPARE(receiveSome(client.fd(), 2000), QByteArray("12345"));
    }
    QTRY_VERIFY(!logged.isEmpty());
    const auto entries = logged.constFirst().constFirst().value<QList<Proxy::AccessLogEntry>>();
    const Proxy::AccessLogEntry &entry = entries.first();
    QCOMPARE(entry.method, QStringLiteral("TCP"));
    QCOMPARE(entry.cluster, QStringLiteral("outbound|27017||mongo.default.svc.cluster.local"));
    QCOMPARE(entry.virtualService, QStringLiteral("default/tcp"));
    QCOMPARE(entry.route, QStringLiteral("tcp[2]"));
    QCOMPARE(entry.bytesIn, 5);
    QCOMPARE(entry.bytesOut, 5);
    QCOMPARE(entry.upstream, QStringLiteral("echo"));
    QVERIFY(entry.downstream.startsWith(QLatin1String("127.0.0.1:")));
    QVERIFY(m_gateway->engine().routeHits().value(QStringLiteral("default/tcp tcp[2]")) >= 1);
}

QTEST_GUILESS_MAIN(TestProxyTcp)
#include "tst_proxytcp.moc"
