// The local gateway's client side over real sockets: keep-alive and pipelining, streamed and
// chunked bodies, 100-continue, WebSocket upgrades, Envoy's limits and bad bytes, and hot
// reload under load.

#include "proxytestsupport.h"

#include <QSignalSpy>
#include <QtTest>

using namespace ProxyTest;

namespace {

QByteArray design(const QByteArray &destination, int port = 80)
{
    return "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: gw, namespace: "
           "default}\nspec:\n  selector: {istio: ingressgateway}\n  servers:\n  - port: {number: " +
           QByteArray::number(port) +
           ", name: http, protocol: HTTP}\n    hosts: [\"*\"]\n---\napiVersion: "
           "networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: vs, namespace: "
           "default}\nspec:\n  hosts: [\"*\"]\n  gateways: [gw]\n  http:\n  - route: "
           "[{destination: {host: " +
           destination + ", port: {number: 8080}}}]\n";
}

Proxy::ProxyOptions quickLimits()
{
    Proxy::ProxyOptions options = Gateway::testOptions();
    options.limits.requestHeadersTimeoutMs = 300;
    options.limits.idleTimeoutMs = 600;
    return options;
}

} // namespace

class TestProxyConnections : public QObject {
    Q_OBJECT

private slots:
    void pipelinedRequestsAnsweredInOrder();
    void chunkedRequestBodyStreamsUpstream();
    void largeBodiesStreamBothWays();
    void expectContinue();
    void webSocketUpgradeTunnels();
    void badRequests_data();
    void badRequests();
    void requestHeaderTimeout();
    void idleTimeout();
    void hotReloadUnderLoad();
    void reloadOpensAndClosesPorts();
};

void TestProxyConnections::pipelinedRequestsAnsweredInOrder()
{
    ScriptedUpstream backend([](int, const SeenRequest &request) {
        if (request.head.contains("/slow"))
            QThread::msleep(200);
        return ok(request.head.split(' ').at(1));
    });
    Gateway gateway(design("backend"), Gateway::testOptions(),
                    {{QStringLiteral("backend"), backend.address()}});
    Client client(gateway.port());
    client.send(get("a", "/slow") + get("a", "/fast") + get("a", "/third"));
    QCOMPARE(client.read().body, QByteArray("/slow"));
    QCOMPARE(client.read().body, QByteArray("/fast"));
    QCOMPARE(client.read().body, QByteArray("/third"));
}

void TestProxyConnections::chunkedRequestBodyStreamsUpstream()
{
    ScriptedUpstream backend([](int, const SeenRequest &request) {
        return ok(QByteArray::number(request.body.size()) + ":" + request.body);
    });
    Gateway gateway(design("backend"), Gateway::testOptions(),
                    {{QStringLiteral("backend"), backend.address()}});
    Client client(gateway.port());
    client.send("POST /up HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
    QTest::qWait(50); // the rest arrives later, as a streaming client would send it
    client.send("6\r\n world\r\n0\r\n\r\n");
    const Response response = client.read();
    QCOMPARE(response.body, QByteArray("11:hello world"));
    QCOMPARE(backend.seen().at(0).header("transfer-encoding"), QByteArray("chunked"));
}

void TestProxyConnections::largeBodiesStreamBothWays()
{
    const QByteArray big(4 * 1024 * 1024, 'x');
    ScriptedUpstream backend([&](int, const SeenRequest &request) {
        return ok(request.body.size() == big.size() ? big : QByteArray("short"));
    });
    Gateway gateway(design("backend"), Gateway::testOptions(),
                    {{QStringLiteral("backend"), backend.address()}});
    Client client(gateway.port());
    const Response response = client.request("PUT /big HTTP/1.1\r\nHost: a\r\nContent-Length: " +
                                                 QByteArray::number(big.size()) + "\r\n\r\n" + big,
                                             20000);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.body.size(), big.size());
}

void TestProxyConnections::expectContinue()
{
    ScriptedUpstream backend([](int, const SeenRequest &request) {
        return ok(request.header("expect").isEmpty() ? request.body : QByteArray("expect leaked"));
    });
    Gateway gateway(design("backend"), Gateway::testOptions(),
                    {{QStringLiteral("backend"), backend.address()}});
    Client client(gateway.port());
    client.send("POST /e HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
    const Response interim = client.read();
    QCOMPARE(interim.status, 100); // the gateway answers 100-continue itself, as Envoy does
    client.send("data");
    QCOMPARE(client.read().body, QByteArray("data"));
}

void TestProxyConnections::webSocketUpgradeTunnels()
{
    // The upstream switches protocols, then echoes what the client sends in the tunnel.
    ScriptedUpstream backend([](int, const SeenRequest &) {
        return QByteArray("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                          "Connection: Upgrade\r\n\r\nwelcome");
    });
    Gateway gateway(design("backend"), Gateway::testOptions(),
                    {{QStringLiteral("backend"), backend.address()}});
    Client client(gateway.port());
    const Response response = client.request(
        "GET /ws HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
    QCOMPARE(response.status, 101);
    QCOMPARE(response.header("upgrade"), QByteArray("websocket"));
    QByteArray tunnel = client.pending();
    while (tunnel.size() < 7) {
        const QByteArray more = receiveSome(client.fd(), 2000);
        if (more.isEmpty())
            break;
        tunnel += more;
    }
    QCOMPARE(tunnel, QByteArray("welcome")); // bytes after the 101 pass through untouched
    const SeenRequest seen = backend.seen().at(0);
    QCOMPARE(seen.header("upgrade"), QByteArray("websocket"));
    QCOMPARE(seen.header("connection").toLower(), QByteArray("upgrade"));
    QVERIFY(client.closedWithin(3000)); // the upstream closed its end: so does the gateway
}

void TestProxyConnections::badRequests_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    QByteArray manyHeaders = "GET / HTTP/1.1\r\nHost: a\r\n";
    for (int i = 0; i < 101; ++i)
        manyHeaders += "X-H" + QByteArray::number(i) + ": v\r\n";
    QTest::newRow("101 headers: 431") << manyHeaders + "\r\n" << 431;
    QTest::newRow("61 KiB of headers: 431")
        << "GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + QByteArray(61 * 1024, 'b') + "\r\n\r\n"
        << 431;
    QTest::newRow("Content-Length and chunked: 400")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n"
                      "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
        << 400;
    QTest::newRow("two Content-Lengths: 400")
        << QByteArray(
               "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabc")
        << 400;
    QTest::newRow("space before colon: 400")
        << QByteArray("GET / HTTP/1.1\r\nHost : a\r\n\r\n") << 400;
    QTest::newRow("garbage: 400") << QByteArray("\x16\x03\x01\x02\x00 not http at all\r\n\r\n")
                                  << 400;
    QTest::newRow("unknown transfer coding: 501")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n") << 501;
    QTest::newRow("no Host: 400") << QByteArray("GET / HTTP/1.1\r\n\r\n") << 400;
}

void TestProxyConnections::badRequests()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    Gateway gateway(design("echo-svc"));
    QSignalSpy logged(&gateway.engine(), &Proxy::ProxyEngine::requestsLogged);
    Client client(gateway.port());
    const Response response = client.request(bytes);
    QCOMPARE(response.status, status);
    QCOMPARE(response.header("connection"), QByteArray("close"));
    QVERIFY(client.closedWithin(2000));
    // The access log says what was wrong.
    QTRY_VERIFY(!logged.isEmpty());
    const auto entry = logged.first().first().value<QList<Proxy::AccessLogEntry>>().first();
    QCOMPARE(entry.status, status);
    QCOMPARE(entry.flags, QStringLiteral("DPE"));
    QVERIFY(!entry.detail.isEmpty());
    int entries = 0;
    for (const QList<QVariant> &batch : logged)
        entries += int(batch.first().value<QList<Proxy::AccessLogEntry>>().size());
    QCOMPARE(entries, 1); // one request, one entry
    // The gateway is still there for everyone else.
    Client other(gateway.port());
    QCOMPARE(other.request(get("a", "/")).status, 200);
}

void TestProxyConnections::requestHeaderTimeout()
{
    Gateway gateway(design("echo-svc"), quickLimits());
    Client slowloris(gateway.port());
    slowloris.send("GET / HTTP/1.1\r\nHost: a\r\nX-Slow: ");
    const Response response = slowloris.read(3000);
    QCOMPARE(response.status, 408);
    QVERIFY(slowloris.closedWithin(2000));
}

void TestProxyConnections::idleTimeout()
{
    Gateway gateway(design("echo-svc"), quickLimits());
    Client client(gateway.port());
    QCOMPARE(client.request(get("a", "/")).status, 200);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(client.closedWithin(3000));
    QVERIFY2(clock.elapsed() >= 400, qPrintable(QString::number(clock.elapsed())));
}

void TestProxyConnections::hotReloadUnderLoad()
{
    ScriptedUpstream first([](int, const SeenRequest &) { return ok("first"); });
    ScriptedUpstream second([](int, const SeenRequest &) { return ok("second"); });
    Gateway gateway(
        design("first"), Gateway::testOptions(),
        {{QStringLiteral("first"), first.address()}, {QStringLiteral("second"), second.address()}});
    const quint16 port = gateway.port();
    std::atomic<bool> stop{false};
    std::atomic<int> failures{0};
    std::atomic<int> answers{0};
    std::atomic<int> fromSecond{0};
    std::vector<std::thread> clients;
    for (int c = 0; c < 4; ++c) {
        clients.emplace_back([&] {
            Client client(port); // one keep-alive connection each, across the reloads
            while (!stop) {
                const Response response = client.request(get("a", "/"));
                if (response.status != 200 || !response.complete || response.closed) {
                    ++failures;
                    return;
                }
                ++answers;
                fromSecond += response.body == "second";
            }
        });
    }
    QTest::qWait(150);
    for (int round = 0; round < 6; ++round) {
        QVERIFY(gateway.reload(design(round % 2 ? "first" : "second")));
        QTest::qWait(60);
    }
    QVERIFY(gateway.reload(design("second")));
    QTest::qWait(150);
    stop = true;
    for (std::thread &client : clients)
        client.join();
    QCOMPARE(failures.load(), 0);
    QVERIFY(answers > 50);
    QVERIFY(fromSecond > 0);
    QCOMPARE(gateway.port(), port); // the listener kept its socket
    Client after(port);
    QCOMPARE(after.request(get("a", "/")).body, QByteArray("second"));
}

void TestProxyConnections::reloadOpensAndClosesPorts()
{
    Gateway gateway(design("echo-svc", 80));
    const quint16 port80 = gateway.port(80);
    gateway.environment().overridePort(81, 0);
    QVERIFY(gateway.reload(design("echo-svc", 81)));
    const quint16 port81 = gateway.port(81);
    QVERIFY(port81 != 0);
    QCOMPARE(gateway.port(80), quint16(0));
    Client added(port81);
    QCOMPARE(added.request(get("a", "/")).status, 200);
    QTRY_VERIFY(!Client(port80).isConnected()); // the removed port refuses connections
}

QTEST_GUILESS_MAIN(TestProxyConnections)
#include "tst_proxyconnections.moc"
