#pragma once

#include "common.h"

// networking.istio.io VirtualService (semantics doc §3).
namespace Istio {

struct Destination {
    std::optional<QString> host;
    std::optional<QString> subset;
    std::optional<PortSelector> port;

    static constexpr auto fields()
    {
        return std::tuple{field("host", &Destination::host, Required),
                          field("subset", &Destination::subset), field("port", &Destination::port)};
    }
    bool operator==(const Destination &) const = default;
};

struct HeaderOperations {
    OrderedMap<QString> set;
    OrderedMap<QString> add;
    StringList remove;

    static constexpr auto fields()
    {
        return std::tuple{field("set", &HeaderOperations::set),
                          field("add", &HeaderOperations::add),
                          field("remove", &HeaderOperations::remove)};
    }
    bool operator==(const HeaderOperations &) const = default;
};

struct Headers {
    std::optional<HeaderOperations> request;
    std::optional<HeaderOperations> response;

    static constexpr auto fields()
    {
        return std::tuple{field("request", &Headers::request),
                          field("response", &Headers::response)};
    }
    bool operator==(const Headers &) const = default;
};

struct HTTPMatchRequest {
    std::optional<QString> name;
    std::optional<StringMatch> uri;
    std::optional<StringMatch> scheme;
    std::optional<StringMatch> method;
    std::optional<StringMatch> authority;
    OrderedMap<StringMatch> headers;
    std::optional<quint32> port;
    Labels sourceLabels;
    StringList gateways;
    OrderedMap<StringMatch> queryParams;
    std::optional<bool> ignoreUriCase;
    OrderedMap<StringMatch> withoutHeaders;
    std::optional<QString> sourceNamespace;
    std::optional<QString> statPrefix;

    static constexpr auto fields()
    {
        using T = HTTPMatchRequest;
        return std::tuple{field("name", &T::name),
                          field("uri", &T::uri),
                          field("scheme", &T::scheme),
                          field("method", &T::method),
                          field("authority", &T::authority),
                          field("headers", &T::headers),
                          field("port", &T::port),
                          field("sourceLabels", &T::sourceLabels),
                          field("gateways", &T::gateways),
                          field("queryParams", &T::queryParams),
                          field("ignoreUriCase", &T::ignoreUriCase),
                          field("withoutHeaders", &T::withoutHeaders),
                          field("sourceNamespace", &T::sourceNamespace),
                          field("statPrefix", &T::statPrefix)};
    }
    bool operator==(const HTTPMatchRequest &) const = default;
};

struct HTTPRouteDestination {
    std::optional<Destination> destination;
    std::optional<qint32> weight;
    std::optional<Headers> headers;

    static constexpr auto fields()
    {
        return std::tuple{field("destination", &HTTPRouteDestination::destination, Required),
                          field("weight", &HTTPRouteDestination::weight),
                          field("headers", &HTTPRouteDestination::headers)};
    }
    bool operator==(const HTTPRouteDestination &) const = default;
};

struct RouteDestination {
    std::optional<Destination> destination;
    std::optional<qint32> weight;

    static constexpr auto fields()
    {
        return std::tuple{field("destination", &RouteDestination::destination, Required),
                          field("weight", &RouteDestination::weight)};
    }
    bool operator==(const RouteDestination &) const = default;
};

struct HTTPRedirect {
    std::optional<QString> uri;
    std::optional<QString> authority;
    std::optional<quint32> port;
    std::optional<RedirectPortSelection> derivePort;
    std::optional<QString> scheme;
    std::optional<quint32> redirectCode;
    std::optional<QString> prefixRewrite;

    static constexpr auto fields()
    {
        using T = HTTPRedirect;
        return std::tuple{field("uri", &T::uri),
                          field("authority", &T::authority),
                          field("port", &T::port),
                          field("derivePort", &T::derivePort),
                          field("scheme", &T::scheme),
                          field("redirectCode", &T::redirectCode),
                          field("prefixRewrite", &T::prefixRewrite)};
    }
    static constexpr auto oneOfGroups()
    {
        return std::array{OneOfGroup{{"port", "derivePort"}, 2}};
    }
    bool operator==(const HTTPRedirect &) const = default;
};

struct HTTPBody {
    std::optional<QString> string;
    std::optional<QString> bytes; // base64, as the YAML carries it

    static constexpr auto fields()
    {
        return std::tuple{field("string", &HTTPBody::string), field("bytes", &HTTPBody::bytes)};
    }
    static constexpr auto oneOfGroups() { return std::array{OneOfGroup{{"string", "bytes"}, 2}}; }
    bool operator==(const HTTPBody &) const = default;
};

struct HTTPDirectResponse {
    std::optional<quint32> status;
    std::optional<HTTPBody> body;

    static constexpr auto fields()
    {
        return std::tuple{field("status", &HTTPDirectResponse::status, Required),
                          field("body", &HTTPDirectResponse::body)};
    }
    bool operator==(const HTTPDirectResponse &) const = default;
};

struct Delegate {
    std::optional<QString> name;
    std::optional<QString> nameSpace;

    static constexpr auto fields()
    {
        return std::tuple{field("name", &Delegate::name), field("namespace", &Delegate::nameSpace)};
    }
    bool operator==(const Delegate &) const = default;
};

struct RegexRewrite {
    std::optional<QString> match;
    std::optional<QString> rewrite;

    static constexpr auto fields()
    {
        return std::tuple{field("match", &RegexRewrite::match),
                          field("rewrite", &RegexRewrite::rewrite)};
    }
    bool operator==(const RegexRewrite &) const = default;
};

struct HTTPRewrite {
    std::optional<QString> uri;
    std::optional<QString> authority;
    std::optional<RegexRewrite> uriRegexRewrite;

    static constexpr auto fields()
    {
        return std::tuple{field("uri", &HTTPRewrite::uri),
                          field("authority", &HTTPRewrite::authority),
                          field("uriRegexRewrite", &HTTPRewrite::uriRegexRewrite)};
    }
    bool operator==(const HTTPRewrite &) const = default;
};

struct HTTPRetry {
    std::optional<qint32> attempts;
    std::optional<Duration> perTryTimeout;
    std::optional<QString> retryOn;
    std::optional<bool> retryRemoteLocalities;
    std::optional<bool> retryIgnorePreviousHosts;
    std::optional<Duration> backoff;

    static constexpr auto fields()
    {
        using T = HTTPRetry;
        return std::tuple{field("attempts", &T::attempts),
                          field("perTryTimeout", &T::perTryTimeout),
                          field("retryOn", &T::retryOn),
                          field("retryRemoteLocalities", &T::retryRemoteLocalities),
                          field("retryIgnorePreviousHosts", &T::retryIgnorePreviousHosts),
                          field("backoff", &T::backoff)};
    }
    bool operator==(const HTTPRetry &) const = default;
};

struct CorsPolicy {
    StringList allowOrigin; // deprecated: exact origins
    std::vector<StringMatch> allowOrigins;
    StringList allowMethods;
    StringList allowHeaders;
    StringList exposeHeaders;
    std::optional<Duration> maxAge;
    std::optional<bool> allowCredentials;
    std::optional<UnmatchedPreflights> unmatchedPreflights;

    static constexpr auto fields()
    {
        using T = CorsPolicy;
        return std::tuple{field("allowOrigin", &T::allowOrigin),
                          field("allowOrigins", &T::allowOrigins),
                          field("allowMethods", &T::allowMethods),
                          field("allowHeaders", &T::allowHeaders),
                          field("exposeHeaders", &T::exposeHeaders),
                          field("maxAge", &T::maxAge),
                          field("allowCredentials", &T::allowCredentials),
                          field("unmatchedPreflights", &T::unmatchedPreflights)};
    }
    bool operator==(const CorsPolicy &) const = default;
};

struct FaultDelay {
    std::optional<Duration> fixedDelay;
    std::optional<Duration> exponentialDelay; // rejected by Istio as unsupported
    std::optional<Percent> percentage;
    std::optional<qint32> percent; // deprecated integer percentage

    static constexpr auto fields()
    {
        using T = FaultDelay;
        return std::tuple{field("fixedDelay", &T::fixedDelay),
                          field("exponentialDelay", &T::exponentialDelay),
                          field("percentage", &T::percentage), field("percent", &T::percent)};
    }
    static constexpr auto oneOfGroups()
    {
        return std::array{OneOfGroup{{"fixedDelay", "exponentialDelay"}, 2}};
    }
    bool operator==(const FaultDelay &) const = default;
};

struct FaultAbort {
    std::optional<qint32> httpStatus;
    std::optional<QString> grpcStatus;
    std::optional<QString> http2Error;
    std::optional<Percent> percentage;

    static constexpr auto fields()
    {
        using T = FaultAbort;
        return std::tuple{field("httpStatus", &T::httpStatus), field("grpcStatus", &T::grpcStatus),
                          field("http2Error", &T::http2Error), field("percentage", &T::percentage)};
    }
    static constexpr auto oneOfGroups()
    {
        return std::array{OneOfGroup{{"httpStatus", "grpcStatus", "http2Error"}, 3}};
    }
    bool operator==(const FaultAbort &) const = default;
};

struct HTTPFaultInjection {
    std::optional<FaultDelay> delay;
    std::optional<FaultAbort> abort;

    static constexpr auto fields()
    {
        return std::tuple{field("delay", &HTTPFaultInjection::delay),
                          field("abort", &HTTPFaultInjection::abort)};
    }
    bool operator==(const HTTPFaultInjection &) const = default;
};

struct HTTPMirrorPolicy {
    std::optional<Destination> destination;
    std::optional<Percent> percentage;

    static constexpr auto fields()
    {
        return std::tuple{field("destination", &HTTPMirrorPolicy::destination, Required),
                          field("percentage", &HTTPMirrorPolicy::percentage)};
    }
    bool operator==(const HTTPMirrorPolicy &) const = default;
};

struct HTTPRoute {
    std::optional<QString> name;
    std::vector<HTTPMatchRequest> match;
    std::vector<HTTPRouteDestination> route;
    std::optional<HTTPRedirect> redirect;
    std::optional<HTTPDirectResponse> directResponse;
    std::optional<Delegate> delegate;
    std::optional<HTTPRewrite> rewrite;
    std::optional<Duration> timeout;
    std::optional<HTTPRetry> retries;
    std::optional<HTTPFaultInjection> fault;
    std::optional<Destination> mirror;
    std::optional<quint32> mirrorPercent; // deprecated
    std::optional<Percent> mirrorPercentage;
    std::vector<HTTPMirrorPolicy> mirrors;
    std::optional<CorsPolicy> corsPolicy;
    std::optional<Headers> headers;

    static constexpr auto fields()
    {
        using T = HTTPRoute;
        return std::tuple{field("name", &T::name),
                          field("match", &T::match),
                          field("route", &T::route),
                          field("redirect", &T::redirect),
                          field("directResponse", &T::directResponse),
                          field("delegate", &T::delegate),
                          field("rewrite", &T::rewrite),
                          field("timeout", &T::timeout),
                          field("retries", &T::retries),
                          field("fault", &T::fault),
                          field("mirror", &T::mirror),
                          field("mirrorPercent", &T::mirrorPercent),
                          field("mirrorPercentage", &T::mirrorPercentage),
                          field("mirrors", &T::mirrors),
                          field("corsPolicy", &T::corsPolicy),
                          field("headers", &T::headers)};
    }
    bool operator==(const HTTPRoute &) const = default;
};

struct TLSMatchAttributes {
    StringList sniHosts;
    StringList destinationSubnets;
    std::optional<quint32> port;
    Labels sourceLabels;
    StringList gateways;
    std::optional<QString> sourceNamespace;

    static constexpr auto fields()
    {
        using T = TLSMatchAttributes;
        return std::tuple{field("sniHosts", &T::sniHosts, Required),
                          field("destinationSubnets", &T::destinationSubnets),
                          field("port", &T::port),
                          field("sourceLabels", &T::sourceLabels),
                          field("gateways", &T::gateways),
                          field("sourceNamespace", &T::sourceNamespace)};
    }
    bool operator==(const TLSMatchAttributes &) const = default;
};

struct L4MatchAttributes {
    StringList destinationSubnets;
    std::optional<quint32> port;
    std::optional<QString> sourceSubnet; // hidden in the API
    Labels sourceLabels;
    StringList gateways;
    std::optional<QString> sourceNamespace;

    static constexpr auto fields()
    {
        using T = L4MatchAttributes;
        return std::tuple{field("destinationSubnets", &T::destinationSubnets),
                          field("port", &T::port),
                          field("sourceSubnet", &T::sourceSubnet),
                          field("sourceLabels", &T::sourceLabels),
                          field("gateways", &T::gateways),
                          field("sourceNamespace", &T::sourceNamespace)};
    }
    bool operator==(const L4MatchAttributes &) const = default;
};

struct TLSRoute {
    std::vector<TLSMatchAttributes> match;
    std::vector<RouteDestination> route;

    static constexpr auto fields()
    {
        return std::tuple{field("match", &TLSRoute::match, Required),
                          field("route", &TLSRoute::route)};
    }
    bool operator==(const TLSRoute &) const = default;
};

struct TCPRoute {
    std::vector<L4MatchAttributes> match;
    std::vector<RouteDestination> route;

    static constexpr auto fields()
    {
        return std::tuple{field("match", &TCPRoute::match), field("route", &TCPRoute::route)};
    }
    bool operator==(const TCPRoute &) const = default;
};

struct VirtualServiceSpec {
    StringList hosts;
    StringList gateways;
    std::vector<HTTPRoute> http;
    std::vector<TLSRoute> tls;
    std::vector<TCPRoute> tcp;
    StringList exportTo;

    static constexpr auto fields()
    {
        using T = VirtualServiceSpec;
        return std::tuple{field("hosts", &T::hosts), field("gateways", &T::gateways),
                          field("http", &T::http),   field("tls", &T::tls),
                          field("tcp", &T::tcp),     field("exportTo", &T::exportTo)};
    }
    bool operator==(const VirtualServiceSpec &) const = default;
};

using VirtualService = Object<VirtualServiceSpec>;

} // namespace Istio
