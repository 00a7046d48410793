#include "liverunner.h"

#include "proxy/http1responseparser.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>

namespace RouteTest {
namespace {

constexpr int TIMEOUT_MS = 10'000;

struct WireResponse {
    Proxy::ResponseHead head;
    QByteArray body;
    bool complete = false;
};

// One request over a fresh connection, read with the gateway's own response parser.
std::optional<WireResponse> roundTrip(quint16 port, const QByteArray &bytes, bool headRequest)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(TIMEOUT_MS))
        return std::nullopt;
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
    : m_engine([] {
          Proxy::ProxyOptions options;
          options.workers = 1;
          return options;
      }())
{
    QObject::connect(&m_engine, &Proxy::ProxyEngine::requestsLogged, &m_engine,
                     [this](const QList<Proxy::AccessLogEntry> &entries) {
                         for (const Proxy::AccessLogEntry &entry : entries)
                             m_log.insert(entry.requestId, entry);
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

std::optional<Route::Decision> LiveRunner::observe(const Route::Request &request,
                                                   const QByteArray &body,
                                                   const Route::Decision &pure, QString *skipped)
{
    if (request.protocol != Route::Request::Protocol::Http || request.tls) {
        *skipped = QStringLiteral("TLS and TCP are not served by the local gateway yet; the pure "
                                  "decision stands");
        return std::nullopt;
    }
    Route::Decision observed;
    observed.server = pure.server; // which server took it is not visible on the wire
    const Proxy::ServedListener *listener = nullptr;
    for (const Proxy::ServedListener &served : m_engine.listeners()) {
        if (served.gatewayPort != request.port)
            continue;
        if (!served.served) {
            *skipped = served.note + QStringLiteral("; the pure decision stands");
            return std::nullopt;
        }
        listener = &served;
    }
    if (!listener) {
        observed.outcome = Route::Decision::Outcome::ConnectionClosed;
        observed.closeReason =
            QStringLiteral("nothing listens on gateway port %1").arg(request.port);
        return observed;
    }

    const QString requestId = QStringLiteral("gatehouse-live-%1").arg(++m_counter);
    QByteArray bytes = request.method.toLatin1() + ' ' + request.pathAndQuery.toUtf8() + " HTTP/" +
                       request.httpVersion.toLatin1() + "\r\nhost: " + request.authority.toUtf8() +
                       "\r\n";
    for (const auto &[name, value] : request.headers) {
        if (name != QLatin1String("x-request-id"))
            bytes += name.toLatin1() + ": " + value.toUtf8() + "\r\n";
    }
    bytes += "x-request-id: " + requestId.toLatin1() + "\r\n";
    // The test's sample picks the weighted destination in live mode too.
    bytes += "x-gatehouse-sample: " + QByteArray::number(request.sample, 'g', 17) + "\r\n";
    if (!body.isEmpty())
        bytes += "content-length: " + QByteArray::number(body.size()) + "\r\n";
    bytes += "\r\n" + body;
    const std::optional<WireResponse> response =
        roundTrip(listener->localPort, bytes, request.method == QLatin1String("HEAD"));
    if (!response || response->head.status == 0) {
        observed.outcome = Route::Decision::Outcome::ConnectionClosed;
        observed.closeReason = QStringLiteral("no HTTP response");
        return observed;
    }
    const QDeadlineTimer deadline(TIMEOUT_MS);
    while (!m_log.contains(requestId) && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
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

} // namespace RouteTest
