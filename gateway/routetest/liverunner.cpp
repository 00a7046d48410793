#include "liverunner.h"

#include "httpprobe.h"
#include "proxy/http1responseparser.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>
#include <functional>

namespace RouteTest {
namespace {

constexpr int TIMEOUT_MS = 10'000;

struct WireResponse {
    Proxy::ResponseHead head;
    QByteArray body;
    bool complete = false;
};

// A connection to the local gateway as the test's client makes it: plaintext, or TLS with the
// test's SNI (none when nullopt). Certificates are not checked: a route test is about where a
// request goes, and a design's own certificate files need not chain to anything this machine
// trusts. Null when the gateway refused the connection or the handshake.
std::unique_ptr<QSslSocket> connectClient(quint16 port, bool tls, const std::optional<QString> &sni)
{
    auto socket = std::make_unique<QSslSocket>();
    if (!tls) {
        socket->connectToHost(QHostAddress::LocalHost, port);
        return socket->waitForConnected(TIMEOUT_MS) ? std::move(socket) : nullptr;
    }
    socket->setPeerVerifyMode(QSslSocket::VerifyNone);
    socket->setProtocol(QSsl::TlsV1_2OrLater);
    if (sni) // Qt sends the verification name as SNI; an IP address as the host sends none
        socket->setPeerVerifyName(*sni);
    socket->connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
    return socket->waitForEncrypted(TIMEOUT_MS) ? std::move(socket) : nullptr;
}

// One request over a fresh connection, read with the gateway's own response parser.
std::optional<WireResponse> roundTrip(quint16 port, const Route::Request &request,
                                      const QByteArray &bytes, bool headRequest)
{
    const std::unique_ptr<QSslSocket> connection = connectClient(port, request.tls, request.sni);
    if (!connection)
        return std::nullopt;
    QSslSocket &socket = *connection;
    socket.write(bytes);
    WireResponse response;
    Proxy::Http1ResponseParser parser(
        {[&](Proxy::ResponseHead &&head) { response.head = std::move(head); },
         [&](QByteArrayView data) { response.body += data; }, [&] { response.complete = true; }});
    parser.expectResponseTo(headRequest);
    QByteArray pending;
    const QDeadlineTimer deadline(TIMEOUT_MS);
    while (!response.complete && !deadline.hasExpired()) {
        if (socket.bytesAvailable() == 0 &&
            !socket.waitForReadyRead(int(deadline.remainingTime()))) {
            parser.finish();
            break;
        }
        pending += socket.readAll();
        const qsizetype used = parser.feed(pending);
        pending.remove(0, used);
        if (parser.error())
            break;
    }
    return response;
}

// "outbound|9080|v1|reviews.default.svc.cluster.local" → the cluster.
Runtime::Cluster clusterFromEnvoyName(const QString &name)
{
    const QStringList parts = name.split(QLatin1Char('|'));
    Runtime::Cluster cluster;
    if (parts.size() != 4)
        return cluster;
    if (!parts[1].isEmpty())
        cluster.port = parts[1].toUInt();
    cluster.subset = parts[2];
    cluster.host = parts[3];
    return cluster;
}

// Runs the event loop (the access log arrives by queued signal) until `done` or the timeout,
// sleeping in between rather than spinning.
void waitUntil(const std::function<bool()> &done)
{
    const QDeadlineTimer deadline(TIMEOUT_MS);
    QEventLoop loop;
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        if (done() || deadline.hasExpired())
            loop.quit();
    });
    tick.start(5);
    if (!done())
        loop.exec();
}

std::shared_ptr<const Runtime::SourceRef> sourceFrom(const QString &qualifiedName)
{
    auto source = std::make_shared<Runtime::SourceRef>();
    source->kind = QStringLiteral("VirtualService");
    source->nameSpace = qualifiedName.section(QLatin1Char('/'), 0, 0);
    source->name = qualifiedName.section(QLatin1Char('/'), 1);
    return source;
}

} // namespace

LiveRunner::LiveRunner()
    : m_connectionSample(std::make_shared<std::atomic<double>>(-1.0)), m_engine([this] {
          Proxy::ProxyOptions options;
          options.workers = 1;
          options.connectionSample = m_connectionSample;
          return options;
      }())
{
    QObject::connect(&m_engine, &Proxy::ProxyEngine::requestsLogged, &m_engine,
                     [this](const QList<Proxy::AccessLogEntry> &entries) {
                         for (const Proxy::AccessLogEntry &entry : entries) {
                             if (entry.method == QLatin1String("TCP") ||
                                 entry.method == QLatin1String("TLS"))
                                 m_connections.insert(entry.downstream, entry);
                             else
                                 m_log.insert(entry.requestId, entry);
                         }
                     });
}

LiveRunner::~LiveRunner() = default;

bool LiveRunner::start(std::shared_ptr<const Runtime::Config> config, QString *error)
{
    Environment::LocalEnvironment environment; // no upstreams: the echo answers everything
    for (const Runtime::Listener &listener : config->listeners)
        environment.overridePort(listener.port, 0);
    return m_engine.apply(std::move(config), environment, error);
}

Route::Decision LiveRunner::observe(const Route::Request &request, const QByteArray &body,
                                    const Route::Decision &pure)
{
    Route::Decision observed;
    observed.server = pure.server; // which server took it is not visible on the wire
    const Proxy::ServedListener *listener = nullptr;
    for (const Proxy::ServedListener &served : m_engine.listeners()) {
        if (served.gatewayPort != request.port)
            continue;
        if (served.served)
            listener = &served;
    }
    if (!listener) {
        observed.outcome = Route::Decision::Outcome::ConnectionClosed;
        observed.closeReason =
            QStringLiteral("nothing listens on gateway port %1").arg(request.port);
        return observed;
    }
    // A TCP port relays whatever comes, an HTTP request included: only where it went shows.
    if (request.protocol != Route::Request::Protocol::Http ||
        listener->protocol == QLatin1String("TCP"))
        return observeConnection(request, listener->localPort, pure);

    const QString requestId = QStringLiteral("gatehouse-live-%1").arg(++m_counter);
    Route::Request sent = request;
    std::erase_if(sent.headers,
                  [](const auto &h) { return h.first == QLatin1String("x-request-id"); });
    sent.headers.emplace_back(QStringLiteral("x-request-id"), requestId);
    // The test's sample picks the weighted destination in live mode too.
    sent.headers.emplace_back(QStringLiteral("x-gatehouse-sample"),
                              QString::number(request.sample, 'g', 17));
    const QByteArray bytes = wireRequest(sent, body);
    const std::optional<WireResponse> response =
        roundTrip(listener->localPort, request, bytes, request.method == QLatin1String("HEAD"));
    if (!response || response->head.status == 0) {
        observed.outcome = Route::Decision::Outcome::ConnectionClosed;
        observed.closeReason = QStringLiteral("no HTTP response");
        return observed;
    }
    waitUntil([&] { return m_log.contains(requestId); });
    const Proxy::AccessLogEntry entry = m_log.take(requestId);

    if (!entry.virtualService.isEmpty()) {
        observed.virtualService = sourceFrom(entry.virtualService);
        observed.routeLabel = entry.routeKey.section(QLatin1Char(' '), 1);
        observed.routeName = entry.route == observed.routeLabel ? QString() : entry.route;
    }
    for (const Proxy::HeaderField &field : response->head.headers)
        observed.responseHeaders.emplace_back(QString::fromLatin1(field.name).toLower(),
                                              QString::fromLatin1(field.value));
    const QJsonObject echo = QJsonDocument::fromJson(response->body).object();
    if (entry.upstream == QLatin1String("echo") && response->head.status == 200 &&
        echo.contains(QLatin1String("destination"))) {
        observed.outcome = Route::Decision::Outcome::Forward;
        const QJsonObject destination = echo[QLatin1String("destination")].toObject();
        Runtime::Cluster cluster;
        cluster.host = destination[QLatin1String("host")].toString();
        if (destination[QLatin1String("port")].isDouble())
            cluster.port = quint32(destination[QLatin1String("port")].toInt());
        cluster.subset = destination[QLatin1String("subset")].toString();
        observed.cluster = cluster;
        observed.upstreamPath = echo[QLatin1String("path")].toString();
        observed.upstreamAuthority = echo[QLatin1String("authority")].toString();
        const QJsonObject headers = echo[QLatin1String("headers")].toObject();
        for (auto it = headers.begin(); it != headers.end(); ++it) {
            QStringList values;
            if (it->isArray()) {
                for (const QJsonValue &value : it->toArray())
                    values << value.toString();
            } else {
                values << it->toString();
            }
            if (it.key() != QLatin1String("host"))
                observed.upstreamHeaders.emplace_back(it.key(), values.join(QLatin1Char(',')));
        }
        return observed;
    }
    observed.status = response->head.status;
    observed.body = response->body;
    observed.responseFlag = entry.flags == QLatin1String("-") ? QString() : entry.flags;
    for (const Proxy::HeaderField &field : response->head.headers) {
        if (field.name.compare("location", Qt::CaseInsensitive) == 0)
            observed.location = QString::fromLatin1(field.value);
    }
    observed.outcome = !observed.location.isEmpty() ? Route::Decision::Outcome::Redirect
                       : observed.responseFlag.contains(QLatin1String("FI"))
                           ? Route::Decision::Outcome::FaultAbort
                       : entry.virtualService.isEmpty() || !observed.responseFlag.isEmpty()
                           ? Route::Decision::Outcome::LocalReply
                           : Route::Decision::Outcome::DirectResponse;
    return observed;
}

// A `protocol: tls` or `protocol: tcp` test: open the connection, close it, and read where the
// gateway sent it from the access log entry it writes when the connection ends.
Route::Decision LiveRunner::observeConnection(const Route::Request &request, quint16 port,
                                              const Route::Decision &pure)
{
    Route::Decision observed;
    observed.server = pure.server;
    m_connections.clear(); // a late entry of an earlier test must not pass for this one's
    m_connectionSample->store(request.sample); // the test's weighted pick, as for HTTP
    std::unique_ptr<QSslSocket> socket = connectClient(port, request.tls, request.sni);
    if (!socket) {
        observed.outcome = Route::Decision::Outcome::ConnectionClosed;
        observed.closeReason = QStringLiteral("the gateway refused the connection");
        return observed;
    }
    if (pure.outcome == Route::Decision::Outcome::Accepted) {
        // An HTTPS server took the handshake: its requests are HTTP tests of their own.
        observed.outcome = Route::Decision::Outcome::Accepted;
        observed.routeTable = pure.routeTable;
        return observed;
    }
    const QString downstream = QStringLiteral("127.0.0.1:%1").arg(socket->localPort());
    socket->disconnectFromHost();
    socket.reset();
    waitUntil([&] { return m_connections.contains(downstream); });
    const Proxy::AccessLogEntry entry = m_connections.take(downstream);
    if (!entry.virtualService.isEmpty()) {
        observed.virtualService = sourceFrom(entry.virtualService);
        observed.routeLabel = entry.route;
    }
    if (entry.cluster.isEmpty()) { // refused after the handshake (no route, no destination)
        observed.outcome = Route::Decision::Outcome::ConnectionClosed;
        observed.closeReason = entry.detail.isEmpty()
                                   ? QStringLiteral("the gateway closed the connection")
                                   : entry.detail;
        return observed;
    }
    observed.outcome = Route::Decision::Outcome::TcpForward;
    observed.cluster = clusterFromEnvoyName(entry.cluster);
    return observed;
}

} // namespace RouteTest
