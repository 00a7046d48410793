#pragma once

#include "consolestreams.h"
#include "proxy/proxyengine.h"

#include <QFile>
#include <QFileSystemWatcher>
#include <QTimer>

namespace Cli {

// What `gatehouse serve` was asked for on its command line.
struct ServeRequest {
    QStringList paths;
    QString environmentFile;
    QString bind;
    QList<QPair<quint32, quint16>> ports;     // gateway port → local port
    QList<QPair<QString, QString>> upstreams; // destination → HOST:PORT
    QString accessLog;                        // "" none, "-" stdout, else a file
};

// Loads, validates and serves the design, and serves it again when its files change or on
// SIGHUP. A design with errors is refused with its diagnostics; the running one keeps serving.
class ServeSession : public QObject {
public:
    ServeSession(ServeRequest request, Proxy::ProxyOptions options, ConsoleStreams streams);
    bool start() { return load(true); }

    bool load(bool initial);

private:
    void watch(const QStringList &files);
    QString fingerprint() const;
    void printEntries(const QList<Proxy::AccessLogEntry> &entries);

    ServeRequest m_request;
    ConsoleStreams m_streams;
    Proxy::ProxyEngine m_engine;
    QFileSystemWatcher m_watcher;
    QTimer m_debounce;
    QFile m_logFile;
    QTextStream m_log;
    QString m_fingerprint;
};

} // namespace Cli
