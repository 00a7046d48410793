#pragma once

#include "apicommon.h"

// HTTPRoute, GRPCRoute, TLSRoute and TCPRoute of the Kubernetes Gateway API.
namespace FromGatewayApi {

struct PathMatch {
    std::optional<PathMatchType> type;
    std::optional<QString> value;

    static constexpr auto fields()
    {
        return std::tuple{field("type", &PathMatch::type), field("value", &PathMatch::value)};
    }
    bool operator==(const PathMatch &) const = default;
};

struct HttpRouteMatch {
    std::optional<PathMatch> path;
    std::vector<ValueMatch> headers;
    std::vector<ValueMatch> queryParams;
    std::optional<HttpMethod> method;

    static constexpr auto fields()
    {
        using T = HttpRouteMatch;
        return std::tuple{field("path", &T::path), field("headers", &T::headers),
                          field("queryParams", &T::queryParams), field("method", &T::method)};
    }
    bool operator==(const HttpRouteMatch &) const = default;
};

struct PathModifier {
    std::optional<PathModifierType> type;
    std::optional<QString> replaceFullPath;
    std::optional<QString> replacePrefixMatch;

    static constexpr auto fields()
    {
        using T = PathModifier;
        return std::tuple{field("type", &T::type, Required),
                          field("replaceFullPath", &T::replaceFullPath),
                          field("replacePrefixMatch", &T::replacePrefixMatch)};
    }
    bool operator==(const PathModifier &) const = default;
};

struct RedirectFilter {
    std::optional<QString> scheme;
    std::optional<QString> hostname;
    std::optional<PathModifier> path;
    std::optional<quint32> port;
    std::optional<quint32> statusCode;

    static constexpr auto fields()
    {
        using T = RedirectFilter;
        return std::tuple{field("scheme", &T::scheme), field("hostname", &T::hostname),
                          field("path", &T::path), field("port", &T::port),
                          field("statusCode", &T::statusCode)};
    }
    bool operator==(const RedirectFilter &) const = default;
};

struct RewriteFilter {
    std::optional<QString> hostname;
    std::optional<PathModifier> path;

    static constexpr auto fields()
    {
        return std::tuple{field("hostname", &RewriteFilter::hostname),
                          field("path", &RewriteFilter::path)};
    }
    bool operator==(const RewriteFilter &) const = default;
};

struct Fraction {
    std::optional<qint32> numerator;
    std::optional<qint32> denominator;

    static constexpr auto fields()
    {
        return std::tuple{field("numerator", &Fraction::numerator, Required),
                          field("denominator", &Fraction::denominator)};
    }
    bool operator==(const Fraction &) const = default;
};

struct MirrorFilter {
    std::optional<BackendObjectReference> backendRef;
    std::optional<qint32> percent;
    std::optional<Fraction> fraction;

    static constexpr auto fields()
    {
        return std::tuple{field("backendRef", &MirrorFilter::backendRef, Required),
                          field("percent", &MirrorFilter::percent),
                          field("fraction", &MirrorFilter::fraction)};
    }
    bool operator==(const MirrorFilter &) const = default;
};

struct CorsFilter {
    StringList allowOrigins;
    std::optional<bool> allowCredentials;
    StringList allowMethods;
    StringList allowHeaders;
    StringList exposeHeaders;
    std::optional<qint32> maxAge; // seconds

    static constexpr auto fields()
    {
        using T = CorsFilter;
        return std::tuple{field("allowOrigins", &T::allowOrigins),
                          field("allowCredentials", &T::allowCredentials),
                          field("allowMethods", &T::allowMethods),
                          field("allowHeaders", &T::allowHeaders),
                          field("exposeHeaders", &T::exposeHeaders),
                          field("maxAge", &T::maxAge)};
    }
    bool operator==(const CorsFilter &) const = default;
};

// One filters[] entry. GRPCRoute uses the same shape with fewer types allowed.
struct RouteFilter {
    std::optional<FilterType> type;
    std::optional<HeaderFilter> requestHeaderModifier;
    std::optional<HeaderFilter> responseHeaderModifier;
    std::optional<MirrorFilter> requestMirror;
    std::optional<RedirectFilter> requestRedirect;
    std::optional<RewriteFilter> urlRewrite;
    std::optional<LocalObjectReference> extensionRef;
    std::optional<CorsFilter> cors;
    Opaque externalAuth;

    static constexpr auto fields()
    {
        using T = RouteFilter;
        return std::tuple{field("type", &T::type, Required),
                          field("requestHeaderModifier", &T::requestHeaderModifier),
                          field("responseHeaderModifier", &T::responseHeaderModifier),
                          field("requestMirror", &T::requestMirror),
                          field("requestRedirect", &T::requestRedirect),
                          field("urlRewrite", &T::urlRewrite),
                          field("extensionRef", &T::extensionRef),
                          field("cors", &T::cors),
                          field("externalAuth", &T::externalAuth)};
    }
    bool operator==(const RouteFilter &) const = default;
};

struct BackendRef {
    std::optional<QString> group;
    std::optional<QString> kind;
    std::optional<QString> name;
    std::optional<QString> nameSpace;
    std::optional<quint32> port;
    std::optional<qint32> weight;
    std::vector<RouteFilter> filters; // HTTPRoute and GRPCRoute only

    BackendObjectReference reference() const { return {group, kind, name, nameSpace, port}; }

    static constexpr auto fields()
    {
        using T = BackendRef;
        return std::tuple{field("group", &T::group),         field("kind", &T::kind),
                          field("name", &T::name, Required), field("namespace", &T::nameSpace),
                          field("port", &T::port),           field("weight", &T::weight),
                          field("filters", &T::filters)};
    }
    bool operator==(const BackendRef &) const = default;
};

struct RouteTimeouts {
    std::optional<Istio::Duration> request;
    std::optional<Istio::Duration> backendRequest;

    static constexpr auto fields()
    {
        return std::tuple{
            field("request", &RouteTimeouts::request, Istio::ZeroDurationAllowed),
            field("backendRequest", &RouteTimeouts::backendRequest, Istio::ZeroDurationAllowed)};
    }
    bool operator==(const RouteTimeouts &) const = default;
};

struct RouteRetry {
    std::vector<quint32> codes;
    std::optional<qint32> attempts;
    std::optional<Istio::Duration> backoff;

    static constexpr auto fields()
    {
        return std::tuple{field("codes", &RouteRetry::codes),
                          field("attempts", &RouteRetry::attempts),
                          field("backoff", &RouteRetry::backoff, Istio::ZeroDurationAllowed)};
    }
    bool operator==(const RouteRetry &) const = default;
};

struct HttpRouteRule {
    std::optional<QString> name;
    std::vector<HttpRouteMatch> matches;
    std::vector<RouteFilter> filters;
    std::vector<BackendRef> backendRefs;
    std::optional<RouteTimeouts> timeouts;
    std::optional<RouteRetry> retry;
    Opaque sessionPersistence;

    static constexpr auto fields()
    {
        using T = HttpRouteRule;
        return std::tuple{field("name", &T::name),
                          field("matches", &T::matches),
                          field("filters", &T::filters),
                          field("backendRefs", &T::backendRefs),
                          field("timeouts", &T::timeouts),
                          field("retry", &T::retry),
                          field("sessionPersistence", &T::sessionPersistence)};
    }
    bool operator==(const HttpRouteRule &) const = default;
};

struct HttpRouteSpec {
    std::vector<ParentReference> parentRefs;
    StringList hostnames;
    std::vector<HttpRouteRule> rules;

    static constexpr auto fields()
    {
        return std::tuple{field("parentRefs", &HttpRouteSpec::parentRefs),
                          field("hostnames", &HttpRouteSpec::hostnames),
                          field("rules", &HttpRouteSpec::rules)};
    }
    bool operator==(const HttpRouteSpec &) const = default;
};
using HttpRoute = Istio::Object<HttpRouteSpec>;

struct GrpcMethodMatch {
    std::optional<ValueMatchType> type;
    std::optional<QString> service;
    std::optional<QString> method;

    static constexpr auto fields()
    {
        return std::tuple{field("type", &GrpcMethodMatch::type),
                          field("service", &GrpcMethodMatch::service),
                          field("method", &GrpcMethodMatch::method)};
    }
    bool operator==(const GrpcMethodMatch &) const = default;
};

struct GrpcRouteMatch {
    std::optional<GrpcMethodMatch> method;
    std::vector<ValueMatch> headers;

    static constexpr auto fields()
    {
        return std::tuple{field("method", &GrpcRouteMatch::method),
                          field("headers", &GrpcRouteMatch::headers)};
    }
    bool operator==(const GrpcRouteMatch &) const = default;
};

struct GrpcRouteRule {
    std::optional<QString> name;
    std::vector<GrpcRouteMatch> matches;
    std::vector<RouteFilter> filters;
    std::vector<BackendRef> backendRefs;
    Opaque sessionPersistence;

    static constexpr auto fields()
    {
        using T = GrpcRouteRule;
        return std::tuple{field("name", &T::name), field("matches", &T::matches),
                          field("filters", &T::filters), field("backendRefs", &T::backendRefs),
                          field("sessionPersistence", &T::sessionPersistence)};
    }
    bool operator==(const GrpcRouteRule &) const = default;
};

struct GrpcRouteSpec {
    std::vector<ParentReference> parentRefs;
    StringList hostnames;
    std::vector<GrpcRouteRule> rules;

    static constexpr auto fields()
    {
        return std::tuple{field("parentRefs", &GrpcRouteSpec::parentRefs),
                          field("hostnames", &GrpcRouteSpec::hostnames),
                          field("rules", &GrpcRouteSpec::rules)};
    }
    bool operator==(const GrpcRouteSpec &) const = default;
};
using GrpcRoute = Istio::Object<GrpcRouteSpec>;

// TLSRoute and TCPRoute rules: only backends.
struct L4RouteRule {
    std::optional<QString> name;
    std::vector<BackendRef> backendRefs;

    static constexpr auto fields()
    {
        return std::tuple{field("name", &L4RouteRule::name),
                          field("backendRefs", &L4RouteRule::backendRefs)};
    }
    bool operator==(const L4RouteRule &) const = default;
};

struct L4RouteSpec {
    std::vector<ParentReference> parentRefs;
    StringList hostnames; // TLSRoute only
    std::vector<L4RouteRule> rules;

    static constexpr auto fields()
    {
        return std::tuple{field("parentRefs", &L4RouteSpec::parentRefs),
                          field("hostnames", &L4RouteSpec::hostnames),
                          field("rules", &L4RouteSpec::rules, Required)};
    }
    bool operator==(const L4RouteSpec &) const = default;
};
using L4Route = Istio::Object<L4RouteSpec>;

} // namespace FromGatewayApi
