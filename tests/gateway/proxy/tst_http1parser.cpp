// The client-side HTTP/1.1 parser: requests one at a time (pipelining), bodies in pieces,
// tunnels, Envoy's header limits, and the request-smuggling shapes answered with 400/501. Also
// the heads of both parsers read in pieces of any size.

#include "proxy/http1requestparser.h"
#include "proxy/http1responseparser.h"

#include <QtTest>

using Proxy::Http1RequestParser;
using Proxy::RequestHead;

namespace {

// Everything the parser reported for a byte stream, fed in pieces of `step` bytes (0: whole).
struct Transcript {
    std::vector<RequestHead> heads;
    std::vector<QByteArray> bodies;
    int completed = 0;
    std::optional<Proxy::ParseError> error;
    bool tunnel = false;
    QByteArray left; // bytes not consumed (a tunnel's, or after an error)
};

Transcript parse(const QByteArray &bytes, qsizetype step = 0, Proxy::ParserLimits limits = {})
{
    Transcript transcript;
    Http1RequestParser parser({[&](RequestHead &&head) {
                                   transcript.heads.push_back(std::move(head));
                                   transcript.bodies.emplace_back();
                               },
                               [&](QByteArrayView piece) { transcript.bodies.back() += piece; },
                               [&] { ++transcript.completed; }},
                              limits);
    QByteArray pending;
    qsizetype offset = 0;
    while (offset < bytes.size() || !pending.isEmpty()) {
        if (offset < bytes.size()) {
            const qsizetype size = step > 0 ? std::min(step, bytes.size() - offset) : bytes.size();
            pending += bytes.mid(offset, size);
            offset += size;
        }
        // Feed until the parser takes nothing more (one request at a time).
        while (!pending.isEmpty()) {
            const qsizetype used = parser.feed(pending);
            pending.remove(0, used);
            if (used == 0 || parser.error() || parser.isTunnel())
                break;
        }
        if (parser.error() || parser.isTunnel())
            break;
        if (offset >= bytes.size() && !pending.isEmpty() && parser.feed(pending) == 0)
            break;
    }
    parser.finish();
    transcript.error = parser.error();
    transcript.tunnel = parser.isTunnel();
    transcript.left = pending + bytes.mid(offset);
    return transcript;
}

// "name=value" per field, in order: what a head's views read.
QStringList fields(const std::vector<Proxy::HeaderField> &headers)
{
    QStringList list;
    for (const Proxy::HeaderField &field : headers)
        list << QString::fromLatin1(field.name + '=' + field.value);
    return list;
}

} // namespace

class TestHttp1Parser : public QObject {
    Q_OBJECT

private slots:
    void simpleRequest();
    void pipelinedRequestsOneAtATime();
    void bodies_data();
    void bodies();
    void byteByByteIsTheSame();
    void longHeadsKeepEveryByte();
    void responseHeadsInPieces();
    void upgradeBecomesATunnel();
    void expectContinueAndHttp10();
    void rejected_data();
    void rejected();
};

void TestHttp1Parser::simpleRequest()
{
    const Transcript t = parse("GET /productpage?u=1 HTTP/1.1\r\nHost: bookinfo.com\r\n"
                               "X-Trace: a\r\nx-trace: b\r\n\r\n");
    QVERIFY(!t.error);
    QCOMPARE(t.heads.size(), size_t(1));
    const RequestHead &head = t.heads.front();
    QCOMPARE(head.method, QByteArray("GET"));
    QCOMPARE(head.target, QByteArray("/productpage?u=1"));
    QCOMPARE(head.versionMinor, 1);
    QCOMPARE(head.headers.size(), size_t(3));
    QCOMPARE(head.header("host"), QByteArray("bookinfo.com"));
    QCOMPARE(head.header("X-TRACE"), QByteArray("a")); // the first of a repeated header
    QVERIFY(head.keepAlive);
    QVERIFY(!head.contentLength);
    QCOMPARE(t.completed, 1);
}

void TestHttp1Parser::pipelinedRequestsOneAtATime()
{
    const QByteArray first = "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc";
    const QByteArray second = "GET /b HTTP/1.1\r\nHost: x\r\n\r\n";
    int completed = 0;
    Http1RequestParser parser({{}, {}, [&] { ++completed; }});
    const QByteArray both = first + second;
    // The first feed stops right after the first request, so it is answered first.
    const qsizetype used = parser.feed(both);
    QCOMPARE(used, first.size());
    QCOMPARE(completed, 1);
    QVERIFY(parser.isIdle());
    QCOMPARE(parser.feed(QByteArrayView(both).sliced(used)), second.size());
    QCOMPARE(completed, 2);
}

void TestHttp1Parser::bodies_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("content-length")
        << QByteArray("PUT / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello")
        << QByteArray("hello");
    QTest::newRow("chunked with extension and trailer")
        << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "5;name=value\r\nhello\r\n6\r\n world\r\n0\r\nX-Checksum: 1\r\n\r\n")
        << QByteArray("hello world");
    QTest::newRow("empty chunked")
        << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
        << QByteArray();
}

void TestHttp1Parser::bodies()
{
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, body);
    const Transcript t = parse(request);
    QVERIFY2(!t.error, t.error ? t.error->reason.constData() : "");
    QCOMPARE(t.completed, 1);
    QCOMPARE(t.bodies.front(), body);
}

void TestHttp1Parser::byteByByteIsTheSame()
{
    const QByteArray stream =
        "POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        "3\r\nabc\r\n0\r\n\r\n"
        "GET /next HTTP/1.1\r\nHost: y\r\nCookie: a=b\r\n\r\n";
    const Transcript whole = parse(stream);
    for (qsizetype step : {1, 2, 7}) {
        const Transcript pieces = parse(stream, step);
        QCOMPARE(pieces.completed, whole.completed);
        QCOMPARE(pieces.bodies, whole.bodies);
        QCOMPARE(pieces.heads.size(), whole.heads.size());
        for (size_t i = 0; i < whole.heads.size(); ++i) {
            QCOMPARE(pieces.heads[i].target, whole.heads[i].target);
            QCOMPARE(fields(pieces.heads[i].headers), fields(whole.heads[i].headers));
        }
    }
    QCOMPARE(whole.completed, 2);
}

// A head bigger than the block a head starts with: the block grows while pieces come in, and
// every view still reads its own bytes, also after the parser is gone.
void TestHttp1Parser::longHeadsKeepEveryByte()
{
    QByteArray request = "GET /" + QByteArray(700, 'p') + " HTTP/1.1\r\nHost: x\r\n";
    QStringList expected{QStringLiteral("Host=x")};
    for (int i = 0; i < 40; ++i) {
        const QByteArray name = "X-Field-" + QByteArray::number(i);
        const QByteArray value = QByteArray(i * 7, char('a' + i % 26));
        request += name + ": " + value + "\r\n";
        expected << QString::fromLatin1(name + '=' + value);
    }
    request += "\r\n";
    for (qsizetype step : {0, 1, 13}) {
        const Transcript t = parse(request, step);
        QVERIFY(!t.error);
        QCOMPARE(t.heads.size(), size_t(1));
        QCOMPARE(t.heads.front().target, "/" + QByteArray(700, 'p'));
        QCOMPARE(fields(t.heads.front().headers), expected);
    }
}

void TestHttp1Parser::responseHeadsInPieces()
{
    const QByteArray stream =
        "HTTP/1.1 299 Quite Fine\r\nServer: up\r\nX-Long: " + QByteArray(900, 'v') +
        "\r\nContent-Length: 2\r\n\r\nok" + "HTTP/1.1 204 No Content\r\nDate: d\r\n\r\n";
    for (qsizetype step : {qsizetype(0), qsizetype(1), qsizetype(5)}) {
        std::vector<Proxy::ResponseHead> heads;
        {
            Proxy::Http1ResponseParser parser(
                {[&](Proxy::ResponseHead &&head) { heads.push_back(std::move(head)); }, {}, {}});
            QByteArray pending;
            for (qsizetype offset = 0; offset < stream.size();) {
                const qsizetype size =
                    step > 0 ? std::min(step, stream.size() - offset) : stream.size();
                pending += stream.mid(offset, size);
                offset += size;
                while (!pending.isEmpty()) {
                    const qsizetype used = parser.feed(pending);
                    pending.remove(0, used);
                    if (used == 0)
                        break;
                }
            }
            QVERIFY(!parser.error());
        }
        QCOMPARE(heads.size(), size_t(2));
        QCOMPARE(heads[0].status, 299);
        QCOMPARE(heads[0].reason, QByteArray("Quite Fine"));
        QCOMPARE(fields(heads[0].headers),
                 QStringList({QStringLiteral("Server=up"),
                              QStringLiteral("X-Long=") + QString(900, QLatin1Char('v')),
                              QStringLiteral("Content-Length=2")}));
        QCOMPARE(heads[1].status, 204);
        QCOMPARE(heads[1].reason, QByteArray("No Content"));
        QCOMPARE(fields(heads[1].headers), QStringList{QStringLiteral("Date=d")});
    }
}

void TestHttp1Parser::upgradeBecomesATunnel()
{
    const Transcript t = parse("GET /chat HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\n"
                               "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n\r\n"
                               "\x81\x05hello");
    QVERIFY(!t.error);
    QVERIFY(t.tunnel);
    QVERIFY(t.heads.front().upgrade);
    QCOMPARE(t.left, QByteArray("\x81\x05hello")); // not HTTP: the tunnel's bytes
}

void TestHttp1Parser::expectContinueAndHttp10()
{
    const Transcript expect = parse("PUT / HTTP/1.1\r\nHost: x\r\nExpect: 100-Continue\r\n"
                                    "Content-Length: 2\r\n\r\nok");
    QVERIFY(expect.heads.front().expectContinue);
    const Transcript old = parse("GET / HTTP/1.0\r\n\r\n");
    QCOMPARE(old.heads.front().versionMinor, 0);
    QVERIFY(!old.heads.front().keepAlive);
    const Transcript kept = parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    QVERIFY(kept.heads.front().keepAlive);
}

void TestHttp1Parser::rejected_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::newRow("content-length with transfer-encoding")
        << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
                      "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
        << 400;
    QTest::newRow("two content-lengths")
        << QByteArray(
               "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\nabcd")
        << 400;
    QTest::newRow("transfer-encoding not ending in chunked")
        << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n\r\nabc")
        << 501;
    QTest::newRow("bad chunk size")
        << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
        << 400;
    QTest::newRow("space before colon") << QByteArray("GET / HTTP/1.1\r\nHost : x\r\n\r\n") << 400;
    QTest::newRow("header without colon") << QByteArray("GET / HTTP/1.1\r\nHost x\r\n\r\n") << 400;
    QTest::newRow("NUL in a value")
        << QByteArray("GET / HTTP/1.1\r\nHost: a\0b\r\n\r\n", 30) << 400;
    QTest::newRow("bad version") << QByteArray("GET / HTTP/9.9\r\n\r\n") << 400;
    QTest::newRow("not HTTP") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03") << 400;
    QByteArray many = "GET / HTTP/1.1\r\nHost: x\r\n";
    for (int i = 0; i < 100; ++i)
        many += "X-" + QByteArray::number(i) + ": v\r\n";
    QTest::newRow("101 headers") << many + "\r\n" << 431;
    QTest::newRow("headers over 60 KiB")
        << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + QByteArray(61 * 1024, 'a') +
                      "\r\n\r\n")
        << 431;
    QTest::newRow("URL over 60 KiB")
        << QByteArray("GET /" + QByteArray(61 * 1024, 'a') + " HTTP/1.1\r\n\r\n") << 431;
}

void TestHttp1Parser::rejected()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    const Transcript t = parse(request);
    QVERIFY2(t.error, "accepted");
    QCOMPARE(t.error->status, status);
    QVERIFY(!t.error->reason.isEmpty());
    QCOMPARE(t.completed, 0);
    // Fed in pieces the verdict is the same.
    const Transcript pieces = parse(request, 3);
    QVERIFY(pieces.error);
    QCOMPARE(pieces.error->status, status);
}

QTEST_GUILESS_MAIN(TestHttp1Parser)
#include "tst_http1parser.moc"
