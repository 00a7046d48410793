#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

// What the local gateway did with one request: a value that crosses threads (worker → GUI or
// CLI) by queued signals, in batches.
namespace Proxy {

struct AccessLogEntry {
    QDateTime time;   // when the request head arrived (UTC)
    QString listener; // local address the client connected to, "127.0.0.1:8080"
    quint32 gatewayPort = 0;
    QString method;
    QString authority;
    QString path;        // as the client sent it, query included
    int status = 0;      // 0: no response (the connection was closed)
    QString flags;       // Envoy's response flags: NR, UF, UT, FI, DI, UC, URX, ... or "-"
    qint64 bytesIn = 0;  // request body bytes
    qint64 bytesOut = 0; // response body bytes
    qint64 durationMs = 0;
    QString upstream; // "127.0.0.1:9080", "echo", or "" when nothing was forwarded
    QString cluster;  // Envoy cluster name, "outbound|9080|v1|reviews.default.svc.cluster.local"
    QString virtualService; // "ns/name"
    QString route;          // route name or "http[2]"
    QString routeKey;       // "ns/name http[2]": the key of the per-route hit counters
    int attempts = 0;
    QString requestId;
    QString detail;     // why the gateway refused a request or a connection ("" otherwise)
    QString downstream; // the client's address and port, "127.0.0.1:51234"

    // One line in the spirit of Envoy's default access log format.
    QString toText() const;

    // An entry about a whole TLS or TCP connection (`protocol` "TLS" or "TCP" in the method
    // column), stamped now.
    static AccessLogEntry forConnection(const QString &protocol, const QString &listener,
                                        quint32 gatewayPort, const QString &downstream,
                                        const QString &sni);
};

} // namespace Proxy

Q_DECLARE_METATYPE(Proxy::AccessLogEntry)
Q_DECLARE_METATYPE(QList<Proxy::AccessLogEntry>)
