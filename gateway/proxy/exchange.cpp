#include "exchange.h"

#include "downstreamconnection.h"
#include "echodescription.h"
#include "httpmessage.h"
#include "route/decide.h"
#include "worker.h"

namespace Proxy {
namespace {

QString latin1(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes);
}

// The common methods as static strings: no allocation per request for them.
QString methodName(const QByteArray &method)
{
    if (method == "GET")
        return QStringLiteral("GET");
    if (method == "POST")
        return QStringLiteral("POST");
    if (method == "HEAD")
        return QStringLiteral("HEAD");
    if (method == "PUT")
        return QStringLiteral("PUT");
    return latin1(method);
}

// An absolute-form request target ("http://host/path") carries the authority itself.
void splitTarget(const QByteArray &target, QString &authority, QString &pathAndQuery)
{
    const qsizetype scheme = target.indexOf("://");
    if (scheme > 0 && !target.startsWith('/')) {
        const qsizetype pathStart = target.indexOf('/', scheme + 3);
        authority = latin1(target.mid(scheme + 3, pathStart < 0 ? -1 : pathStart - scheme - 3));
        pathAndQuery = pathStart < 0 ? QStringLiteral("/") : latin1(target.mid(pathStart));
        return;
    }
    pathAndQuery = latin1(target);
}

} // namespace

Exchange::Exchange(DownstreamConnection *connection, SnapshotPtr snapshot)
    : m_connection(connection), m_worker(&connection->worker()), m_snapshot(std::move(snapshot))
{
    m_clock.start();
}

Exchange::~Exchange()
{
    if (m_upstream)
        m_upstream->abandon();
}

Route::Request Exchange::routingRequest(const QString &peer) const
{
    Route::Request request;
    request.port = m_connection->gatewayPort();
    request.bind = m_connection->listenerBind();
    request.tls = m_connection->isTls();
    request.sni = m_connection->sni();
    request.method = methodName(m_head.method);
    request.httpVersion =
        m_head.versionMajor == 1 && m_head.versionMinor == 1
            ? QStringLiteral("1.1")
            : QStringLiteral("%1.%2").arg(m_head.versionMajor).arg(m_head.versionMinor);
    splitTarget(m_head.target, request.authority, request.pathAndQuery);
    request.headers.reserve(m_head.headers.size() + 4);
    QString forwardedFor;
    bool hasRequestId = false;
    std::optional<double> sample;
    for (const HeaderField &field : m_head.headers) {
        QString name = latin1(field.name).toLower();
        if (name == QLatin1String("host")) {
            if (request.authority.isEmpty())
                request.authority = latin1(field.value);
            continue;
        }
        if (name == QLatin1String("x-forwarded-for")) {
            forwardedFor = latin1(field.value);
            continue;
        }
        // The gateway is the edge: it sets these itself (use_remote_address).
        if (name == QLatin1String("x-forwarded-proto") ||
            name == QLatin1String("x-envoy-external-address") ||
            name == QLatin1String("x-forwarded-client-cert")) // sanitized, set from the TLS peer
            continue;
        if (name == QLatin1String("x-gatehouse-sample")) {
            // A local testing aid (route tests in --live mode): fixes the weighted pick. Never
            // forwarded.
            bool ok = false;
            const double value = field.value.toDouble(&ok);
            if (ok && value >= 0 && value < 1)
                sample = value;
            continue;
        }
        hasRequestId = hasRequestId || name == QLatin1String("x-request-id");
        request.headers.emplace_back(std::move(name), latin1(field.value));
    }
    request.headers.emplace_back(QStringLiteral("x-forwarded-for"),
                                 forwardedFor.isEmpty() ? peer
                                                        : forwardedFor + QLatin1String(",") + peer);
    request.headers.emplace_back(QStringLiteral("x-forwarded-proto"),
                                 request.tls ? QStringLiteral("https") : QStringLiteral("http"));
    if (!hasRequestId)
        request.headers.emplace_back(QStringLiteral("x-request-id"), m_worker->newRequestId());
    request.headers.emplace_back(QStringLiteral("x-envoy-external-address"), peer);
    if (request.tls) {
        const QString &clientCert = m_connection->forwardedClientCert();
        if (!clientCert.isEmpty())
            request.headers.emplace_back(QStringLiteral("x-forwarded-client-cert"), clientCert);
    }
    request.sample = sample.value_or(m_worker->random());
    request.faultSample = m_worker->random();
    request.mirrorSample = m_worker->random();
    return request;
}

std::unique_ptr<QTimer> Exchange::oneShotTimer(void (Exchange::*handler)())
{
    auto timer = std::make_unique<QTimer>();
    timer->setSingleShot(true);
    timer->setTimerType(Qt::PreciseTimer); // a coarse timer may fire up to 5% early
    QObject::connect(timer.get(), &QTimer::timeout, [this, handler] { (this->*handler)(); });
    return timer;
}

// [Envoy] the route timeout runs from the end of the downstream request.
void Exchange::startRouteTimeout()
{
    if (!m_decision.timeoutMs || m_timeout)
        return;
    m_timeout = oneShotTimer(&Exchange::onTimeout);
    m_timeout->start(int(*m_decision.timeoutMs));
}

void Exchange::start(RequestHead &&head)
{
    m_head = std::move(head);
    const bool logging = m_worker->isLogging();
    if (logging) {
        m_log.time = QDateTime::currentDateTimeUtc();
        m_log.listener = m_connection->localAddress();
        m_log.gatewayPort = m_connection->gatewayPort();
        m_log.method = methodName(m_head.method);
    }
    m_log.path = latin1(m_head.target);

    const Route::Request request = routingRequest(m_connection->peerAddress());
    if (logging) {
        m_log.authority = request.authority;
        m_log.requestId = *request.header(QStringLiteral("x-request-id"));
    }
    if (request.authority.isEmpty() && m_head.versionMinor >= 1) {
        // HTTP/1.1 requires Host; Envoy's codec rejects a request without it.
        m_log.detail = QStringLiteral("missing host header");
        respondLocally(400, {}, QByteArray(), QStringLiteral("DPE"));
        return;
    }
    m_decision = Route::decide(*m_snapshot->config, request, false);
    if (logging) {
        m_log.virtualService =
            m_decision.virtualService ? m_decision.virtualService->qualifiedName() : QString();
        m_log.route = m_decision.routeName.isEmpty() ? m_decision.routeLabel : m_decision.routeName;
        if (!m_log.virtualService.isEmpty())
            m_log.routeKey = m_log.virtualService + QLatin1Char(' ') + m_decision.routeLabel;
        if (m_decision.cluster)
            m_log.cluster = m_decision.cluster->envoyName();
    }

    if (m_decision.delayMs) {
        m_phase = Phase::Delaying;
        m_flags = QStringLiteral("DI");
        m_delay = oneShotTimer(&Exchange::proceed);
        m_delay->start(int(*m_decision.delayMs));
        return;
    }
    proceed();
}

void Exchange::proceed()
{
    if (m_decision.outcome != Route::Decision::Outcome::Forward) {
        respondWithDecision();
        return;
    }
    m_target = m_snapshot->upstreamFor(*m_decision.cluster);
    prepareUpstreamHead();
    if (m_head.expectContinue && !m_requestComplete) {
        // Envoy answers 100-continue itself and does not pass Expect upstream.
        m_connection->writeToClient("HTTP/1.1 100 Continue\r\n\r\n");
        m_sentContinue = true;
    }
    if (!m_target) {
        m_phase = Phase::Echo;
        m_log.upstream = QStringLiteral("echo");
        if (m_requestComplete) {
            fireMirrors();
            respondWithEcho();
        }
        return;
    }
    m_log.upstream = m_target->text;
    if (m_target->address.isNull()) {
        // A name that resolves to nothing: the cluster has no endpoints at all.
        respondLocally(503, {}, "no healthy upstream", QStringLiteral("UH"));
        return;
    }
    m_phase = Phase::Upstream;
    if (m_requestComplete) { // the request ended during a fault delay
        startRouteTimeout();
        fireMirrors();
    }
    startAttempt();
}

void Exchange::requestBody(QByteArrayView data)
{
    m_log.bytesIn += data.size();
    switch (m_phase) {
    case Phase::Routing:
    case Phase::Delaying:
        m_unsent.append(data);
        break;
    case Phase::Upstream:
        sendBody(data);
        break;
    default:
        return; // answered already (local reply, echo counting): the body is drained
    }
    if (!m_bodyTooLarge) {
        m_bodyCopy.append(data);
        if (m_bodyCopy.size() > m_snapshot->limits.retryBufferBytes) {
            m_bodyTooLarge = true; // Envoy's buffer limit: no retry, no mirror for this one
            m_bodyCopy.clear();
        }
    }
    if (m_unsent.size() > m_snapshot->limits.writeHighWater && !m_clientPaused) {
        m_clientPaused = true;
        m_connection->pauseRequestBody(true);
    }
}

void Exchange::requestComplete()
{
    m_requestComplete = true;
    if (m_phase == Phase::Echo) {
        fireMirrors();
        respondWithEcho();
        return;
    }
    if (m_phase != Phase::Upstream)
        return;
    if (m_upstream && m_upstream->isConnected()) {
        if (m_requestFraming == Framing::Chunked)
            m_upstream->send("0\r\n\r\n");
        m_requestFullySent = true;
    }
    startRouteTimeout();
    if (m_perTryTimeout && !m_perTryTimeout->isActive() && m_decision.retries.perTryTimeoutMs)
        m_perTryTimeout->start(int(*m_decision.retries.perTryTimeoutMs));
    fireMirrors();
}

void Exchange::respondLocally(int status, std::vector<std::pair<QString, QString>> headers,
                              const QByteArray &body, const QString &flag)
{
    if (!flag.isEmpty())
        m_flags = m_flags.isEmpty() ? flag : m_flags + QLatin1Char(',') + flag;
    if (!body.isEmpty() && std::none_of(headers.begin(), headers.end(), [](const auto &h) {
            return h.first == QLatin1String("content-type");
        }))
        headers.emplace_back(QStringLiteral("content-type"), QStringLiteral("text/plain"));
    // A client waiting for 100-continue never sends its body: the connection cannot go on.
    const bool close = !m_head.keepAlive || m_head.upgrade ||
                       (m_head.expectContinue && !m_requestComplete && !m_sentContinue) ||
                       m_head.versionMinor == 0 || status == 400;
    m_log.status = status;
    m_log.bytesOut = m_head.method == "HEAD" ? 0 : body.size();
    m_connection->writeToClient(
        localResponse(status, headers, body, close, m_head.method == "HEAD"));
    finish(!close);
}

void Exchange::respondWithDecision()
{
    switch (m_decision.outcome) {
    case Route::Decision::Outcome::ConnectionClosed:
    case Route::Decision::Outcome::Accepted:
    case Route::Decision::Outcome::TcpForward:
        // Not an HTTP answer on a plaintext HTTP port: nothing to say, close.
        m_log.status = 0;
        m_flags = QStringLiteral("NR");
        if (m_connection)
            m_connection->abortClient();
        finish(false);
        return;
    default:
        respondLocally(m_decision.status, m_decision.responseHeaders, m_decision.body,
                       m_decision.responseFlag);
    }
}

void Exchange::respondWithEcho()
{
    // The echo describes the very head an upstream would receive: the bytes the upstream path
    // would send, read back with the gateway's own parser.
    QByteArray bytes = m_upstreamHead;
    appendHeader(bytes, "x-envoy-attempt-count", "1");
    bytes.append("\r\n", 2);
    RequestHead seen;
    Http1RequestParser parser({[&](RequestHead &&head) { seen = std::move(head); }, {}, {}});
    parser.feed(bytes);
    const Runtime::Cluster &cluster = *m_decision.cluster;
    const QByteArray body =
        echoDescription({cluster.host, cluster.port, cluster.subset}, seen, m_log.bytesIn);

    std::vector<std::pair<QString, QString>> headers{
        {QStringLiteral("content-type"), QStringLiteral("application/json")}};
    for (const Runtime::HeaderOperations &ops : m_decision.responseOperations)
        Route::applyHeaderOperations(headers, ops);
    std::erase_if(headers, [](const auto &h) { return h.first == QLatin1String("server"); });
    headers.emplace_back(QStringLiteral("server"), QStringLiteral("istio-envoy"));
    headers.emplace_back(QStringLiteral("x-envoy-upstream-service-time"), QStringLiteral("0"));
    m_log.attempts = 1;
    respondLocally(200, std::move(headers), body, QString());
}

void Exchange::clientDrained()
{
    if (m_upstream && m_phase == Phase::Responding)
        m_upstream->setReading(true);
}

void Exchange::clientGone()
{
    m_connection = nullptr;
    if (m_phase == Phase::Done)
        return;
    if (m_upstream) {
        m_upstream->abandon();
        m_upstream = nullptr;
    }
    if (!m_responseStarted && m_log.status == 0)
        m_flags = m_flags.isEmpty() ? QStringLiteral("DC") : m_flags + QStringLiteral(",DC");
    finish(false);
}

void Exchange::rejected(int status, const QString &detail)
{
    m_log.status = status;
    m_log.detail = detail;
    m_flags = QStringLiteral("DPE");
    clientGone(); // with a status set, the entry gets no "DC": the gateway closed, not the client
}

void Exchange::finish(bool keepAlive)
{
    if (m_phase == Phase::Done)
        return;
    m_phase = Phase::Done;
    for (QTimer *timer : {m_timeout.get(), m_perTryTimeout.get(), m_delay.get(), m_backoff.get()}) {
        if (timer)
            timer->stop();
    }
    log();
    if (m_connection)
        m_connection->responseFinished(keepAlive);
}

void Exchange::log()
{
    m_log.flags = m_flags.isEmpty() ? QStringLiteral("-") : m_flags;
    m_log.durationMs = elapsedMs();
    if (m_log.attempts == 0)
        m_log.attempts = m_attempts;
    m_worker->record(std::move(m_log));
}

} // namespace Proxy
