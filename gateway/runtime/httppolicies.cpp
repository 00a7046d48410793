#include "httppolicies.h"

#include <QStringList>

namespace Runtime {

QString RetryPolicy::describe() const
{
    if (attempts <= 0)
        return QStringLiteral("no retries");
    QStringList on;
    const std::pair<Condition, const char *> names[] = {
        {ServerError, "5xx"},
        {GatewayError, "gateway-error"},
        {Reset, "reset"},
        {ConnectFailure, "connect-failure"},
        {Retriable4xx, "retriable-4xx"},
        {RetriableStatusCodes, "retriable-status-codes"},
    };
    for (const auto &[condition, name] : names) {
        if (has(condition))
            on << QLatin1String(name);
    }
    QString text = QStringLiteral("%1 %2 on %3")
                       .arg(attempts)
                       .arg(attempts == 1 ? QStringLiteral("retry") : QStringLiteral("retries"),
                            on.join(QLatin1Char(',')));
    if (!statusCodes.isEmpty()) {
        QStringList codes;
        for (int code : statusCodes)
            codes << QString::number(code);
        text += QStringLiteral(" (%1)").arg(codes.join(QLatin1Char(',')));
    }
    if (perTryTimeoutMs)
        text += QStringLiteral(", %1 ms per try").arg(*perTryTimeoutMs);
    if (isDefault)
        text += QStringLiteral(" (Istio's default)");
    return text;
}

bool CorsFilter::allows(QStringView origin) const
{
    if (anyOrigin)
        return true;
    for (const StringMatcher &matcher : origins) {
        if (matcher.matches(origin))
            return true;
    }
    return false;
}

} // namespace Runtime
