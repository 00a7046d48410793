// The parts of the route engine the route files cannot reach: host rules, matchers, bind
// addresses, HTTP/1.0, rejected VirtualServices, trace wording, request parsing, and the route
// test file loader's own errors.

#include "compile/compiler.h"
#include "compile/hostnames.h"
#include "route/decide.h"
#include "routetest/routetestrunner.h"
#include "testsupport.h"

#include <random>

namespace {

std::shared_ptr<const Runtime::Config> compileText(const QByteArray &text)
{
    Project::Workspace workspace;
    workspace.addFile(TestSupport::parseText(text));
    return Compile::compile(workspace);
}

Route::Request request(const QString &url, const QString &method = QStringLiteral("GET"))
{
    QString error;
    const std::optional<Route::Request> parsed = Route::Request::fromUrl(method, url, &error);
    if (!parsed)
        qFatal("bad test URL %s: %s", qPrintable(url), qPrintable(error));
    return *parsed;
}

const QByteArray GATEWAY =
    "apiVersion: networking.istio.io/v1\nkind: Gateway\n"
    "metadata: {name: gw, namespace: istio-system}\nspec:\n  servers:\n"
    "  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: [\"*\"]\n";

QByteArray virtualService(const QByteArray &name, const QByteArray &http)
{
    return "---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: " +
           name +
           ", namespace: istio-system}\nspec:\n  hosts: [a.example.com]\n  gateways: [gw]\n  "
           "http:\n" +
           http;
}

QString traceText(const Route::Decision &decision)
{
    QString text;
    for (const Route::TraceStep &step : decision.trace)
        text += step.stage + QStringLiteral(": ") + step.outcome + QLatin1Char('\n') +
                step.candidates.join(QLatin1Char('\n')) + QLatin1Char('\n');
    return text;
}

} // namespace

class TestDecide : public QObject {
    Q_OBJECT

private slots:
    void hostIntersection_data();
    void hostIntersection();
    void shortNames_data();
    void shortNames();
    void stringMatchers_data();
    void stringMatchers();
    void normalizePath_data();
    void normalizePath();
    void requestFromUrl_data();
    void requestFromUrl();
    void bindAddressesMakeSeparateListeners();
    void http10GetsUpgradeRequired();
    void invalidRegexRejectsTheVirtualService();
    void unproducibleRedirectCodeDropsTheRoute();
    void traceSaysWhyEachRouteLost();
    void traceSaysWhyEachChainLost();
    void faultPercentageUsesTheFaultSample();
    void decisionWithoutTraceIsTheSame();
    void routeTestLoaderErrors_data();
    void routeTestLoaderErrors();
    void expectationOnMissingFieldFails();
    void corpusConfigsDecideAnything();
};

void TestDecide::hostIntersection_data()
{
    QTest::addColumn<QString>("server");
    QTest::addColumn<QString>("vs");
    QTest::addColumn<QString>("domain"); // "" = no intersection
    QTest::newRow("wildcard server, exact vs") << "*.foo.com"
                                               << "a.foo.com"
                                               << "a.foo.com";
    QTest::newRow("exact server, wildcard vs") << "a.foo.com"
                                               << "*.foo.com"
                                               << "a.foo.com";
    QTest::newRow("star server, wildcard vs") << "*"
                                              << "*.foo.com"
                                              << "*.foo.com";
    QTest::newRow("star both") << "*"
                               << "*"
                               << "*";
    QTest::newRow("wildcard does not cover the bare domain") << "*.foo.com"
                                                             << "foo.com"
                                                             << "";
    QTest::newRow("nested wildcards") << "*.b"
                                      << "*.a.b"
                                      << "*.a.b";
    QTest::newRow("multi-label match") << "*.foo.com"
                                       << "a.b.foo.com"
                                       << "a.b.foo.com";
    QTest::newRow("unrelated") << "a.com"
                               << "b.com"
                               << "";
    QTest::newRow("equal") << "a.com"
                           << "a.com"
                           << "a.com";
}

void TestDecide::hostIntersection()
{
    QFETCH(QString, server);
    QFETCH(QString, vs);
    QFETCH(QString, domain);
    QCOMPARE(Compile::intersectHosts(server, vs).value_or(QString()), domain);
}

void TestDecide::shortNames_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("expanded");
    QTest::newRow("short") << "reviews"
                           << "reviews.shop.svc.cluster.local";
    QTest::newRow("qualified") << "reviews.other.svc.cluster.local"
                               << "reviews.other.svc.cluster.local";
    QTest::newRow("star") << "*"
                          << "*";
    QTest::newRow("upper case") << "Reviews"
                                << "reviews.shop.svc.cluster.local";
}

void TestDecide::shortNames()
{
    QFETCH(QString, host);
    QFETCH(QString, expanded);
    QCOMPARE(
        Compile::expandShortName(host, QStringLiteral("shop"), QStringLiteral("cluster.local")),
        expanded);
}

void TestDecide::stringMatchers_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("matches");
    QTest::newRow("regex is anchored") << "regex"
                                       << "\\d+"
                                       << "a123" << false;
    QTest::newRow("regex full match") << "regex"
                                      << "\\d+"
                                      << "123" << true;
    QTest::newRow("regex (?i)") << "regex"
                                << "(?i)yes|true"
                                << "TRUE" << true;
    QTest::newRow("invalid regex matches nothing") << "regex"
                                                   << "(unclosed"
                                                   << "(unclosed" << false;
    QTest::newRow("look-ahead is not RE2") << "regex"
                                           << "a(?=b)"
                                           << "ab" << false;
    QTest::newRow("exact is case-sensitive") << "exact"
                                             << "Jason"
                                             << "jason" << false;
    QTest::newRow("prefix") << "prefix"
                            << "/api"
                            << "/apiv2" << true;
    QTest::newRow("empty prefix matches all") << "prefix"
                                              << ""
                                              << "/x" << true;
}

void TestDecide::stringMatchers()
{
    QFETCH(QString, kind);
    QFETCH(QString, pattern);
    QFETCH(QString, text);
    QFETCH(bool, matches);
    const Runtime::StringMatcher matcher =
        kind == QLatin1String("regex")   ? Runtime::StringMatcher::regex(pattern)
        : kind == QLatin1String("exact") ? Runtime::StringMatcher::exact(pattern)
                                         : Runtime::StringMatcher::prefix(pattern);
    QCOMPARE(matcher.matches(text), matches);
}

void TestDecide::normalizePath_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("output");
    QTest::newRow("unchanged") << "/a/b?x=../y"
                               << "/a/b?x=../y";
    QTest::newRow("dot-dot") << "/a/b/../c"
                             << "/a/c";
    QTest::newRow("dot") << "/a/./b"
                         << "/a/b";
    QTest::newRow("above root") << "/../a"
                                << "/a";
    QTest::newRow("trailing dot-dot") << "/a/b/.."
                                      << "/a/";
    QTest::newRow("double slashes kept") << "//a//b"
                                         << "//a//b";
}

void TestDecide::normalizePath()
{
    QFETCH(QString, input);
    QFETCH(QString, output);
    QCOMPARE(Route::normalizePath(input), output);
}

void TestDecide::requestFromUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("authority");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("sni");
    QTest::newRow("http default port") << "http://a.com/x?y=1" << true << 80 << "a.com"
                                       << "/x?y=1"
                                       << "";
    QTest::newRow("https default port and SNI") << "https://a.com" << true << 443 << "a.com"
                                                << "/"
                                                << "a.com";
    QTest::newRow("explicit port") << "https://a.com:8443/p" << true << 8443 << "a.com:8443"
                                   << "/p"
                                   << "a.com";
    QTest::newRow("query without path") << "http://a.com?q" << true << 80 << "a.com"
                                        << "/?q"
                                        << "";
    QTest::newRow("not absolute") << "/path" << false << 0 << ""
                                  << ""
                                  << "";
    QTest::newRow("bad port") << "http://a.com:99999/" << false << 0 << ""
                              << ""
                              << "";
    QTest::newRow("unknown scheme") << "ftp://a.com/" << false << 0 << ""
                                    << ""
                                    << "";
}

void TestDecide::requestFromUrl()
{
    QFETCH(QString, url);
    QFETCH(bool, valid);
    QFETCH(int, port);
    QFETCH(QString, authority);
    QFETCH(QString, path);
    QFETCH(QString, sni);
    QString error;
    const std::optional<Route::Request> parsed =
        Route::Request::fromUrl(QStringLiteral("GET"), url, &error);
    QCOMPARE(parsed.has_value(), valid);
    if (!valid) {
        QVERIFY(!error.isEmpty());
        return;
    }
    QCOMPARE(int(parsed->port), port);
    QCOMPARE(parsed->authority, authority);
    QCOMPARE(parsed->pathAndQuery, path);
    QCOMPARE(parsed->sni.value_or(QString()), sni);
}

void TestDecide::bindAddressesMakeSeparateListeners()
{
    const auto config = compileText("apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: "
                                    "{name: gw, namespace: istio-system}\n"
                                    "spec:\n  servers:\n"
                                    "  - port: {number: 80, name: http, protocol: HTTP}\n    bind: "
                                    "127.0.0.2\n    hosts: [\"*\"]\n"
                                    "  - port: {number: 80, name: tcp, protocol: TCP}\n    bind: "
                                    "127.0.0.3\n    hosts: [\"*\"]\n");
    QCOMPARE(config->listeners.size(), std::size_t(2));
    QVERIFY(config->notes.isEmpty());
    Route::Request tcp = request(QStringLiteral("tcp://x:80"));
    tcp.bind = QStringLiteral("127.0.0.3");
    QCOMPARE(Route::decide(*config, tcp).listener, QStringLiteral("127.0.0.3_80"));
    Route::Request http = request(QStringLiteral("http://x/"));
    http.bind = QStringLiteral("127.0.0.2");
    const Route::Decision decision = Route::decide(*config, http);
    QCOMPARE(decision.listener, QStringLiteral("127.0.0.2_80"));
    QCOMPARE(decision.status, 404); // blackhole: nothing bound
}

void TestDecide::http10GetsUpgradeRequired()
{
    const auto config =
        compileText(GATEWAY + virtualService("v", "  - route: [{destination: {host: a}}]\n"));
    Route::Request old = request(QStringLiteral("http://a.example.com/"));
    old.httpVersion = QStringLiteral("1.0");
    QCOMPARE(Route::decide(*config, old).status, 426);
    QCOMPARE(Route::decide(*config, request(QStringLiteral("http://a.example.com/"))).outcome,
             Route::Decision::Outcome::Forward);
}

void TestDecide::invalidRegexRejectsTheVirtualService()
{
    const auto config =
        compileText(GATEWAY + virtualService("bad", "  - match: [{uri: {regex: \"(a\"}}]\n"
                                                    "    route: [{destination: {host: a}}]\n"
                                                    "  - route: [{destination: {host: b}}]\n"));
    QCOMPARE(config->notes.size(), 1);
    QCOMPARE(config->notes.first().code, QStringLiteral("GH2004"));
    QCOMPARE(config->notes.first().level, Core::Level::Error);
    // Rejected at admission: not even its valid catch-all route exists.
    QCOMPARE(Route::decide(*config, request(QStringLiteral("http://a.example.com/x"))).status, 404);
}

void TestDecide::unproducibleRedirectCodeDropsTheRoute()
{
    const auto config =
        compileText(GATEWAY + virtualService("r", "  - match: [{uri: {prefix: /r}}]\n"
                                                  "    redirect: {uri: /s, redirectCode: 305}\n"
                                                  "  - route: [{destination: {host: b}}]\n"));
    QCOMPARE(config->notes.size(), 1);
    QCOMPARE(config->notes.first().code, QStringLiteral("GH2008"));
    const Route::Decision decision =
        Route::decide(*config, request(QStringLiteral("http://a.example.com/r")));
    QCOMPARE(decision.routeLabel, QStringLiteral("http[1]"));
}

void TestDecide::traceSaysWhyEachRouteLost()
{
    const auto config = compileText(
        GATEWAY + virtualService("reviews",
                                 "  - name: v2\n"
                                 "    match: [{headers: {end-user: {exact: jason}}}]\n"
                                 "    route: [{destination: {host: reviews, subset: v2}}]\n"
                                 "  - name: v1\n"
                                 "    route: [{destination: {host: reviews, subset: v1}}]\n"));
    const Route::Decision decision =
        Route::decide(*config, request(QStringLiteral("http://a.example.com/")));
    const QString trace = traceText(decision);
    QVERIFY2(
        trace.contains(QStringLiteral(
            "route 'v2' match[0] needs header end-user exact \"jason\"; the request has none")),
        qPrintable(trace));
    QVERIFY(trace.contains(QStringLiteral("virtual host: \"a.example.com\"")));
    // v1 names a subset no DestinationRule defines: the cluster does not exist.
    QCOMPARE(decision.status, 503);
    QCOMPARE(decision.responseFlag, QStringLiteral("NC"));
    QVERIFY(trace.contains(QStringLiteral(
        "no DestinationRule for reviews.istio-system.svc.cluster.local defines subset \"v1\"")));
}

void TestDecide::traceSaysWhyEachChainLost()
{
    Project::Workspace workspace;
    workspace.addPath(
        QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/routes/semantics/manifests/tls.yaml"));
    const auto config = Compile::compile(workspace);
    const QString trace =
        traceText(Route::decide(*config, request(QStringLiteral("https://www.example.com/"))));
    QVERIFY2(trace.contains(QStringLiteral("(SNI www.example.com): chosen: exact name")),
             qPrintable(trace));
    QVERIFY(trace.contains(
        QStringLiteral("(SNI *.example.com): matches SNI \"www.example.com\" by wildcard, "
                       "but a more specific name wins")));
    Route::Request noSni = request(QStringLiteral("https://www.example.com/"));
    noSni.sni.reset();
    const Route::Decision closed = Route::decide(*config, noSni);
    QVERIFY(closed.isClosed());
    QVERIFY(traceText(closed).contains(QStringLiteral("does not serve no SNI")));
}

void TestDecide::faultPercentageUsesTheFaultSample()
{
    const auto config = compileText(
        GATEWAY + virtualService("f", "  - fault:\n"
                                      "      abort: {httpStatus: 500, percentage: {value: 30}}\n"
                                      "      delay: {fixedDelay: 2s, percentage: {value: 50}}\n"
                                      "    route: [{destination: {host: a}}]\n"));
    Route::Request r = request(QStringLiteral("http://a.example.com/"));
    r.faultSample = 0.2;
    Route::Decision decision = Route::decide(*config, r);
    QCOMPARE(decision.status, 500);
    QCOMPARE(decision.body, QByteArray("fault filter abort"));
    r.faultSample = 0.4;
    decision = Route::decide(*config, r);
    QCOMPARE(decision.outcome, Route::Decision::Outcome::Forward);
    QCOMPARE(decision.delayMs.value_or(0), 2000);
    r.faultSample = 0.6;
    QVERIFY(!Route::decide(*config, r).delayMs);
}

void TestDecide::decisionWithoutTraceIsTheSame()
{
    const auto config = Compile::compile([] {
        Project::Workspace workspace;
        workspace.addPath(QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/samples/bookinfo"));
        return Compile::collectInputs(workspace);
    }());
    const Route::Request r = request(QStringLiteral("https://uk.bookinfo.com/api/v1/ratings/1"));
    const Route::Decision traced = Route::decide(*config, r, true);
    const Route::Decision fast = Route::decide(*config, r, false);
    QVERIFY(!traced.trace.empty());
    QVERIFY(fast.trace.empty());
    QCOMPARE(fast.summary(), traced.summary());
    QCOMPARE(fast.routeLabel, traced.routeLabel);
    // Every cluster once: reviews v1, v2, v3; productpage, productpage v1; ratings; details;
    // mongodb.
    QStringList clusters;
    for (const Runtime::Cluster &cluster : config->clusters)
        clusters << cluster.envoyName();
    QCOMPARE(clusters.size(), 8);
    QVERIFY(clusters.contains(
        QStringLiteral("outbound|27017||mongodb.bookinfo-namespace.svc.cluster.local")));
    QVERIFY(clusters.contains(
        QStringLiteral("outbound||v2|reviews.bookinfo-namespace.svc.cluster.local")));
}

void TestDecide::routeTestLoaderErrors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("misspelt expectation")
        << QByteArray("tests:\n  - name: t\n    request: {url: http://a/}\n    expect:\n      "
                      "destinaton: x\n")
        << 5 << 7
        << "unknown field \"destinaton\" in tests[0].expect; did you mean \"destination\"?";
    QTest::newRow("unknown top-level key")
        << QByteArray("tests: []\nconfgi: [a]\n") << 2 << 1 << "unknown field \"confgi\"";
    QTest::newRow("duplicate test name")
        << QByteArray("tests:\n  - name: t\n    request: {url: http://a/}\n  - name: t\n    "
                      "request: {url: http://b/}\n")
        << 4 << 5 << "test name \"t\" is used twice";
    QTest::newRow("missing url") << QByteArray("tests:\n  - name: t\n    request: {method: GET}\n")
                                 << 3 << 5 << "tests[0].request.url is required";
    QTest::newRow("bad url") << QByteArray("tests:\n  - name: t\n    request: {url: a.com/x}\n")
                             << 3 << 15 << "not an absolute URL";
    QTest::newRow("sample out of range")
        << QByteArray("tests:\n  - name: t\n    request: {url: http://a/, sample: 1}\n") << 3 << 31
        << "sample must be in [0,1)";
    QTest::newRow("unknown protocol")
        << QByteArray("tests:\n  - name: t\n    request: {url: http://a/, protocol: udp}\n") << 3
        << 41 << "unknown protocol \"udp\"";
    QTest::newRow("missing name") << QByteArray("tests:\n  - request: {url: http://a/}\n") << 2 << 5
                                  << "missing required field \"tests[0].name\"";
    QTest::newRow("not YAML") << QByteArray("tests: [\n") << 2 << 1 << "not valid YAML";
}

void TestDecide::routeTestLoaderErrors()
{
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, messagePart);
    const RouteTest::LoadedFile loaded =
        RouteTest::parseTestFile(QStringLiteral("t.routes.yaml"), text);
    QVERIFY(!loaded.ok());
    QStringList all;
    for (const Core::Diagnostic &diagnostic : loaded.diagnostics)
        all << diagnostic.toText();
    const auto it =
        std::find_if(loaded.diagnostics.begin(), loaded.diagnostics.end(),
                     [&](const Core::Diagnostic &d) { return d.message.contains(messagePart); });
    QVERIFY2(it != loaded.diagnostics.end(), qPrintable(all.join(QLatin1Char('\n'))));
    QCOMPARE(it->level, Core::Level::Error);
    QCOMPARE(it->subject.position.line, line);
    QCOMPARE(it->subject.position.column, column);
}

void TestDecide::expectationOnMissingFieldFails()
{
    Route::Decision notFound;
    notFound.outcome = Route::Decision::Outcome::LocalReply;
    notFound.status = 404;
    RouteTest::Expectation expect;
    expect.destination = QStringLiteral("reviews");
    expect.path = QStringLiteral("/");
    expect.closed = false;
    const std::vector<RouteTest::Failure> failures = RouteTest::compare(expect, notFound);
    QCOMPARE(failures.size(), std::size_t(2));
    QCOMPARE(failures[0].key, QStringLiteral("destination"));
    QCOMPARE(failures[1].key, QStringLiteral("path"));

    Route::Decision forwarded;
    forwarded.outcome = Route::Decision::Outcome::Forward;
    Runtime::Cluster cluster;
    cluster.host = QStringLiteral("reviews.default.svc.cluster.local");
    cluster.port = 9080;
    cluster.subset = QStringLiteral("v1");
    forwarded.cluster = cluster;
    RouteTest::Expectation status;
    status.status = 200; // a forwarded request has no status of the gateway's own
    QCOMPARE(RouteTest::compare(status, forwarded).size(), std::size_t(1));
    RouteTest::Expectation destination;
    destination.destination =
        QStringLiteral("reviews.default.svc.cluster.local/v1"); // port not asserted
    QVERIFY(RouteTest::compare(destination, forwarded).empty());
    destination.destination = QStringLiteral("reviews.default.svc.cluster.local:9081/v1");
    QCOMPARE(RouteTest::compare(destination, forwarded).size(), std::size_t(1));
}

// Every corpus file compiles, and random requests on its ports are decided with a trace: no
// crash, and the traced and untraced decisions agree.
void TestDecide::corpusConfigsDecideAnything()
{
    const QStringList files = TestSupport::corpusFiles();
    if (files.isEmpty())
        QSKIP(qPrintable(TestSupport::corpusMissingMessage()));
    std::mt19937 random(7);
    const QStringList hosts{
        QStringLiteral("bookinfo.com"),        QStringLiteral("a.example.com"),
        QStringLiteral("httpbin.example.com"), QStringLiteral("UNKNOWN.host:8080"),
        QStringLiteral("foo.bar.com"),         QString()};
    const QStringList paths{QStringLiteral("/"), QStringLiteral("/productpage"),
                            QStringLiteral("/a/../b?x=1"), QStringLiteral("/status/200"),
                            QStringLiteral("/api/v1/products/1")};
    int decided = 0;
    for (const QString &path : files) {
        Project::Workspace workspace;
        workspace.addPath(path);
        const auto config = Compile::compile(workspace);
        QList<quint32> ports{80, 443};
        for (const Runtime::Listener &listener : config->listeners)
            ports << listener.port;
        for (int i = 0; i < 40; ++i) {
            Route::Request r;
            r.port = ports[qsizetype(random() % ports.size())];
            r.tls = random() % 2;
            r.protocol = static_cast<Route::Request::Protocol>(random() % 3);
            r.authority = hosts[qsizetype(random() % hosts.size())];
            r.sni = random() % 3 ? std::optional<QString>(r.authority) : std::nullopt;
            r.pathAndQuery = paths[qsizetype(random() % paths.size())];
            r.method = random() % 2 ? QStringLiteral("GET") : QStringLiteral("POST");
            if (random() % 2)
                r.headers.emplace_back(QStringLiteral("end-user"), QStringLiteral("jason"));
            r.sample = double(random() % 1000) / 1000.0;
            const Route::Decision traced = Route::decide(*config, r, true);
            const Route::Decision fast = Route::decide(*config, r, false);
            QVERIFY(!traced.trace.empty());
            QCOMPARE(fast.summary(), traced.summary());
            ++decided;
        }
    }
    QVERIFY(decided > 2000);
}

QTEST_GUILESS_MAIN(TestDecide)
#include "tst_decide.moc"
