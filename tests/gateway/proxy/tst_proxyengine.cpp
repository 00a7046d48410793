// The local gateway over real loopback sockets: every VirtualService HTTP action on the data
// path, upstream failures, Envoy's local replies and headers, and the access log.

#include "proxytestsupport.h"

#include <QHostInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QUuid>
#include <QtTest>

using namespace ProxyTest;

namespace {

// One route per VirtualService action (moc cannot read a raw string this long, so it is a file).
QByteArray design()
{
    QFile file(QStringLiteral(GATEHOUSE_TEST_DATA "/proxy/design.yaml"));
    file.open(QIODevice::ReadOnly);
    return file.readAll();
}

const QByteArray DESIGN = design();

QJsonObject json(const Response &response)
{
    return QJsonDocument::fromJson(response.body).object();
}

QJsonValue at(const QJsonObject &object, const char *outer, const char *inner)
{
    return object[QLatin1String(outer)].toObject()[QLatin1String(inner)];
}

QByteArray appGet(const QByteArray &path, const QByteArray &headers = {})
{
    return get("app.example.com", path, headers);
}

} // namespace

class TestProxyEngine : public QObject {
    Q_OBJECT

private slots:
    void echoAnswersUnmappedDestinations();
    void localReplies_data();
    void localReplies();
    void http10GetsUpgradeRequired();
    void headerOperationsBothWays();
    void rewrites_data();
    void rewrites();
    void weightedRoutesSplitTraffic();
    void faultDelayHoldsTheRequest();
    void corsPreflightAndActualRequest();
    void retriesOn5xx();
    void retriesOnRetriableStatusCodes();
    void routeTimeoutGives504();
    void perTryTimeoutRetries();
    void connectionRefusedGives503AfterDefaultRetries();
    void upstreamWithoutAddressesIsUnhealthy();
    void upstreamResetBeforeHeaders();
    void upstreamDiesMidResponse();
    void mirrorGetsACopy();
    void upstreamConnectionsAreReused();
    void accessLogAndRouteCounters();
};

void TestProxyEngine::echoAnswersUnmappedDestinations()
{
    Gateway gateway(DESIGN);
    QVERIFY(gateway.ok());
    Client client(gateway.port());
    const Response response =
        client.request("POST /echo/a?b=1 HTTP/1.1\r\nHost: app.example.com\r\nX-Custom: v\r\n"
                       "Content-Length: 5\r\n\r\nhello");
    QCOMPARE(response.status, 200);
    QCOMPARE(response.header("server"), QByteArray("istio-envoy"));
    QVERIFY(response.hasHeader("x-envoy-upstream-service-time"));
    const QJsonObject body = json(response);
    QCOMPARE(at(body, "destination", "host").toString(),
             QStringLiteral("echo-svc.default.svc.cluster.local"));
    QCOMPARE(at(body, "destination", "port").toInt(), 8000);
    QCOMPARE(at(body, "destination", "subset").toString(), QStringLiteral("v1"));
    QCOMPARE(body["method"].toString(), QStringLiteral("POST"));
    QCOMPARE(body["path"].toString(), QStringLiteral("/echo/a?b=1"));
    QCOMPARE(body["authority"].toString(), QStringLiteral("app.example.com"));
    QCOMPARE(body["bodyBytes"].toInt(), 5);
    const QJsonObject headers = body["headers"].toObject();
    QCOMPARE(headers["x-custom"].toString(), QStringLiteral("v"));
    QCOMPARE(headers["x-forwarded-for"].toString(), QStringLiteral("127.0.0.1"));
    QCOMPARE(headers["x-forwarded-proto"].toString(), QStringLiteral("http"));
    QCOMPARE(headers["x-envoy-attempt-count"].toString(), QStringLiteral("1"));
    const QUuid requestId = QUuid::fromString(headers[QStringLiteral("x-request-id")].toString());
    QVERIFY(!requestId.isNull());
    QCOMPARE(requestId.version(), QUuid::Random);

    // The same connection carries the next request (keep-alive).
    const Response second = client.request(appGet("/echo/again"));
    QCOMPARE(second.status, 200);
    QCOMPARE(json(second)["path"].toString(), QStringLiteral("/echo/again"));
}

void TestProxyEngine::localReplies_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("location");
    QTest::newRow("unknown host: 404 NR")
        << get("other.example.com", "/") << 404 << QByteArray() << QByteArray();
    QTest::newRow("no route: 404")
        << appGet("/nothing-here") << 404 << QByteArray() << QByteArray();
    QTest::newRow("redirect keeps the query") // [Envoy] path matches ignore the query
        << appGet("/moved?x=1") << 302 << QByteArray()
        << QByteArray("http://elsewhere.example.com/there?x=1");
    QTest::newRow("redirect") << appGet("/moved") << 302 << QByteArray()
                              << QByteArray("http://elsewhere.example.com/there");
    QTest::newRow("direct response")
        << appGet("/direct") << 418 << QByteArray("teapot\n") << QByteArray();
    QTest::newRow("fault abort") << appGet("/abort") << 503 << QByteArray("fault filter abort")
                                 << QByteArray();
}

void TestProxyEngine::localReplies()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, location);
    Gateway gateway(DESIGN);
    Client client(gateway.port());
    const Response response = client.request(request);
    QCOMPARE(response.status, status);
    QCOMPARE(response.body, body);
    QCOMPARE(response.header("location"), location);
    QCOMPARE(response.header("server"), QByteArray("istio-envoy"));
    QVERIFY(!response.hasHeader("x-envoy-upstream-service-time")); // [Envoy] local replies
    QVERIFY(response.hasHeader("date"));
    // A local reply keeps the connection open.
    QCOMPARE(client.request(appGet("/echo")).status, 200);
}

void TestProxyEngine::http10GetsUpgradeRequired()
{
    Gateway gateway(DESIGN);
    Client client(gateway.port());
    const Response response = client.request("GET /echo HTTP/1.0\r\nHost: app.example.com\r\n\r\n");
    QCOMPARE(response.status, 426);
    QVERIFY(client.closedWithin(2000));
}

void TestProxyEngine::headerOperationsBothWays()
{
    ScriptedUpstream backend([](int, const SeenRequest &) {
        return ok("fine", "Server: nginx\r\nX-Secret: hide-me\r\nX-Kept: 1\r\n");
    });
    Gateway gateway(DESIGN, Gateway::testOptions(),
                    {{QStringLiteral("backend"), backend.address()}});
    Client client(gateway.port());
    const Response response =
        client.request(appGet("/real/x", "X-Drop: gone\r\nX-Add: one\r\nX-Set: zero\r\n"));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.body, QByteArray("fine"));
    QCOMPARE(response.header("server"), QByteArray("istio-envoy")); // overwritten
    QCOMPARE(response.header("x-resp"), QByteArray("yes"));
    QCOMPARE(response.header("x-destination-level"), QByteArray("yes"));
    QVERIFY(!response.hasHeader("x-secret"));
    QCOMPARE(response.header("x-kept"), QByteArray("1"));
    QVERIFY(response.hasHeader("x-envoy-upstream-service-time"));
    const SeenRequest seen = backend.seen().at(0);
    QVERIFY(seen.head.startsWith("GET /real/x HTTP/1.1"));
    QCOMPARE(seen.header("host"), QByteArray("app.example.com"));
    QCOMPARE(seen.header("x-set"), QByteArray("one"));
    QCOMPARE(seen.header("x-add"), QByteArray("one,two"));
    QVERIFY(seen.header("x-drop").isEmpty());
    QCOMPARE(seen.header("x-forwarded-proto"), QByteArray("http"));
    QCOMPARE(seen.header("x-envoy-attempt-count"), QByteArray("1"));
}

void TestProxyEngine::rewrites_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QString>("upstreamPath");
    QTest::addColumn<QString>("authority");
    QTest::newRow("prefix and authority")
        << QByteArray("/old/page?q=1") << QStringLiteral("/new/page?q=1")
        << QStringLiteral("rewritten.internal");
    QTest::newRow("uriRegexRewrite") << QByteArray("/items/42") << QStringLiteral("/v2/item?id=42")
                                     << QStringLiteral("app.example.com");
}

void TestProxyEngine::rewrites()
{
    QFETCH(QByteArray, path);
    QFETCH(QString, upstreamPath);
    QFETCH(QString, authority);
    Gateway gateway(DESIGN);
    Client client(gateway.port());
    const QJsonObject body = json(client.request(appGet(path)));
    QCOMPARE(body["path"].toString(), upstreamPath);
    QCOMPARE(body["authority"].toString(), authority);
    QCOMPARE(at(body, "headers", "x-envoy-original-path").toString(), QString::fromLatin1(path));
}

void TestProxyEngine::weightedRoutesSplitTraffic()
{
    Gateway gateway(DESIGN);
    Client client(gateway.port());
    int v1 = 0;
    int v2 = 0;
    for (int i = 0; i < 200; ++i) {
        const QJsonObject destination =
            json(client.request(appGet("/split")))[QStringLiteral("destination")].toObject();
        const QString subset = destination[QStringLiteral("subset")].toString();
        v1 += subset == QLatin1String("v1");
        v2 += subset == QLatin1String("v2");
    }
    QCOMPARE(v1 + v2, 200);
    // 30/70 split: far outside these bounds only with probability < 1e-6.
    QVERIFY2(v1 > 25 && v1 < 95, qPrintable(QString::number(v1)));
}

void TestProxyEngine::faultDelayHoldsTheRequest()
{
    Gateway gateway(DESIGN);
    Client client(gateway.port());
    QElapsedTimer clock;
    clock.start();
    const Response response = client.request(appGet("/delay"));
    QCOMPARE(response.status, 200);
    QVERIFY2(clock.elapsed() >= 290, qPrintable(QString::number(clock.elapsed())));
}

void TestProxyEngine::corsPreflightAndActualRequest()
{
    Gateway gateway(DESIGN);
    Client client(gateway.port());
    const Response preflight = client.request(
        "OPTIONS /cors HTTP/1.1\r\nHost: app.example.com\r\nOrigin: https://ui.example.com\r\n"
        "Access-Control-Request-Method: POST\r\n\r\n");
    QCOMPARE(preflight.status, 200);
    QCOMPARE(preflight.header("access-control-allow-origin"), QByteArray("https://ui.example.com"));
    QCOMPARE(preflight.header("access-control-allow-methods"), QByteArray("GET,POST"));
    QCOMPARE(preflight.header("access-control-allow-headers"), QByteArray("x-custom"));
    QCOMPARE(preflight.header("access-control-max-age"), QByteArray("60"));
    QCOMPARE(preflight.header("access-control-allow-credentials"), QByteArray("true"));
    QVERIFY(preflight.body.isEmpty()); // answered by the gateway, not the echo

    const Response actual = client.request(appGet("/cors", "Origin: https://ui.example.com\r\n"));
    QCOMPARE(actual.status, 200);
    QCOMPARE(actual.header("access-control-allow-origin"), QByteArray("https://ui.example.com"));
    QCOMPARE(actual.header("access-control-expose-headers"), QByteArray("x-exposed"));

    const Response foreign = client.request(appGet("/cors", "Origin: https://evil.example\r\n"));
    QVERIFY(!foreign.hasHeader("access-control-allow-origin"));
    // A preflight from another origin is forwarded (unmatchedPreflights unset): the echo answers.
    const Response forwarded = client.request(
        "OPTIONS /cors HTTP/1.1\r\nHost: app.example.com\r\nOrigin: https://evil.example\r\n"
        "Access-Control-Request-Method: POST\r\n\r\n");
    QCOMPARE(json(forwarded)["method"].toString(), QStringLiteral("OPTIONS"));
}

void TestProxyEngine::retriesOn5xx()
{
    ScriptedUpstream backend([](int index, const SeenRequest &) {
        return index < 2
                   ? QByteArray("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\n\r\nbusy")
                   : ok("third time");
    });
    Gateway gateway(DESIGN, Gateway::testOptions(),
                    {{QStringLiteral("backend"), backend.address()}});
    Client client(gateway.port());
    const Response response = client.request(appGet("/retry"));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.body, QByteArray("third time"));
    const std::vector<SeenRequest> seen = backend.seen();
    QCOMPARE(int(seen.size()), 3);
    QCOMPARE(seen[0].header("x-envoy-attempt-count"), QByteArray("1"));
    QCOMPARE(seen[2].header("x-envoy-attempt-count"), QByteArray("3"));

    // Attempts run out: the last upstream answer goes to the client.
    ScriptedUpstream failing([](int, const SeenRequest &) {
        return QByteArray("HTTP/1.1 500 Oops\r\nContent-Length: 4\r\n\r\noops");
    });
    Gateway second(DESIGN, Gateway::testOptions(),
                   {{QStringLiteral("backend"), failing.address()}});
    Client other(second.port());
    const Response exhausted = other.request(appGet("/retry"));
    QCOMPARE(exhausted.status, 500);
    QCOMPARE(exhausted.body, QByteArray("oops"));
    QCOMPARE(int(failing.seen().size()), 3);
    // Without retries (attempts: 0) one try only.
    const Response once = other.request(appGet("/once"));
    QCOMPARE(once.status, 500);
    QCOMPARE(int(failing.seen().size()), 4);
}

void TestProxyEngine::retriesOnRetriableStatusCodes()
{
    ScriptedUpstream backend([](int index, const SeenRequest &) {
        return index == 0 ? QByteArray("HTTP/1.1 429 Slow Down\r\nContent-Length: 0\r\n\r\n")
                          : ok("ok");
    });
    Gateway gateway(DESIGN, Gateway::testOptions(),
                    {{QStringLiteral("backend"), backend.address()}});
    Client client(gateway.port());
    QCOMPARE(client.request(appGet("/codes")).status, 200);
    QCOMPARE(int(backend.seen().size()), 2);
    // 5xx is not in this policy: a 503 is final.
    ScriptedUpstream busy([](int, const SeenRequest &) {
        return QByteArray("HTTP/1.1 503 Busy\r\nContent-Length: 0\r\n\r\n");
    });
    Gateway second(DESIGN, Gateway::testOptions(), {{QStringLiteral("backend"), busy.address()}});
    Client other(second.port());
    QCOMPARE(other.request(appGet("/codes")).status, 503);
    QCOMPARE(int(busy.seen().size()), 1);
}

void TestProxyEngine::routeTimeoutGives504()
{
    ScriptedUpstream backend([](int, const SeenRequest &) {
        QThread::msleep(1000);
        return ok("late");
    });
    Gateway gateway(DESIGN, Gateway::testOptions(),
                    {{QStringLiteral("backend"), backend.address()}});
    Client client(gateway.port());
    QElapsedTimer clock;
    clock.start();
    const Response response = client.request(appGet("/slow"));
    QCOMPARE(response.status, 504);
    QCOMPARE(response.body, QByteArray("upstream request timeout"));
    QVERIFY2(clock.elapsed() < 900, qPrintable(QString::number(clock.elapsed())));
}

void TestProxyEngine::perTryTimeoutRetries()
{
    ScriptedUpstream backend([](int index, const SeenRequest &) {
        if (index == 0)
            QThread::msleep(600);
        return ok(index == 0 ? "slow" : "fast");
    });
    Gateway gateway(DESIGN, Gateway::testOptions(),
                    {{QStringLiteral("backend"), backend.address()}});
    Client client(gateway.port());
    const Response response = client.request(appGet("/pertry"));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.body, QByteArray("fast"));
}

void TestProxyEngine::connectionRefusedGives503AfterDefaultRetries()
{
    // A port nobody listens on: bind one, note it, close it.
    quint16 deadPort = 0;
    {
        ScriptedUpstream temporary([](int, const SeenRequest &) { return QByteArray(); });
        deadPort = temporary.port();
    }
    Gateway gateway(DESIGN, Gateway::testOptions(),
                    {{QStringLiteral("dead"), QStringLiteral("127.0.0.1:%1").arg(deadPort)}});
    QSignalSpy logged(&gateway.engine(), &Proxy::ProxyEngine::requestsLogged);
    Client client(gateway.port());
    const Response response = client.request(appGet("/refused"));
    QCOMPARE(response.status, 503);
    QVERIFY(response.body.startsWith("upstream connect error or disconnect/reset before headers"));
    QVERIFY(response.body.contains("connection failure"));
    QTRY_VERIFY(!logged.isEmpty());
    const auto entries = logged.first().first().value<QList<Proxy::AccessLogEntry>>();
    QCOMPARE(entries.first().attempts, 3); // Istio's default: 2 retries on connect-failure
    QVERIFY(entries.first().flags.contains(QLatin1String("UF")));
}

void TestProxyEngine::upstreamWithoutAddressesIsUnhealthy()
{
    // A name that resolves to nothing (.invalid never does, RFC 6761): no endpoints, Envoy's UH.
    // The worker looks names up once; where the resolver is slow to say no, this test cannot
    // tell a slow gateway from a slow resolver.
    QElapsedTimer lookup;
    lookup.start();
    QHostInfo::fromName(QStringLiteral("nothing.invalid"));
    if (lookup.elapsed() > 2000)
        QSKIP("the resolver takes over 2 s to fail here");
    Gateway gateway(DESIGN, Gateway::testOptions(),
                    {{QStringLiteral("backend"), QStringLiteral("nothing.invalid:8080")}});
    Client client(gateway.port());
    const Response response = client.request(appGet("/once"));
    QCOMPARE(response.status, 503);
    QCOMPARE(response.body, QByteArray("no healthy upstream"));
}

void TestProxyEngine::upstreamResetBeforeHeaders()
{
    ScriptedUpstream backend([](int, const SeenRequest &) { return QByteArray(); }); // closes
    Gateway gateway(DESIGN, Gateway::testOptions(),
                    {{QStringLiteral("backend"), backend.address()}});
    Client client(gateway.port());
    const Response response = client.request(appGet("/once"));
    QCOMPARE(response.status, 503);
    QVERIFY(response.body.contains("connection termination"));
}

void TestProxyEngine::upstreamDiesMidResponse()
{
    ScriptedUpstream backend([](int, const SeenRequest &) {
        // Promises 100 bytes, sends 5, closes.
        return QByteArray(
            "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\nhello");
    });
    Gateway gateway(DESIGN, Gateway::testOptions(),
                    {{QStringLiteral("backend"), backend.address()}});
    Client client(gateway.port());
    const Response response = client.request(appGet("/once"));
    QCOMPARE(response.status, 200);
    QVERIFY(!response.complete);
    QVERIFY(response.closed);
}

void TestProxyEngine::mirrorGetsACopy()
{
    ScriptedUpstream backend([](int, const SeenRequest &) { return ok("main"); });
    ScriptedUpstream shadow([](int, const SeenRequest &) { return ok("ignored"); });
    Gateway gateway(DESIGN, Gateway::testOptions(),
                    {{QStringLiteral("backend"), backend.address()},
                     {QStringLiteral("shadow"), shadow.address()}});
    Client client(gateway.port());
    const Response response = client.request(
        "POST /mirror/x HTTP/1.1\r\nHost: app.example.com\r\nContent-Length: 3\r\n\r\nabc");
    QCOMPARE(response.body, QByteArray("main"));
    QVERIFY(shadow.waitForRequests(1));
    const SeenRequest copy = shadow.seen().at(0);
    QVERIFY(copy.head.startsWith("POST /mirror/x HTTP/1.1"));
    QCOMPARE(copy.header("host"), QByteArray("app.example.com")); // no -shadow since Istio 1.28
    QCOMPARE(copy.body, QByteArray("abc"));
}

void TestProxyEngine::upstreamConnectionsAreReused()
{
    ScriptedUpstream backend([](int, const SeenRequest &) { return ok("x"); });
    Proxy::ProxyOptions options;
    options.workers = 1;
    Gateway gateway(DESIGN, options, {{QStringLiteral("backend"), backend.address()}});
    Client client(gateway.port());
    for (int i = 0; i < 5; ++i)
        QCOMPARE(client.request(appGet("/once")).status, 200);
    QCOMPARE(backend.connectionCount(), 1);
}

void TestProxyEngine::accessLogAndRouteCounters()
{
    Gateway gateway(DESIGN);
    QSignalSpy logged(&gateway.engine(), &Proxy::ProxyEngine::requestsLogged);
    Client client(gateway.port());
    client.request(appGet("/echo/1"));
    client.request(appGet("/echo/2"));
    client.request(appGet("/nowhere"));
    QTRY_COMPARE(gateway.engine().requestCount(), quint64(3));
    QCOMPARE(gateway.engine().routeHits().value(QStringLiteral("default/vs http[0]")), quint64(2));
    QList<Proxy::AccessLogEntry> entries;
    for (const QList<QVariant> &batch : logged)
        entries += batch.first().value<QList<Proxy::AccessLogEntry>>();
    QCOMPARE(entries.size(), 3);
    const Proxy::AccessLogEntry &first = entries.first();
    QCOMPARE(first.status, 200);
    QCOMPARE(first.method, QStringLiteral("GET"));
    QCOMPARE(first.authority, QStringLiteral("app.example.com"));
    QCOMPARE(first.virtualService, QStringLiteral("default/vs"));
    QCOMPARE(first.route, QStringLiteral("echo"));
    QCOMPARE(first.upstream, QStringLiteral("echo"));
    QCOMPARE(first.cluster, QStringLiteral("outbound|8000|v1|echo-svc.default.svc.cluster.local"));
    QCOMPARE(entries.last().status, 404);
    QCOMPARE(entries.last().flags, QStringLiteral("NR"));
    QVERIFY(first.toText().contains(QLatin1String("\"GET /echo/1\" 200")));
}

QTEST_GUILESS_MAIN(TestProxyEngine)
#include "tst_proxyengine.moc"
