#include "names.h"
#include "runtime/stringmatcher.h"
#include "schemahelpers.h"

#include <QByteArray>
#include <QSet>

// §6.5: HTTPRoute conflicts, matches, header operations and field-specific rules.
namespace Validation {
namespace {

QString keyPath(const QString &path, const QString &key)
{
    return path + QLatin1Char('.') + key;
}

void checkStringMatch(const Istio::StringMatch &match, const QString &where, const QString &path,
                      bool isUri, Reporter &reporter)
{
    if (match.prefix && match.prefix->isEmpty() && !isUri)
        reporter.reject(
            path, QStringLiteral("\"%1\": prefix string match should not be empty").arg(where));
    if (!match.regex)
        return;
    if (match.regex->isEmpty()) {
        reporter.reject(
            path, QStringLiteral("\"%1\": regex string match should not be empty").arg(where));
        return;
    }
    if (match.regex->size() > 1024) {
        reporter.reject(path, QStringLiteral("\"%1\": regex is too large, max length allowed is "
                                             "1024")
                                  .arg(where));
        return;
    }
    QString error;
    if (!Runtime::StringMatcher::regex(*match.regex, &error).isValid())
        reporter.reject(path, QStringLiteral("\"%1\": %2; Istio uses RE2 style regex-based match "
                                             "(https://github.com/google/re2/wiki/Syntax)")
                                  .arg(where, error));
}

void checkHeaderMatches(const Istio::OrderedMap<Istio::StringMatch> &headers, const QString &path,
                        bool gatewayOnly, bool withoutHeaders, Reporter &reporter)
{
    for (const auto &[name, match] : headers) {
        const QString itemPath = keyPath(path, name);
        if (name.isEmpty()) {
            reporter.reject(itemPath, QStringLiteral("header name cannot be empty"));
            continue;
        }
        if (Names::isJwtClaimHeader(name)) {
            if (!gatewayOnly)
                reporter.reject(itemPath, QStringLiteral("JWT claim based routing (key: %1) is "
                                                         "only supported for gateway, found no "
                                                         "gateways")
                                              .arg(name));
        } else if (!Names::isHeaderName(name)) {
            reporter.reject(itemPath,
                            QStringLiteral("header name %1 is not a valid header name").arg(name));
        }
        // `withoutHeaders: {x: {regex: "*"}}` is Istio's spelling of "header x is present".
        if (withoutHeaders && match.regex == QStringLiteral("*"))
            continue;
        checkStringMatch(match, name, itemPath, false, reporter);
    }
}

void checkMatch(const Istio::HTTPMatchRequest &match, const QString &path, bool gatewayOnly,
                Reporter &reporter)
{
    const std::pair<const std::optional<Istio::StringMatch> *, const char *> fields[] = {
        {&match.uri, "uri"},
        {&match.scheme, "scheme"},
        {&match.method, "method"},
        {&match.authority, "authority"}};
    for (const auto &[value, name] : fields) {
        if (*value)
            checkStringMatch(**value, QLatin1String(name), at(path, name),
                             QLatin1String(name) == QLatin1String("uri"), reporter);
    }
    checkHeaderMatches(match.headers, at(path, "headers"), gatewayOnly, false, reporter);
    checkHeaderMatches(match.withoutHeaders, at(path, "withoutHeaders"), gatewayOnly, true,
                       reporter);
    for (const auto &[name, value] : match.queryParams)
        checkStringMatch(value, name, keyPath(at(path, "queryParams"), name), false, reporter);
    checkPortNumber(match.port, at(path, "port"), reporter);
    checkLabels(match.sourceLabels, at(path, "sourceLabels"), reporter);
    checkGatewayNames(match.gateways, at(path, "gateways"), reporter);
    checkSourceNamespace(match.sourceNamespace, at(path, "sourceNamespace"), reporter);
}

bool isAuthorityHeader(const QString &name)
{
    return name.compare(QLatin1String("host"), Qt::CaseInsensitive) == 0 ||
           name == QLatin1String(":authority");
}

// Header operations; returns how many times the request's authority is set.
int checkHeaderOperations(const Istio::Headers &headers, const QString &path, Reporter &reporter)
{
    int authoritySets = 0;
    auto checkName = [&](const QString &name, const QString &itemPath) {
        if (!Names::isHeaderName(name)) {
            reporter.reject(itemPath,
                            QStringLiteral("header name %1 is not a valid header name").arg(name));
            return false;
        }
        return true;
    };
    if (headers.request) {
        const QString requestPath = at(path, "request");
        for (const auto *operations : {&headers.request->set, &headers.request->add}) {
            const char *verb = operations == &headers.request->set ? "set" : "add";
            for (const auto &[name, value] : *operations) {
                const QString itemPath = keyPath(at(requestPath, verb), name);
                if (!checkName(name, itemPath))
                    continue;
                if (isAuthorityHeader(name))
                    ++authoritySets;
                else if (name.startsWith(QLatin1Char(':')))
                    reporter.reject(itemPath, QStringLiteral("invalid header \"%1\": header cannot "
                                                             "have \":\" prefix")
                                                  .arg(name));
                if (const QString problem = Names::checkHeaderValue(value); !problem.isEmpty())
                    reporter.reject(itemPath, problem);
            }
        }
        for (int i = 0; i < int(headers.request->remove.size()); ++i) {
            const QString &name = headers.request->remove[size_t(i)];
            const QString itemPath = at(at(requestPath, "remove"), i);
            if (!checkName(name, itemPath))
                continue;
            if (isAuthorityHeader(name))
                reporter.reject(itemPath, QStringLiteral("invalid header \"%1\": cannot remove "
                                                         "Host header")
                                              .arg(name));
            else if (name.startsWith(QLatin1Char(':')))
                reporter.reject(itemPath, QStringLiteral("invalid header \"%1\": header cannot "
                                                         "have \":\" prefix")
                                              .arg(name));
        }
    }
    if (headers.response) {
        const QString responsePath = at(path, "response");
        auto checkResponseName = [&](const QString &name, const QString &itemPath) {
            if (!checkName(name, itemPath))
                return;
            if (name.compare(QLatin1String("host"), Qt::CaseInsensitive) == 0)
                reporter.reject(itemPath, QStringLiteral("invalid header \"%1\": cannot set Host "
                                                         "header")
                                              .arg(name));
            else if (name.startsWith(QLatin1Char(':')))
                reporter.reject(itemPath, QStringLiteral("invalid header \"%1\": header cannot "
                                                         "have \":\" prefix")
                                              .arg(name));
        };
        for (const auto *operations : {&headers.response->set, &headers.response->add}) {
            const char *verb = operations == &headers.response->set ? "set" : "add";
            for (const auto &[name, value] : *operations) {
                const QString itemPath = keyPath(at(responsePath, verb), name);
                checkResponseName(name, itemPath);
                if (const QString problem = Names::checkHeaderValue(value); !problem.isEmpty())
                    reporter.reject(itemPath, problem);
            }
        }
        for (int i = 0; i < int(headers.response->remove.size()); ++i)
            checkResponseName(headers.response->remove[size_t(i)],
                              at(at(responsePath, "remove"), i));
    }
    return authoritySets;
}

bool isRetryPolicy(const QString &policy)
{
    static const QSet<QString> known = {
        QStringLiteral("5xx"),
        QStringLiteral("gateway-error"),
        QStringLiteral("reset"),
        QStringLiteral("reset-before-request"),
        QStringLiteral("connect-failure"),
        QStringLiteral("envoy-ratelimited"),
        QStringLiteral("retriable-4xx"),
        QStringLiteral("refused-stream"),
        QStringLiteral("retriable-status-codes"),
        QStringLiteral("retriable-headers"),
        QStringLiteral("http3-post-connect-failure"),
        QStringLiteral("cancelled"),
        QStringLiteral("deadline-exceeded"),
        QStringLiteral("internal"),
        QStringLiteral("resource-exhausted"),
        QStringLiteral("unavailable"),
    };
    if (known.contains(policy))
        return true;
    bool isNumber = false;
    const int status = policy.toInt(&isNumber);
    return isNumber && status >= 100 && status <= 599;
}

void checkRetries(const Istio::HTTPRetry &retries, const QString &path, Reporter &reporter)
{
    const qint32 attempts = retries.attempts.value_or(0);
    if (attempts < 0)
        reporter.reject(at(path, "attempts"), QStringLiteral("attempts cannot be negative"));
    if (attempts == 0 && (retries.perTryTimeout || retries.retryOn ||
                          retries.retryRemoteLocalities || retries.backoff))
        reporter.reject(path, QStringLiteral("http retry policy configured when attempts are set "
                                             "to 0 (disabled)"));
    checkMillisecondPrecision(retries.perTryTimeout, at(path, "perTryTimeout"), reporter);
    checkMillisecondPrecision(retries.backoff, at(path, "backoff"), reporter);
    if (retries.retryOn) {
        for (const QString &policy : retries.retryOn->split(QLatin1Char(','))) {
            if (!isRetryPolicy(policy.trimmed()))
                reporter.reject(
                    at(path, "retryOn"),
                    QStringLiteral("\"%1\" is not a valid retryOn policy").arg(policy.trimmed()));
        }
    }
}

bool isGrpcStatus(const QString &status)
{
    static const QSet<QString> known = {QStringLiteral("OK"),
                                        QStringLiteral("CANCELLED"),
                                        QStringLiteral("UNKNOWN"),
                                        QStringLiteral("INVALID_ARGUMENT"),
                                        QStringLiteral("DEADLINE_EXCEEDED"),
                                        QStringLiteral("NOT_FOUND"),
                                        QStringLiteral("ALREADY_EXISTS"),
                                        QStringLiteral("PERMISSION_DENIED"),
                                        QStringLiteral("RESOURCE_EXHAUSTED"),
                                        QStringLiteral("FAILED_PRECONDITION"),
                                        QStringLiteral("ABORTED"),
                                        QStringLiteral("OUT_OF_RANGE"),
                                        QStringLiteral("UNIMPLEMENTED"),
                                        QStringLiteral("INTERNAL"),
                                        QStringLiteral("UNAVAILABLE"),
                                        QStringLiteral("DATA_LOSS"),
                                        QStringLiteral("UNAUTHENTICATED")};
    return known.contains(status);
}

void checkFaultPercentage(const std::optional<Istio::Percent> &percentage, const QString &path,
                          Reporter &reporter)
{
    if (!percentage || !percentage->value)
        return;
    const double value = *percentage->value;
    if (value != 0.0 && (value < 0.0001 || value > 100.0))
        reporter.reject(path, QStringLiteral("percentage %1 is neither 0.0, nor in range [0.0001, "
                                             "100.0]")
                                  .arg(value));
}

void checkFault(const Istio::HTTPFaultInjection &fault, const QString &path, Reporter &reporter)
{
    if (!fault.abort && !fault.delay)
        reporter.reject(path,
                        QStringLiteral("HTTP fault injection must have an abort and/or a delay"));
    if (fault.abort) {
        const Istio::FaultAbort &abort = *fault.abort;
        const QString abortPath = at(path, "abort");
        checkFaultPercentage(abort.percentage, at(abortPath, "percentage"), reporter);
        if (abort.httpStatus && (*abort.httpStatus < 200 || *abort.httpStatus > 600))
            reporter.reject(
                at(abortPath, "httpStatus"),
                QStringLiteral("HTTP status %1 is not in range 200-599").arg(*abort.httpStatus));
        if (abort.grpcStatus && !isGrpcStatus(*abort.grpcStatus))
            reporter.reject(at(abortPath, "grpcStatus"),
                            QStringLiteral("gRPC status \"%1\" is not supported. See "
                                           "https://github.com/grpc/grpc/blob/master/doc/"
                                           "statuscodes.md for a list of supported codes, for "
                                           "example 'NOT_FOUND'")
                                .arg(*abort.grpcStatus));
        if (abort.http2Error)
            reporter.reject(at(abortPath, "http2Error"),
                            QStringLiteral("HTTP/2 abort fault injection not supported yet"));
        if (!abort.httpStatus && !abort.grpcStatus && !abort.http2Error)
            reporter.warn(abortPath, QStringLiteral("abort configured, but error type not set"));
    }
    if (fault.delay) {
        const Istio::FaultDelay &delay = *fault.delay;
        const QString delayPath = at(path, "delay");
        checkFaultPercentage(delay.percentage, at(delayPath, "percentage"), reporter);
        if (delay.percent && (*delay.percent < 0 || *delay.percent > 100))
            reporter.reject(at(delayPath, "percent"),
                            QStringLiteral("percentage %1 is neither 0.0, nor in range [0.0001, "
                                           "100.0]")
                                .arg(*delay.percent));
        if (delay.exponentialDelay)
            reporter.reject(at(delayPath, "exponentialDelay"),
                            QStringLiteral("exponentialDelay not supported yet"));
        checkMillisecondPrecision(delay.fixedDelay, at(delayPath, "fixedDelay"), reporter);
    }
}

bool allUriMatchesArePrefixes(const Istio::HTTPRoute &route)
{
    if (route.match.empty())
        return false;
    return std::all_of(route.match.begin(), route.match.end(),
                       [](const auto &match) { return match.uri && match.uri->prefix; });
}

void checkRedirect(const Istio::HTTPRoute &route, const QString &path, Reporter &reporter)
{
    const Istio::HTTPRedirect &redirect = *route.redirect;
    if (redirect.uri && redirect.prefixRewrite)
        reporter.reject(path, QStringLiteral("redirect may only specify one of uri or "
                                             "prefix_rewrite"));
    if (redirect.prefixRewrite && !allUriMatchesArePrefixes(route))
        reporter.reject(at(path, "prefixRewrite"),
                        QStringLiteral("redirect prefix_rewrite requires all URI matches to use "
                                       "prefix match type"));
    if (!redirect.uri && !redirect.authority && !redirect.scheme && !redirect.port &&
        !redirect.derivePort && !redirect.prefixRewrite)
        reporter.reject(path, QStringLiteral("redirect must specify URI, authority, scheme, or "
                                             "port"));
    if (redirect.redirectCode && (*redirect.redirectCode < 300 || *redirect.redirectCode > 399))
        reporter.reject(at(path, "redirectCode"),
                        QStringLiteral("%1 is not a valid redirect code, must be 3xx")
                            .arg(*redirect.redirectCode));
    if (redirect.scheme && *redirect.scheme != QLatin1String("http") &&
        *redirect.scheme != QLatin1String("https"))
        reporter.reject(at(path, "scheme"),
                        QStringLiteral("invalid redirect scheme, must be \"http\" or \"https\""));
    checkPortNumber(redirect.port, at(path, "port"), reporter);
}

void checkRewrite(const Istio::HTTPRewrite &rewrite, const QString &path, Reporter &reporter)
{
    if (rewrite.uri && rewrite.uriRegexRewrite)
        reporter.reject(path, QStringLiteral("rewrite may only contain one of URI or "
                                             "UriRegexRewrite"));
    if (!rewrite.uri && !rewrite.uriRegexRewrite && !rewrite.authority)
        reporter.reject(path, QStringLiteral("rewrite must specify at least one of URI, "
                                             "UriRegexRewrite, or authority. Only one of URI or "
                                             "UriRegexRewrite may be specified"));
    if (!rewrite.uriRegexRewrite)
        return;
    const Istio::RegexRewrite &regex = *rewrite.uriRegexRewrite;
    const QString regexPath = at(path, "uriRegexRewrite");
    if (!regex.match || !regex.rewrite) {
        reporter.reject(regexPath, QStringLiteral("UriRegexRewrite requires both Rewrite and Match "
                                                  "fields to be specified"));
        return;
    }
    QString error;
    if (!Runtime::StringMatcher::regex(*regex.match, &error).isValid())
        reporter.reject(at(regexPath, "match"),
                        QStringLiteral("%1; Istio uses RE2 style regex-based match "
                                       "(https://github.com/google/re2/wiki/Syntax)")
                            .arg(error));
}

void checkDirectResponse(const Istio::HTTPDirectResponse &response, const QString &path,
                         Reporter &reporter)
{
    if (response.status && (*response.status < 200 || *response.status > 599))
        reporter.reject(
            at(path, "status"),
            QStringLiteral("HTTP status %1 is not in range 200-599").arg(*response.status));
    if (!response.body)
        return;
    qint64 size = 0;
    if (response.body->string)
        size = response.body->string->toUtf8().size();
    else if (response.body->bytes)
        size = QByteArray::fromBase64(response.body->bytes->toLatin1()).size();
    if (size > 1024 * 1024)
        reporter.reject(at(path, "body"), QStringLiteral("large direct_responses may impact "
                                                         "control plane performance, must be less "
                                                         "than 1MB"));
    else if (size > 100 * 1024)
        reporter.warn(at(path, "body"), QStringLiteral("large direct_responses may impact control "
                                                       "plane performance"));
}

void checkCors(const Istio::CorsPolicy &cors, const QString &path, Reporter &reporter)
{
    static const QSet<QString> methods = {
        QStringLiteral("GET"),     QStringLiteral("HEAD"),   QStringLiteral("POST"),
        QStringLiteral("PUT"),     QStringLiteral("DELETE"), QStringLiteral("CONNECT"),
        QStringLiteral("OPTIONS"), QStringLiteral("TRACE"),  QStringLiteral("PATCH")};
    for (int i = 0; i < int(cors.allowOrigins.size()); ++i) {
        const Istio::StringMatch &origin = cors.allowOrigins[size_t(i)];
        const QString itemPath = at(at(path, "allowOrigins"), i);
        if (!origin.exact && !origin.prefix && !origin.regex)
            reporter.reject(itemPath, QStringLiteral("'' is not a valid match type for CORS allow "
                                                     "origins"));
        else
            checkStringMatch(origin, QStringLiteral("allowOrigins"), itemPath, false, reporter);
    }
    for (int i = 0; i < int(cors.allowMethods.size()); ++i) {
        if (!methods.contains(cors.allowMethods[size_t(i)]))
            reporter.reject(at(at(path, "allowMethods"), i),
                            QStringLiteral("\"%1\" is not a supported HTTP method")
                                .arg(cors.allowMethods[size_t(i)]));
    }
    for (const auto &[list, field] : {std::pair{&cors.allowHeaders, "allowHeaders"},
                                      std::pair{&cors.exposeHeaders, "exposeHeaders"}}) {
        for (int i = 0; i < int(list->size()); ++i) {
            if (!Names::isHeaderName((*list)[size_t(i)]))
                reporter.reject(at(at(path, field), i),
                                QStringLiteral("header name %1 is not a valid header name")
                                    .arg((*list)[size_t(i)]));
        }
    }
    if (cors.maxAge && cors.maxAge->nanoseconds % 1000000000 != 0)
        reporter.reject(at(path, "maxAge"),
                        QStringLiteral("max_age duration is accurate only to seconds precision"));
}

void checkMirrors(const Istio::HTTPRoute &route, const QString &path, Reporter &reporter)
{
    if (route.mirror && !route.mirrors.empty())
        reporter.reject(path, QStringLiteral("HTTP route cannot contain both mirror and mirrors"));
    if (route.mirror)
        checkDestination(*route.mirror, at(path, "mirror"), reporter);
    if (route.mirrorPercent) {
        reporter.warn(at(path, "mirrorPercent"),
                      QStringLiteral("using deprecated setting \"mirrorPercent\", use "
                                     "\"mirrorPercentage\" instead"));
        if (*route.mirrorPercent > 100)
            reporter.reject(at(path, "mirrorPercent"),
                            QStringLiteral("mirror_percent must have a max value of 100 (it has "
                                           "%1)")
                                .arg(*route.mirrorPercent));
    }
    checkPercentage(route.mirrorPercentage, at(path, "mirrorPercentage"), "mirror_percentage",
                    reporter);
    for (int i = 0; i < int(route.mirrors.size()); ++i) {
        const Istio::HTTPMirrorPolicy &mirror = route.mirrors[size_t(i)];
        const QString itemPath = at(at(path, "mirrors"), i);
        if (mirror.destination)
            checkDestination(*mirror.destination, at(itemPath, "destination"), reporter);
        checkPercentage(mirror.percentage, at(itemPath, "percentage"), "mirror_percentage",
                        reporter);
    }
}

void checkRouteConflicts(const Istio::HTTPRoute &route, const QString &path, bool delegateVs,
                         Reporter &reporter)
{
    const QString name = route.name.value_or(QString());
    if (route.delegate) {
        if (delegateVs)
            reporter.reject(at(path, "delegate"),
                            QStringLiteral("delegate HTTP route cannot contain delegate"));
        if (route.redirect)
            reporter.reject(
                at(path, "redirect"),
                QStringLiteral("root HTTP route %1 must not specify redirect").arg(name));
        if (!route.route.empty())
            reporter.reject(at(path, "route"),
                            QStringLiteral("root HTTP route %1 must not specify route").arg(name));
        return;
    }
    if (route.redirect) {
        if (!route.route.empty())
            reporter.reject(path,
                            QStringLiteral("HTTP route cannot contain both route and redirect"));
        if (route.fault)
            reporter.reject(path,
                            QStringLiteral("HTTP route cannot contain both fault and redirect"));
        if (route.rewrite)
            reporter.reject(path, QStringLiteral("HTTP route rule cannot contain both rewrite and "
                                                 "redirect"));
        if (route.directResponse)
            reporter.reject(path, QStringLiteral("HTTP route cannot contain both redirect and "
                                                 "direct_response"));
    } else if (route.directResponse) {
        if (!route.route.empty())
            reporter.reject(path, QStringLiteral("HTTP route cannot contain both route and "
                                                 "direct_response"));
        if (route.fault)
            reporter.reject(path, QStringLiteral("HTTP route cannot contain both fault and "
                                                 "direct_response"));
        if (route.rewrite)
            reporter.reject(path, QStringLiteral("HTTP route rule cannot contain both rewrite and "
                                                 "direct_response"));
    } else if (route.route.empty()) {
        reporter.reject(path,
                        QStringLiteral("HTTP route, redirect or direct_response is required"));
    }
}

} // namespace

void checkDestination(const Istio::Destination &destination, const QString &path,
                      Reporter &reporter)
{
    if (destination.host) {
        const QString &host = *destination.host;
        if (host == QLatin1String("*"))
            reporter.reject(at(path, "host"), QStringLiteral("invalid destination host *"));
        else if (const QString problem = Names::checkWildcardDomain(host); !problem.isEmpty())
            reporter.reject(at(path, "host"), problem);
    }
    if (destination.subset) {
        if (destination.subset->isEmpty())
            reporter.reject(at(path, "subset"), QStringLiteral("subset name cannot be empty"));
        else if (!Names::isDns1123Label(*destination.subset))
            reporter.reject(at(path, "subset"),
                            QStringLiteral("subset name is invalid: %1").arg(*destination.subset));
    }
    if (destination.port)
        checkPortNumber(destination.port->number, at(at(path, "port"), "number"), reporter);
}

void checkMillisecondPrecision(const std::optional<Istio::Duration> &duration, const QString &path,
                               Reporter &reporter)
{
    if (duration && duration->nanoseconds % 1000000 != 0)
        reporter.reject(path, QStringLiteral("only durations to ms precision are supported"));
}

void checkPercentage(const std::optional<Istio::Percent> &percent, const QString &path,
                     const char *what, Reporter &reporter)
{
    if (!percent || !percent->value)
        return;
    if (*percent->value > 100)
        reporter.reject(path, QStringLiteral("%1 must have a max value of 100 (it has %2)")
                                  .arg(QLatin1String(what))
                                  .arg(*percent->value));
    if (*percent->value < 0)
        reporter.reject(path, QStringLiteral("%1 must have a min value of 0 (it has %2)")
                                  .arg(QLatin1String(what))
                                  .arg(*percent->value));
}

void checkHttpRoute(const Istio::HTTPRoute &route, const QString &path, bool delegateVs,
                    bool gatewayOnly, Reporter &reporter)
{
    checkRouteConflicts(route, path, delegateVs, reporter);
    for (int m = 0; m < int(route.match.size()); ++m)
        checkMatch(route.match[size_t(m)], at(at(path, "match"), m), gatewayOnly, reporter);

    int authoritySets = route.rewrite && route.rewrite->authority ? 1 : 0;
    if (route.headers)
        authoritySets += checkHeaderOperations(*route.headers, at(path, "headers"), reporter);
    for (int i = 0; i < int(route.route.size()); ++i) {
        const auto &destination = route.route[size_t(i)];
        if (destination.headers)
            checkHeaderOperations(*destination.headers, at(at(at(path, "route"), i), "headers"),
                                  reporter);
    }
    if (authoritySets > 1)
        reporter.reject(path, QStringLiteral("authority header cannot be set multiple times"));

    checkWeights(route.route, at(path, "route"), reporter);
    checkMillisecondPrecision(route.timeout, at(path, "timeout"), reporter);
    if (route.retries)
        checkRetries(*route.retries, at(path, "retries"), reporter);
    if (route.fault)
        checkFault(*route.fault, at(path, "fault"), reporter);
    if (route.redirect)
        checkRedirect(route, at(path, "redirect"), reporter);
    if (route.rewrite)
        checkRewrite(*route.rewrite, at(path, "rewrite"), reporter);
    if (route.directResponse)
        checkDirectResponse(*route.directResponse, at(path, "directResponse"), reporter);
    if (route.corsPolicy)
        checkCors(*route.corsPolicy, at(path, "corsPolicy"), reporter);
    checkMirrors(route, path, reporter);
}

} // namespace Validation
