#include "hostnames.h"

namespace Compile {

ServerHost parseServerHost(const QString &raw, const QString &gatewayNamespace)
{
    const qsizetype slash = raw.indexOf(QLatin1Char('/'));
    if (slash < 0)
        return {QStringLiteral("*"), raw.toLower()};
    QString nameSpace = raw.left(slash);
    if (nameSpace == QLatin1String("."))
        nameSpace = gatewayNamespace;
    return {nameSpace, raw.mid(slash + 1).toLower()};
}

QString expandShortName(const QString &host, const QString &nameSpace, const QString &domainSuffix)
{
    if (host.contains(QLatin1Char('.')) || host == QLatin1String("*") || host.isEmpty())
        return host.toLower();
    return QStringLiteral("%1.%2.svc.%3").arg(host, nameSpace, domainSuffix).toLower();
}

bool isHostSubset(const QString &a, const QString &b)
{
    if (a == b || b == QLatin1String("*"))
        return true;
    if (a == QLatin1String("*"))
        return false;
    if (!b.startsWith(QLatin1String("*.")))
        return false;
    const QStringView suffix = QStringView(b).mid(1); // ".foo.com"
    if (a.startsWith(QLatin1String("*.")))
        return QStringView(a).mid(1).endsWith(suffix) && a.size() > b.size();
    return a.endsWith(suffix) && a.size() > suffix.size();
}

std::optional<QString> intersectHosts(const QString &serverHost, const QString &virtualServiceHost)
{
    if (isHostSubset(virtualServiceHost, serverHost))
        return virtualServiceHost;
    if (isHostSubset(serverHost, virtualServiceHost))
        return serverHost;
    return std::nullopt;
}

} // namespace Compile
