#pragma once

#include "core/diagnostic.h"
#include "httppolicies.h"
#include "model/gateway.h"
#include "model/virtualservice.h"
#include "stringmatcher.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>
#include <vector>

// The compiled form of a workspace, in Envoy's vocabulary: listeners per (bind, port), TLS
// filter chains keyed by SNI, route tables, virtual hosts, routes and clusters. Built once per
// edit by Compile::compile(); immutable afterwards, shared by the decision function, the CLI and
// the proxy's worker threads through a shared_ptr<const Config>.
namespace Runtime {

// Which resource a piece of config came from, for decisions, traces and drops.
struct SourceRef {
    QString kind;
    QString nameSpace;
    QString name;
    QString file;
    Core::SourcePosition position;

    QString qualifiedName() const { return nameSpace + QLatin1Char('/') + name; }
};

struct ServerRef {
    SourceRef gateway;
    int serverIndex = -1;
    QString portName;
    quint32 port = 0;
    QString bind;
    QStringList hosts; // as written, namespace prefixes included
};

// Shared, immutable identities: decisions point at them instead of copying their strings.
using SourcePtr = std::shared_ptr<const SourceRef>;
using ServerPtr = std::shared_ptr<const ServerRef>;

struct HeaderOperations {
    // A request `set` of :authority or host is an authority rewrite (§3.7); kept apart so the
    // request path never has to look for it.
    std::optional<QString> authority;
    std::vector<std::pair<QString, QString>> set;
    std::vector<std::pair<QString, QString>> add;
    QStringList remove;

    bool empty() const { return !authority && set.empty() && add.empty() && remove.isEmpty(); }
};

struct Cluster {
    QString host; // fully qualified
    std::optional<quint32> port;
    QString subset;
    bool exists = true;    // false: the subset is defined by no DestinationRule (503 NC)
    QString missingReason; // why it does not exist

    // "outbound|9080|v1|reviews.default.svc.cluster.local"
    QString envoyName() const;
    // "reviews.default.svc.cluster.local:9080/v1" (route-test notation)
    QString describe() const;
};

struct WeightedCluster {
    Cluster cluster;
    quint32 weight = 0;
    HeaderOperations requestHeaders;
    HeaderOperations responseHeaders;
};

struct HeaderMatch {
    QString name;                         // lower-case
    std::optional<StringMatcher> matcher; // nullopt: the header must be present ({} / regex "*")
    bool inverted = false;                // withoutHeaders
};

struct QueryMatch {
    QString name;
    std::optional<StringMatcher> matcher; // nullopt: present
};

// One HTTPMatchRequest block; every condition must hold.
struct MatchBlock {
    QString name;
    std::optional<StringMatcher> uri;
    std::optional<StringMatcher> scheme;
    std::optional<StringMatcher> method;
    std::optional<StringMatcher> authority;
    std::vector<HeaderMatch> headers;
    std::vector<QueryMatch> queryParams;
};

struct Redirect {
    QString uri;
    QString prefixRewrite;
    QString authority;
    std::optional<quint32> port;
    std::optional<Istio::RedirectPortSelection> derivePort;
    QString scheme;
    quint32 code = 301;
};

struct Rewrite {
    std::optional<QString> uri;
    std::optional<QString> authority;
    std::optional<StringMatcher> regexMatch; // uriRegexRewrite.match
    QString regexRewrite;
};

struct Fault {
    std::optional<quint32> abortStatus;
    QString abortGrpcStatus;
    double abortPercent = 0; // 0..100; unset percentage means 0 (never)
    std::optional<qint64> delayMs;
    double delayPercent = 0;
};

struct HttpRoute {
    SourcePtr virtualService;
    int httpIndex = -1; // index in the VirtualService's http[] (the root's for delegates)
    QString indexLabel; // "http[<httpIndex>]", kept ready for the request path
    QString name;       // route name ("" when unnamed), "root-delegate" for delegates
    SourcePtr delegate; // set when the route came from a delegate VirtualService
    int delegateIndex = -1;
    int matchIndex = -1; // which match block this route was built from; -1: none
    MatchBlock match;
    bool catchAll = false;
    // Generated from the Gateway API (internal.istio.io/route-semantics: gateway): an invalid
    // backend answers 500 instead of 503. The compiler has already given such a route its
    // path-segment uri prefix and its segment-removing rewrite; the flag also names the
    // semantics in the trace.
    bool gatewaySemantics = false;

    enum class Action { Forward, Redirect, DirectResponse };
    Action action = Action::Forward;
    std::vector<WeightedCluster> clusters;
    Redirect redirect;
    quint32 directStatus = 200;
    QByteArray directBody;
    std::optional<Rewrite> rewrite;
    HeaderOperations requestHeaders;
    HeaderOperations responseHeaders;
    std::optional<Fault> fault;
    std::optional<qint64> timeoutMs;
    RetryPolicy retries; // Istio's default when the VirtualService sets none
    std::vector<std::pair<Cluster, double>> mirrors; // cluster, percent
    std::optional<CorsFilter> cors;

    // "reviews-v2" or "http[2]"
    QString label() const;
};

struct VirtualHost {
    QString name;            // "uk.bookinfo.com:80"
    QString domain;          // lower-case; "*", "*.example.com" or an exact name
    bool requireTls = false; // httpsRedirect: 301 to https before route matching
    std::vector<HttpRoute> routes;
    std::vector<ServerPtr> servers; // the servers whose hosts produced this vhost
    QStringList virtualServices;    // "ns/name" in merge order
};

// Virtual hosts of one route table with an index that never scans: exact names in a hash,
// wildcard suffixes looked up label by label, longest first.
struct RouteTable {
    QString name; // "http.80", "https.443.https.my-gateway.istio-system"
    std::vector<VirtualHost> virtualHosts;
    QHash<QString, int> exactDomains;     // "uk.bookinfo.com" → index
    QHash<QString, int> wildcardSuffixes; // ".bookinfo.com" for "*.bookinfo.com" → index
    int catchAll = -1;                    // the "*" vhost
    bool blackhole = false;               // no VirtualService bound: every request gets 404

    void buildIndex();
    // The vhost for a Host header (port ignored, case-insensitive); -1 for none.
    int findVirtualHost(QStringView host) const;
};

// The single tcp_proxy of a TCP server, or one passthrough chain's route.
struct TcpRoute {
    SourcePtr virtualService;
    QString label; // "tcp[0]", "tls[1]"
    std::vector<WeightedCluster> clusters;
};

struct FilterChain {
    enum class Kind { TerminateHttp, Passthrough, TerminateTcp };
    Kind kind = Kind::TerminateHttp;
    ServerPtr server;
    QStringList serverNames; // SNI names; empty: no SNI condition (catches everything)
    int routeTable = -1;     // TerminateHttp
    std::optional<TcpRoute> tcp;
    Istio::ServerTlsSettings tls;
    QString description; // describe(), kept ready for the request path

    QString describe() const;
};

struct Listener {
    enum class Kind { PlainHttp, Tls, PlainTcp };
    Kind kind = Kind::PlainHttp;
    QString bind; // "" = all addresses
    quint32 port = 0;
    int routeTable = -1;             // PlainHttp
    std::vector<FilterChain> chains; // Tls
    std::optional<TcpRoute> tcp;     // PlainTcp
    std::vector<ServerPtr> servers;  // every server merged into this listener
    QString label;                   // name(), kept ready for the request path

    QString name() const; // "0.0.0.0_80"
};

struct Config {
    std::vector<Listener> listeners;
    std::vector<RouteTable> routeTables;
    // Every upstream cluster a route or TCP proxy refers to, once each (by Envoy name).
    std::vector<Cluster> clusters;
    // What Istio would drop or ignore while building this config (server conflicts, duplicate
    // SNI, unbound hosts, invalid regexes): shown to the user as warnings.
    Core::Diagnostics notes;
    QString domainSuffix = QStringLiteral("cluster.local");

    const Listener *findListener(quint32 port, const QString &bind = QString()) const;
};

} // namespace Runtime
