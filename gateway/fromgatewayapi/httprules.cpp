#include "httprules.h"

#include "core/diagnosticcodes.h"
#include "httpfilters.h"

#include <algorithm>

namespace FromGatewayApi {
namespace {

QString rulePath(std::size_t index)
{
    return QStringLiteral("spec.rules[%1]").arg(index);
}

QString routeName(const std::optional<QString> &ruleName, const SourceInfo &source,
                  std::size_t index)
{
    return ruleName ? *ruleName
                    : QStringLiteral("%1.%2.%3").arg(source.nameSpace, source.name).arg(index);
}

Istio::StringMatch valueMatch(std::optional<ValueMatchType> type, const QString &value)
{
    Istio::StringMatch match;
    if (type.value_or(ValueMatchType::Exact) == ValueMatchType::Exact)
        match.exact = value;
    else
        match.regex = value;
    return match;
}

// Header and query parameter matches, keyed by name (a repeated name: the last one counts, as
// in istiod's map) and sorted, as istiod prints them.
Istio::OrderedMap<Istio::StringMatch> valueMatches(const std::vector<ValueMatch> &matches)
{
    Istio::OrderedMap<Istio::StringMatch> result;
    for (const ValueMatch &match : matches)
        result.set(match.name.value_or(QString()),
                   valueMatch(match.type, match.value.value_or(QString())));
    std::sort(result.entries.begin(), result.entries.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });
    return result;
}

// The API server defaults a match's path to PathPrefix "/".
Istio::HTTPMatchRequest httpMatch(const HttpRouteMatch &match)
{
    Istio::HTTPMatchRequest result;
    const PathMatchType type = match.path ? match.path->type.value_or(PathMatchType::PathPrefix)
                                          : PathMatchType::PathPrefix;
    QString value = match.path && match.path->value ? *match.path->value : QStringLiteral("/");
    Istio::StringMatch uri;
    switch (type) {
    case PathMatchType::PathPrefix:
        // "When specified, a trailing `/` is ignored."
        if (value != QLatin1String("/") && value.endsWith(QLatin1Char('/')))
            value.chop(1);
        uri.prefix = value;
        break;
    case PathMatchType::Exact:
        uri.exact = value;
        break;
    case PathMatchType::RegularExpression:
        uri.regex = value;
        break;
    }
    result.uri = uri;
    result.headers = valueMatches(match.headers);
    result.queryParams = valueMatches(match.queryParams);
    if (match.method)
        result.method = Istio::StringMatch{Istio::enumName(*match.method), {}, {}};
    return result;
}

// /<service>/<method> as istiod matches gRPC calls; nullopt (with `error`) when neither is set.
std::optional<Istio::StringMatch> grpcPath(const GrpcMethodMatch &method, QString *error)
{
    Istio::StringMatch match;
    const bool exact = method.type.value_or(ValueMatchType::Exact) == ValueMatchType::Exact;
    if (!method.service && !method.method) {
        *error = QStringLiteral("a gRPC method match needs a service or a method");
        return std::nullopt;
    }
    if (!method.method) {
        if (exact)
            match.prefix = QStringLiteral("/%1/").arg(*method.service);
        else
            match.regex = QStringLiteral("/%1/.+").arg(*method.service);
    } else if (!method.service) {
        match.regex = QStringLiteral("/[^/]+/%1").arg(*method.method);
    } else if (exact) {
        match.exact = QStringLiteral("/%1/%2").arg(*method.service, *method.method);
    } else {
        match.regex = QStringLiteral("/%1/%2").arg(*method.service, *method.method);
    }
    return match;
}

// Resolves a backendRef and reports what is wrong with it. False when istiod rejects the whole
// route because of it.
bool resolveReported(const SourceInfo &source, const QString &path,
                     const BackendObjectReference &reference, const BackendContext &context,
                     Core::Diagnostics &out, Istio::Destination &destination, const QString &what)
{
    const ResolvedBackend resolved = resolveBackend(reference, context);
    destination = resolved.destination;
    switch (resolved.status) {
    case ResolvedBackend::Status::Valid:
        return true;
    case ResolvedBackend::Status::Invalid:
        out.append(makeNote(source, Core::Codes::GATEWAY_API_INVALID_BACKEND, path,
                            QStringLiteral("%1; %2").arg(resolved.problem, what)));
        return true;
    case ResolvedBackend::Status::NotSupported:
        out.append(
            makeNote(source, Core::Codes::GATEWAY_API_NOT_TRANSLATED, path, resolved.problem));
        return true;
    case ResolvedBackend::Status::Rejected:
        out.append(makeNote(source, Core::Codes::GATEWAY_API_ROUTE_REJECTED, path,
                            QStringLiteral("istiod rejects the route: %1").arg(resolved.problem)));
        return false;
    }
    return true;
}

void missingFilterField(const SourceInfo &source, const QString &path, const char *field,
                        Core::Diagnostics &out)
{
    out.append(makeNote(source, Core::Codes::MISSING_REQUIRED, path,
                        QStringLiteral("missing required field \"%1.%2\" for this filter type; "
                                       "the filter does nothing")
                            .arg(path, QLatin1String(field))));
}

// Runs `apply` on the filter's configuration for its type, or reports that it is missing (the
// filter then does nothing).
template <class T, class Apply>
void withConfig(const std::optional<T> &config, const char *field, const SourceInfo &source,
                const QString &path, Core::Diagnostics &out, Apply apply)
{
    if (config)
        apply(*config);
    else
        missingFilterField(source, path, field, out);
}

// A RequestHeaderModifier or ResponseHeaderModifier into `headers` (a rule's or a backend's);
// false for a filter of another type.
bool applyHeaderFilter(const SourceInfo &source, const QString &path, const RouteFilter &filter,
                       Core::Diagnostics &out, std::optional<Istio::Headers> &headers)
{
    const bool request = *filter.type == FilterType::RequestHeaderModifier;
    if (!request && *filter.type != FilterType::ResponseHeaderModifier)
        return false;
    withConfig(request ? filter.requestHeaderModifier : filter.responseHeaderModifier,
               request ? "requestHeaderModifier" : "responseHeaderModifier", source, path, out,
               [&](const HeaderFilter &modifier) {
                   if (!headers)
                       headers.emplace();
                   (request ? headers->request : headers->response) = headerOperations(modifier);
               });
    return true;
}

void rejectFilter(const SourceInfo &source, const QString &path, FilterType type,
                  Core::Diagnostics &out)
{
    out.append(makeNote(source, Core::Codes::GATEWAY_API_ROUTE_REJECTED,
                        path + QStringLiteral(".type"),
                        QStringLiteral("istiod rejects the route: filter type %1 is not "
                                       "supported, so no rule of this route is served")
                            .arg(Istio::enumName(type))));
}

// Weighted destinations of an HTTP or gRPC rule, with their own header filters.
bool httpDestinations(const SourceInfo &source, const QString &path,
                      const std::vector<BackendRef> &backends, const BackendContext &context,
                      Core::Diagnostics &out, Istio::HTTPRoute &route)
{
    for (const WeightedBackend &weighted : weightedBackends(backends)) {
        const BackendRef &backend = backends[weighted.index];
        const QString backendPath =
            QStringLiteral("%1.backendRefs[%2]").arg(path).arg(weighted.index);
        Istio::HTTPRouteDestination destination;
        destination.destination.emplace();
        if (!resolveReported(source, backendPath, backend.reference(), context, out,
                             *destination.destination,
                             QStringLiteral("its share of the requests gets 500")))
            return false;
        if (weighted.weight != 0)
            destination.weight = weighted.weight;
        for (std::size_t f = 0; f < backend.filters.size(); ++f) {
            const RouteFilter &filter = backend.filters[f];
            const QString filterPath = QStringLiteral("%1.filters[%2]").arg(backendPath).arg(f);
            if (!filter.type)
                continue; // the reader reported it
            if (!applyHeaderFilter(source, filterPath, filter, out, destination.headers)) {
                rejectFilter(source, filterPath, *filter.type, out);
                return false;
            }
        }
        route.route.push_back(std::move(destination));
    }
    return true;
}

// One rule's filters. False when one makes istiod reject the route.
bool applyFilters(const SourceInfo &source, const QString &path,
                  const std::vector<RouteFilter> &filters, bool grpc, const BackendContext &context,
                  Core::Diagnostics &out, Istio::HTTPRoute &route)
{
    for (std::size_t f = 0; f < filters.size(); ++f) {
        const RouteFilter &filter = filters[f];
        const QString filterPath = QStringLiteral("%1.filters[%2]").arg(path).arg(f);
        if (!filter.type)
            continue; // the reader reported it
        const FilterType type = *filter.type;
        const bool grpcAllowed = type == FilterType::RequestHeaderModifier ||
                                 type == FilterType::ResponseHeaderModifier ||
                                 type == FilterType::RequestMirror;
        if (grpc && !grpcAllowed) {
            rejectFilter(source, filterPath, type, out);
            return false;
        }
        switch (type) {
        case FilterType::RequestHeaderModifier:
        case FilterType::ResponseHeaderModifier:
            applyHeaderFilter(source, filterPath, filter, out, route.headers);
            break;
        case FilterType::RequestRedirect:
            withConfig(filter.requestRedirect, "requestRedirect", source, filterPath, out,
                       [&](const RedirectFilter &config) { route.redirect = redirect(config); });
            break;
        case FilterType::URLRewrite:
            withConfig(filter.urlRewrite, "urlRewrite", source, filterPath, out,
                       [&](const RewriteFilter &config) { route.rewrite = rewrite(config); });
            break;
        case FilterType::CORS:
            withConfig(filter.cors, "cors", source, filterPath, out,
                       [&](const CorsFilter &config) { route.corsPolicy = corsPolicy(config); });
            break;
        case FilterType::RequestMirror: {
            if (!filter.requestMirror || !filter.requestMirror->backendRef) {
                missingFilterField(source, filterPath, "requestMirror", out);
                break;
            }
            Istio::HTTPMirrorPolicy mirror;
            mirror.destination.emplace();
            const QString backendPath = filterPath + QStringLiteral(".requestMirror.backendRef");
            const ResolvedBackend resolved =
                resolveBackend(*filter.requestMirror->backendRef, context);
            if (resolved.status != ResolvedBackend::Status::Valid) {
                // istiod drops a mirror whose backend has any problem (and, for gRPC, the route).
                if (grpc) {
                    out.append(makeNote(
                        source, Core::Codes::GATEWAY_API_ROUTE_REJECTED, backendPath,
                        QStringLiteral("istiod rejects the route: %1").arg(resolved.problem)));
                    return false;
                }
                out.append(
                    makeNote(source, Core::Codes::GATEWAY_API_INVALID_BACKEND, backendPath,
                             QStringLiteral("%1; the mirror is left out").arg(resolved.problem)));
                break;
            }
            mirror.destination = resolved.destination;
            mirror.percentage = mirrorPercentage(*filter.requestMirror);
            route.mirrors.push_back(std::move(mirror));
            break;
        }
        case FilterType::ExtensionRef:
        case FilterType::ExternalAuth:
            rejectFilter(source, filterPath, type, out);
            return false;
        }
    }
    return true;
}

void noteSessionPersistence(const SourceInfo &source, const QString &path, const Opaque &field,
                            Core::Diagnostics &out)
{
    if (field)
        out.append(makeNote(source, Core::Codes::GATEWAY_API_NOT_TRANSLATED,
                            path + QStringLiteral(".sessionPersistence"),
                            QStringLiteral("sessionPersistence is not translated; requests are "
                                           "balanced without affinity")));
}

} // namespace

std::optional<std::vector<Istio::HTTPRoute>> convertHttpRules(const Read<HttpRoute> &route,
                                                              const BackendContext &context,
                                                              Core::Diagnostics &out)
{
    std::vector<Istio::HTTPRoute> result;
    const SourceInfo &source = route.source;
    const auto &rules = route.object.spec.rules;
    for (std::size_t n = 0; n < rules.size(); ++n) {
        const HttpRouteRule &rule = rules[n];
        const QString path = rulePath(n);
        noteSessionPersistence(source, path, rule.sessionPersistence, out);
        Istio::HTTPRoute base;
        base.name = routeName(rule.name, source, n);
        if (!applyFilters(source, path, rule.filters, false, context, out, base))
            return std::nullopt;
        if (rule.retry)
            base.retries = retries(*rule.retry);
        if (rule.timeouts)
            applyTimeouts(*rule.timeouts, base);
        if (sumOfWeights(rule.backendRefs) == 0 && !base.redirect) {
            // "The spec requires us to return 500 when there are no >0 weight backends."
            base.directResponse = Istio::HTTPDirectResponse{500, std::nullopt};
        } else if (!httpDestinations(source, path, rule.backendRefs, context, out, base)) {
            return std::nullopt;
        }
        if (rule.matches.empty()) {
            result.push_back(std::move(base));
            continue;
        }
        for (const HttpRouteMatch &match : rule.matches) {
            Istio::HTTPRoute split = base;
            split.match = {httpMatch(match)};
            result.push_back(std::move(split));
        }
    }
    return result;
}

std::optional<std::vector<Istio::HTTPRoute>> convertGrpcRules(const Read<GrpcRoute> &route,
                                                              const BackendContext &context,
                                                              Core::Diagnostics &out)
{
    std::vector<Istio::HTTPRoute> result;
    const SourceInfo &source = route.source;
    const auto &rules = route.object.spec.rules;
    for (std::size_t n = 0; n < rules.size(); ++n) {
        const GrpcRouteRule &rule = rules[n];
        const QString path = rulePath(n);
        noteSessionPersistence(source, path, rule.sessionPersistence, out);
        Istio::HTTPRoute base;
        base.name = routeName(rule.name, source, n);
        std::vector<Istio::HTTPMatchRequest> matches;
        for (std::size_t m = 0; m < rule.matches.size(); ++m) {
            const GrpcRouteMatch &match = rule.matches[m];
            Istio::HTTPMatchRequest istio;
            if (match.method) {
                QString error;
                istio.uri = grpcPath(*match.method, &error);
                if (!istio.uri) {
                    out.append(makeNote(source, Core::Codes::GATEWAY_API_ROUTE_REJECTED,
                                        QStringLiteral("%1.matches[%2].method").arg(path).arg(m),
                                        QStringLiteral("istiod rejects the route: %1").arg(error)));
                    return std::nullopt;
                }
            }
            istio.headers = valueMatches(match.headers);
            matches.push_back(std::move(istio));
        }
        if (!applyFilters(source, path, rule.filters, true, context, out, base))
            return std::nullopt;
        if (sumOfWeights(rule.backendRefs) == 0)
            base.directResponse = Istio::HTTPDirectResponse{500, std::nullopt};
        else if (!httpDestinations(source, path, rule.backendRefs, context, out, base))
            return std::nullopt;
        if (matches.empty()) {
            result.push_back(std::move(base));
            continue;
        }
        for (Istio::HTTPMatchRequest &match : matches) {
            Istio::HTTPRoute split = base;
            split.match = {std::move(match)};
            result.push_back(std::move(split));
        }
    }
    return result;
}

std::optional<std::vector<Istio::RouteDestination>>
convertL4Backends(const SourceInfo &source, const QString &path,
                  const std::vector<BackendRef> &backends, const BackendContext &context,
                  Core::Diagnostics &out)
{
    std::vector<Istio::RouteDestination> result;
    if (sumOfWeights(backends) == 0) {
        // No backend with weight > 0: istiod points the route at a cluster that never exists,
        // so connections are refused.
        Istio::RouteDestination none;
        none.destination =
            Istio::Destination{QStringLiteral("internal.cluster.local"),
                               QStringLiteral("zero-weight"), Istio::PortSelector{65535}};
        result.push_back(std::move(none));
        return result;
    }
    for (const WeightedBackend &weighted : weightedBackends(backends)) {
        Istio::RouteDestination destination;
        destination.destination.emplace();
        if (!resolveReported(
                source, QStringLiteral("%1.backendRefs[%2]").arg(path).arg(weighted.index),
                backends[weighted.index].reference(), context, out, *destination.destination,
                QStringLiteral("its share of the connections is refused")))
            return std::nullopt;
        if (weighted.weight != 0)
            destination.weight = weighted.weight;
        result.push_back(std::move(destination));
    }
    return result;
}

} // namespace FromGatewayApi
