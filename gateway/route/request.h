#pragma once

#include <QString>
#include <optional>
#include <utility>
#include <vector>

namespace Route {

// What arrives at the gateway, in the gateway's own terms (server port, not a local port).
struct Request {
    enum class Protocol { Http, Tls, Tcp }; // Tls / Tcp: a connection, not an HTTP request

    Protocol protocol = Protocol::Http;
    quint32 port = 80;
    QString bind;               // "" = any address
    bool tls = false;           // https, or a TLS connection
    std::optional<QString> sni; // nullopt: the client sends no SNI
    QString method = QStringLiteral("GET");
    QString authority; // the Host header exactly as sent (port included)
    QString pathAndQuery = QStringLiteral("/");
    std::vector<std::pair<QString, QString>> headers; // lower-case names, in order
    QString httpVersion = QStringLiteral("1.1");
    double sample = 0;       // [0,1): picks among weighted destinations
    double faultSample = 0;  // [0,1): a fault with percentage P fires when faultSample*100 < P
    double mirrorSample = 0; // [0,1): a mirror with percentage P copies when mirrorSample*100 < P

    QString scheme() const { return tls ? QStringLiteral("https") : QStringLiteral("http"); }
    // The value of a header (several values joined with ","), or nullopt.
    std::optional<QString> header(const QString &lowerCaseName) const;
    void setHeader(const QString &name, const QString &value);

    // "GET https://uk.bookinfo.com:8443/p?q=1": scheme, host, port (80/443 by default), path.
    // The SNI defaults to the URL host for https. Returns nullopt with `error` set on bad input.
    static std::optional<Request> fromUrl(const QString &method, const QString &url,
                                          QString *error);
};

} // namespace Route
