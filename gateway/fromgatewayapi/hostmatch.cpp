#include "hostmatch.h"

namespace FromGatewayApi {
namespace {

bool isWildcard(const QString &host)
{
    return host.startsWith(QLatin1Char('*'));
}

} // namespace

bool hostsOverlap(const QString &a, const QString &b)
{
    const bool aWild = isWildcard(a);
    const bool bWild = isWildcard(b);
    if (aWild && bWild) {
        // The longer suffix must end with the shorter one.
        const QStringView aSuffix = QStringView(a).mid(1);
        const QStringView bSuffix = QStringView(b).mid(1);
        return aSuffix.size() < bSuffix.size() ? bSuffix.endsWith(aSuffix)
                                               : aSuffix.endsWith(bSuffix);
    }
    if (aWild)
        return b.endsWith(QStringView(a).mid(1));
    if (bWild)
        return a.endsWith(QStringView(b).mid(1));
    return a == b;
}

bool hostSubsetOf(const QString &a, const QString &b)
{
    if (isWildcard(a))
        return isWildcard(b) && QStringView(a).mid(1).endsWith(QStringView(b).mid(1));
    if (isWildcard(b))
        return a.endsWith(QStringView(b).mid(1));
    return a == b;
}

} // namespace FromGatewayApi
