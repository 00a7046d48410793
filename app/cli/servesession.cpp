#include "servesession.h"

#include "compile/compiler.h"
#include "validation/validator.h"
#include "validationformat.h"
#include "workspaceloader.h"

#include <QDir>
#include <QFileInfo>

namespace Cli {

ServeSession::ServeSession(ServeRequest request, Proxy::ProxyOptions options,
                           ConsoleStreams streams)
    : m_request(std::move(request)), m_streams(streams), m_engine(options)
{
    // Editors save in bursts (write, rename, touch): one reload per burst.
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(200);
    connect(&m_debounce, &QTimer::timeout, this, [this] { load(false); });
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, &m_debounce, qOverload<>(&QTimer::start));
    // A folder changes for many reasons (the access log may live there): reload only when the
    // manifests in it did.
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] {
        if (fingerprint() != m_fingerprint)
            m_debounce.start();
    });
    if (!m_request.accessLog.isEmpty() && m_request.accessLog != QLatin1String("-")) {
        m_logFile.setFileName(m_request.accessLog);
        if (m_logFile.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text))
            m_log.setDevice(&m_logFile);
        else
            m_streams.err << QStringLiteral("gatehouse serve: cannot write the access log %1: %2\n")
                                 .arg(m_request.accessLog, m_logFile.errorString());
    }
    connect(&m_engine, &Proxy::ProxyEngine::requestsLogged, this, &ServeSession::printEntries);
}

bool ServeSession::load(bool initial)
{
    const QString verb = initial ? QStringLiteral("gatehouse serve") : QStringLiteral("reload");
    Project::Workspace workspace;
    QStringList watched = m_request.paths;
    if (!loadPaths(workspace, m_request.paths, m_streams)) {
        m_streams.err << QStringLiteral("%1: not served%2\n")
                             .arg(verb,
                                  initial ? QString()
                                          : QStringLiteral("; the previous design keeps serving"));
        watch(watched);
        return false;
    }
    for (const Project::SourceFile &file : workspace.files())
        watched << file.path();

    Environment::LocalEnvironment environment;
    if (!m_request.environmentFile.isEmpty()) {
        environment = Environment::LocalEnvironment::load(m_request.environmentFile);
        watched << m_request.environmentFile;
        for (const Core::Diagnostic &diagnostic : environment.diagnostics())
            m_streams.err << findingText(diagnostic) << '\n';
    }
    if (!m_request.bind.isEmpty())
        environment.overrideListenAddress(m_request.bind);
    for (const auto &[gatewayPort, localPort] : m_request.ports)
        environment.overridePort(gatewayPort, localPort);
    for (const auto &[destination, address] : m_request.upstreams) {
        QString error;
        if (!environment.overrideUpstream(destination, address, &error))
            m_streams.err << QStringLiteral("gatehouse serve: --upstream: %1\n").arg(error);
    }
    watch(watched);

    int errors = 0;
    for (const Core::Diagnostic &diagnostic : Validation::validate(workspace)) {
        if (diagnostic.level != Core::Level::Error)
            continue;
        m_streams.err << findingText(diagnostic) << '\n';
        ++errors;
    }
    if (errors > 0) {
        m_streams.err << QStringLiteral("%1: the design has %2 error(s) and is not served%3\n")
                             .arg(verb)
                             .arg(errors)
                             .arg(initial ? QString()
                                          : QStringLiteral("; the previous design keeps serving"));
        m_streams.err.flush();
        return false;
    }
    const auto config = Compile::compile(workspace);
    QString error;
    if (!m_engine.apply(config, environment, &error, Proxy::TlsInputs::from(workspace))) {
        m_streams.err << QStringLiteral("%1: %2\n").arg(verb, error);
        m_streams.err.flush();
        return false;
    }
    // Where TLS certificates came from, and which were stood in by the local CA.
    for (const Core::Diagnostic &diagnostic : m_engine.diagnostics())
        m_streams.err << findingText(diagnostic) << '\n';
    for (const Proxy::ServedListener &listener : m_engine.listeners()) {
        if (listener.served)
            m_streams.out << QStringLiteral("listening %1:%2 gateway-port=%3 protocol=%4\n")
                                 .arg(listener.address)
                                 .arg(listener.localPort)
                                 .arg(listener.gatewayPort)
                                 .arg(listener.protocol);
        else
            m_streams.out << QStringLiteral("not served %1:%2 gateway-port=%3 protocol=%4: %5\n")
                                 .arg(listener.address)
                                 .arg(listener.localPort)
                                 .arg(listener.gatewayPort)
                                 .arg(listener.protocol, listener.note);
    }
    m_streams.out << (initial ? QStringLiteral("ready\n") : QStringLiteral("reloaded\n"));
    m_streams.out.flush();
    return true;
}

void ServeSession::watch(const QStringList &files)
{
    if (!m_watcher.files().isEmpty())
        m_watcher.removePaths(m_watcher.files());
    if (!m_watcher.directories().isEmpty())
        m_watcher.removePaths(m_watcher.directories());
    QStringList paths;
    for (const QString &file : files) {
        const QFileInfo info(file);
        if (!info.exists())
            continue;
        paths << info.absoluteFilePath();
        // Editors that save by renaming replace the file: its folder sees that.
        paths << (info.isDir() ? info.absoluteFilePath() : info.absolutePath());
    }
    paths.removeDuplicates();
    if (!paths.isEmpty())
        m_watcher.addPaths(paths);
    m_fingerprint = fingerprint();
}

QString ServeSession::fingerprint() const
{
    QStringList parts;
    for (const QString &folder : m_watcher.directories()) {
        const QFileInfoList entries = QDir(folder).entryInfoList(
            {QStringLiteral("*.yaml"), QStringLiteral("*.yml"), QStringLiteral("*.json")},
            QDir::Files, QDir::Name);
        for (const QFileInfo &entry : entries)
            parts << QStringLiteral("%1 %2 %3")
                         .arg(entry.absoluteFilePath())
                         .arg(entry.lastModified().toMSecsSinceEpoch())
                         .arg(entry.size());
    }
    return parts.join(QLatin1Char('\n'));
}

void ServeSession::printEntries(const QList<Proxy::AccessLogEntry> &entries)
{
    QTextStream &out = m_request.accessLog == QLatin1String("-") ? m_streams.out : m_log;
    for (const Proxy::AccessLogEntry &entry : entries)
        out << entry.toText() << '\n';
    out.flush();
}

} // namespace Cli
