#pragma once

#include "accesslog.h"
#include "listensocket.h"
#include "servesnapshot.h"
#include "tlssetup.h"

#include <QHash>
#include <QObject>
#include <QThread>
#include <atomic>

// The local gateway: serves a compiled design on loopback with N worker threads, each with its
// own event loop. The owner (the GUI, `gatehouse serve`, tests) calls apply() on its own thread
// and never waits on a worker: a new design reaches the workers by queued calls, so requests in
// flight finish on the snapshot they started with and open connections are never dropped.
namespace Proxy {

struct ProxyOptions {
    int workers = QThread::idealThreadCount();
    bool accessLog = true;
    ProxyLimits limits;
    QString caDirectory; // the local development CA; "" = the user's default
    // Session tickets let a returning client skip the full handshake (Envoy's default); off,
    // every connection makes a full handshake (to measure or debug handshakes).
    bool tlsSessionResumption = true;
    // A testing aid for `gatehouse test --live`: while it holds a value in [0,1), TLS and TCP
    // connections pick their weighted destination with it instead of at random (HTTP requests
    // use the x-gatehouse-sample header). Null in normal use.
    std::shared_ptr<std::atomic<double>> connectionSample;
};

// One port of the design and how it is served here.
struct ServedListener {
    QString address; // local address, "127.0.0.1"
    quint16 localPort = 0;
    quint32 gatewayPort = 0;
    QString protocol; // "HTTP", "HTTPS", "TLS", "TCP", ...
    bool served = false;
    QString note; // why a port is not served
};

class Worker;

class ProxyEngine : public QObject {
    Q_OBJECT

public:
    explicit ProxyEngine(ProxyOptions options = {}, QObject *parent = nullptr);
    ~ProxyEngine() override;

    // Serves `config` with `environment`'s port and upstream map (the first call starts the
    // workers). Ports that stay keep their sockets; new ones open, removed ones close. When a
    // port cannot be opened nothing changes and `error` says which and why.
    // `tls`: what the workspace says about certificates (TlsInputs::from), where credentialNames
    // are looked up.
    bool apply(std::shared_ptr<const Runtime::Config> config,
               const Environment::LocalEnvironment &environment, QString *error,
               const TlsInputs &tls = {});
    void stop();

    // What applying the design found about its TLS servers: where each certificate came from,
    // stand-ins issued by the local CA, servers that cannot be served and why.
    const Core::Diagnostics &diagnostics() const { return m_diagnostics; }

    const QList<ServedListener> &listeners() const { return m_listeners; }
    // Requests per route since start ("ns/name http[2]" → count).
    const QHash<QString, quint64> &routeHits() const { return m_routeHits; }
    quint64 requestCount() const { return m_requests; }

signals:
    // Every request, in batches, on the owner's thread.
    void requestsLogged(const QList<Proxy::AccessLogEntry> &entries);

private:
    void countHits(const QList<AccessLogEntry> &entries);

    struct Port {
        QString key; // "127.0.0.1:8080"
        quint32 gatewayPort = 0;
        QString bind;
        Runtime::Listener::Kind kind = Runtime::Listener::Kind::PlainHttp;
        bool anyPort = false;                 // asked for port 0
        std::vector<ListenSocketPtr> sockets; // one per worker
    };

    ProxyOptions m_options;
    std::vector<QThread *> m_threads;
    std::vector<Worker *> m_workers;
    std::vector<Port> m_ports;
    QList<ServedListener> m_listeners;
    Core::Diagnostics m_diagnostics;
    TlsSetup m_tls; // the design served now's, reused where the next one does not change
    QHash<QString, quint64> m_routeHits;
    quint64 m_requests = 0;
};

} // namespace Proxy
