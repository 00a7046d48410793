#include "names.h"

#include <QHostAddress>
#include <QRegularExpression>

namespace Validation::Names {
namespace {

bool isAlnum(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
           (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
           (c >= QLatin1Char('0') && c <= QLatin1Char('9'));
}

bool isAllDigits(const QString &value)
{
    return !value.isEmpty() &&
           std::all_of(value.begin(), value.end(), [](QChar c) { return c.isDigit(); });
}

// Istio compares host labels case-insensitively, so upper case letters are accepted here
// (Kubernetes object names are stricter and checked elsewhere with isDns1123Label).
bool isHostLabel(const QString &label)
{
    if (label.isEmpty() || label.size() > 63 || !isAlnum(label.front()) || !isAlnum(label.back()))
        return false;
    return std::all_of(label.begin(), label.end(),
                       [](QChar c) { return isAlnum(c) || c == QLatin1Char('-'); });
}

// The first label of a wildcard host: "*", "*suffix" or an ordinary label.
bool isWildcardLabel(const QString &label)
{
    if (label == QLatin1String("*"))
        return true;
    if (label.startsWith(QLatin1Char('*'))) {
        const QString rest = label.mid(1);
        return rest.size() <= 62 && !rest.isEmpty() && isAlnum(rest.back()) &&
               std::all_of(rest.begin(), rest.end(),
                           [](QChar c) { return isAlnum(c) || c == QLatin1Char('-'); });
    }
    return isHostLabel(label);
}

QString checkLabels(const QString &domain, const QString &rest)
{
    QStringList labels = rest.split(QLatin1Char('.'));
    if (labels.size() > 1 && labels.back().isEmpty())
        labels.removeLast(); // a fully qualified name may end with a dot
    for (const QString &label : labels) {
        if (!isHostLabel(label))
            return QStringLiteral("domain name \"%1\" invalid (label \"%2\" invalid)")
                .arg(domain, label);
    }
    if (isAllDigits(labels.back()))
        return QStringLiteral("domain name \"%1\" invalid (top level domain \"%2\" cannot be "
                              "all-numeric)")
            .arg(domain, labels.back());
    return {};
}

bool isNameToken(QChar c)
{
    static const QString separators = QStringLiteral("!#$%&'*+-.^_`|~");
    return isAlnum(c) || separators.contains(c);
}

} // namespace

bool isDns1123Label(const QString &value)
{
    if (value.isEmpty() || value.size() > 63)
        return false;
    auto allowed = [](QChar c) {
        return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || c.isDigit() ||
               c == QLatin1Char('-');
    };
    return std::all_of(value.begin(), value.end(), allowed) && value.front() != QLatin1Char('-') &&
           value.back() != QLatin1Char('-');
}

bool isDns1123Subdomain(const QString &value)
{
    if (value.isEmpty() || value.size() > 253)
        return false;
    const QStringList labels = value.split(QLatin1Char('.'));
    return std::all_of(labels.begin(), labels.end(),
                       [](const QString &label) { return isDns1123Label(label); });
}

bool isIpAddress(const QString &value)
{
    QHostAddress address;
    return !value.contains(QLatin1Char('/')) && address.setAddress(value);
}

bool isCidrOrIp(const QString &value)
{
    if (!value.contains(QLatin1Char('/')))
        return isIpAddress(value);
    const auto subnet = QHostAddress::parseSubnet(value);
    return !subnet.first.isNull();
}

QString checkWildcardDomain(const QString &host)
{
    if (host.isEmpty())
        return QStringLiteral("empty domain name not allowed");
    if (host.size() > 255)
        return QStringLiteral("domain name \"%1\" too long (max 255)").arg(host);
    const int dot = host.indexOf(QLatin1Char('.'));
    const QString first = dot < 0 ? host : host.left(dot);
    if (!isWildcardLabel(first))
        return QStringLiteral("domain name \"%1\" invalid (label \"%2\" invalid)").arg(host, first);
    if (dot < 0)
        return {};
    return checkLabels(host, host.mid(dot + 1));
}

QString checkWildcardDomainOrIp(const QString &host)
{
    if (isIpAddress(host))
        return {};
    return checkWildcardDomain(host);
}

bool isHeaderName(const QString &name)
{
    if (name.isEmpty())
        return false;
    const QString body = name.startsWith(QLatin1Char(':')) ? name.mid(1) : name;
    return !body.isEmpty() && std::all_of(body.begin(), body.end(), isNameToken);
}

bool isJwtClaimHeader(const QString &name)
{
    static const QRegularExpression claim(
        QStringLiteral(R"(^@request\.auth\.claims(\.[^.\[\]]+(\.[^.\[\]]+)*|(\[[^\[\]]+\])+)$)"));
    return claim.match(name).hasMatch();
}

QString checkHeaderValue(const QString &value)
{
    for (QChar c : value) {
        if ((c.unicode() < 0x20 && c != QLatin1Char('\t')) || c.unicode() == 0x7f)
            return QStringLiteral("header value configuration \"%1\" is invalid: control "
                                  "characters are not allowed")
                .arg(value);
    }
    // Envoy reads %NAME% and %NAME(arg)% as substitutions; a lone % must be written %%.
    static const QRegularExpression substitution(
        QStringLiteral(R"(%%|%[A-Z][A-Z0-9_]*(\([^)]*\))?(:[0-9]+)?%)"));
    QString rest = value;
    rest.remove(substitution);
    if (rest.contains(QLatin1Char('%')))
        return QStringLiteral(
                   "header value configuration \"%1\" is invalid: Un-escaped %, write %% "
                   "for a literal percent sign")
            .arg(value);
    return {};
}

QString checkLabel(const QString &key, const QString &value)
{
    static const QRegularExpression namePart(
        QStringLiteral(R"(^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$)"));
    const int slash = key.indexOf(QLatin1Char('/'));
    const QString prefix = slash < 0 ? QString() : key.left(slash);
    const QString name = slash < 0 ? key : key.mid(slash + 1);
    if (slash >= 0 && !isDns1123Subdomain(prefix))
        return QStringLiteral("invalid label key \"%1\": prefix must be a DNS subdomain").arg(key);
    if (name.size() > 63 || !namePart.match(name).hasMatch())
        return QStringLiteral("invalid label key \"%1\"").arg(key);
    if (!value.isEmpty() && (value.size() > 63 || !namePart.match(value).hasMatch()))
        return QStringLiteral("invalid label value \"%1\" for key \"%2\"").arg(value, key);
    return {};
}

} // namespace Validation::Names
