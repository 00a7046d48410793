#pragma once

#include "core/diagnostic.h"

#include <QHash>
#include <QString>
#include <optional>
#include <vector>

// The local environment: how the design is served on this machine, kept in its own file and
// never exported to a cluster. Where the local gateway listens, which local port stands for
// each gateway port, which local address answers each destination, where the certificate
// of each credentialName is, and which folder stands for the gateway pod's file system when a
// Gateway names certificate files.
//
//   listen: 127.0.0.1
//   ports: {80: 8080, 443: 8443}
//   upstreams:
//     reviews: 127.0.0.1:9080                  # any namespace's reviews service
//     reviews.bookinfo.svc.cluster.local/v2: 127.0.0.1:9082
//     ratings.bookinfo:9080: localhost:19080   # host:port
//   credentials:
//     bookinfo-secret: {certificate: certs/tls.crt, privateKey: certs/tls.key, caCertificates:
//     certs/ca.crt}
//   certificateRoot: pod-files   # /etc/istio/x/tls.crt is read from pod-files/etc/istio/x/tls.crt
namespace Environment {

struct UpstreamAddress {
    QString host;
    quint16 port = 0;
    QString text() const { return host + QLatin1Char(':') + QString::number(port); }
};

// One key of `upstreams`: host, host:port, host/subset or host:port/subset.
struct UpstreamKey {
    QString host; // as written, lower-case: a short name, name.namespace or a full name
    std::optional<quint32> port;
    QString subset;

    // How specific the key is; the most specific matching key wins.
    int specificity() const;
};

struct Credential {
    QString name;
    QString certificate; // paths, resolved against the environment file's folder
    QString privateKey;
    QString caCertificates;
};

class LocalEnvironment {
public:
    // Reads an environment file. Bad entries are positioned diagnostics (GH5001) and are left
    // out; the rest of the file still applies.
    static LocalEnvironment load(const QString &path);
    static LocalEnvironment parse(const QByteArray &text, const QString &path);

    const QString &path() const { return m_path; }
    const Core::Diagnostics &diagnostics() const { return m_diagnostics; }

    QString listenAddress() const { return m_listen; } // 127.0.0.1 unless set
    // The local port for a gateway port: the file's map, else +8000 below 1024, else the same.
    quint16 localPort(quint32 gatewayPort) const;

    // The address answering a destination (host fully qualified, as the compiler writes it);
    // nullopt: the built-in echo upstream answers.
    std::optional<UpstreamAddress> upstreamFor(const QString &fqdnHost, std::optional<quint32> port,
                                               const QString &subset) const;
    const Credential *credential(const QString &name) const;
    // Where the certificate files named in Gateways (serverCertificate, privateKey, ...) are
    // looked up: an absolute folder, resolved against the environment file's folder; empty
    // when unset (the paths are used as written).
    const QString &certificateRoot() const { return m_certificateRoot; }

    // Command-line overrides (`gatehouse serve --bind/--port/--upstream`); they win over the
    // file. `overrideUpstream` takes a key and an address as the file writes them and returns
    // false with `error` set when either is malformed.
    void overrideListenAddress(const QString &address) { m_listen = address; }
    void overridePort(quint32 gatewayPort, quint16 localPort) { m_ports[gatewayPort] = localPort; }
    bool overrideUpstream(const QString &key, const QString &address, QString *error);
    // A relative root is taken against the current directory; empty unsets it.
    void overrideCertificateRoot(const QString &root);
    QStringList credentialNames() const;

private:
    QString m_path;
    QString m_listen = QStringLiteral("127.0.0.1");
    QHash<quint32, quint16> m_ports;
    std::vector<std::pair<UpstreamKey, UpstreamAddress>> m_upstreams;
    std::vector<Credential> m_credentials;
    QString m_certificateRoot;
    Core::Diagnostics m_diagnostics;
};

// Whether an upstreams key host names a fully qualified service host: equal, or a prefix of
// it that ends at a label ("reviews", "reviews.bookinfo" for reviews.bookinfo.svc.cluster.local).
bool hostKeyMatches(const QString &keyHost, const QString &fqdnHost);

} // namespace Environment
