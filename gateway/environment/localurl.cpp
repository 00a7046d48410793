#include "localurl.h"

#include <QUrl>

namespace Environment {

QString localUrl(const QString &clusterUrl, const LocalEnvironment &environment)
{
    QUrl url(clusterUrl);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
        return QString();
    const int gatewayPort = url.port(scheme == QLatin1String("https") ? 443 : 80);
    url.setPort(environment.localPort(quint32(gatewayPort)));
    return url.toString(QUrl::FullyEncoded);
}

QString curlResolveFor(const QString &local, const LocalEnvironment &environment)
{
    const QUrl url(local);
    if (!url.isValid() || url.host().isEmpty())
        return QString();
    return QStringLiteral("--resolve %1:%2:%3")
        .arg(url.host())
        .arg(url.port())
        .arg(environment.listenAddress());
}

} // namespace Environment
