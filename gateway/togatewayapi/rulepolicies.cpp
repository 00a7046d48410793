// Timeouts, retries, CORS, fault injection and routes without a backend (semantics doc §3.7,
// §3.8, §8): the parts of RuleActionBuilder that are policies rather than destinations.

#include "names.h"
#include "ruleactions.h"
#include "yamlnodes.h"

#include <QRegularExpression>

namespace ToGatewayApi {
namespace {

// Conditions Istio's Gateway API retries always include (its default retry policy).
const QStringList DEFAULT_RETRY_ON = {QStringLiteral("connect-failure"),
                                      QStringLiteral("refused-stream"),
                                      QStringLiteral("unavailable"), QStringLiteral("cancelled"),
                                      QStringLiteral("retriable-status-codes")};

const QStringList CORS_METHODS = {QStringLiteral("GET"),     QStringLiteral("HEAD"),
                                  QStringLiteral("POST"),    QStringLiteral("PUT"),
                                  QStringLiteral("DELETE"),  QStringLiteral("CONNECT"),
                                  QStringLiteral("OPTIONS"), QStringLiteral("TRACE"),
                                  QStringLiteral("PATCH"),   QStringLiteral("*")};

// The regex Istio writes for a Gateway API "*" origin.
const QString ANY_ORIGIN_REGEX = QStringLiteral("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s?#]+$");

// "scheme://host[:port]" where host may start with a "*." label, or "*".
bool isCorsOrigin(const QString &origin)
{
    static const QRegularExpression ORIGIN(QStringLiteral(
        "^[a-zA-Z][a-zA-Z0-9+.-]*://(\\*\\.)?[a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?(:[0-9]+)?$"));
    return origin == QLatin1String("*") || ORIGIN.match(origin).hasMatch();
}

// An origin regex that is a wildcard pattern in disguise (^https://.*\.example\.com$).
std::optional<QString> wildcardOrigin(const QString &regex)
{
    if (regex == ANY_ORIGIN_REGEX || regex == QLatin1String(".*"))
        return QStringLiteral("*");
    QString body = regex;
    if (body.startsWith(QLatin1Char('^')))
        body.remove(0, 1);
    if (body.endsWith(QLatin1Char('$')))
        body.chop(1);
    QString out;
    for (qsizetype i = 0; i < body.size(); ++i) {
        const QChar c = body[i];
        if (c == QLatin1Char('\\') && i + 1 < body.size() &&
            QStringLiteral(".-/:").contains(body[i + 1])) {
            out += body[++i];
        } else if (c == QLatin1Char('.') && i + 1 < body.size() &&
                   body[i + 1] == QLatin1Char('*')) {
            out += QLatin1Char('*');
            ++i;
        } else if (c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char(':') ||
                   c == QLatin1Char('/')) {
            out += c;
        } else {
            return std::nullopt;
        }
    }
    if (!isCorsOrigin(out))
        return std::nullopt;
    return out;
}

QString describePercent(const std::optional<Istio::Percent> &percentage,
                        std::optional<qint32> deprecatedPercent, bool *injects)
{
    if (percentage && percentage->value) {
        *injects = *percentage->value > 0;
        return QStringLiteral("%1%").arg(*percentage->value);
    }
    if (deprecatedPercent) {
        *injects = *deprecatedPercent > 0;
        return QStringLiteral("%1%").arg(*deprecatedPercent);
    }
    *injects = false;
    return QStringLiteral("no percentage, so none");
}

} // namespace

void RuleActionBuilder::addTimeouts(const Istio::HTTPRoute &route, const QString &path,
                                    RuleAction &action)
{
    LossReport &report = m_context.report;
    YAML::Node timeouts = Nodes::map();
    if (route.timeout)
        timeouts["request"] = Nodes::text(gatewayDuration(route.timeout->milliseconds()));
    if (route.retries) {
        const Istio::HTTPRetry &retries = *route.retries;
        const QString retryPath = path + QStringLiteral(".retries");
        if (!m_context.options.retryField) {
            report.add(
                Severity::Lost, QStringLiteral("retry"), m_vs, retryPath,
                QStringLiteral("retry policy (%1 attempts)").arg(retries.attempts.value_or(0)),
                QStringLiteral("the target Gateway API has no rule retry field: Istio's "
                               "default retry policy applies (2 retries on connection "
                               "failures)"));
        } else {
            YAML::Node retry = Nodes::map();
            retry["attempts"] = Nodes::number(std::max(0, retries.attempts.value_or(0)));
            if (retries.backoff)
                retry["backoff"] = Nodes::text(gatewayDuration(retries.backoff->milliseconds()));
            QStringList lost;
            QList<int> codes;
            for (const QString &item :
                 retries.retryOn.value_or(QString()).split(QLatin1Char(','))) {
                const QString condition = item.trimmed();
                bool isNumber = false;
                const int code = condition.toInt(&isNumber);
                if (condition.isEmpty() || DEFAULT_RETRY_ON.contains(condition))
                    continue;
                if (isNumber && code >= 400 && code <= 599)
                    codes << code;
                else if (condition == QLatin1String("gateway-error"))
                    codes << 502 << 503 << 504;
                else if (condition == QLatin1String("retriable-4xx"))
                    codes << 409;
                else
                    lost << condition;
            }
            std::sort(codes.begin(), codes.end());
            codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
            if (!codes.isEmpty()) {
                YAML::Node list = Nodes::list();
                for (int code : std::as_const(codes))
                    list.push_back(Nodes::number(code));
                retry["codes"] = list;
            }
            if (!lost.isEmpty())
                report.add(
                    Severity::Lost, QStringLiteral("retry-on"), m_vs,
                    retryPath + QStringLiteral(".retryOn"),
                    QStringLiteral("retry conditions %1").arg(lost.join(QStringLiteral(", "))),
                    QStringLiteral("Gateway API retries on status codes only (plus "
                                   "connection failures, which Istio always retries): "
                                   "these conditions no longer cause a retry"));
            if (retries.retryRemoteLocalities.value_or(false))
                report.add(Severity::Lost, QStringLiteral("retry-setting"), m_vs,
                           retryPath + QStringLiteral(".retryRemoteLocalities"),
                           QStringLiteral("retries to other localities"),
                           QStringLiteral("retries stay in the locality Istio picks by default"));
            if (!retries.retryIgnorePreviousHosts.value_or(true))
                report.add(Severity::Lost, QStringLiteral("retry-setting"), m_vs,
                           retryPath + QStringLiteral(".retryIgnorePreviousHosts"),
                           QStringLiteral("retries may go to the host that just failed"),
                           QStringLiteral("retries avoid hosts already tried (Istio's default)"));
            action.retry = retry;
            if (retries.perTryTimeout) {
                qint64 perTry = retries.perTryTimeout->milliseconds();
                if (route.timeout && route.timeout->milliseconds() > 0 &&
                    perTry > route.timeout->milliseconds()) {
                    perTry = route.timeout->milliseconds();
                    report.add(Severity::Note, QStringLiteral("timeout-backend-capped"), m_vs,
                               retryPath + QStringLiteral(".perTryTimeout"),
                               QStringLiteral("perTryTimeout is longer than the route timeout"),
                               QStringLiteral("timeouts.backendRequest may not exceed "
                                              "timeouts.request: written as %1, the same "
                                              "effective limit")
                                   .arg(gatewayDuration(perTry)));
                }
                timeouts["backendRequest"] = Nodes::text(gatewayDuration(perTry));
            }
        }
    }
    if (timeouts.size() > 0)
        action.timeouts = timeouts;
}

void RuleActionBuilder::addCors(const Istio::CorsPolicy &cors, const QString &path,
                                RuleAction &action)
{
    LossReport &report = m_context.report;
    if (!m_context.options.corsFilter) {
        report.add(Severity::Lost, QStringLiteral("cors"), m_vs, path,
                   QStringLiteral("CORS policy"),
                   QStringLiteral("the target Gateway API has no CORS filter: preflight requests "
                                  "reach the backend and no CORS headers are added"));
        return;
    }
    YAML::Node body = Nodes::map();
    QStringList origins;
    const auto lostOrigin = [&](const QString &fieldPath, const QString &description) {
        report.add(Severity::ChangedBehaviour, QStringLiteral("cors-origin"), m_vs, fieldPath,
                   QStringLiteral("allowed origin %1").arg(description),
                   QStringLiteral("Gateway API origins are exact or \"*.\" wildcards: this one "
                                  "is left out, so such origins are no longer allowed"));
    };
    for (int i = 0; i < int(cors.allowOrigin.size()); ++i) {
        if (isCorsOrigin(cors.allowOrigin[i]))
            origins << cors.allowOrigin[i];
        else
            lostOrigin(path + QStringLiteral(".allowOrigin[%1]").arg(i),
                       QStringLiteral("\"%1\"").arg(cors.allowOrigin[i]));
    }
    for (int i = 0; i < int(cors.allowOrigins.size()); ++i) {
        const Istio::StringMatch &origin = cors.allowOrigins[i];
        const QString fieldPath = path + QStringLiteral(".allowOrigins[%1]").arg(i);
        if (origin.exact && isCorsOrigin(*origin.exact)) {
            origins << *origin.exact;
        } else if (origin.regex) {
            if (const std::optional<QString> wildcard = wildcardOrigin(*origin.regex))
                origins << *wildcard;
            else
                lostOrigin(fieldPath, QStringLiteral("regex \"%1\"").arg(*origin.regex));
        } else {
            lostOrigin(fieldPath,
                       origin.prefix
                           ? QStringLiteral("prefix \"%1\"").arg(*origin.prefix)
                           : QStringLiteral("\"%1\"").arg(origin.exact.value_or(QString())));
        }
    }
    origins.removeDuplicates();
    if (!origins.isEmpty())
        body["allowOrigins"] = Nodes::textList(origins);
    if (cors.allowCredentials)
        body["allowCredentials"] = Nodes::flag(*cors.allowCredentials);
    QStringList methods;
    for (const QString &method : cors.allowMethods) {
        if (CORS_METHODS.contains(method))
            methods << method;
    }
    if (!methods.isEmpty())
        body["allowMethods"] = Nodes::textList(methods);
    if (!cors.allowHeaders.empty())
        body["allowHeaders"] =
            Nodes::textList(QStringList(cors.allowHeaders.begin(), cors.allowHeaders.end()));
    if (!cors.exposeHeaders.empty())
        body["exposeHeaders"] =
            Nodes::textList(QStringList(cors.exposeHeaders.begin(), cors.exposeHeaders.end()));
    if (cors.maxAge)
        body["maxAge"] = Nodes::number(cors.maxAge->milliseconds() / 1000);
    const Istio::UnmatchedPreflights preflights =
        cors.unmatchedPreflights.value_or(Istio::UnmatchedPreflights::UNSPECIFIED);
    if (preflights != Istio::UnmatchedPreflights::IGNORE && !m_gatewaySemantics)
        report.add(Severity::ChangedBehaviour, QStringLiteral("cors-unmatched-preflights"), m_vs,
                   path + QStringLiteral(".unmatchedPreflights"),
                   QStringLiteral("preflight requests from origins the policy does not allow "
                                  "are forwarded to the backend"),
                   QStringLiteral("Istio's Gateway API CORS filter answers them itself "
                                  "(unmatchedPreflights IGNORE): the backend no longer sees "
                                  "them"));
    YAML::Node filter = Nodes::map();
    filter["type"] = Nodes::text(QStringLiteral("CORS"));
    filter["cors"] = body;
    action.filters.push_back(filter);
}

void RuleActionBuilder::reportFault(const Istio::HTTPFaultInjection &fault, const QString &path)
{
    QStringList parts;
    bool injects = false;
    if (fault.delay) {
        bool delays = false;
        const QString percent =
            describePercent(fault.delay->percentage, fault.delay->percent, &delays);
        parts << QStringLiteral("delay %1 on %2 of requests")
                     .arg(fault.delay->fixedDelay ? fault.delay->fixedDelay->text
                                                  : QStringLiteral("(unset)"),
                          percent);
        injects = injects || delays;
    }
    if (fault.abort) {
        bool aborts = false;
        const QString percent = describePercent(fault.abort->percentage, std::nullopt, &aborts);
        const QString status =
            fault.abort->httpStatus   ? QStringLiteral("HTTP %1").arg(*fault.abort->httpStatus)
            : fault.abort->grpcStatus ? QStringLiteral("gRPC %1").arg(*fault.abort->grpcStatus)
                                      : QStringLiteral("(no status)");
        parts << QStringLiteral("abort with %1 on %2 of requests").arg(status, percent);
        injects = injects || aborts;
    }
    m_context.report.add(
        injects ? Severity::Lost : Severity::Note, QStringLiteral("fault"), m_vs, path,
        QStringLiteral("fault injection: %1").arg(parts.join(QStringLiteral("; "))),
        injects ? QStringLiteral("Gateway API has no fault injection: requests "
                                 "are no longer delayed or aborted")
                : QStringLiteral("it injected nothing, so nothing changes"));
}

void RuleActionBuilder::reportUnroutable(const Istio::HTTPRoute &route, const QString &path)
{
    LossReport &report = m_context.report;
    if (route.delegate) {
        const QString target = route.delegate->nameSpace.value_or(m_vs.id.nameSpace) +
                               QLatin1Char('/') + route.delegate->name.value_or(QString());
        report.add(Severity::Lost, QStringLiteral("delegate"), m_vs,
                   path + QStringLiteral(".delegate"),
                   QStringLiteral("delegation to VirtualService %1").arg(target),
                   QStringLiteral("Gateway API has no delegation in core: the rule keeps its "
                                  "matches without a backend, so Gateway API answers 500; copy "
                                  "the delegate's routes into this HTTPRoute, or use Istio's "
                                  "HTTPRoute-to-HTTPRoute parentRefs"));
    } else if (route.directResponse) {
        const Istio::HTTPDirectResponse &response = *route.directResponse;
        QString body;
        if (response.body && response.body->string)
            body = QStringLiteral(" and body \"%1\"").arg(response.body->string->left(40));
        else if (response.body && response.body->bytes)
            body = QStringLiteral(" and a binary body");
        report.add(Severity::Lost, QStringLiteral("direct-response"), m_vs,
                   path + QStringLiteral(".directResponse"),
                   QStringLiteral("direct response with status %1%2")
                       .arg(response.status.value_or(0))
                       .arg(body),
                   QStringLiteral("Gateway API cannot answer from the gateway: the rule keeps "
                                  "its matches without a backend, so the client gets 500 instead"));
    } else {
        report.add(Severity::Note, QStringLiteral("no-action"), m_vs, path,
                   QStringLiteral("the route has no destination, redirect or direct response "
                                  "(Istio rejects it)"),
                   QStringLiteral("the rule has no backend: Gateway API answers 500"));
    }
}

} // namespace ToGatewayApi
