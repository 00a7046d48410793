#include "httppolicies.h"

#include <QStringList>

namespace Compile {
namespace {

QString joined(const Istio::StringList &items)
{
    return QStringList(items.begin(), items.end()).join(QLatin1Char(','));
}

} // namespace

Runtime::RetryPolicy compileRetries(const std::optional<Istio::HTTPRetry> &retries)
{
    Runtime::RetryPolicy policy; // Istio's default
    if (!retries)
        return policy;
    policy.isDefault = false;
    policy.attempts = std::max(0, retries->attempts.value_or(0));
    if (policy.attempts == 0)
        return policy;
    if (retries->retryOn && !retries->retryOn->trimmed().isEmpty()) {
        policy.conditions = 0;
        using P = Runtime::RetryPolicy;
        for (const QString &item : retries->retryOn->split(QLatin1Char(','))) {
            const QString name = item.trimmed();
            bool isNumber = false;
            const int code = name.toInt(&isNumber);
            if (isNumber) {
                policy.statusCodes << code;
                policy.conditions |= P::RetriableStatusCodes;
            } else if (name == QLatin1String("5xx")) {
                policy.conditions |= P::ServerError;
            } else if (name == QLatin1String("gateway-error")) {
                policy.conditions |= P::GatewayError;
            } else if (name == QLatin1String("reset") ||
                       name == QLatin1String("reset-before-request")) {
                policy.conditions |= P::Reset;
            } else if (name == QLatin1String("connect-failure")) {
                policy.conditions |= P::ConnectFailure;
            } else if (name == QLatin1String("retriable-status-codes")) {
                policy.conditions |= P::RetriableStatusCodes;
            } else if (name == QLatin1String("retriable-4xx")) {
                policy.conditions |= P::Retriable4xx;
            }
            // Others (refused-stream, gRPC statuses, retriable-headers, ...) never fire on an
            // HTTP/1.1 upstream without gRPC.
        }
    }
    if (retries->perTryTimeout)
        policy.perTryTimeoutMs = retries->perTryTimeout->milliseconds();
    if (retries->backoff && retries->backoff->milliseconds() > 0)
        policy.backoffBaseMs = retries->backoff->milliseconds();
    return policy;
}

std::optional<Runtime::CorsFilter> compileCors(const std::optional<Istio::CorsPolicy> &cors)
{
    if (!cors)
        return std::nullopt;
    Runtime::CorsFilter filter;
    for (const QString &origin : cors->allowOrigin) {
        if (origin == QLatin1String("*"))
            filter.anyOrigin = true;
        filter.origins.push_back(Runtime::StringMatcher::exact(origin));
    }
    for (const Istio::StringMatch &origin : cors->allowOrigins) {
        if (origin.exact) {
            filter.anyOrigin = filter.anyOrigin || *origin.exact == QLatin1String("*");
            filter.origins.push_back(Runtime::StringMatcher::exact(*origin.exact));
        } else if (origin.prefix) {
            filter.origins.push_back(Runtime::StringMatcher::prefix(*origin.prefix));
        } else if (origin.regex) {
            filter.origins.push_back(Runtime::StringMatcher::regex(*origin.regex));
        }
    }
    filter.allowMethods = joined(cors->allowMethods);
    filter.allowHeaders = joined(cors->allowHeaders);
    filter.exposeHeaders = joined(cors->exposeHeaders);
    if (cors->maxAge)
        filter.maxAgeSeconds = QString::number(cors->maxAge->milliseconds() / 1000);
    filter.allowCredentials = cors->allowCredentials.value_or(false);
    filter.forwardUnmatchedPreflights =
        cors->unmatchedPreflights.value_or(Istio::UnmatchedPreflights::UNSPECIFIED) !=
        Istio::UnmatchedPreflights::IGNORE;
    return filter;
}

} // namespace Compile
