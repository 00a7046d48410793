#pragma once

#include "environment/localenvironment.h"
#include "runtime/config.h"
#include "tlscontext.h"

#include <QHash>
#include <QHostAddress>
#include <QSslConfiguration>
#include <memory>

// Everything a worker needs to serve one version of the design: the compiled config, the local
// environment (upstream map) and the limits. Immutable and shared: a reload hands the workers a
// new snapshot, and each request keeps the one it started with until it ends.
namespace Proxy {

struct ProxyLimits {
    qint64 requestHeadersTimeoutMs = 10'000; // slowloris: a request head must arrive within this
    qint64 idleTimeoutMs = 3'600'000;        // Envoy's default: a connection idle 1 h is closed
    qint64 connectTimeoutMs = 10'000;        // Envoy's cluster default
    qsizetype retryBufferBytes = 64 * 1024;  // larger request bodies are not retried or mirrored
    qsizetype writeHighWater = 256 * 1024;   // pause the other side above this many queued bytes
    qint64 clientHelloTimeoutMs = 15'000;    // Envoy's listener filter timeout (TLS inspector)
};

struct UpstreamTarget {
    QHostAddress address;
    quint16 port = 0;
    QString text; // "127.0.0.1:9080"
};

struct ServeSnapshot {
    std::shared_ptr<const Runtime::Config> config;
    Environment::LocalEnvironment environment;
    ProxyLimits limits;
    // The TLS side of every terminating filter chain: chainTls[listener][chain], by the indexes
    // in config->listeners and that listener's chains (empty entries for other chains).
    std::vector<std::vector<ChainTls>> chainTls;
    // The certificate of the built-in echo behind passthrough servers (issued by the local CA
    // for the routes' SNI names); nullopt when it cannot run.
    std::optional<QSslConfiguration> passthroughEchoTls;

    const ChainTls *tlsFor(const Runtime::Listener &listener, int chain) const;

    // The local address answering a cluster; nullopt: the built-in echo answers. Host names
    // (localhost) are resolved here, once per thread and host.
    std::optional<UpstreamTarget> upstreamFor(const Runtime::Cluster &cluster) const;

    // Looks up, once, the environment's address for every cluster of the config, so that
    // upstreamFor() matches no environment keys on the request path. Call after setting
    // `config` and `environment`.
    void mapUpstreams();

private:
    struct MappedUpstream {
        Environment::UpstreamAddress address;
        QString text; // address.text()
    };
    struct ClusterKey {
        QString host;
        std::optional<quint32> port;
        QString subset;
        bool operator==(const ClusterKey &) const = default;
    };
    friend size_t qHash(const ClusterKey &key, size_t seed)
    {
        return qHashMulti(seed, key.host, key.port.value_or(0), key.subset);
    }
    std::optional<MappedUpstream> mapUpstream(const Runtime::Cluster &cluster) const;
    // The decision carries a copy of its cluster: keyed by value.
    QHash<ClusterKey, std::optional<MappedUpstream>> m_upstreams;
};

using SnapshotPtr = std::shared_ptr<const ServeSnapshot>;

} // namespace Proxy
