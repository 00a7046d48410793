#pragma once

#include "accesslog.h"
#include "listensocket.h"
#include "servesnapshot.h"
#include "upstreampool.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSocketNotifier>
#include <QTimer>
#include <atomic>
#include <functional>
#include <memory>
#include <random>
#include <unordered_set>

// One proxy worker: its own thread and event loop, its own listening socket per port
// (SO_REUSEPORT), its client connections and its upstream pool. Nothing here is shared with
// other threads except the immutable snapshot; the engine talks to it with queued calls only.
namespace Proxy {

class ClientConnection;
class Exchange;
class EchoServer;

struct ListenerBinding {
    ListenSocketPtr socket;
    quint32 gatewayPort = 0;
    QString listenerBind; // the Gateway servers' bind, "" for any
    QString localAddress; // "127.0.0.1:8080"
    Runtime::Listener::Kind kind = Runtime::Listener::Kind::PlainHttp;
};

class Worker : public QObject {
    Q_OBJECT

public:
    Worker(bool accessLog, std::shared_ptr<std::atomic<double>> connectionSample = nullptr);
    ~Worker() override;

    // Queued from the engine: serve `snapshot` on `bindings` from now on. Ports no longer
    // listed stop accepting; connections already open stay and finish their requests.
    void apply(Proxy::SnapshotPtr snapshot, std::vector<Proxy::ListenerBinding> bindings);
    // Queued from the engine before the thread quits: stop accepting, close idle connections.
    void shutdown();

    // Serves an already connected client socket as if accepted on `binding` (the accept path,
    // and the request-path fuzzer, which hands in one end of a socket pair).
    void serveConnection(int fd, const ListenerBinding &binding);
    // Takes over a connection another one handed on (a TLS connection once its ClientHello has
    // chosen how it is served).
    void adopt(ClientConnection *connection);

    const SnapshotPtr &snapshot() const { return m_snapshot; }
    UpstreamPool &pool() { return m_pool; }
    QByteArray &scratch() { return m_scratch; }
    qint64 nowMs() const { return m_clock.elapsed(); }
    double random() { return std::uniform_real_distribution<double>(0.0, 1.0)(m_random); }
    // The weighted pick of a TLS or TCP connection (ProxyOptions::connectionSample).
    double connectionSample();
    void record(AccessLogEntry &&entry);
    bool isLogging() const { return m_accessLog; }
    // A random version 4 UUID for x-request-id, without a system call per request.
    QString newRequestId();
    void forget(ClientConnection *connection);
    // A finished request whose connection is done with it. Its callbacks may still be on the
    // call stack: it is deleted after the current batch of socket events (or by the sweep).
    void retire(Exchange *exchange);
    // The built-in TLS echo that answers passthrough connections to `cluster` when no local
    // address does (started on first use, on this thread); null when it cannot run.
    const EchoServer *passthroughEcho(const Runtime::Cluster &cluster);

signals:
    void requestsLogged(const QList<Proxy::AccessLogEntry> &entries);

private:
    struct Listening {
        ListenerBinding binding;
        QSocketNotifier *notifier = nullptr;
    };

    void accept(Listening &listening);
    void sweep();
    void flushLog();
    void deleteRetired();

    SnapshotPtr m_snapshot;
    std::vector<std::unique_ptr<Listening>> m_listening;
    std::unordered_set<ClientConnection *> m_connections;
    QHash<QString, EchoServer *> m_passthroughEchoes; // by cluster name; children of this
    QByteArray m_scratch;
    UpstreamPool m_pool{&m_scratch};
    QElapsedTimer m_clock;
    QTimer m_sweepTimer{this}; // children: they move to the worker's thread with it
    QTimer m_logTimer{this};
    QList<AccessLogEntry> m_log;
    bool m_accessLog;
    std::shared_ptr<std::atomic<double>> m_connectionSample;
    std::mt19937_64 m_random{std::random_device{}()};
    std::vector<std::unique_ptr<Exchange>> m_retired;
    // deleteRetired() as the thread's EventPoller calls it after each batch (set once serving).
    std::shared_ptr<std::function<void()>> m_batchDone;
};

} // namespace Proxy
