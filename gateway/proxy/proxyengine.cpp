#include "proxyengine.h"

#include "worker.h"

namespace Proxy {
namespace {

QString protocolOf(const Runtime::Listener &listener)
{
    switch (listener.kind) {
    case Runtime::Listener::Kind::PlainHttp:
        return QStringLiteral("HTTP");
    case Runtime::Listener::Kind::PlainTcp:
        return QStringLiteral("TCP");
    case Runtime::Listener::Kind::Tls:
        for (const Runtime::FilterChain &chain : listener.chains) {
            if (chain.kind == Runtime::FilterChain::Kind::TerminateHttp)
                return QStringLiteral("HTTPS");
        }
        return QStringLiteral("TLS");
    }
    return QString();
}

} // namespace

ProxyEngine::ProxyEngine(ProxyOptions options, QObject *parent)
    : QObject(parent), m_options(options)
{
    m_options.workers = std::max(1, m_options.workers);
    qRegisterMetaType<Proxy::AccessLogEntry>();
    qRegisterMetaType<QList<Proxy::AccessLogEntry>>();
}

ProxyEngine::~ProxyEngine()
{
    stop();
}

bool ProxyEngine::apply(std::shared_ptr<const Runtime::Config> config,
                        const Environment::LocalEnvironment &environment, QString *error,
                        const TlsInputs &tlsInputs)
{
    const QHostAddress address(environment.listenAddress());
    std::vector<Port> ports;
    QList<ServedListener> listeners;
    for (const Runtime::Listener &listener : config->listeners) {
        ServedListener served;
        served.address = environment.listenAddress();
        served.gatewayPort = listener.port;
        served.localPort = environment.localPort(listener.port);
        served.protocol = protocolOf(listener);
        if (listener.kind == Runtime::Listener::Kind::PlainTcp && !listener.tcp) {
            served.note = QStringLiteral("no VirtualService tcp route applies: Istio builds no "
                                         "listener, so connections are refused");
            listeners << served;
            continue;
        }
        Port port;
        port.key = QStringLiteral("%1:%2").arg(served.address).arg(served.localPort);
        port.gatewayPort = listener.port;
        port.bind = listener.bind;
        port.kind = listener.kind;
        // Port 0 (any free port) stays on the port it got for the same gateway port.
        auto existing = std::find_if(m_ports.begin(), m_ports.end(), [&](const Port &p) {
            return p.key == port.key ||
                   (served.localPort == 0 && p.anyPort && p.gatewayPort == listener.port);
        });
        port.anyPort = served.localPort == 0;
        if (existing != m_ports.end()) {
            port.sockets = existing->sockets;
            port.key = existing->key;
            served.localPort = quint16(existing->key.section(QLatin1Char(':'), -1).toUInt());
        } else {
            quint16 bound = served.localPort;
            port.sockets = openListenSockets(address, bound, m_options.workers, error);
            if (port.sockets.empty()) {
                *error = QStringLiteral("cannot listen on %1 for gateway port %2: %3")
                             .arg(port.key)
                             .arg(listener.port)
                             .arg(*error);
                return false; // the sockets opened so far close with `ports`
            }
            served.localPort = bound;
            port.key = QStringLiteral("%1:%2").arg(served.address).arg(bound);
        }
        served.served = true;
        listeners << served;
        ports.push_back(std::move(port));
    }

    TlsSetup tls = prepareTls(*config, environment, tlsInputs,
                              {m_options.caDirectory, m_options.tlsSessionResumption, &m_tls});
    auto snapshot = std::make_shared<ServeSnapshot>();
    snapshot->config = std::move(config);
    snapshot->environment = environment;
    snapshot->mapUpstreams();
    snapshot->limits = m_options.limits;
    snapshot->chainTls = tls.chainTls;
    snapshot->passthroughEchoTls = tls.passthroughEchoTls;
    const SnapshotPtr shared = snapshot;

    if (m_workers.empty()) {
        for (int i = 0; i < m_options.workers; ++i) {
            auto *thread = new QThread;
            thread->setObjectName(QStringLiteral("gatehouse-worker-%1").arg(i));
            auto *worker = new Worker(m_options.accessLog, m_options.connectionSample);
            worker->moveToThread(thread);
            connect(worker, &Worker::requestsLogged, this, &ProxyEngine::countHits);
            connect(worker, &Worker::requestsLogged, this, &ProxyEngine::requestsLogged);
            // The worker and its timers die on their own thread, as it ends.
            connect(thread, &QThread::finished, worker, &QObject::deleteLater);
            thread->start();
            m_threads.push_back(thread);
            m_workers.push_back(worker);
        }
    }
    for (std::size_t w = 0; w < m_workers.size(); ++w) {
        std::vector<ListenerBinding> bindings;
        for (const Port &port : ports)
            bindings.push_back({port.sockets[w], port.gatewayPort, port.bind, port.key, port.kind});
        QMetaObject::invokeMethod(
            m_workers[w],
            [worker = m_workers[w], shared, bindings = std::move(bindings)]() mutable {
                worker->apply(shared, std::move(bindings));
            },
            Qt::QueuedConnection);
    }
    m_ports = std::move(ports);
    m_listeners = listeners;
    m_diagnostics = tls.diagnostics;
    m_tls = std::move(tls);
    return true;
}

void ProxyEngine::stop()
{
    for (Worker *worker : m_workers)
        QMetaObject::invokeMethod(
            worker, [worker] { worker->shutdown(); }, Qt::QueuedConnection);
    for (QThread *thread : m_threads) {
        thread->quit();
        thread->wait();
    }
    qDeleteAll(m_threads);
    m_workers.clear();
    m_threads.clear();
    m_ports.clear();
    m_listeners.clear();
    m_diagnostics.clear();
    m_tls = {};
}

void ProxyEngine::countHits(const QList<AccessLogEntry> &entries)
{
    for (const AccessLogEntry &entry : entries) {
        ++m_requests;
        if (!entry.routeKey.isEmpty())
            ++m_routeHits[entry.routeKey];
    }
}

} // namespace Proxy
