#pragma once

#include "common.h"

// networking.istio.io DestinationRule (semantics doc §9).
namespace Istio {

struct HTTPCookieAttribute {
    std::optional<QString> name;
    std::optional<QString> value;

    static constexpr auto fields()
    {
        return std::tuple{field("name", &HTTPCookieAttribute::name),
                          field("value", &HTTPCookieAttribute::value)};
    }
    bool operator==(const HTTPCookieAttribute &) const = default;
};

struct HTTPCookie {
    std::optional<QString> name;
    std::optional<QString> path;
    std::optional<Duration> ttl;
    std::vector<HTTPCookieAttribute> attributes;

    static constexpr auto fields()
    {
        return std::tuple{field("name", &HTTPCookie::name), field("path", &HTTPCookie::path),
                          field("ttl", &HTTPCookie::ttl, ZeroDurationAllowed),
                          field("attributes", &HTTPCookie::attributes)};
    }
    bool operator==(const HTTPCookie &) const = default;
};

struct RingHash {
    std::optional<quint64> minimumRingSize;

    static constexpr auto fields()
    {
        return std::tuple{field("minimumRingSize", &RingHash::minimumRingSize)};
    }
    bool operator==(const RingHash &) const = default;
};

struct MagLev {
    std::optional<quint64> tableSize;

    static constexpr auto fields() { return std::tuple{field("tableSize", &MagLev::tableSize)}; }
    bool operator==(const MagLev &) const = default;
};

struct ConsistentHashLB {
    std::optional<QString> httpHeaderName;
    std::optional<HTTPCookie> httpCookie;
    std::optional<bool> useSourceIp;
    std::optional<QString> httpQueryParameterName;
    std::optional<RingHash> ringHash;
    std::optional<MagLev> maglev;
    std::optional<quint64> minimumRingSize; // deprecated

    static constexpr auto fields()
    {
        using T = ConsistentHashLB;
        return std::tuple{field("httpHeaderName", &T::httpHeaderName),
                          field("httpCookie", &T::httpCookie),
                          field("useSourceIp", &T::useSourceIp),
                          field("httpQueryParameterName", &T::httpQueryParameterName),
                          field("ringHash", &T::ringHash),
                          field("maglev", &T::maglev),
                          field("minimumRingSize", &T::minimumRingSize)};
    }
    static constexpr auto oneOfGroups()
    {
        return std::array{
            OneOfGroup{{"httpHeaderName", "httpCookie", "useSourceIp", "httpQueryParameterName"},
                       4},
            OneOfGroup{{"ringHash", "maglev"}, 2}};
    }
    bool operator==(const ConsistentHashLB &) const = default;
};

struct LocalityDistribute {
    std::optional<QString> from;
    OrderedMap<quint32> to;

    static constexpr auto fields()
    {
        return std::tuple{field("from", &LocalityDistribute::from),
                          field("to", &LocalityDistribute::to)};
    }
    bool operator==(const LocalityDistribute &) const = default;
};

struct LocalityFailover {
    std::optional<QString> from;
    std::optional<QString> to;

    static constexpr auto fields()
    {
        return std::tuple{field("from", &LocalityFailover::from),
                          field("to", &LocalityFailover::to)};
    }
    bool operator==(const LocalityFailover &) const = default;
};

struct LocalityLoadBalancerSetting {
    std::vector<LocalityDistribute> distribute;
    std::vector<LocalityFailover> failover;
    StringList failoverPriority;
    std::optional<bool> enabled;

    static constexpr auto fields()
    {
        using T = LocalityLoadBalancerSetting;
        return std::tuple{field("distribute", &T::distribute), field("failover", &T::failover),
                          field("failoverPriority", &T::failoverPriority),
                          field("enabled", &T::enabled)};
    }
    bool operator==(const LocalityLoadBalancerSetting &) const = default;
};

// Newest Istio releases only; the schema may grow, so unknown keys here are not flagged.
struct ZoneAwareLbSetting {
    std::optional<bool> enabled;
    std::optional<quint64> minClusterSize;

    static constexpr bool OPEN_SCHEMA = true;
    static constexpr auto fields()
    {
        return std::tuple{field("enabled", &ZoneAwareLbSetting::enabled),
                          field("minClusterSize", &ZoneAwareLbSetting::minClusterSize)};
    }
    bool operator==(const ZoneAwareLbSetting &) const = default;
};

struct WarmupConfiguration {
    std::optional<Duration> duration;
    std::optional<double> minimumPercent;
    std::optional<double> aggression;

    static constexpr auto fields()
    {
        return std::tuple{field("duration", &WarmupConfiguration::duration),
                          field("minimumPercent", &WarmupConfiguration::minimumPercent),
                          field("aggression", &WarmupConfiguration::aggression)};
    }
    bool operator==(const WarmupConfiguration &) const = default;
};

struct LoadBalancerSettings {
    std::optional<SimpleLoadBalancer> simple;
    std::optional<ConsistentHashLB> consistentHash;
    std::optional<LocalityLoadBalancerSetting> localityLbSetting;
    std::optional<ZoneAwareLbSetting> zoneAwareLbSetting;
    std::optional<Duration> warmupDurationSecs; // deprecated in favour of warmup
    std::optional<WarmupConfiguration> warmup;

    static constexpr auto fields()
    {
        using T = LoadBalancerSettings;
        return std::tuple{field("simple", &T::simple),
                          field("consistentHash", &T::consistentHash),
                          field("localityLbSetting", &T::localityLbSetting),
                          field("zoneAwareLbSetting", &T::zoneAwareLbSetting),
                          field("warmupDurationSecs", &T::warmupDurationSecs),
                          field("warmup", &T::warmup)};
    }
    static constexpr auto oneOfGroups()
    {
        return std::array{OneOfGroup{{"simple", "consistentHash"}, 2},
                          OneOfGroup{{"warmupDurationSecs", "warmup"}, 2}};
    }
    bool operator==(const LoadBalancerSettings &) const = default;
};

struct TcpKeepalive {
    std::optional<quint32> probes;
    std::optional<Duration> time;
    std::optional<Duration> interval;

    static constexpr auto fields()
    {
        return std::tuple{field("probes", &TcpKeepalive::probes),
                          field("time", &TcpKeepalive::time),
                          field("interval", &TcpKeepalive::interval)};
    }
    bool operator==(const TcpKeepalive &) const = default;
};

struct TCPSettings {
    std::optional<qint32> maxConnections;
    std::optional<Duration> connectTimeout;
    std::optional<TcpKeepalive> tcpKeepalive;
    std::optional<Duration> maxConnectionDuration;
    std::optional<Duration> idleTimeout; // 0s disables it, so exempt from the 1ms rule

    static constexpr auto fields()
    {
        using T = TCPSettings;
        return std::tuple{field("maxConnections", &T::maxConnections),
                          field("connectTimeout", &T::connectTimeout),
                          field("tcpKeepalive", &T::tcpKeepalive),
                          field("maxConnectionDuration", &T::maxConnectionDuration),
                          field("idleTimeout", &T::idleTimeout, ZeroDurationAllowed)};
    }
    bool operator==(const TCPSettings &) const = default;
};

struct HTTP2KeepAlive {
    std::optional<Duration> interval;
    std::optional<Duration> timeout;

    static constexpr auto fields()
    {
        return std::tuple{field("interval", &HTTP2KeepAlive::interval),
                          field("timeout", &HTTP2KeepAlive::timeout)};
    }
    bool operator==(const HTTP2KeepAlive &) const = default;
};

struct HTTPSettings {
    std::optional<qint32> http1MaxPendingRequests;
    std::optional<qint32> http2MaxRequests;
    std::optional<qint32> maxRequestsPerConnection;
    std::optional<qint32> maxRetries;
    std::optional<Duration> idleTimeout;
    std::optional<H2UpgradePolicy> h2UpgradePolicy;
    std::optional<bool> useClientProtocol;
    std::optional<qint32> maxConcurrentStreams;
    std::optional<HTTP2KeepAlive> http2KeepAlive;

    static constexpr auto fields()
    {
        using T = HTTPSettings;
        return std::tuple{field("http1MaxPendingRequests", &T::http1MaxPendingRequests),
                          field("http2MaxRequests", &T::http2MaxRequests),
                          field("maxRequestsPerConnection", &T::maxRequestsPerConnection),
                          field("maxRetries", &T::maxRetries),
                          field("idleTimeout", &T::idleTimeout),
                          field("h2UpgradePolicy", &T::h2UpgradePolicy),
                          field("useClientProtocol", &T::useClientProtocol),
                          field("maxConcurrentStreams", &T::maxConcurrentStreams),
                          field("http2KeepAlive", &T::http2KeepAlive)};
    }
    bool operator==(const HTTPSettings &) const = default;
};

struct ConnectionPoolSettings {
    std::optional<TCPSettings> tcp;
    std::optional<HTTPSettings> http;

    static constexpr auto fields()
    {
        return std::tuple{field("tcp", &ConnectionPoolSettings::tcp),
                          field("http", &ConnectionPoolSettings::http)};
    }
    bool operator==(const ConnectionPoolSettings &) const = default;
};

struct OutlierDetection {
    std::optional<bool> splitExternalLocalOriginErrors;
    std::optional<quint32> consecutiveLocalOriginFailures;
    std::optional<quint32> consecutiveGatewayErrors;
    std::optional<quint32> consecutive5xxErrors;
    std::optional<Duration> interval;
    std::optional<Duration> baseEjectionTime;
    std::optional<qint32> maxEjectionPercent;
    std::optional<qint32> minHealthPercent;
    std::optional<qint32> consecutiveErrors; // deprecated
    std::vector<quint32> outlierDetectionHttpErrorCodes;

    static constexpr auto fields()
    {
        using T = OutlierDetection;
        return std::tuple{
            field("splitExternalLocalOriginErrors", &T::splitExternalLocalOriginErrors),
            field("consecutiveLocalOriginFailures", &T::consecutiveLocalOriginFailures),
            field("consecutiveGatewayErrors", &T::consecutiveGatewayErrors),
            field("consecutive5xxErrors", &T::consecutive5xxErrors),
            field("interval", &T::interval),
            field("baseEjectionTime", &T::baseEjectionTime),
            field("maxEjectionPercent", &T::maxEjectionPercent),
            field("minHealthPercent", &T::minHealthPercent),
            field("consecutiveErrors", &T::consecutiveErrors),
            field("outlierDetectionHttpErrorCodes", &T::outlierDetectionHttpErrorCodes)};
    }
    bool operator==(const OutlierDetection &) const = default;
};

struct ClientTLSSettings {
    std::optional<ClientTlsMode> mode;
    std::optional<QString> clientCertificate;
    std::optional<QString> privateKey;
    std::optional<QString> caCertificates;
    std::optional<QString> credentialName;
    StringList subjectAltNames;
    std::optional<QString> sni;
    std::optional<bool> insecureSkipVerify;
    std::optional<QString> caCrl;

    static constexpr auto fields()
    {
        using T = ClientTLSSettings;
        return std::tuple{field("mode", &T::mode),
                          field("clientCertificate", &T::clientCertificate),
                          field("privateKey", &T::privateKey),
                          field("caCertificates", &T::caCertificates),
                          field("credentialName", &T::credentialName),
                          field("subjectAltNames", &T::subjectAltNames),
                          field("sni", &T::sni),
                          field("insecureSkipVerify", &T::insecureSkipVerify),
                          field("caCrl", &T::caCrl)};
    }
    bool operator==(const ClientTLSSettings &) const = default;
};

struct PortTrafficPolicy {
    std::optional<PortSelector> port;
    std::optional<LoadBalancerSettings> loadBalancer;
    std::optional<ConnectionPoolSettings> connectionPool;
    std::optional<OutlierDetection> outlierDetection;
    std::optional<ClientTLSSettings> tls;

    static constexpr auto fields()
    {
        using T = PortTrafficPolicy;
        return std::tuple{field("port", &T::port), field("loadBalancer", &T::loadBalancer),
                          field("connectionPool", &T::connectionPool),
                          field("outlierDetection", &T::outlierDetection), field("tls", &T::tls)};
    }
    bool operator==(const PortTrafficPolicy &) const = default;
};

struct TunnelSettings {
    std::optional<QString> protocol;
    std::optional<QString> targetHost;
    std::optional<quint32> targetPort;

    static constexpr auto fields()
    {
        return std::tuple{field("protocol", &TunnelSettings::protocol),
                          field("targetHost", &TunnelSettings::targetHost),
                          field("targetPort", &TunnelSettings::targetPort)};
    }
    bool operator==(const TunnelSettings &) const = default;
};

struct ProxyProtocol {
    std::optional<ProxyProtocolVersion> version;

    static constexpr auto fields() { return std::tuple{field("version", &ProxyProtocol::version)}; }
    bool operator==(const ProxyProtocol &) const = default;
};

struct RetryBudget {
    std::optional<double> percent;
    std::optional<quint32> minRetryConcurrency;

    static constexpr auto fields()
    {
        return std::tuple{field("percent", &RetryBudget::percent),
                          field("minRetryConcurrency", &RetryBudget::minRetryConcurrency)};
    }
    bool operator==(const RetryBudget &) const = default;
};

struct TrafficPolicy {
    std::optional<LoadBalancerSettings> loadBalancer;
    std::optional<ConnectionPoolSettings> connectionPool;
    std::optional<OutlierDetection> outlierDetection;
    std::optional<ClientTLSSettings> tls;
    std::vector<PortTrafficPolicy> portLevelSettings;
    std::optional<TunnelSettings> tunnel;
    std::optional<ProxyProtocol> proxyProtocol;
    std::optional<RetryBudget> retryBudget;

    static constexpr auto fields()
    {
        using T = TrafficPolicy;
        return std::tuple{field("loadBalancer", &T::loadBalancer),
                          field("connectionPool", &T::connectionPool),
                          field("outlierDetection", &T::outlierDetection),
                          field("tls", &T::tls),
                          field("portLevelSettings", &T::portLevelSettings),
                          field("tunnel", &T::tunnel),
                          field("proxyProtocol", &T::proxyProtocol),
                          field("retryBudget", &T::retryBudget)};
    }
    bool operator==(const TrafficPolicy &) const = default;
};

struct Subset {
    std::optional<QString> name;
    Labels labels;
    std::optional<TrafficPolicy> trafficPolicy;

    static constexpr auto fields()
    {
        return std::tuple{field("name", &Subset::name, Required), field("labels", &Subset::labels),
                          field("trafficPolicy", &Subset::trafficPolicy)};
    }
    bool operator==(const Subset &) const = default;
};

struct WorkloadSelector {
    Labels matchLabels;

    static constexpr auto fields()
    {
        return std::tuple{field("matchLabels", &WorkloadSelector::matchLabels)};
    }
    bool operator==(const WorkloadSelector &) const = default;
};

struct DestinationRuleSpec {
    std::optional<QString> host;
    std::optional<TrafficPolicy> trafficPolicy;
    std::vector<Subset> subsets;
    StringList exportTo;
    std::optional<WorkloadSelector> workloadSelector;

    static constexpr auto fields()
    {
        using T = DestinationRuleSpec;
        return std::tuple{field("host", &T::host, Required),
                          field("trafficPolicy", &T::trafficPolicy), field("subsets", &T::subsets),
                          field("exportTo", &T::exportTo),
                          field("workloadSelector", &T::workloadSelector)};
    }
    bool operator==(const DestinationRuleSpec &) const = default;
};

using DestinationRule = Object<DestinationRuleSpec>;

} // namespace Istio
