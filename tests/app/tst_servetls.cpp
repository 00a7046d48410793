// `gatehouse serve` on the bundled sample, checked from outside with the tools a user has: curl
// (with --resolve, trusting the exported local CA) and openssl s_client. All five servers: the
// HTTP port that redirects to HTTPS, two HTTPS servers chosen by SNI, the catch-all HTTP port and
// the Mongo port relayed as TCP. Skips the curl/openssl rows where those are not installed.

#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

namespace {

QString sample()
{
    return QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/samples/bookinfo");
}

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QString &program, const QStringList &arguments, const QByteArray &input = {})
{
    QProcess process;
    process.start(program, arguments);
    process.write(input);
    process.closeWriteChannel();
    Run result;
    if (!process.waitForFinished(20000)) {
        process.kill();
        process.waitForFinished();
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

} // namespace

class TestServeTls : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void curlGetsWhatIstioSends_data();
    void curlGetsWhatIstioSends();
    void unknownSniIsRefused();
    void opensslVerifiesTheServedChain();
    void mongoPortRelaysTcp();

private:
    quint16 port(quint32 gatewayPort) const { return m_ports.value(gatewayPort); }

    QTemporaryDir m_dir;
    QProcess m_serve;
    QHash<quint32, quint16> m_ports; // gateway port → local port
    QString m_caFile;
    QString m_curl;
};

void TestServeTls::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("GATEHOUSE_CA_DIR", m_dir.filePath(QStringLiteral("ca")).toLocal8Bit());
    const QString gatehouse = qEnvironmentVariable("GATEHOUSE_BINARY");
    QVERIFY2(QFileInfo::exists(gatehouse), "GATEHOUSE_BINARY must name the built gatehouse");

    QStringList arguments{QStringLiteral("serve"), sample(), QStringLiteral("--workers"),
                          QStringLiteral("2")};
    for (const char *gatewayPort : {"80", "443", "9443", "9080", "2379"})
        arguments << QStringLiteral("--port") << QStringLiteral("%1=0").arg(gatewayPort);
    m_serve.start(gatehouse, arguments);
    QByteArray banner;
    while (!banner.contains("ready\n") && m_serve.waitForReadyRead(10000))
        banner += m_serve.readAllStandardOutput();
    QVERIFY2(banner.contains("ready\n"), (banner + m_serve.readAllStandardError()).constData());
    const QRegularExpression listening(
        QStringLiteral("^listening 127\\.0\\.0\\.1:(\\d+) gateway-port=(\\d+) protocol=(\\w+)$"),
        QRegularExpression::MultilineOption);
    for (auto it = listening.globalMatch(QString::fromLatin1(banner)); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        m_ports.insert(match.captured(2).toUInt(), quint16(match.captured(1).toUInt()));
    }
    QCOMPARE(m_ports.size(), 5); // every server of the sample is served
    QVERIFY2(banner.contains("gateway-port=443 protocol=HTTPS"), banner.constData());
    QVERIFY2(banner.contains("gateway-port=2379 protocol=TCP"), banner.constData());

    m_caFile = m_dir.filePath(QStringLiteral("ca.crt"));
    const Run exported = run(gatehouse, {QStringLiteral("certs"), QStringLiteral("ca"),
                                         QStringLiteral("--export"), m_caFile});
    QVERIFY2(exported.exitCode == 0, exported.err.constData());
    m_curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
}

void TestServeTls::cleanupTestCase()
{
    m_serve.terminate();
    m_serve.waitForFinished(5000);
}

void TestServeTls::curlGetsWhatIstioSends_data()
{
    QTest::addColumn<quint32>("gatewayPort");
    QTest::addColumn<QString>("url");    // scheme://host/path; the local port is put in
    QTest::addColumn<QString>("status"); // the status line's code
    QTest::addColumn<QString>("expect"); // a header line or body text the answer contains

    QTest::newRow("port 80 redirects to https, Location from the Host as sent")
        << 80u << "http://uk.bookinfo.com/productpage?x=1"
        << "301"
        << "location: https://uk.bookinfo.com/productpage?x=1";
    QTest::newRow("port 443, SNI uk.bookinfo.com")
        << 443u << "https://uk.bookinfo.com/productpage"
        << "200"
        << "\"host\":\"productpage.bookinfo-namespace.svc.cluster.local\"";
    QTest::newRow("port 443, SNI eu.bookinfo.com, rewrite")
        << 443u << "https://eu.bookinfo.com/api/v1/ratings/7"
        << "200"
        << "\"path\":\"/ratings/7\"";
    QTest::newRow("port 443, a redirect to the other HTTPS server")
        << 443u << "https://uk.bookinfo.com/shop"
        << "301"
        << "location: https://shop.bookinfo.com:9443/productpage";
    QTest::newRow("port 9443, SNI shop.bookinfo.com (wildcard server)")
        << 9443u << "https://shop.bookinfo.com/details/1"
        << "200"
        << "cache-control: no-store";
    QTest::newRow("port 9080, the catch-all HTTP server")
        << 9080u << "http://internal.example.com/healthz"
        << "200"
        << "ok";
}

void TestServeTls::curlGetsWhatIstioSends()
{
    QFETCH(quint32, gatewayPort);
    QFETCH(QString, url);
    QFETCH(QString, status);
    QFETCH(QString, expect);
    if (m_curl.isEmpty())
        QSKIP("curl is not installed");
    const QUrl parsed(url);
    const quint16 local = port(gatewayPort);
    QUrl localUrl = parsed;
    localUrl.setPort(local);
    // The Host header is what a client of the cluster sends (no port): the answer must be
    // exactly what the cluster would send.
    const Run curl =
        run(m_curl,
            {QStringLiteral("-sS"), QStringLiteral("-i"), QStringLiteral("--max-time"),
             QStringLiteral("5"), QStringLiteral("--cacert"), m_caFile, QStringLiteral("--resolve"),
             QStringLiteral("%1:%2:127.0.0.1").arg(parsed.host()).arg(local), QStringLiteral("-H"),
             QStringLiteral("Host: %1").arg(parsed.host()), localUrl.toString()});
    QVERIFY2(curl.exitCode == 0, curl.err.constData());
    const QString answer = QString::fromUtf8(curl.out);
    QVERIFY2(answer.startsWith(QStringLiteral("HTTP/1.1 %1").arg(status)), qPrintable(answer));
    QVERIFY2(answer.contains(expect, Qt::CaseInsensitive), qPrintable(answer));
    QVERIFY2(answer.contains(QLatin1String("server: istio-envoy"), Qt::CaseInsensitive),
             qPrintable(answer));
}

void TestServeTls::unknownSniIsRefused()
{
    if (m_curl.isEmpty())
        QSKIP("curl is not installed");
    const Run curl =
        run(m_curl, {QStringLiteral("-sS"), QStringLiteral("--max-time"), QStringLiteral("5"),
                     QStringLiteral("--cacert"), m_caFile, QStringLiteral("--resolve"),
                     QStringLiteral("nobody.example.org:%1:127.0.0.1").arg(port(443)),
                     QStringLiteral("https://nobody.example.org:%1/").arg(port(443))});
    QCOMPARE(curl.exitCode, 35); // curl: TLS handshake failed
}

void TestServeTls::opensslVerifiesTheServedChain()
{
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        QSKIP("openssl is not installed");
    const Run client =
        run(openssl,
            {QStringLiteral("s_client"), QStringLiteral("-connect"),
             QStringLiteral("127.0.0.1:%1").arg(port(9443)), QStringLiteral("-servername"),
             QStringLiteral("shop.bookinfo.com"), QStringLiteral("-CAfile"), m_caFile,
             QStringLiteral("-verify_hostname"), QStringLiteral("shop.bookinfo.com"),
             QStringLiteral("-verify_return_error"), QStringLiteral("-brief")},
            "Q\n");
    const QByteArray all = client.out + client.err;
    QVERIFY2(client.exitCode == 0, all.constData());
    QVERIFY2(all.contains("Verification: OK"), all.constData());
}

void TestServeTls::mongoPortRelaysTcp()
{
    // No local address for the Mongo service: the relay echoes what it receives.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port(2379));
    QVERIFY(socket.waitForConnected(5000));
    socket.write("isMaster?");
    QByteArray echoed;
    while (echoed.size() < 9 && socket.waitForReadyRead(5000))
        echoed += socket.readAll();
    QCOMPARE(echoed, QByteArray("isMaster?"));
}

QTEST_GUILESS_MAIN(TestServeTls)
#include "tst_servetls.moc"
