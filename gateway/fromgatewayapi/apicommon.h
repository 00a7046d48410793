#pragma once

#include "model/common.h"

// Types shared by the Kubernetes Gateway API kinds (gateway.networking.k8s.io v1, v1beta1 and
// v1alpha2 have the same shapes for what is modelled here). They use the same field tables as
// the Istio model, so the project's YAML reader checks them and positions every problem.
// Enumerations the CRD schema closes are typed (an unknown value is a positioned GH1003);
// open-ended strings (protocols, address types, schemes) stay strings and are checked by the
// translation.
namespace FromGatewayApi {

enum class PathMatchType { Exact, PathPrefix, RegularExpression };
enum class ValueMatchType { Exact, RegularExpression }; // headers and query parameters
enum class HttpMethod { GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH };
enum class FilterType {
    RequestHeaderModifier,
    ResponseHeaderModifier,
    RequestMirror,
    RequestRedirect,
    URLRewrite,
    ExtensionRef,
    CORS,
    ExternalAuth
};
enum class PathModifierType { ReplaceFullPath, ReplacePrefixMatch };
enum class TlsMode { Terminate, Passthrough };
enum class NamespacesFrom { All, Same, Selector, None };
enum class SelectorOperator { In, NotIn, Exists, DoesNotExist };

} // namespace FromGatewayApi

namespace Istio {

#define GATEHOUSE_GATEWAY_API_ENUM(Type, What, ...)                                                \
    template <> struct EnumInfo<FromGatewayApi::Type> {                                            \
        static constexpr const char *what = What;                                                  \
        static constexpr bool caseInsensitive = false;                                             \
        static constexpr std::array names = {__VA_ARGS__};                                         \
    }

GATEHOUSE_GATEWAY_API_ENUM(PathMatchType, "path match type", "Exact", "PathPrefix",
                           "RegularExpression");
GATEHOUSE_GATEWAY_API_ENUM(ValueMatchType, "match type", "Exact", "RegularExpression");
GATEHOUSE_GATEWAY_API_ENUM(HttpMethod, "HTTP method", "GET", "HEAD", "POST", "PUT", "DELETE",
                           "CONNECT", "OPTIONS", "TRACE", "PATCH");
GATEHOUSE_GATEWAY_API_ENUM(FilterType, "filter type", "RequestHeaderModifier",
                           "ResponseHeaderModifier", "RequestMirror", "RequestRedirect",
                           "URLRewrite", "ExtensionRef", "CORS", "ExternalAuth");
GATEHOUSE_GATEWAY_API_ENUM(PathModifierType, "path modifier type", "ReplaceFullPath",
                           "ReplacePrefixMatch");
GATEHOUSE_GATEWAY_API_ENUM(TlsMode, "TLS mode", "Terminate", "Passthrough");
GATEHOUSE_GATEWAY_API_ENUM(NamespacesFrom, "namespaces.from", "All", "Same", "Selector", "None");
GATEHOUSE_GATEWAY_API_ENUM(SelectorOperator, "label selector operator", "In", "NotIn", "Exists",
                           "DoesNotExist");

#undef GATEHOUSE_GATEWAY_API_ENUM

} // namespace Istio

namespace FromGatewayApi {

using Istio::field;
using Istio::Required;
using Istio::StringList;

// A field of a newer or implementation-specific part of the API that is accepted as it is;
// present() tells the translation to say it is not translated.
using Opaque = std::optional<Istio::Untyped>;

// parentRefs[]: a Gateway (default), or a Service / ServiceEntry for mesh routes.
struct ParentReference {
    std::optional<QString> group;
    std::optional<QString> kind;
    std::optional<QString> nameSpace;
    std::optional<QString> name;
    std::optional<QString> sectionName;
    std::optional<quint32> port;

    static constexpr auto fields()
    {
        using T = ParentReference;
        return std::tuple{field("group", &T::group),
                          field("kind", &T::kind),
                          field("namespace", &T::nameSpace),
                          field("name", &T::name, Required),
                          field("sectionName", &T::sectionName),
                          field("port", &T::port)};
    }
    bool operator==(const ParentReference &) const = default;
};

// A backendRef (or a mirror's backendRef): a Service by default.
struct BackendObjectReference {
    std::optional<QString> group;
    std::optional<QString> kind;
    std::optional<QString> name;
    std::optional<QString> nameSpace;
    std::optional<quint32> port;

    static constexpr auto fields()
    {
        using T = BackendObjectReference;
        return std::tuple{field("group", &T::group), field("kind", &T::kind),
                          field("name", &T::name, Required), field("namespace", &T::nameSpace),
                          field("port", &T::port)};
    }
    bool operator==(const BackendObjectReference &) const = default;
};

// certificateRefs[]: a Secret by default.
struct SecretObjectReference {
    std::optional<QString> group;
    std::optional<QString> kind;
    std::optional<QString> name;
    std::optional<QString> nameSpace;

    static constexpr auto fields()
    {
        using T = SecretObjectReference;
        return std::tuple{field("group", &T::group), field("kind", &T::kind),
                          field("name", &T::name, Required), field("namespace", &T::nameSpace)};
    }
    bool operator==(const SecretObjectReference &) const = default;
};

struct LocalObjectReference {
    std::optional<QString> group;
    std::optional<QString> kind;
    std::optional<QString> name;

    static constexpr auto fields()
    {
        using T = LocalObjectReference;
        return std::tuple{field("group", &T::group, Required), field("kind", &T::kind, Required),
                          field("name", &T::name, Required)};
    }
    bool operator==(const LocalObjectReference &) const = default;
};

struct LabelSelectorRequirement {
    std::optional<QString> key;
    std::optional<SelectorOperator> selectorOperator;
    StringList values;

    static constexpr auto fields()
    {
        using T = LabelSelectorRequirement;
        return std::tuple{field("key", &T::key, Required),
                          field("operator", &T::selectorOperator, Required),
                          field("values", &T::values)};
    }
    bool operator==(const LabelSelectorRequirement &) const = default;
};

struct LabelSelector {
    Istio::Labels matchLabels;
    std::vector<LabelSelectorRequirement> matchExpressions;

    static constexpr auto fields()
    {
        return std::tuple{field("matchLabels", &LabelSelector::matchLabels),
                          field("matchExpressions", &LabelSelector::matchExpressions)};
    }
    bool operator==(const LabelSelector &) const = default;
};

struct HttpHeader {
    std::optional<QString> name;
    std::optional<QString> value;

    static constexpr auto fields()
    {
        return std::tuple{field("name", &HttpHeader::name, Required),
                          field("value", &HttpHeader::value, Required)};
    }
    bool operator==(const HttpHeader &) const = default;
};

// RequestHeaderModifier / ResponseHeaderModifier.
struct HeaderFilter {
    std::vector<HttpHeader> set;
    std::vector<HttpHeader> add;
    StringList remove;

    static constexpr auto fields()
    {
        return std::tuple{field("set", &HeaderFilter::set), field("add", &HeaderFilter::add),
                          field("remove", &HeaderFilter::remove)};
    }
    bool operator==(const HeaderFilter &) const = default;
};

// A header or query parameter match (HTTPRoute, GRPCRoute).
struct ValueMatch {
    std::optional<ValueMatchType> type;
    std::optional<QString> name;
    std::optional<QString> value;

    static constexpr auto fields()
    {
        return std::tuple{field("type", &ValueMatch::type),
                          field("name", &ValueMatch::name, Required),
                          field("value", &ValueMatch::value, Required)};
    }
    bool operator==(const ValueMatch &) const = default;
};

} // namespace FromGatewayApi
