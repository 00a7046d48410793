#pragma once

#include <QString>
#include <QStringList>
#include <array>
#include <optional>
#include <span>

namespace Istio {

// Enumerations of the Istio API. Each has an EnumInfo entry listing its YAML names in
// declaration order; the reader, the writer and the editors' combo boxes all use that list.

enum class Protocol {
    HTTP,
    HTTPS,
    HTTP2,
    GRPC,
    GRPC_WEB,
    HTTP_PROXY,
    TCP,
    TLS,
    MONGO,
    REDIS,
    MYSQL,
    UDP
};
// Plaintext HTTP family (one HTTP connection manager, no TLS on the port).
constexpr bool isPlaintextHttp(Protocol protocol)
{
    return protocol == Protocol::HTTP || protocol == Protocol::HTTP2 ||
           protocol == Protocol::GRPC || protocol == Protocol::GRPC_WEB;
}
// TLS on the port: terminated (HTTPS, TLS SIMPLE/MUTUAL) or passed through (TLS).
constexpr bool isTlsProtocol(Protocol protocol)
{
    return protocol == Protocol::HTTPS || protocol == Protocol::TLS;
}

enum class ServerTlsMode {
    PASSTHROUGH,
    SIMPLE,
    MUTUAL,
    AUTO_PASSTHROUGH,
    ISTIO_MUTUAL,
    OPTIONAL_MUTUAL
};
enum class TlsProtocolVersion { TLS_AUTO, TLSV1_0, TLSV1_1, TLSV1_2, TLSV1_3 };
enum class RedirectPortSelection { FROM_PROTOCOL_DEFAULT, FROM_REQUEST_PORT };
enum class UnmatchedPreflights { UNSPECIFIED, FORWARD, IGNORE };
enum class SimpleLoadBalancer {
    UNSPECIFIED,
    LEAST_CONN,
    RANDOM,
    PASSTHROUGH,
    ROUND_ROBIN,
    LEAST_REQUEST
};
enum class H2UpgradePolicy { DEFAULT, DO_NOT_UPGRADE, UPGRADE };
enum class ClientTlsMode { DISABLE, SIMPLE, MUTUAL, ISTIO_MUTUAL };
enum class ProxyProtocolVersion { V1, V2 };

template <class E> struct EnumInfo;

#define GATEHOUSE_ENUM_INFO(Type, What, CaseInsensitive, ...)                                      \
    template <> struct EnumInfo<Type> {                                                            \
        static constexpr const char *what = What;                                                  \
        static constexpr bool caseInsensitive = CaseInsensitive;                                   \
        static constexpr std::array names = {__VA_ARGS__};                                         \
    }

// Istio parses port.protocol case-insensitively; the other enums are checked by the CRD schema,
// which is case-sensitive.
GATEHOUSE_ENUM_INFO(Protocol, "protocol", true, "HTTP", "HTTPS", "HTTP2", "GRPC", "GRPC-WEB",
                    "HTTP_PROXY", "TCP", "TLS", "MONGO", "REDIS", "MYSQL", "UDP");
GATEHOUSE_ENUM_INFO(ServerTlsMode, "TLS mode", false, "PASSTHROUGH", "SIMPLE", "MUTUAL",
                    "AUTO_PASSTHROUGH", "ISTIO_MUTUAL", "OPTIONAL_MUTUAL");
GATEHOUSE_ENUM_INFO(TlsProtocolVersion, "TLS protocol version", false, "TLS_AUTO", "TLSV1_0",
                    "TLSV1_1", "TLSV1_2", "TLSV1_3");
GATEHOUSE_ENUM_INFO(RedirectPortSelection, "redirect port selection", false,
                    "FROM_PROTOCOL_DEFAULT", "FROM_REQUEST_PORT");
GATEHOUSE_ENUM_INFO(UnmatchedPreflights, "unmatched preflight policy", false, "UNSPECIFIED",
                    "FORWARD", "IGNORE");
GATEHOUSE_ENUM_INFO(SimpleLoadBalancer, "load balancer", false, "UNSPECIFIED", "LEAST_CONN",
                    "RANDOM", "PASSTHROUGH", "ROUND_ROBIN", "LEAST_REQUEST");
GATEHOUSE_ENUM_INFO(H2UpgradePolicy, "h2 upgrade policy", false, "DEFAULT", "DO_NOT_UPGRADE",
                    "UPGRADE");
GATEHOUSE_ENUM_INFO(ClientTlsMode, "client TLS mode", false, "DISABLE", "SIMPLE", "MUTUAL",
                    "ISTIO_MUTUAL");
GATEHOUSE_ENUM_INFO(ProxyProtocolVersion, "PROXY protocol version", false, "V1", "V2");

#undef GATEHOUSE_ENUM_INFO

template <class E>
concept ApiEnum = requires
{
    EnumInfo<E>::names;
};

template <ApiEnum E> QString enumName(E value)
{
    return QString::fromLatin1(EnumInfo<E>::names[static_cast<std::size_t>(value)]);
}

template <ApiEnum E> std::optional<E> enumFromName(const QString &name)
{
    const auto sensitivity = EnumInfo<E>::caseInsensitive ? Qt::CaseInsensitive : Qt::CaseSensitive;
    for (std::size_t i = 0; i < EnumInfo<E>::names.size(); ++i) {
        if (name.compare(QLatin1String(EnumInfo<E>::names[i]), sensitivity) == 0)
            return static_cast<E>(i);
    }
    return std::nullopt;
}

template <ApiEnum E> QString enumNameList()
{
    QStringList names;
    for (const char *name : EnumInfo<E>::names)
        names << QString::fromLatin1(name);
    return names.join(QStringLiteral(", "));
}

} // namespace Istio
