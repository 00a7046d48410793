#include "config.h"

namespace Runtime {

QString Cluster::envoyName() const
{
    return QStringLiteral("outbound|%1|%2|%3")
        .arg(port ? QString::number(*port) : QString(), subset, host);
}

QString Cluster::describe() const
{
    QString text = host;
    if (port)
        text += QLatin1Char(':') + QString::number(*port);
    if (!subset.isEmpty())
        text += QLatin1Char('/') + subset;
    return text;
}

QString HttpRoute::label() const
{
    return name.isEmpty() ? QStringLiteral("http[%1]").arg(httpIndex) : name;
}

QString FilterChain::describe() const
{
    const QString names =
        serverNames.isEmpty()
            ? QStringLiteral("any SNI")
            : QStringLiteral("SNI %1").arg(serverNames.join(QStringLiteral(", ")));
    switch (kind) {
    case Kind::TerminateHttp:
        return QStringLiteral("HTTPS chain of server %1 (%2)").arg(server->portName, names);
    case Kind::Passthrough:
        return QStringLiteral("passthrough chain (%1)").arg(names);
    case Kind::TerminateTcp:
        return QStringLiteral("TLS-terminated TCP chain of server %1 (%2)")
            .arg(server->portName, names);
    }
    return QString();
}

QString Listener::name() const
{
    return QStringLiteral("%1_%2").arg(bind.isEmpty() ? QStringLiteral("0.0.0.0") : bind).arg(port);
}

void RouteTable::buildIndex()
{
    exactDomains.clear();
    wildcardSuffixes.clear();
    catchAll = -1;
    for (int i = 0; i < int(virtualHosts.size()); ++i) {
        const QString &domain = virtualHosts[i].domain;
        if (domain == QLatin1String("*"))
            catchAll = i;
        else if (domain.startsWith(QLatin1String("*.")))
            wildcardSuffixes.insert(domain.mid(1), i);
        else
            exactDomains.insert(domain, i);
    }
}

int RouteTable::findVirtualHost(QStringView host) const
{
    // The port is ignored at gateways (ignore_port_in_host_matching); IPv6 literals keep their
    // brackets.
    const qsizetype colon = host.lastIndexOf(QLatin1Char(':'));
    if (colon >= 0 && host.indexOf(QLatin1Char(']')) < colon)
        host = host.left(colon);
    // Domains are stored lower-case. Look up without copying when the Host already is.
    QString lowered;
    bool hasUpper = false;
    for (QChar c : host)
        hasUpper = hasUpper || c.isUpper();
    if (hasUpper)
        lowered = host.toString().toLower();
    const QStringView name = hasUpper ? QStringView(lowered) : host;
    auto lookup = [](const QHash<QString, int> &table, QStringView key) {
        const QString raw = QString::fromRawData(key.data(), key.size()); // no allocation
        return table.value(raw, -1);
    };
    if (const int exact = lookup(exactDomains, name); exact >= 0)
        return exact;
    // "*.foo.com" needs at least one character before ".foo.com"; longest suffix wins.
    for (qsizetype dot = name.indexOf(QLatin1Char('.'), 1); dot > 0;
         dot = name.indexOf(QLatin1Char('.'), dot + 1)) {
        if (const int wildcard = lookup(wildcardSuffixes, name.mid(dot)); wildcard >= 0)
            return wildcard;
    }
    return catchAll;
}

const Listener *Config::findListener(quint32 port, const QString &bind) const
{
    for (const Listener &listener : listeners) {
        if (listener.port == port && listener.bind == bind)
            return &listener;
    }
    if (bind.isEmpty()) {
        for (const Listener &listener : listeners) {
            if (listener.port == port)
                return &listener;
        }
    }
    return nullptr;
}

} // namespace Runtime
