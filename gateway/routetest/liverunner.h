#pragma once

#include "proxy/proxyengine.h"
#include "route/decision.h"
#include "route/request.h"

#include <QHash>

// `gatehouse test --live`: each route test goes through the real local gateway on loopback
// (the built-in echo answers every destination) and the decision is read back from what came
// over the wire, the echo's report and the access log. Needs a Qt event loop on the calling
// thread (the access log arrives by queued signal).
namespace RouteTest {

class LiveRunner {
public:
    LiveRunner();
    ~LiveRunner();

    // Serves `config` on free local ports. False with `error` set when it cannot.
    bool start(std::shared_ptr<const Runtime::Config> config, QString *error);
    // The decision the live gateway made for `request` (body: the test's request body), as far
    // as the wire, the echo's report and the access log show it.
    Route::Decision observe(const Route::Request &request, const QByteArray &body,
                            const Route::Decision &pure);

private:
    Route::Decision observeConnection(const Route::Request &request, quint16 port,
                                      const Route::Decision &pure);

    std::shared_ptr<std::atomic<double>> m_connectionSample; // the engine's, set per test
    Proxy::ProxyEngine m_engine;
    QHash<QString, Proxy::AccessLogEntry> m_log;         // by request id
    QHash<QString, Proxy::AccessLogEntry> m_connections; // TLS and TCP, by client address
    int m_counter = 0;
};

} // namespace RouteTest
