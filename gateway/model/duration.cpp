#include "duration.h"

#include <cmath>

namespace Istio {
namespace {

std::optional<double> unitNanoseconds(const QString &unit)
{
    if (unit == QLatin1String("ns"))
        return 1.0;
    if (unit == QLatin1String("us") || unit == QStringLiteral("\u00b5s") ||
        unit == QStringLiteral("\u03bcs"))
        return 1e3;
    if (unit == QLatin1String("ms"))
        return 1e6;
    if (unit == QLatin1String("s"))
        return 1e9;
    if (unit == QLatin1String("m"))
        return 60e9;
    if (unit == QLatin1String("h"))
        return 3600e9;
    return std::nullopt;
}

} // namespace

std::optional<Duration> Duration::parse(const QString &text)
{
    QString rest = text.trimmed();
    if (rest.isEmpty())
        return std::nullopt;
    bool negative = false;
    if (rest.front() == QLatin1Char('-') || rest.front() == QLatin1Char('+')) {
        negative = rest.front() == QLatin1Char('-');
        rest = rest.mid(1);
    }
    if (rest == QLatin1String("0"))
        return Duration{text, 0};
    double total = 0;
    int pos = 0;
    bool sawComponent = false;
    while (pos < rest.size()) {
        const int numberStart = pos;
        while (pos < rest.size() && (rest[pos].isDigit() || rest[pos] == QLatin1Char('.')))
            ++pos;
        if (pos == numberStart)
            return std::nullopt;
        bool ok = false;
        const double amount = rest.mid(numberStart, pos - numberStart).toDouble(&ok);
        if (!ok)
            return std::nullopt;
        const int unitStart = pos;
        while (pos < rest.size() && !rest[pos].isDigit() && rest[pos] != QLatin1Char('.'))
            ++pos;
        const std::optional<double> scale = unitNanoseconds(rest.mid(unitStart, pos - unitStart));
        if (!scale)
            return std::nullopt;
        total += amount * *scale;
        sawComponent = true;
    }
    if (!sawComponent || total > 9.2e18)
        return std::nullopt;
    const qint64 nanoseconds = static_cast<qint64>(std::llround(total));
    return Duration{text, negative ? -nanoseconds : nanoseconds};
}

Duration Duration::fromMilliseconds(qint64 milliseconds)
{
    const QString text = milliseconds % 1000 == 0 ? QStringLiteral("%1s").arg(milliseconds / 1000)
                                                  : QStringLiteral("%1ms").arg(milliseconds);
    return Duration{text, milliseconds * 1000000};
}

} // namespace Istio
