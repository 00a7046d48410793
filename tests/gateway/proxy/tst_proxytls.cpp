// HTTPS at the local gateway, over real handshakes on loopback: SNI picks the server (exact
// name, then the longest wildcard, then a `*` server) across Gateways sharing a port; clients
// without SNI; MUTUAL and OPTIONAL_MUTUAL client certificates; TLS version limits; httpsRedirect;
// mesh-only modes refused with a logged reason; bad ClientHello bytes.

#include "tlstestsupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QtTest>

using namespace ProxyTest;

namespace {

const QByteArray DESIGN = readDataFile(QStringLiteral("tls-design.yaml"));

QByteArray getRequest(const QByteArray &host, const QByteArray &path = "/")
{
    return get(host, path);
}

// The connection-level entry (a refused handshake) for `sni` among everything logged so far.
std::optional<Proxy::AccessLogEntry> tlsEntry(const QSignalSpy &logged, const QString &sni)
{
    for (const QList<QVariant> &batch : logged) {
        for (const Proxy::AccessLogEntry &entry :
             batch.constFirst().value<QList<Proxy::AccessLogEntry>>()) {
            if (entry.method == QLatin1String("TLS") && entry.authority == sni)
                return entry;
        }
    }
    return std::nullopt;
}

QString destinationHost(const Response &response)
{
    return QJsonDocument::fromJson(response.body)
        .object()[QLatin1String("destination")]
        .toObject()[QLatin1String("host")]
        .toString();
}

} // namespace

class TestProxyTls : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void sniChoosesTheServer_data();
    void sniChoosesTheServer();
    void unknownNameOrNoSniIsRefused_data();
    void unknownNameOrNoSniIsRefused();
    void catchAllServerTakesClientsWithoutSni();
    void requestsCarryHttpsForwardedProto();
    void pipelinedRequestsWithLargeBodies();
    void certificateChainsToTheLocalCa();
    void mutualTls_data();
    void mutualTls();
    void clientCertificatePins_data();
    void clientCertificatePins();
    void tlsVersionLimits_data();
    void tlsVersionLimits();
    void httpsRedirect_data();
    void httpsRedirect();
    void meshOnlyModeIsRefusedWithReason();
    void badClientHelloClosesTheConnection_data();
    void badClientHelloClosesTheConnection();
    void slowClientHelloTimesOut();
    void credentialFromWorkspaceSecretIsServed();

private:
    QTemporaryDir m_caDir;
    QTemporaryDir m_otherCaDir;
    std::optional<Tls::CertificateAuthority> m_ca;
    std::optional<Tls::CertificateAuthority> m_otherCa;
    std::unique_ptr<TlsGateway> m_gateway;
};

void TestProxyTls::initTestCase()
{
    QString error;
    m_ca = Tls::CertificateAuthority::openOrCreate(m_caDir.path(), &error);
    QVERIFY2(m_ca, qPrintable(error));
    m_otherCa = Tls::CertificateAuthority::openOrCreate(m_otherCaDir.path(), &error);
    QVERIFY2(m_otherCa, qPrintable(error));
    m_gateway = std::make_unique<TlsGateway>(DESIGN, m_caDir.path());
    QVERIFY(m_gateway->ok());
    QVERIFY(m_gateway->port(443) != 0);
}

void TestProxyTls::sniChoosesTheServer_data()
{
    QTest::addColumn<QString>("sni");
    QTest::addColumn<QString>("certificateName"); // the chosen server's host

    // Two Gateways' servers share port 443.
    QTest::newRow("exact name, first Gateway") << "a.example.com"
                                               << "a.example.com";
    QTest::newRow("exact name, second Gateway") << "b.example.com"
                                                << "b.example.com";
    QTest::newRow("wildcard") << "other.example.com"
                              << "*.example.com";
    QTest::newRow("the longest wildcard wins") << "x.api.example.com"
                                               << "*.api.example.com";
    QTest::newRow("exact beats wildcard, case-insensitive") << "A.Example.com"
                                                            << "a.example.com";
}

void TestProxyTls::sniChoosesTheServer()
{
    QFETCH(QString, sni);
    QFETCH(QString, certificateName);
    TlsClient client(m_gateway->port(443), {sni});
    QVERIFY2(client.encrypted(), qPrintable(client.error()));
    QCOMPARE(client.peerDnsNames(), QStringList{certificateName});
    const Response response = client.request(getRequest(sni.toLower().toLatin1()));
    QCOMPARE(response.status, 200);
    QCOMPARE(destinationHost(response), QStringLiteral("web.default.svc.cluster.local"));
}

void TestProxyTls::unknownNameOrNoSniIsRefused_data()
{
    QTest::addColumn<std::optional<QString>>("sni");
    QTest::newRow("a name no server has") << std::optional<QString>(QStringLiteral("example.org"));
    QTest::newRow("no SNI") << std::optional<QString>();
}

void TestProxyTls::unknownNameOrNoSniIsRefused()
{
    QFETCH(std::optional<QString>, sni);
    QSignalSpy logged(&m_gateway->engine(), &Proxy::ProxyEngine::requestsLogged);
    TlsClient client(m_gateway->port(443), {sni});
    QVERIFY(!client.encrypted());
    QTRY_VERIFY(tlsEntry(logged, sni.value_or(QString())));
    const Proxy::AccessLogEntry entry = *tlsEntry(logged, sni.value_or(QString()));
    QCOMPARE(entry.flags, QStringLiteral("NR"));
    QVERIFY2(entry.detail.contains(QLatin1String("SNI")), qPrintable(entry.detail));
}

void TestProxyTls::catchAllServerTakesClientsWithoutSni()
{
    TlsClient client(m_gateway->port(9447), {});
    QVERIFY2(client.encrypted(), qPrintable(client.error()));
    const Response response = client.request(getRequest("shop.example.com"));
    QCOMPARE(response.status, 200);
    // Host routing happens inside the server the SNI chose: no virtual host for this name.
    TlsClient other(m_gateway->port(9447), {QStringLiteral("anything.org")});
    QVERIFY(other.encrypted());
    QCOMPARE(other.request(getRequest("anything.org")).status, 404);
}

void TestProxyTls::requestsCarryHttpsForwardedProto()
{
    TlsClient client(m_gateway->port(443), {QStringLiteral("a.example.com")});
    QVERIFY(client.encrypted());
    for (int i = 0; i < 3; ++i) { // keep-alive over one TLS connection
        const Response response = client.request(getRequest("a.example.com", "/p?q=1"));
        QCOMPARE(response.status, 200);
        const QJsonObject echo = QJsonDocument::fromJson(response.body).object();
        QCOMPARE(echo[QLatin1String("headers")].toObject()[QLatin1String("x-forwarded-proto")],
                 QJsonValue(QStringLiteral("https")));
        QCOMPARE(echo[QLatin1String("path")].toString(), QStringLiteral("/p?q=1"));
        QCOMPARE(response.header("server"), QByteArray("istio-envoy"));
    }
}

void TestProxyTls::pipelinedRequestsWithLargeBodies()
{
    // Three requests in one write, the middle one with a body larger than a TLS record: the
    // connection's buffer is consumed from the front while more arrives behind it.
    TlsClient client(m_gateway->port(443), {QStringLiteral("a.example.com")});
    QVERIFY(client.encrypted());
    const QByteArray body(70 * 1024, 'x');
    client.send(get("a.example.com", "/one") + "POST /two HTTP/1.1\r\nHost: a.example.com\r\n" +
                "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body +
                get("a.example.com", "/three"));
    for (const char *path : {"/one", "/two", "/three"}) {
        const Response response = client.request(QByteArray());
        QCOMPARE(response.status, 200);
        const QJsonObject echo = QJsonDocument::fromJson(response.body).object();
        QCOMPARE(echo[QLatin1String("path")].toString(), QString::fromLatin1(path));
        if (QByteArray(path) == "/two")
            QCOMPARE(echo[QLatin1String("bodyBytes")].toInt(), body.size());
    }
}

void TestProxyTls::certificateChainsToTheLocalCa()
{
    TlsClientOptions options{QStringLiteral("b.example.com")};
    options.trusted = QSslCertificate::fromData(m_ca->certificatePem());
    TlsClient client(m_gateway->port(443), options);
    QVERIFY2(client.encrypted(), qPrintable(client.error())); // verified, name included
    options.trusted = QSslCertificate::fromData(m_otherCa->certificatePem());
    TlsClient untrusting(m_gateway->port(443), options);
    QVERIFY(!untrusting.encrypted());
}

void TestProxyTls::mutualTls_data()
{
    QTest::addColumn<quint32>("port");
    QTest::addColumn<QString>("clientCertificate"); // "good", "wrong CA", "none"
    QTest::addColumn<bool>("served");

    QTest::newRow("MUTUAL, certificate from the trusted CA") << 9443u << "good" << true;
    QTest::newRow("MUTUAL, certificate from another CA") << 9443u << "wrong CA" << false;
    QTest::newRow("MUTUAL, no certificate") << 9443u << "none" << false;
    QTest::newRow("OPTIONAL_MUTUAL, certificate from the trusted CA") << 9444u << "good" << true;
    QTest::newRow("OPTIONAL_MUTUAL, certificate from another CA") << 9444u << "wrong CA" << false;
    QTest::newRow("OPTIONAL_MUTUAL, no certificate") << 9444u << "none" << true;
}

void TestProxyTls::mutualTls()
{
    QFETCH(quint32, port);
    QFETCH(QString, clientCertificate);
    QFETCH(bool, served);
    const QString host =
        port == 9443 ? QStringLiteral("mtls.example.com") : QStringLiteral("opt.example.com");
    TlsClientOptions options{host};
    if (clientCertificate != QLatin1String("none")) {
        const Tls::CertificateAuthority &ca =
            clientCertificate == QLatin1String("good") ? *m_ca : *m_otherCa;
        QString error;
        const auto issued = ca.issueClient(QStringLiteral("tester"), &error);
        QVERIFY2(issued, qPrintable(error));
        options.clientChain = QSslCertificate::fromData(issued->certificatePem);
        options.clientKey = QSslKey(issued->privateKeyPem, QSsl::Ec);
    }
    TlsClient client(m_gateway->port(port), options);
    const Response response =
        client.request(get(host.toLatin1(), "/", "x-forwarded-client-cert: Hash=forged\r\n"));
    QCOMPARE(response.status == 200, served);
    if (!served)
        return;
    // The client's certificate reaches the upstream in x-forwarded-client-cert; a client's own
    // header never does.
    const QJsonObject headers =
        QJsonDocument::fromJson(response.body).object().value(QLatin1String("headers")).toObject();
    if (clientCertificate == QLatin1String("none")) {
        QVERIFY(!headers.contains(QLatin1String("x-forwarded-client-cert")));
        return;
    }
    const QJsonValue forwarded = headers.value(QLatin1String("x-forwarded-client-cert"));
    const QString value = forwarded.toString();
    QVERIFY2(value.startsWith(QLatin1String("Hash=")) && !value.contains(QLatin1String("forged")),
             qPrintable(value));
    QVERIFY2(value.contains(QLatin1String("Subject=\"CN=tester")), qPrintable(value));
    QVERIFY2(value.contains(QLatin1String(";URI=spiffe://cluster.local/ns/default/sa/tester")),
             qPrintable(value));
    QVERIFY2(value.contains(QLatin1String(";DNS=tester")), qPrintable(value));
}

void TestProxyTls::clientCertificatePins_data()
{
    QTest::addColumn<QString>("rule"); // the TLS settings line that restricts clients
    QTest::addColumn<bool>("served");

    QTest::newRow("subjectAltNames lists the client's URI")
        << "subjectAltNames: [spiffe://cluster.local/ns/default/sa/tester]" << true;
    QTest::newRow("subjectAltNames lists the client's DNS name")
        << "subjectAltNames: [tester]" << true;
    QTest::newRow("subjectAltNames lists someone else") << "subjectAltNames: [other]" << false;
    QTest::newRow("verifyCertificateHash matches (colons, upper case)")
        << "verifyCertificateHash: [HASH]" << true;
    QTest::newRow("verifyCertificateHash of another certificate")
        << "verifyCertificateHash: [OTHERHASH]" << false;
    QTest::newRow("verifyCertificateSpki matches") << "verifyCertificateSpki: [SPKI]" << true;
    QTest::newRow("either pin list may match")
        << "verifyCertificateSpki: [SPKI]\n      verifyCertificateHash: [OTHERHASH]" << true;
}

void TestProxyTls::clientCertificatePins()
{
    QFETCH(QString, rule);
    QFETCH(bool, served);
    QString error;
    const auto issued = m_ca->issueClient(QStringLiteral("tester"), &error);
    QVERIFY2(issued, qPrintable(error));
    const auto other = m_ca->issueClient(QStringLiteral("other"), &error);
    QVERIFY2(other, qPrintable(error));
    const QSslCertificate certificate = QSslCertificate::fromData(issued->certificatePem).first();
    const QSslCertificate otherCertificate =
        QSslCertificate::fromData(other->certificatePem).first();
    const QByteArray hash = certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper();
    const QByteArray otherHash = otherCertificate.digest(QCryptographicHash::Sha256).toHex();
    const QByteArray spki =
        QCryptographicHash::hash(certificate.publicKey().toDer(), QCryptographicHash::Sha256)
            .toBase64();
    rule.replace(QLatin1String("OTHERHASH"), QString::fromLatin1(otherHash));
    rule.replace(QLatin1String("HASH"), QString::fromLatin1(hash));
    rule.replace(QLatin1String("SPKI"), QString::fromLatin1(spki));
    const QByteArray yaml =
        "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: gw, namespace: "
        "istio-system}\nspec:\n  servers:\n  - port: {number: 443, name: https, protocol: "
        "HTTPS}\n    hosts: [pinned.example.com]\n    tls:\n      mode: MUTUAL\n      " +
        rule.toUtf8() +
        "\n---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: vs, "
        "namespace: istio-system}\nspec:\n  hosts: [pinned.example.com]\n  gateways: [gw]\n  "
        "http:\n  - route:\n    - destination: {host: web}\n";
    TlsGateway gateway(yaml, m_caDir.path());
    QVERIFY(gateway.ok());
    TlsClientOptions options{QStringLiteral("pinned.example.com")};
    options.clientChain = QSslCertificate::fromData(issued->certificatePem);
    options.clientKey = QSslKey(issued->privateKeyPem, QSsl::Ec);
    TlsClient client(gateway.port(443), options);
    QCOMPARE(client.request(getRequest("pinned.example.com")).status == 200, served);
}

void TestProxyTls::tlsVersionLimits_data()
{
    QTest::addColumn<quint32>("port");
    QTest::addColumn<int>("clientProtocol");
    QTest::addColumn<bool>("served");
    QTest::addColumn<int>("negotiated");

    QTest::newRow("default minimum TLS 1.2: a 1.2 client")
        << 443u << int(QSsl::TlsV1_2) << true << int(QSsl::TlsV1_2);
    QTest::newRow("default: TLS 1.3 when both can")
        << 443u << int(QSsl::TlsV1_2OrLater) << true << int(QSsl::TlsV1_3);
    QTest::newRow("minProtocolVersion TLSV1_3 refuses 1.2")
        << 9445u << int(QSsl::TlsV1_2) << false << 0;
    QTest::newRow("minProtocolVersion TLSV1_3 takes 1.3")
        << 9445u << int(QSsl::TlsV1_3) << true << int(QSsl::TlsV1_3);
    QTest::newRow("maxProtocolVersion TLSV1_2 refuses a 1.3-only client")
        << 9446u << int(QSsl::TlsV1_3OrLater) << false << 0;
    QTest::newRow("maxProtocolVersion TLSV1_2 negotiates 1.2")
        << 9446u << int(QSsl::TlsV1_2OrLater) << true << int(QSsl::TlsV1_2);
}

void TestProxyTls::tlsVersionLimits()
{
    QFETCH(quint32, port);
    QFETCH(int, clientProtocol);
    QFETCH(bool, served);
    QFETCH(int, negotiated);
    const QString host = port == 443    ? QStringLiteral("a.example.com")
                         : port == 9445 ? QStringLiteral("v13.example.com")
                                        : QStringLiteral("v12.example.com");
    TlsClientOptions options{host};
    options.protocol = QSsl::SslProtocol(clientProtocol);
    TlsClient client(m_gateway->port(port), options);
    QCOMPARE(client.encrypted(), served);
    if (served) {
        QCOMPARE(int(client.protocol()), negotiated);
        QCOMPARE(client.request(getRequest(host.toLatin1())).status, 200);
    }
}

void TestProxyTls::httpsRedirect_data()
{
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("location");

    QTest::newRow("plain") << QByteArray("secure.example.com") << QByteArray("/")
                           << QByteArray("https://secure.example.com/");
    QTest::newRow("path and query kept")
        << QByteArray("secure.example.com") << QByteArray("/a/b?x=1&y=2")
        << QByteArray("https://secure.example.com/a/b?x=1&y=2");
    QTest::newRow("explicit port in Host kept")
        << QByteArray("secure.example.com:8080") << QByteArray("/p")
        << QByteArray("https://secure.example.com:8080/p");
}

void TestProxyTls::httpsRedirect()
{
    QFETCH(QByteArray, host);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, location);
    Client client(m_gateway->port(80));
    const Response response = client.request(get(host, path));
    QCOMPARE(response.status, 301);
    QCOMPARE(response.header("location"), location);
    QVERIFY(response.body.isEmpty());
}

void TestProxyTls::meshOnlyModeIsRefusedWithReason()
{
    QSignalSpy logged(&m_gateway->engine(), &Proxy::ProxyEngine::requestsLogged);
    TlsClient client(m_gateway->port(9451), {QStringLiteral("mesh.example.com")});
    QVERIFY(!client.encrypted());
    QTRY_VERIFY(tlsEntry(logged, QStringLiteral("mesh.example.com")));
    const QString detail = tlsEntry(logged, QStringLiteral("mesh.example.com"))->detail;
    QVERIFY2(detail.contains(QLatin1String("ISTIO_MUTUAL")), qPrintable(detail));
}

void TestProxyTls::badClientHelloClosesTheConnection_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("plain HTTP on a TLS port") << get("a.example.com", "/");
    QTest::newRow("an alert record") << QByteArray::fromHex("15030100020228");
    QTest::newRow("handshake record with a ServerHello")
        << QByteArray::fromHex("16030300080200000403030000");
    QTest::newRow("SSLv2-style hello") << QByteArray::fromHex("802e0103010015000000100000");
    QTest::newRow("truncated, then the client leaves")
        << QByteArray::fromHex("1603010200010001fc0303");
}

void TestProxyTls::badClientHelloClosesTheConnection()
{
    QFETCH(QByteArray, bytes);
    Client client(m_gateway->port(443));
    QVERIFY(client.isConnected());
    client.send(bytes);
    if (QByteArray(QTest::currentDataTag()).startsWith("truncated"))
        client.shutdownWrite();
    QVERIFY(client.closedWithin(3000));
    // The gateway goes on serving.
    TlsClient good(m_gateway->port(443), {QStringLiteral("a.example.com")});
    QVERIFY(good.encrypted());
}

void TestProxyTls::slowClientHelloTimesOut()
{
    Proxy::ProxyLimits limits;
    limits.clientHelloTimeoutMs = 200;
    TlsGateway gateway(DESIGN, m_caDir.path(), {}, limits);
    Client client(gateway.port(443));
    client.send(QByteArray::fromHex("160301")); // three bytes of a record header, then nothing
    QVERIFY(client.closedWithin(3000));
}

void TestProxyTls::credentialFromWorkspaceSecretIsServed()
{
    // A Secret manifest in the workspace provides the certificate named by credentialName.
    QString error;
    const auto issued = m_otherCa->issueServer({QStringLiteral("secret.example.com")}, &error);
    QVERIFY2(issued, qPrintable(error));
    const QByteArray yaml =
        "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: gw, namespace: "
        "istio-system}\nspec:\n  servers:\n  - port: {number: 443, name: https, protocol: "
        "HTTPS}\n    hosts: [secret.example.com]\n    tls: {mode: SIMPLE, credentialName: "
        "my-cert}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: my-cert, namespace: "
        "istio-system}\ntype: kubernetes.io/tls\ndata:\n  tls.crt: " +
        issued->certificatePem.toBase64() + "\n  tls.key: " + issued->privateKeyPem.toBase64() +
        "\n";
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("design.yaml"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(yaml);
    file.close();
    Project::Workspace workspace;
    workspace.addPath(path);
    Environment::LocalEnvironment environment;
    environment.overridePort(443, 0);
    Proxy::ProxyEngine engine(TlsGateway::options(m_caDir.path(), {}));
    QVERIFY(engine.apply(Compile::compile(workspace), environment, &error,
                         Proxy::TlsInputs::from(workspace)));
    QTest::qWait(30);
    TlsClientOptions options{QStringLiteral("secret.example.com")};
    options.trusted = QSslCertificate::fromData(m_otherCa->certificatePem());
    TlsClient client(engine.listeners().constFirst().localPort, options);
    QVERIFY2(client.encrypted(), qPrintable(client.error()));
    QCOMPARE(client.peerCertificate(), QSslCertificate::fromData(issued->certificatePem).first());
}

QTEST_GUILESS_MAIN(TestProxyTls)
#include "tst_proxytls.moc"
