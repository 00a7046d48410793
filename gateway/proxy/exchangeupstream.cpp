// The upstream half of an Exchange: attempts, retries, timeouts, mirrors, and the response
// streamed back to the client (semantics doc §3.7, §5.2, §5.3).

#include "downstreamconnection.h"
#include "exchange.h"
#include "httpmessage.h"
#include "mirrorrequest.h"
#include "route/decide.h"
#include "worker.h"

namespace Proxy {
namespace {

const QByteArray CONNECT_FAILURE =
    "upstream connect error or disconnect/reset before headers. reset reason: connection failure";
const QByteArray CONNECTION_TERMINATION = "upstream connect error or disconnect/reset before "
                                          "headers. reset reason: connection termination";
const QByteArray PROTOCOL_ERROR =
    "upstream connect error or disconnect/reset before headers. reset reason: protocol error";
const QByteArray TIMEOUT = "upstream request timeout";

} // namespace

void Exchange::prepareUpstreamHead()
{
    QByteArray head;
    head.reserve(512); // within malloc's thread cache; a longer head grows
    head.append(m_head.method).append(' ');
    appendLatin1(head, m_decision.upstreamPath);
    head.append(" HTTP/1.1\r\nhost: ");
    appendLatin1(head, m_decision.upstreamAuthority);
    head.append("\r\n", 2);
    for (const auto &[name, value] : m_decision.upstreamHeaders) {
        const bool keptUpgrade = m_head.upgrade && name == QLatin1String("upgrade");
        if (name == QLatin1String("content-length") || name == QLatin1String("expect") ||
            (isHopByHop(name) && !keptUpgrade))
            continue;
        appendHeader(head, name, value);
    }
    if (m_head.upgrade)
        appendHeader(head, "connection", "upgrade");
    if (m_head.chunked) {
        m_requestFraming = Framing::Chunked;
        appendHeader(head, "transfer-encoding", "chunked");
    } else if (m_head.contentLength) {
        m_requestFraming = Framing::Length;
        appendNumberHeader(head, "content-length", *m_head.contentLength);
    }
    if (m_decision.upstreamPath != m_log.path)
        appendHeader(head, "x-envoy-original-path", m_log.path.toLatin1());
    m_upstreamHead = std::move(head);
}

void Exchange::startAttempt()
{
    if (m_phase != Phase::Upstream)
        return;
    ++m_attempts;
    m_attemptStartMs = elapsedMs();
    m_upstream = m_worker->pool().acquire(*m_target, this, m_head.method == "HEAD",
                                          m_snapshot->limits.connectTimeoutMs);
    m_attemptReused = m_upstream->isConnected();
    if (m_decision.retries.perTryTimeoutMs) {
        if (!m_perTryTimeout) {
            m_perTryTimeout = oneShotTimer(&Exchange::onPerTryTimeout);
        }
        if (m_requestComplete)
            m_perTryTimeout->start(int(*m_decision.retries.perTryTimeoutMs));
    }
    if (m_attemptReused)
        upstreamConnected();
}

void Exchange::upstreamConnected()
{
    // The attempt's own lines go after the shared head and are cut off again once sent, so the
    // head is built once per request, not once per attempt.
    const qsizetype headSize = m_upstreamHead.size();
    QByteArray &bytes = m_upstreamHead;
    appendNumberHeader(bytes, "x-envoy-attempt-count", quint64(m_attempts));
    bytes.append("\r\n", 2);
    if (m_requestFraming == Framing::Chunked) {
        if (!m_unsent.isEmpty())
            appendChunk(bytes, m_unsent);
        if (m_requestComplete)
            bytes.append("0\r\n\r\n", 5);
    } else {
        bytes.append(m_unsent);
    }
    m_unsent.clear();
    m_requestFullySent = m_requestComplete;
    m_upstream->send(bytes);
    m_upstreamHead.truncate(headSize);
    upstreamDrained();
}

void Exchange::sendBody(QByteArrayView data)
{
    if (!m_upstream || !m_upstream->isConnected()) {
        m_unsent.append(data);
        return;
    }
    if (m_requestFraming == Framing::Chunked) {
        QByteArray chunk;
        appendChunk(chunk, data);
        m_upstream->send(chunk);
    } else {
        m_upstream->send(data);
    }
    if (m_upstream->pendingBytes() > m_snapshot->limits.writeHighWater && !m_clientPaused) {
        m_clientPaused = true;
        m_connection->pauseRequestBody(true);
    }
}

void Exchange::upstreamDrained()
{
    if (m_clientPaused && m_connection &&
        (!m_upstream || m_upstream->pendingBytes() < m_snapshot->limits.writeHighWater)) {
        m_clientPaused = false;
        m_connection->pauseRequestBody(false);
    }
}

bool Exchange::statusIsRetriable(int status) const
{
    const Runtime::RetryPolicy &policy = m_decision.retries;
    using P = Runtime::RetryPolicy;
    return (policy.has(P::ServerError) && status >= 500 && status <= 599) ||
           (policy.has(P::GatewayError) && (status == 502 || status == 503 || status == 504)) ||
           (policy.has(P::Retriable4xx) && status == 409) ||
           (policy.has(P::RetriableStatusCodes) && policy.statusCodes.contains(status));
}

bool Exchange::canRetry() const
{
    return m_phase == Phase::Upstream && m_attempts <= m_decision.retries.attempts &&
           !m_bodyTooLarge && !m_responseStarted;
}

void Exchange::scheduleRetry()
{
    if (m_perTryTimeout)
        m_perTryTimeout->stop();
    m_unsent = m_bodyCopy;
    m_requestFullySent = false;
    // Envoy's fully jittered exponential back-off: base 25 ms, at most ten times the base.
    const qint64 base = m_decision.retries.backoffBaseMs;
    const qint64 ceiling =
        std::min(base * ((qint64(1) << std::min(m_attempts, 20)) - 1), 10 * base);
    if (!m_backoff)
        m_backoff = oneShotTimer(&Exchange::startAttempt);
    m_backoff->start(int(m_worker->random() * double(ceiling)));
}

void Exchange::upstreamHead(ResponseHead &&head)
{
    const bool switching = head.status == 101 && m_head.upgrade;
    if (head.status >= 100 && head.status < 200 && !switching)
        return; // interim responses: Envoy handled 100-continue itself
    if (m_perTryTimeout)
        m_perTryTimeout->stop();
    if (!switching && statusIsRetriable(head.status) && canRetry()) {
        m_upstream->abandon();
        m_upstream = nullptr;
        scheduleRetry();
        return;
    }
    if (statusIsRetriable(head.status) && m_attempts > 1)
        m_flags = m_flags.isEmpty() ? QStringLiteral("URX") : m_flags + QStringLiteral(",URX");
    m_phase = switching ? Phase::Tunnel : Phase::Responding;
    m_responseStarted = true;
    m_log.status = head.status;
    m_upstreamKeepAlive = head.keepAlive;
    const bool headRequest = m_head.method == "HEAD";
    const bool bodyless = headRequest || switching || head.status == 204 || head.status == 304;
    m_responseFraming = bodyless             ? Framing::None
                        : head.contentLength ? Framing::Length
                                             : Framing::Chunked;
    m_clientKeepAlive = m_head.keepAlive && !switching;

    QByteArray out;
    out.reserve(512);
    appendStatusLine(out, head.status, head.reason);
    bool hasDate = false;
    const auto keep = [&](QByteArrayView name) {
        if (equalsLowerCase(name, "server") || equalsLowerCase(name, "transfer-encoding"))
            return false;
        if (equalsLowerCase(name, "content-length"))
            return headRequest; // re-written below for a body; a HEAD answer keeps the upstream's
        if (switching && (equalsLowerCase(name, "connection") || equalsLowerCase(name, "upgrade")))
            return true;
        return !isHopByHop(name);
    };
    bool hasOperations = false;
    for (const Runtime::HeaderOperations &ops : m_decision.responseOperations)
        hasOperations = hasOperations || !ops.empty();
    if (!hasOperations) {
        for (const HeaderField &field : head.headers) {
            if (!keep(field.name))
                continue;
            hasDate = hasDate || equalsLowerCase(field.name, "date");
            appendHeader(out, field.name, field.value);
        }
    } else {
        std::vector<std::pair<QString, QString>> headers;
        headers.reserve(head.headers.size());
        for (const HeaderField &field : head.headers) {
            if (keep(field.name))
                headers.emplace_back(QString::fromLatin1(field.name).toLower(),
                                     QString::fromLatin1(field.value));
        }
        for (const Runtime::HeaderOperations &ops : m_decision.responseOperations)
            Route::applyHeaderOperations(headers, ops);
        for (const auto &[name, value] : headers) {
            if (name == QLatin1String("server"))
                continue;
            hasDate = hasDate || name == QLatin1String("date");
            appendHeader(out, name.toLatin1(), value.toLatin1());
        }
    }
    appendHeader(out, "server", "istio-envoy");
    if (!hasDate)
        appendHeader(out, "date", httpDate());
    appendNumberHeader(out, "x-envoy-upstream-service-time",
                       quint64(std::max<qint64>(elapsedMs() - m_attemptStartMs, 0)));
    if (m_responseFraming == Framing::Length)
        appendNumberHeader(out, "content-length", *head.contentLength);
    else if (m_responseFraming == Framing::Chunked)
        appendHeader(out, "transfer-encoding", "chunked");
    if (!m_clientKeepAlive && !switching)
        appendHeader(out, "connection", "close");
    out.append("\r\n", 2);
    m_toClient = std::move(out); // the head leaves with the first body bytes
    if (switching) {
        flushToClient();
        m_connection->startTunnel();
    }
}

void Exchange::upstreamBody(QByteArrayView data)
{
    if (m_phase != Phase::Responding || !m_connection)
        return;
    m_log.bytesOut += data.size();
    if (m_responseFraming == Framing::Chunked)
        appendChunk(m_toClient, data);
    else
        m_toClient.append(data);
    if (m_toClient.size() >= 64 * 1024)
        flushToClient();
}

void Exchange::upstreamComplete()
{
    if (m_phase != Phase::Responding)
        return;
    if (m_responseFraming == Framing::Chunked)
        m_toClient.append("0\r\n\r\n", 5);
    flushToClient();
    if (m_upstream) {
        m_upstream->finished(m_upstreamKeepAlive && m_requestFullySent);
        m_upstream = nullptr;
    }
    m_log.attempts = m_attempts;
    finish(m_clientKeepAlive);
}

void Exchange::upstreamFailed(UpstreamFailure failure)
{
    m_upstream = nullptr;
    if (m_phase == Phase::Done)
        return;
    if (m_phase == Phase::Tunnel || m_responseStarted) {
        // Envoy resets the client's stream: on HTTP/1.1 that is closing the connection.
        if (m_phase != Phase::Tunnel)
            m_flags = m_flags.isEmpty() ? QStringLiteral("UC") : m_flags + QStringLiteral(",UC");
        if (m_connection)
            m_connection->abortClient();
        finish(false);
        return;
    }
    if (failure == UpstreamFailure::Reset && m_attemptReused && !m_retriedStaleConnection &&
        !m_bodyTooLarge) {
        // A pooled connection the upstream had already closed: try once more on a new one
        // without counting it as a retry.
        m_retriedStaleConnection = true;
        --m_attempts;
        m_unsent = m_bodyCopy;
        startAttempt();
        return;
    }
    retryOrFail(failure);
}

void Exchange::retryOrFail(UpstreamFailure failure)
{
    using P = Runtime::RetryPolicy;
    const Runtime::RetryPolicy &policy = m_decision.retries;
    bool retriable = false;
    QString flag;
    QByteArray body;
    int status = 503;
    switch (failure) {
    case UpstreamFailure::ConnectFailure:
        retriable = policy.has(P::ConnectFailure) || policy.has(P::ServerError) ||
                    policy.has(P::GatewayError) || policy.has(P::Reset);
        flag = QStringLiteral("UF");
        body = CONNECT_FAILURE;
        break;
    case UpstreamFailure::Reset:
    case UpstreamFailure::ResetMidResponse:
        retriable =
            policy.has(P::Reset) || policy.has(P::ServerError) || policy.has(P::GatewayError);
        flag = QStringLiteral("UC");
        body = CONNECTION_TERMINATION;
        break;
    case UpstreamFailure::ProtocolError:
        flag = QStringLiteral("UPE");
        body = PROTOCOL_ERROR;
        status = 502;
        break;
    }
    if (retriable && canRetry()) {
        scheduleRetry();
        return;
    }
    if (retriable && m_attempts > 1)
        flag += QStringLiteral(",URX");
    m_log.attempts = m_attempts;
    respondLocally(status, {}, body, flag);
}

void Exchange::onTimeout()
{
    if (m_phase == Phase::Done)
        return;
    if (m_upstream) {
        m_upstream->abandon();
        m_upstream = nullptr;
    }
    m_log.attempts = m_attempts;
    if (!m_responseStarted) {
        m_phase = Phase::Responding; // no more attempts
        respondLocally(504, {}, TIMEOUT, QStringLiteral("UT"));
        return;
    }
    m_flags = m_flags.isEmpty() ? QStringLiteral("UT") : m_flags + QStringLiteral(",UT");
    if (m_connection)
        m_connection->abortClient();
    finish(false);
}

void Exchange::onPerTryTimeout()
{
    if (m_phase != Phase::Upstream)
        return;
    if (m_upstream) {
        m_upstream->abandon();
        m_upstream = nullptr;
    }
    using P = Runtime::RetryPolicy;
    const Runtime::RetryPolicy &policy = m_decision.retries;
    if ((policy.has(P::ServerError) || policy.has(P::GatewayError) || policy.has(P::Reset)) &&
        canRetry()) {
        scheduleRetry();
        return;
    }
    m_log.attempts = m_attempts;
    respondLocally(504, {}, TIMEOUT, QStringLiteral("UT"));
}

void Exchange::flushToClient()
{
    if (m_toClient.isEmpty() || !m_connection)
        return;
    m_connection->writeToClient(m_toClient);
    m_toClient.resize(0);
    if (m_connection->clientPendingBytes() > m_snapshot->limits.writeHighWater && m_upstream)
        m_upstream->setReading(false); // resumed by clientDrained()
}

void Exchange::upstreamTunnel(QByteArrayView data)
{
    if (m_connection)
        m_connection->writeToClient(data);
}

void Exchange::tunnelFromClient(QByteArrayView data)
{
    if (m_upstream)
        m_upstream->send(data);
}

void Exchange::clientClosedTunnel()
{
    if (m_upstream) {
        m_upstream->abandon();
        m_upstream = nullptr;
    }
    finish(false);
}

void Exchange::fireMirrors()
{
    if (m_mirrored || m_decision.outcome != Route::Decision::Outcome::Forward ||
        m_decision.mirrors.empty() || m_bodyTooLarge || m_upstreamHead.isEmpty())
        return;
    m_mirrored = true;
    QByteArray bytes = m_upstreamHead;
    bytes.append("\r\n", 2);
    if (m_requestFraming == Framing::Chunked) {
        if (!m_bodyCopy.isEmpty())
            appendChunk(bytes, m_bodyCopy);
        bytes.append("0\r\n\r\n", 5);
    } else {
        bytes.append(m_bodyCopy);
    }
    for (const Runtime::Cluster &cluster : m_decision.mirrors) {
        // Since Istio 1.28 the copy keeps the Host as it is (no "-shadow" suffix). A mirror
        // with no local upstream would reach the echo, whose answer is dropped anyway.
        if (const std::optional<UpstreamTarget> target = m_snapshot->upstreamFor(cluster))
            MirrorRequest::send(m_worker->pool(), *target, bytes, m_head.method == "HEAD",
                                m_snapshot->limits.connectTimeoutMs);
    }
}

} // namespace Proxy
