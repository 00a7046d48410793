#pragma once

#include "core/diagnostic.h"
#include "environment/localenvironment.h"
#include "proxy/proxyengine.h"
#include "workspace/workspace.h"

#include <QObject>
#include <memory>

// The local proxy as the desktop app runs it: the workspace's current design served by the
// embedded engine on worker threads, reloaded after every edit that leaves the design free of
// errors (one with errors is refused and the previous design keeps serving, as `gatehouse
// serve` does). The GUI thread only compiles and hands over the result; it never waits on a
// request.
class ProxyController : public QObject {
    Q_OBJECT

public:
    explicit ProxyController(const Project::Workspace &workspace, QObject *parent = nullptr);
    ~ProxyController() override;

    // The port map, upstream map and credentials the design is served with.
    void setEnvironment(const Environment::LocalEnvironment &environment);
    const Environment::LocalEnvironment &environment() const { return m_environment; }

    bool isRunning() const { return bool(m_engine); }
    // Starts serving, given the workspace's current findings. False, with the reason in
    // lastError(), when the design has errors or a port cannot be opened.
    bool start(const Core::Diagnostics &findings);
    void stop();
    // Serves the current design again after an edit; nothing when stopped.
    bool reload(const Core::Diagnostics &findings);

    const QString &lastError() const { return m_lastError; }
    // The ports being served, and the ones that are not with why.
    QList<Proxy::ServedListener> listeners() const;
    // Where TLS certificates came from (stand-ins issued by the local CA, missing files).
    Core::Diagnostics certificateFindings() const;
    // "http://127.0.0.1:8080 (port 80)" for each served listener.
    QStringList listenerUrls() const;
    QHash<QString, quint64> routeHits() const;
    // The design served last (kept after a stop, for reading the log it produced); null before
    // the first start.
    std::shared_ptr<const Runtime::Config> servedConfig() const { return m_served; }

signals:
    void stateChanged(); // started, stopped, reloaded, or a reload refused (see lastError)
    void requestsLogged(const QList<Proxy::AccessLogEntry> &entries);

private:
    bool apply(const Core::Diagnostics &findings);

    const Project::Workspace &m_workspace;
    Environment::LocalEnvironment m_environment;
    std::unique_ptr<Proxy::ProxyEngine> m_engine;
    QString m_lastError;
    std::shared_ptr<const Runtime::Config> m_served;
};
