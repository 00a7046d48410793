#pragma once

#include "apicommon.h"

// GatewayClass, Gateway and ReferenceGrant of the Kubernetes Gateway API.
namespace FromGatewayApi {

struct GatewayClassSpec {
    std::optional<QString> controllerName;
    Opaque parametersRef;
    std::optional<QString> description;

    static constexpr auto fields()
    {
        using T = GatewayClassSpec;
        return std::tuple{field("controllerName", &T::controllerName, Required),
                          field("parametersRef", &T::parametersRef),
                          field("description", &T::description)};
    }
    bool operator==(const GatewayClassSpec &) const = default;
};
using GatewayClass = Istio::Object<GatewayClassSpec>;

struct RouteNamespaces {
    std::optional<NamespacesFrom> from;
    std::optional<LabelSelector> selector;

    static constexpr auto fields()
    {
        return std::tuple{field("from", &RouteNamespaces::from),
                          field("selector", &RouteNamespaces::selector)};
    }
    bool operator==(const RouteNamespaces &) const = default;
};

struct RouteGroupKind {
    std::optional<QString> group;
    std::optional<QString> kind;

    static constexpr auto fields()
    {
        return std::tuple{field("group", &RouteGroupKind::group),
                          field("kind", &RouteGroupKind::kind, Required)};
    }
    bool operator==(const RouteGroupKind &) const = default;
};

struct AllowedRoutes {
    std::optional<RouteNamespaces> namespaces;
    std::vector<RouteGroupKind> kinds;

    static constexpr auto fields()
    {
        return std::tuple{field("namespaces", &AllowedRoutes::namespaces),
                          field("kinds", &AllowedRoutes::kinds)};
    }
    bool operator==(const AllowedRoutes &) const = default;
};

struct ListenerTls {
    std::optional<TlsMode> mode;
    std::vector<SecretObjectReference> certificateRefs;
    Istio::OrderedMap<QString> options;
    Opaque frontendValidation;

    static constexpr auto fields()
    {
        using T = ListenerTls;
        return std::tuple{field("mode", &T::mode), field("certificateRefs", &T::certificateRefs),
                          field("options", &T::options),
                          field("frontendValidation", &T::frontendValidation)};
    }
    bool operator==(const ListenerTls &) const = default;
};

struct Listener {
    std::optional<QString> name;
    std::optional<QString> hostname;
    std::optional<quint32> port;
    std::optional<QString> protocol; // HTTP, HTTPS, TLS, TCP, UDP or a domain-prefixed name
    std::optional<ListenerTls> tls;
    std::optional<AllowedRoutes> allowedRoutes;

    static constexpr auto fields()
    {
        using T = Listener;
        return std::tuple{field("name", &T::name, Required),
                          field("hostname", &T::hostname),
                          field("port", &T::port, Required),
                          field("protocol", &T::protocol, Required),
                          field("tls", &T::tls),
                          field("allowedRoutes", &T::allowedRoutes)};
    }
    bool operator==(const Listener &) const = default;
};

struct GatewayAddress {
    std::optional<QString> type; // IPAddress (default), Hostname, or domain-prefixed
    std::optional<QString> value;

    static constexpr auto fields()
    {
        return std::tuple{field("type", &GatewayAddress::type),
                          field("value", &GatewayAddress::value)};
    }
    bool operator==(const GatewayAddress &) const = default;
};

struct GatewaySpec {
    std::optional<QString> gatewayClassName;
    std::vector<Listener> listeners;
    std::vector<GatewayAddress> addresses;
    Opaque infrastructure;
    Opaque allowedListeners;
    Opaque backendTLS;
    Opaque tls;

    static constexpr auto fields()
    {
        using T = GatewaySpec;
        return std::tuple{field("gatewayClassName", &T::gatewayClassName, Required),
                          field("listeners", &T::listeners, Required),
                          field("addresses", &T::addresses),
                          field("infrastructure", &T::infrastructure),
                          field("allowedListeners", &T::allowedListeners),
                          field("backendTLS", &T::backendTLS),
                          field("tls", &T::tls)};
    }
    bool operator==(const GatewaySpec &) const = default;
};
using Gateway = Istio::Object<GatewaySpec>;

struct ReferenceGrantFrom {
    std::optional<QString> group;
    std::optional<QString> kind;
    std::optional<QString> nameSpace;

    static constexpr auto fields()
    {
        using T = ReferenceGrantFrom;
        return std::tuple{field("group", &T::group, Required), field("kind", &T::kind, Required),
                          field("namespace", &T::nameSpace, Required)};
    }
    bool operator==(const ReferenceGrantFrom &) const = default;
};

struct ReferenceGrantTo {
    std::optional<QString> group;
    std::optional<QString> kind;
    std::optional<QString> name;

    static constexpr auto fields()
    {
        using T = ReferenceGrantTo;
        return std::tuple{field("group", &T::group, Required), field("kind", &T::kind, Required),
                          field("name", &T::name)};
    }
    bool operator==(const ReferenceGrantTo &) const = default;
};

struct ReferenceGrantSpec {
    std::vector<ReferenceGrantFrom> from;
    std::vector<ReferenceGrantTo> to;

    static constexpr auto fields()
    {
        return std::tuple{field("from", &ReferenceGrantSpec::from, Required),
                          field("to", &ReferenceGrantSpec::to, Required)};
    }
    bool operator==(const ReferenceGrantSpec &) const = default;
};
using ReferenceGrant = Istio::Object<ReferenceGrantSpec>;

} // namespace FromGatewayApi
