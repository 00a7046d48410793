#include "proxycontroller.h"

#include "compile/compiler.h"

ProxyController::ProxyController(const Project::Workspace &workspace, QObject *parent)
    : QObject(parent), m_workspace(workspace)
{}

ProxyController::~ProxyController() = default;

void ProxyController::setEnvironment(const Environment::LocalEnvironment &environment)
{
    m_environment = environment;
}

bool ProxyController::start(const Core::Diagnostics &findings)
{
    if (m_engine)
        return reload(findings);
    m_engine = std::make_unique<Proxy::ProxyEngine>();
    connect(m_engine.get(), &Proxy::ProxyEngine::requestsLogged, this,
            &ProxyController::requestsLogged);
    if (!apply(findings)) {
        m_engine.reset(); // nothing was served: stay stopped
        emit stateChanged();
        return false;
    }
    emit stateChanged();
    return true;
}

void ProxyController::stop()
{
    if (!m_engine)
        return;
    m_engine->stop();
    m_engine.reset();
    m_lastError.clear();
    emit stateChanged();
}

bool ProxyController::reload(const Core::Diagnostics &findings)
{
    if (!m_engine)
        return false;
    const bool applied = apply(findings);
    emit stateChanged();
    return applied;
}

bool ProxyController::apply(const Core::Diagnostics &findings)
{
    const auto errors = std::count_if(findings.begin(), findings.end(),
                                      [](const auto &d) { return d.level == Core::Level::Error; });
    if (errors > 0) {
        m_lastError = tr("The design has %n error(s); fix them to serve it.", nullptr, int(errors));
        if (m_engine && !m_engine->listeners().isEmpty())
            m_lastError += QLatin1Char(' ') + tr("The previous design keeps serving.");
        return false;
    }
    QString error;
    auto config = Compile::compile(m_workspace);
    if (!m_engine->apply(config, m_environment, &error, Proxy::TlsInputs::from(m_workspace))) {
        m_lastError = error;
        return false;
    }
    m_served = std::move(config);
    m_lastError.clear();
    return true;
}

QList<Proxy::ServedListener> ProxyController::listeners() const
{
    return m_engine ? m_engine->listeners() : QList<Proxy::ServedListener>();
}

Core::Diagnostics ProxyController::certificateFindings() const
{
    return m_engine ? m_engine->diagnostics() : Core::Diagnostics();
}

QStringList ProxyController::listenerUrls() const
{
    QStringList urls;
    for (const Proxy::ServedListener &listener : listeners()) {
        if (!listener.served)
            continue;
        const bool tls = listener.protocol == QLatin1String("HTTPS");
        const bool http = tls || listener.protocol == QLatin1String("HTTP") ||
                          listener.protocol == QLatin1String("HTTP2") ||
                          listener.protocol == QLatin1String("GRPC");
        const QString scheme = tls    ? QStringLiteral("https")
                               : http ? QStringLiteral("http")
                                      : QStringLiteral("tcp");
        urls << tr("%1://%2:%3 (port %4, %5)")
                    .arg(scheme, listener.address)
                    .arg(listener.localPort)
                    .arg(listener.gatewayPort)
                    .arg(listener.protocol);
    }
    return urls;
}

QHash<QString, quint64> ProxyController::routeHits() const
{
    return m_engine ? m_engine->routeHits() : QHash<QString, quint64>();
}
