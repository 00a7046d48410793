#include "cors.h"

namespace Route {
namespace {

void addAllowOrigin(const Runtime::CorsFilter &cors, const QString &origin, HeaderList &headers)
{
    headers.emplace_back(QStringLiteral("access-control-allow-origin"), origin);
    if (cors.allowCredentials)
        headers.emplace_back(QStringLiteral("access-control-allow-credentials"),
                             QStringLiteral("true"));
}

} // namespace

bool answerPreflight(const Runtime::CorsFilter &cors, const Request &request, Decision &decision,
                     Tracer &tracer)
{
    if (request.method != QLatin1String("OPTIONS"))
        return false;
    const std::optional<QString> origin = request.header(QStringLiteral("origin"));
    const std::optional<QString> method =
        request.header(QStringLiteral("access-control-request-method"));
    if (!origin || origin->isEmpty() || !method || method->isEmpty())
        return false;
    HeaderList headers{{QStringLiteral("server"), QStringLiteral("istio-envoy")}};
    if (!cors.allows(*origin)) {
        if (cors.forwardUnmatchedPreflights) {
            if (tracer.enabled())
                tracer.step(QStringLiteral("cors"),
                            QStringLiteral("preflight from origin \"%1\", which the policy does "
                                           "not allow: forwarded upstream")
                                .arg(*origin));
            return false;
        }
        if (tracer.enabled())
            tracer.step(QStringLiteral("cors"),
                        QStringLiteral("preflight from origin \"%1\", which the policy does not "
                                       "allow: 200 without CORS headers (unmatchedPreflights "
                                       "IGNORE)")
                            .arg(*origin));
    } else {
        addAllowOrigin(cors, *origin, headers);
        if (!cors.allowMethods.isEmpty())
            headers.emplace_back(QStringLiteral("access-control-allow-methods"), cors.allowMethods);
        if (!cors.allowHeaders.isEmpty())
            headers.emplace_back(QStringLiteral("access-control-allow-headers"), cors.allowHeaders);
        if (!cors.maxAgeSeconds.isEmpty())
            headers.emplace_back(QStringLiteral("access-control-max-age"), cors.maxAgeSeconds);
        if (tracer.enabled())
            tracer.step(QStringLiteral("cors"),
                        QStringLiteral("preflight from allowed origin \"%1\": answered 200 by the "
                                       "gateway")
                            .arg(*origin));
    }
    decision.outcome = Decision::Outcome::DirectResponse;
    decision.status = 200;
    decision.responseHeaders = std::move(headers);
    return true;
}

void addCorsResponseHeaders(const Runtime::CorsFilter &cors, const Request &request,
                            HeaderList &responseHeaders)
{
    const std::optional<QString> origin = request.header(QStringLiteral("origin"));
    if (!origin || origin->isEmpty() || !cors.allows(*origin))
        return;
    addAllowOrigin(cors, *origin, responseHeaders);
    if (!cors.exposeHeaders.isEmpty())
        responseHeaders.emplace_back(QStringLiteral("access-control-expose-headers"),
                                     cors.exposeHeaders);
}

} // namespace Route
