// Near misses: for a request, why each route before the chosen one (or every route, or the
// closest virtual hosts) lost, phrased from the first condition that failed.

#include "compile/compiler.h"
#include "route/decide.h"
#include "route/decisionformat.h"
#include "route/nearmisses.h"
#include "testsupport.h"

#include <QJsonArray>

namespace {

// Two virtual hosts on port 80 and one VirtualService with every kind of condition.
const QByteArray CONFIG =
    "apiVersion: networking.istio.io/v1\nkind: Gateway\n"
    "metadata: {name: gw, namespace: istio-system}\nspec:\n  servers:\n"
    "  - port: {number: 80, name: http, protocol: HTTP}\n"
    "    hosts: [a.example.com, \"*.shop.example.com\"]\n"
    "---\napiVersion: networking.istio.io/v1\nkind: VirtualService\n"
    "metadata: {name: vs, namespace: istio-system}\nspec:\n"
    "  hosts: [a.example.com, \"*.shop.example.com\"]\n  gateways: [gw]\n  http:\n"
    "  - name: v1-only\n"
    "    match: [{headers: {end-user: {exact: jason}}}]\n"
    "    route: [{destination: {host: reviews}}]\n"
    "  - name: api\n"
    "    match: [{uri: {prefix: /api}}]\n"
    "    route: [{destination: {host: reviews}}]\n"
    "  - name: posts\n"
    "    match: [{method: {exact: POST}}, {queryParams: {debug: {exact: \"1\"}}}]\n"
    "    route: [{destination: {host: reviews}}]\n"
    "  - name: not-bots\n"
    "    match: [{withoutHeaders: {user-agent: {prefix: bot}}, uri: {exact: /p}}]\n"
    "    route: [{destination: {host: reviews}}]\n";

std::shared_ptr<const Runtime::Config> config()
{
    static const auto compiled = [] {
        Project::Workspace workspace;
        workspace.addFile(TestSupport::parseText(CONFIG));
        return Compile::compile(workspace);
    }();
    return compiled;
}

Route::Request request(const QString &method, const QString &url, const QStringList &headers)
{
    QString error;
    std::optional<Route::Request> parsed = Route::Request::fromUrl(method, url, &error);
    if (!parsed)
        qFatal("bad test URL %s", qPrintable(url));
    for (const QString &header : headers) {
        const qsizetype colon = header.indexOf(QLatin1Char(':'));
        parsed->setHeader(header.left(colon).trimmed(), header.mid(colon + 1).trimmed());
    }
    return *parsed;
}

QStringList texts(const std::vector<Route::NearMiss> &misses)
{
    QStringList result;
    for (const Route::NearMiss &miss : misses)
        result << miss.text();
    return result;
}

} // namespace

class TestNearMisses : public QObject {
    Q_OBJECT

private slots:
    void nearMisses_data();
    void nearMisses();
    void notComputedUnlessAsked();
    void shownInTextAndJson();
};

void TestNearMisses::nearMisses_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QStringList>("headers");
    QTest::addColumn<QStringList>("expected");

    const QString jason = QStringLiteral(
        "route http[0] 'v1-only' of istio-system/vs: header end-user: exact \"jason\" ≠ (absent)");
    const QString api =
        QStringLiteral("route http[1] 'api' of istio-system/vs: uri prefix \"/api\" does not match "
                       "\"/reviews/1?x=1\"");
    QTest::newRow("first route wins: nothing missed")
        << "GET"
        << "http://a.example.com/" << QStringList{"end-user: jason"} << QStringList{};
    QTest::newRow("earlier routes only")
        << "GET"
        << "http://a.example.com/api/x" << QStringList{}
        << QStringList{QStringLiteral("route http[0] 'v1-only' of istio-system/vs: header "
                                      "end-user: exact \"jason\" ≠ (absent)")};
    QTest::newRow("a header with the wrong value")
        << "GET"
        << "http://a.example.com/api" << QStringList{"end-user: bob"}
        << QStringList{QStringLiteral("route http[0] 'v1-only' of istio-system/vs: header "
                                      "end-user: exact \"jason\" ≠ \"bob\"")};
    QTest::newRow("second match block of a route")
        << "GET"
        << "http://a.example.com/p?debug=1" << QStringList{}
        << QStringList{jason,
                       QStringLiteral("route http[1] 'api' of istio-system/vs: uri prefix "
                                      "\"/api\" does not match \"/p?debug=1\""),
                       QStringLiteral("route http[2] 'posts' of istio-system/vs: method: exact "
                                      "\"POST\" ≠ \"GET\"")};
    QTest::newRow("nothing matched: every route")
        << "GET"
        << "http://a.example.com/reviews/1?x=1" << QStringList{"user-agent: bot/1"}
        << QStringList{
               jason, api,
               QStringLiteral(
                   "route http[2] 'posts' of istio-system/vs: method: exact \"POST\" ≠ \"GET\""),
               QStringLiteral("route http[2] 'posts' match[1] of istio-system/vs: query param "
                              "debug: exact \"1\" ≠ (absent)"),
               QStringLiteral("route http[3] 'not-bots' of istio-system/vs: uri exact \"/p\" does "
                              "not match \"/reviews/1\"")};
    QTest::newRow("withoutHeaders that the request has")
        << "GET"
        << "http://a.example.com/p" << QStringList{"user-agent: bot/1"}
        << QStringList{
               jason,
               QStringLiteral("route http[1] 'api' of istio-system/vs: uri prefix \"/api\" does "
                              "not match \"/p\""),
               QStringLiteral(
                   "route http[2] 'posts' of istio-system/vs: method: exact \"POST\" ≠ \"GET\""),
               QStringLiteral("route http[2] 'posts' match[1] of istio-system/vs: query param "
                              "debug: exact \"1\" ≠ (absent)"),
               QStringLiteral("route http[3] 'not-bots' of istio-system/vs: withoutHeaders "
                              "user-agent: prefix \"bot\" must not match, the request has "
                              "\"bot/1\"")};
    QTest::newRow("no domain: the closest hosts, closest first")
        << "GET"
        << "http://b.example.com:80/" << QStringList{}
        << QStringList{QStringLiteral("virtual host a.example.com: Host \"b.example.com\" ≠ "
                                      "\"a.example.com\" (1 character apart)"),
                       QStringLiteral("virtual host *.shop.example.com: Host \"b.example.com\" "
                                      "does not end in \".shop.example.com\"")};
    QTest::newRow("a wildcard needs a label in front")
        << "GET"
        << "http://shop.example.com/" << QStringList{}
        << QStringList{QStringLiteral("virtual host *.shop.example.com: Host \"shop.example.com\" "
                                      "has no label before \".shop.example.com\", which the "
                                      "wildcard needs"),
                       QStringLiteral("virtual host a.example.com: Host \"shop.example.com\" ≠ "
                                      "\"a.example.com\" (4 characters apart)")};
    QTest::newRow("no listener: nothing to compare")
        << "GET"
        << "http://a.example.com:8080/" << QStringList{} << QStringList{};
}

void TestNearMisses::nearMisses()
{
    QFETCH(QString, method);
    QFETCH(QString, url);
    QFETCH(QStringList, headers);
    QFETCH(QStringList, expected);
    const Route::Request req = request(method, url, headers);
    const Route::Decision decision = Route::decideExplained(*config(), req);
    QCOMPARE(texts(decision.nearMisses), expected);
    // The same answer from a decision made without its trace (the proxy's kind).
    QCOMPARE(texts(Route::nearMisses(*config(), req, Route::decide(*config(), req, false))),
             expected);
}

void TestNearMisses::notComputedUnlessAsked()
{
    const Route::Request req =
        request(QStringLiteral("GET"), QStringLiteral("http://a.example.com/api"), {});
    QVERIFY(Route::decide(*config(), req, true).nearMisses.empty());
    QVERIFY(Route::decide(*config(), req, false).nearMisses.empty());
}

void TestNearMisses::shownInTextAndJson()
{
    const Route::Decision decision = Route::decideExplained(
        *config(), request(QStringLiteral("GET"), QStringLiteral("http://a.example.com/api"), {}));
    const QString text = Route::decisionText(decision);
    QVERIFY2(text.endsWith(QStringLiteral("near misses:\n  - route http[0] 'v1-only' of "
                                          "istio-system/vs: header end-user: exact \"jason\" ≠ "
                                          "(absent)\n")),
             qPrintable(text));
    const QJsonArray misses =
        Route::decisionJson(decision).value(QStringLiteral("nearMisses")).toArray();
    QCOMPARE(misses.size(), 1);
    QCOMPARE(misses[0].toObject().value(QStringLiteral("subject")).toString(),
             QStringLiteral("route http[0] 'v1-only' of istio-system/vs"));
    QCOMPARE(misses[0].toObject().value(QStringLiteral("stage")).toString(),
             QStringLiteral("route"));
}

QTEST_GUILESS_MAIN(TestNearMisses)
#include "tst_nearmisses.moc"
