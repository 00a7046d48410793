#include "matchoverlap.h"

#include "regexsample.h"

#include <QStringList>
#include <optional>

namespace ToGatewayApi {
namespace {

using PathType = GatewayMatch::PathType;

QString normalizedPrefix(const QString &path)
{
    QString prefix = path;
    while (prefix.size() > 1 && prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    return prefix;
}

// Paths worth trying against a match: its own value and a few below it.
QStringList pathCandidates(const GatewayMatch &match)
{
    QStringList candidates;
    switch (match.pathType) {
    case PathType::Exact:
        candidates << match.path;
        break;
    case PathType::Prefix: {
        const QString prefix = normalizedPrefix(match.path);
        const QString base = prefix == QLatin1String("/") ? QString() : prefix;
        if (!base.isEmpty())
            candidates << base;
        candidates << base + QStringLiteral("/") << base + QStringLiteral("/a")
                   << base + QStringLiteral("/a/b");
        break;
    }
    case PathType::Regex:
        for (const std::string &sample : regexSamples(match.path.toStdString()))
            candidates << QString::fromStdString(sample);
        break;
    }
    return candidates;
}

// The range [low, high] every path a match accepts falls in; nullopt when unbounded.
std::optional<std::pair<std::string, std::string>> pathRange(const GatewayMatch &match)
{
    switch (match.pathType) {
    case PathType::Exact:
        return std::make_pair(match.path.toStdString(), match.path.toStdString());
    case PathType::Prefix: {
        const std::string prefix = normalizedPrefix(match.path).toStdString();
        return std::make_pair(prefix, prefix + "\xff");
    }
    case PathType::Regex:
        break;
    }
    std::string low;
    std::string high;
    if (!regexMatchRange(match.path.toStdString(), &low, &high))
        return std::nullopt;
    return std::make_pair(low, high);
}

Overlap pathOverlap(const GatewayMatch &a, const GatewayMatch &b, QString *example)
{
    QStringList candidates = pathCandidates(a) + pathCandidates(b);
    // A regex below a prefix: its samples under the prefix too (".*\.php" below "/admin").
    for (const GatewayMatch *prefix : {&a, &b}) {
        const GatewayMatch *other = prefix == &a ? &b : &a;
        if (prefix->pathType != PathType::Prefix || other->pathType != PathType::Regex)
            continue;
        const QString base = normalizedPrefix(prefix->path);
        for (const QString &sample : pathCandidates(*other)) {
            candidates << base + sample;
            if (!sample.startsWith(QLatin1Char('/')))
                candidates << base + QLatin1Char('/') + sample;
        }
    }
    for (const QString &candidate : std::as_const(candidates)) {
        if (candidate.startsWith(QLatin1Char('/')) && a.pathMatches(candidate) &&
            b.pathMatches(candidate)) {
            *example = candidate;
            return Overlap::Certain;
        }
    }
    // Without a regex the candidates decide: a common path would be among them.
    if (a.pathType != PathType::Regex && b.pathType != PathType::Regex)
        return Overlap::None;
    if (a.pathType == PathType::Exact || b.pathType == PathType::Exact)
        return Overlap::None; // the exact path itself was tried against the regex
    const auto rangeA = pathRange(a);
    const auto rangeB = pathRange(b);
    if (rangeA && rangeB && (rangeA->second < rangeB->first || rangeB->second < rangeA->first))
        return Overlap::None;
    return Overlap::Possible;
}

bool valueMatches(const ValueCondition &condition, const QString &value)
{
    return condition.regex ? regexFullMatch(condition.value.toStdString(), value.toStdString())
                           : condition.value == value;
}

// A value the condition accepts, for the example; empty when none was found.
std::optional<QString> sampleValue(const ValueCondition &condition)
{
    if (!condition.regex)
        return condition.value;
    const std::vector<std::string> samples = regexSamples(condition.value.toStdString(), 1);
    if (samples.empty())
        return std::nullopt;
    return QString::fromStdString(samples.front());
}

// Conditions on the same name must admit a common value; the example gets one per name.
Overlap valuesOverlap(const std::vector<ValueCondition> &a, const std::vector<ValueCondition> &b,
                      Qt::CaseSensitivity names, std::vector<std::pair<QString, QString>> *example)
{
    Overlap result = Overlap::Certain;
    std::vector<const ValueCondition *> all;
    for (const ValueCondition &c : a)
        all.push_back(&c);
    for (const ValueCondition &c : b)
        all.push_back(&c);
    QStringList done;
    for (const ValueCondition *condition : all) {
        if (done.contains(condition->name, names))
            continue;
        done << condition->name;
        std::vector<const ValueCondition *> same;
        for (const ValueCondition *other : all) {
            if (other->name.compare(condition->name, names) == 0)
                same.push_back(other);
        }
        // Try each condition's sample value against all of them.
        std::optional<QString> common;
        for (const ValueCondition *source : same) {
            const std::optional<QString> value = sampleValue(*source);
            if (value && std::all_of(same.begin(), same.end(), [&](const ValueCondition *c) {
                    return valueMatches(*c, *value);
                })) {
                common = value;
                break;
            }
        }
        if (common) {
            example->emplace_back(condition->name, *common);
            continue;
        }
        const bool anyRegex =
            std::any_of(same.begin(), same.end(), [](const ValueCondition *c) { return c->regex; });
        const bool allRegex =
            std::all_of(same.begin(), same.end(), [](const ValueCondition *c) { return c->regex; });
        // An exact value was tried against every regex; only regex pairs stay undecided.
        if (!allRegex || !anyRegex)
            return Overlap::None;
        result = Overlap::Possible;
        example->emplace_back(condition->name, QStringLiteral("..."));
    }
    return result;
}

} // namespace

bool GatewayMatch::pathMatches(const QString &requestPath) const
{
    switch (pathType) {
    case PathType::Exact:
        return requestPath == path;
    case PathType::Prefix: {
        const QString prefix = normalizedPrefix(path);
        if (prefix == QLatin1String("/"))
            return requestPath.startsWith(QLatin1Char('/'));
        return requestPath == prefix || requestPath.startsWith(prefix + QLatin1Char('/'));
    }
    case PathType::Regex:
        break;
    }
    return regexFullMatch(path.toStdString(), requestPath.toStdString());
}

OverlapResult overlapOf(const GatewayMatch &a, const GatewayMatch &b)
{
    OverlapResult result;
    if (!a.method.isEmpty() && !b.method.isEmpty() && a.method != b.method)
        return result;
    QString path;
    Overlap overlap = pathOverlap(a, b, &path);
    if (overlap == Overlap::None)
        return result;
    std::vector<std::pair<QString, QString>> headers;
    std::vector<std::pair<QString, QString>> queryParams;
    overlap = std::min(overlap, valuesOverlap(a.headers, b.headers, Qt::CaseInsensitive, &headers));
    if (overlap == Overlap::None)
        return result;
    overlap = std::min(
        overlap, valuesOverlap(a.queryParams, b.queryParams, Qt::CaseSensitive, &queryParams));
    if (overlap == Overlap::None)
        return result;

    result.overlap = overlap;
    const QString method = !a.method.isEmpty() ? a.method : b.method;
    QString example = (method.isEmpty() ? QStringLiteral("GET") : method) + QLatin1Char(' ') +
                      (path.isEmpty() ? QStringLiteral("...") : path);
    QStringList query;
    for (const auto &[name, value] : queryParams)
        query << name + QLatin1Char('=') + value;
    if (!query.isEmpty())
        example += QLatin1Char('?') + query.join(QLatin1Char('&'));
    QStringList headerTexts;
    for (const auto &[name, value] : headers)
        headerTexts << name + QStringLiteral(": ") + value;
    if (!headerTexts.isEmpty())
        example += QStringLiteral(" with header ") + headerTexts.join(QStringLiteral(", "));
    result.example = example;
    return result;
}

} // namespace ToGatewayApi
