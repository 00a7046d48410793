#pragma once

#include "environment/localenvironment.h"
#include "runtime/config.h"

#include <QHostAddress>
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

    // The local address answering a cluster; nullopt: the built-in echo answers. Host names
    // (localhost) are resolved here, once per snapshot and host.
    std::optional<UpstreamTarget> upstreamFor(const Runtime::Cluster &cluster) const;
};

using SnapshotPtr = std::shared_ptr<const ServeSnapshot>;

} // namespace Proxy
