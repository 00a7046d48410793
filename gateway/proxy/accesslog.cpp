#include "accesslog.h"

namespace Proxy {

QString AccessLogEntry::toText() const
{
    const auto dash = [](const QString &text) {
        return text.isEmpty() ? QStringLiteral("-") : text;
    };
    return QStringLiteral("[%1] %2 \"%3 %4\" %5 %6 %7 %8 %9ms authority=%10 upstream=%11 "
                          "cluster=%12 route=%13 attempts=%14 request-id=%15")
               .arg(time.toString(Qt::ISODateWithMs), listener, method, dash(path),
                    status ? QString::number(status) : QStringLiteral("0"), dash(flags))
               .arg(bytesIn)
               .arg(bytesOut)
               .arg(durationMs)
               .arg(dash(authority), dash(upstream), dash(cluster),
                    virtualService.isEmpty() ? QStringLiteral("-")
                                             : virtualService + QLatin1Char(' ') + route)
               .arg(attempts)
               .arg(dash(requestId)) +
           (downstream.isEmpty() ? QString() : QStringLiteral(" downstream=%1").arg(downstream)) +
           (detail.isEmpty() ? QString() : QStringLiteral(" detail=\"%1\"").arg(detail));
}

AccessLogEntry AccessLogEntry::forConnection(const QString &protocol, const QString &listener,
                                             quint32 gatewayPort, const QString &downstream,
                                             const QString &sni)
{
    AccessLogEntry entry;
    entry.time = QDateTime::currentDateTimeUtc();
    entry.listener = listener;
    entry.gatewayPort = gatewayPort;
    entry.method = protocol;
    entry.authority = sni;
    entry.downstream = downstream;
    entry.flags = QStringLiteral("-");
    return entry;
}

} // namespace Proxy
