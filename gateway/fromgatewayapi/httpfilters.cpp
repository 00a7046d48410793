#include "httpfilters.h"

namespace FromGatewayApi {
namespace {

// The origin any scheme://host[:port] has: what a lone "*" allows.
const QString ANY_ORIGIN_REGEX = QStringLiteral(R"(^[a-zA-Z][a-zA-Z0-9+.-]*://[^/\s?#]+$)");
const QStringList CONNECTION_RETRY_POLICIES = {
    QStringLiteral("connect-failure"), QStringLiteral("refused-stream"),
    QStringLiteral("unavailable"), QStringLiteral("cancelled")};
constexpr qint32 DEFAULT_RETRY_ATTEMPTS = 2;
constexpr qint64 NANOSECONDS_PER_SECOND = 1000000000;

// Go's regexp.QuoteMeta: the RE2 metacharacters get a backslash.
QString quoteMeta(const QString &text)
{
    static const QString SPECIAL = QStringLiteral("\\.+*?()|[]{}^$");
    QString out;
    for (const QChar c : text) {
        if (SPECIAL.contains(c))
            out += QLatin1Char('\\');
        out += c;
    }
    return out;
}

Istio::StringMatch originMatch(const QString &origin)
{
    Istio::StringMatch match;
    if (origin == QLatin1String("*"))
        match.regex = ANY_ORIGIN_REGEX;
    else if (origin.contains(QLatin1Char('*')))
        match.regex = QLatin1Char('^') +
                      quoteMeta(origin).replace(QStringLiteral("\\*"), QStringLiteral(".*")) +
                      QLatin1Char('$');
    else
        match.exact = origin;
    return match;
}

} // namespace

Istio::Duration protoDuration(qint64 nanoseconds)
{
    const qint64 seconds = nanoseconds / NANOSECONDS_PER_SECOND;
    const qint64 fraction = nanoseconds % NANOSECONDS_PER_SECOND;
    QString text;
    if (fraction == 0)
        text = QStringLiteral("%1s").arg(seconds);
    else if (fraction % 1000000 == 0)
        text =
            QStringLiteral("%1.%2s").arg(seconds).arg(fraction / 1000000, 3, 10, QLatin1Char('0'));
    else if (fraction % 1000 == 0)
        text = QStringLiteral("%1.%2s").arg(seconds).arg(fraction / 1000, 6, 10, QLatin1Char('0'));
    else
        text = QStringLiteral("%1.%2s").arg(seconds).arg(fraction, 9, 10, QLatin1Char('0'));
    return Istio::Duration{text, nanoseconds};
}

Istio::HeaderOperations headerOperations(const HeaderFilter &filter)
{
    Istio::HeaderOperations operations;
    auto fill = [](const std::vector<HttpHeader> &headers, Istio::OrderedMap<QString> &into) {
        std::vector<std::pair<QString, QString>> entries;
        for (const HttpHeader &header : headers) {
            const QString name = header.name.value_or(QString()).toLower();
            // "Subsequent entries with an equivalent header name MUST be ignored."
            if (std::none_of(entries.begin(), entries.end(),
                             [&](const auto &entry) { return entry.first == name; }))
                entries.emplace_back(name, header.value.value_or(QString()));
        }
        std::sort(entries.begin(), entries.end());
        into.entries = std::move(entries);
    };
    fill(filter.set, operations.set);
    fill(filter.add, operations.add);
    operations.remove = filter.remove;
    return operations;
}

Istio::HTTPRedirect redirect(const RedirectFilter &filter)
{
    Istio::HTTPRedirect result;
    if (filter.statusCode)
        result.redirectCode = *filter.statusCode;
    if (filter.hostname)
        result.authority = *filter.hostname;
    if (filter.scheme)
        result.scheme = *filter.scheme;
    if (filter.port)
        result.port = *filter.port;
    else
        result.derivePort = filter.scheme ? Istio::RedirectPortSelection::FROM_PROTOCOL_DEFAULT
                                          : Istio::RedirectPortSelection::FROM_REQUEST_PORT;
    if (filter.path && filter.path->type) {
        if (*filter.path->type == PathModifierType::ReplaceFullPath)
            result.uri = filter.path->replaceFullPath.value_or(QString());
        else
            result.prefixRewrite = filter.path->replacePrefixMatch.value_or(QString());
    }
    return result;
}

std::optional<Istio::HTTPRewrite> rewrite(const RewriteFilter &filter)
{
    Istio::HTTPRewrite result;
    if (filter.path && filter.path->type) {
        if (*filter.path->type == PathModifierType::ReplacePrefixMatch) {
            QString uri = filter.path->replacePrefixMatch.value_or(QString());
            if (uri.endsWith(QLatin1Char('/')))
                uri.chop(1);
            result.uri = uri.isEmpty() ? QStringLiteral("/") : uri; // "/" removes the prefix
        } else {
            result.uriRegexRewrite = Istio::RegexRewrite{
                QStringLiteral("/.*"), filter.path->replaceFullPath.value_or(QString())};
        }
    }
    if (filter.hostname)
        result.authority = *filter.hostname;
    if (!result.uri && !result.uriRegexRewrite && !result.authority)
        return std::nullopt;
    return result;
}

std::optional<Istio::Percent> mirrorPercentage(const MirrorFilter &filter)
{
    if (filter.fraction) {
        const double denominator = filter.fraction->denominator.value_or(100);
        return Istio::Percent{100.0 * filter.fraction->numerator.value_or(0) / denominator};
    }
    if (filter.percent)
        return Istio::Percent{double(*filter.percent)};
    return std::nullopt;
}

Istio::CorsPolicy corsPolicy(const CorsFilter &filter)
{
    Istio::CorsPolicy policy;
    for (const QString &origin : filter.allowOrigins) {
        if (!origin.isEmpty())
            policy.allowOrigins.push_back(originMatch(origin));
    }
    if (filter.allowCredentials.value_or(false))
        policy.allowCredentials = true;
    policy.allowMethods = filter.allowMethods;
    policy.allowHeaders = filter.allowHeaders;
    policy.exposeHeaders = filter.exposeHeaders;
    if (filter.maxAge && *filter.maxAge > 0)
        policy.maxAge = protoDuration(qint64(*filter.maxAge) * NANOSECONDS_PER_SECOND);
    policy.unmatchedPreflights = Istio::UnmatchedPreflights::IGNORE;
    return policy;
}

Istio::HTTPRetry retries(const RouteRetry &retry)
{
    Istio::HTTPRetry result;
    const qint32 attempts = retry.attempts.value_or(DEFAULT_RETRY_ATTEMPTS);
    if (attempts != 0) {
        // "Implementations SHOULD retry on connection errors if a retry stanza is configured."
        QStringList retryOn = CONNECTION_RETRY_POLICIES;
        for (quint32 code : retry.codes)
            retryOn << QString::number(code);
        result.attempts = attempts;
        result.retryOn = retryOn.join(QLatin1Char(','));
    }
    if (retry.backoff && retry.backoff->nanoseconds > 0)
        result.backoff = protoDuration(retry.backoff->nanoseconds);
    return result;
}

void applyTimeouts(const RouteTimeouts &timeouts, Istio::HTTPRoute &route)
{
    if (timeouts.request && timeouts.request->nanoseconds > 0)
        route.timeout = protoDuration(timeouts.request->nanoseconds);
    if (timeouts.backendRequest && timeouts.backendRequest->nanoseconds > 0) {
        const Istio::Duration duration = protoDuration(timeouts.backendRequest->nanoseconds);
        if (route.retries)
            route.retries->perTryTimeout = duration;
        else
            route.timeout = duration;
    }
}

} // namespace FromGatewayApi
