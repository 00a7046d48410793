#include "names.h"

#include <QRegularExpression>
#include <QStringList>

namespace ToGatewayApi {
namespace {

const QRegularExpression DNS_LABEL(QStringLiteral("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"));
constexpr int MAX_SUBDOMAIN_LENGTH = 253;

QString trimmedDashes(QString text)
{
    while (text.startsWith(QLatin1Char('-')) || text.startsWith(QLatin1Char('.')))
        text.remove(0, 1);
    while (text.endsWith(QLatin1Char('-')) || text.endsWith(QLatin1Char('.')))
        text.chop(1);
    return text;
}

QString sanitized(const QString &text, bool keepDots, int maxLength)
{
    QString out;
    for (const QChar c : text.toLower()) {
        const bool valid = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                           (c >= QLatin1Char('0') && c <= QLatin1Char('9'));
        if (valid || (keepDots && c == QLatin1Char('.')))
            out += c;
        else if (!out.endsWith(QLatin1Char('-')))
            out += QLatin1Char('-');
    }
    if (keepDots) {
        // No empty labels and no label that starts or ends with '-'.
        QStringList labels;
        for (const QString &label : out.split(QLatin1Char('.'), Qt::SkipEmptyParts)) {
            const QString trimmed = trimmedDashes(label);
            if (!trimmed.isEmpty())
                labels << trimmed.left(63);
        }
        out = labels.join(QLatin1Char('.'));
    }
    return trimmedDashes(out.left(maxLength));
}

} // namespace

bool isDnsLabel(const QString &text)
{
    return text.size() <= 63 && DNS_LABEL.match(text).hasMatch();
}

bool isDnsSubdomain(const QString &text)
{
    if (text.isEmpty() || text.size() > MAX_SUBDOMAIN_LENGTH)
        return false;
    const QStringList labels = text.split(QLatin1Char('.'));
    return std::all_of(labels.begin(), labels.end(), isDnsLabel);
}

QString toDnsLabel(const QString &text, const QString &fallback, int maxLength)
{
    const QString label = sanitized(text, false, maxLength);
    return label.isEmpty() ? fallback : label;
}

QString toDnsSubdomain(const QString &text, const QString &fallback)
{
    const QString name = sanitized(text, true, MAX_SUBDOMAIN_LENGTH);
    return name.isEmpty() ? fallback : name;
}

QString NameRegistry::claim(const QString &scope, const QString &wanted, int maxLength)
{
    QSet<QString> &taken = m_taken[scope];
    QString name = wanted.left(maxLength);
    for (int n = 2; taken.contains(name); ++n) {
        const QString suffix = QStringLiteral("-%1").arg(n);
        QString stem = wanted.left(maxLength - suffix.size());
        while (stem.endsWith(QLatin1Char('-')) || stem.endsWith(QLatin1Char('.')))
            stem.chop(1);
        name = stem + suffix;
    }
    taken.insert(name);
    return name;
}

bool NameRegistry::isTaken(const QString &scope, const QString &name) const
{
    const auto it = m_taken.constFind(scope);
    return it != m_taken.constEnd() && it->contains(name);
}

QString gatewayDuration(qint64 milliseconds)
{
    if (milliseconds <= 0)
        return QStringLiteral("0s");
    const qint64 hours = milliseconds / 3600000;
    const qint64 minutes = milliseconds / 60000 % 60;
    const qint64 seconds = milliseconds / 1000 % 60;
    const qint64 millis = milliseconds % 1000;
    QString out;
    if (hours > 0)
        out += QStringLiteral("%1h").arg(std::min<qint64>(hours, 99999));
    if (minutes > 0)
        out += QStringLiteral("%1m").arg(minutes);
    if (seconds > 0)
        out += QStringLiteral("%1s").arg(seconds);
    if (millis > 0)
        out += QStringLiteral("%1ms").arg(millis);
    return out;
}

} // namespace ToGatewayApi
