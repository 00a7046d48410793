#include "core/diagnosticcodes.h"
#include "schemahelpers.h"

// IST0130 VirtualServiceUnreachableRule and IST0131 VirtualServiceIneffectiveMatch (§6.5): the
// webhook's analysis of one VirtualService's rule order, reproduced rule for rule.
namespace Validation {
namespace {

// Istio compares matches by their JSON form with `name` cleared: unset and default values are
// the same thing.
Istio::HTTPMatchRequest comparable(Istio::HTTPMatchRequest match)
{
    match.name.reset();
    if (match.port == 0u)
        match.port.reset();
    if (match.ignoreUriCase == false)
        match.ignoreUriCase.reset();
    if (match.sourceNamespace && match.sourceNamespace->isEmpty())
        match.sourceNamespace.reset();
    if (match.statPrefix && match.statPrefix->isEmpty())
        match.statPrefix.reset();
    return match;
}

template <class Match> Match comparableL4(Match match)
{
    if (match.port == 0u)
        match.port.reset();
    if (match.sourceNamespace && match.sourceNamespace->isEmpty())
        match.sourceNamespace.reset();
    return match;
}

QString quoted(const QString &name)
{
    QString escaped = name;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('"'), QLatin1String("\\\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QString indexName(int index)
{
    return QLatin1Char('#') + QString::number(index);
}

class RuleOrder {
public:
    RuleOrder(Reporter &reporter, const QString &listPath) : m_reporter(reporter), m_list(listPath)
    {}

    void unreachable(int rule, const QString &ruleName, const QString &reason)
    {
        m_reporter.report(
            Core::Codes::UNREACHABLE_RULE, at(m_list, rule),
            QStringLiteral("VirtualService rule %1 not used (%2).").arg(ruleName, reason));
    }
    void ineffective(int rule, int match, const QString &ruleName, const QString &matchName,
                     const QString &earlierRule)
    {
        m_reporter.report(Core::Codes::INEFFECTIVE_MATCH, at(at(at(m_list, rule), "match"), match),
                          QStringLiteral("VirtualService rule %1 match %2 is not used "
                                         "(duplicate/overlapping match in rule %3).")
                              .arg(ruleName, matchName, earlierRule));
    }

    // The duplicate pass shared by HTTP, TCP and TLS rules. `names` gives rule and match names.
    template <class Route, class Normalize, class RuleName, class MatchName>
    void checkDuplicates(const std::vector<Route> &routes, Normalize normalize, RuleName ruleName,
                         MatchName matchName)
    {
        using MatchType = std::decay_t<decltype(normalize(routes.front().match.front()))>;
        std::vector<std::pair<MatchType, int>> seen; // match, first rule using it
        int catchAllRule = -1;
        for (int r = 0; r < int(routes.size()); ++r) {
            const Route &route = routes[size_t(r)];
            if (route.match.empty()) {
                if (catchAllRule >= 0)
                    unreachable(r, ruleName(r),
                                QStringLiteral("only the last rule can have no "
                                               "matches"));
                catchAllRule = r;
                continue;
            }
            int duplicates = 0;
            for (int m = 0; m < int(route.match.size()); ++m) {
                if (catchAllRule >= 0) {
                    unreachable(r, ruleName(r),
                                QStringLiteral("route without matches defined before"));
                    continue;
                }
                const MatchType key = normalize(route.match[size_t(m)]);
                const auto found = std::find_if(seen.begin(), seen.end(), [&](const auto &entry) {
                    return entry.first == key;
                });
                if (found != seen.end()) {
                    ineffective(r, m, ruleName(r), matchName(r, m), ruleName(found->second));
                    ++duplicates;
                    continue;
                }
                seen.emplace_back(key, r);
            }
            if (duplicates == int(route.match.size()))
                unreachable(r, ruleName(r), QStringLiteral("all matches used by prior rules"));
        }
    }

private:
    Reporter &m_reporter;
    QString m_list;
};

// A string match reduced to what the overlap pass compares: "exact:v", "prefix:v", or empty
// for a regex or an unset match.
QString tagged(const std::optional<Istio::StringMatch> &match)
{
    if (!match)
        return {};
    if (match->exact)
        return QStringLiteral("exact:") + *match->exact;
    if (match->prefix)
        return QStringLiteral("prefix:") + *match->prefix;
    return {};
}

// `a` is as general as `b`: equal, or the earlier value is a prefix of the later one. This is
// Istio's literal comparison, including its quirk that an empty later value always passes.
bool covers(const QString &earlier, const QString &later)
{
    return earlier == later || earlier.startsWith(later);
}

using TaggedMap = std::vector<std::pair<QString, QString>>;

TaggedMap taggedMap(const Istio::OrderedMap<Istio::StringMatch> &map)
{
    TaggedMap out;
    for (const auto &[key, value] : map)
        out.emplace_back(key, tagged(value));
    return out;
}

bool coversMap(const TaggedMap &earlier, const TaggedMap &later)
{
    if (earlier.size() != later.size())
        return false;
    for (const std::pair<QString, QString> &item : earlier) {
        const auto found = std::find_if(later.begin(), later.end(), [&](const auto &entry) {
            return entry.first == item.first;
        });
        if (found == later.end() || !covers(item.second, found->second))
            return false;
    }
    return true;
}

struct PrefixMatch {
    int rule = 0;
    int match = 0;
    QString ruleName;
    QString matchName;
    QString prefix;
    std::optional<quint32> port;
    QString method;
    QString authority;
    TaggedMap headers;
    TaggedMap queryParams;
    TaggedMap withoutHeaders;
};

bool coversPrefix(const PrefixMatch &a, const PrefixMatch &b)
{
    return b.prefix.startsWith(a.prefix) && a.port.value_or(0) == b.port.value_or(0) &&
           covers(a.method, b.method) && covers(a.authority, b.authority) &&
           coversMap(a.headers, b.headers) && coversMap(a.queryParams, b.queryParams) &&
           coversMap(a.withoutHeaders, b.withoutHeaders);
}

void checkHttp(const std::vector<Istio::HTTPRoute> &routes, Reporter &reporter)
{
    RuleOrder order(reporter, QStringLiteral("spec.http"));
    auto ruleName = [&](int r) {
        const auto &name = routes[size_t(r)].name;
        return name && !name->isEmpty() ? quoted(*name) : indexName(r);
    };
    auto matchName = [&](int r, int m) {
        const auto &name = routes[size_t(r)].match[size_t(m)].name;
        return name && !name->isEmpty() ? quoted(*name) : indexName(m);
    };
    order.checkDuplicates(routes, comparable, ruleName, matchName);

    // Prefix matches a broader earlier prefix already takes (the first occurrence of each match).
    std::vector<PrefixMatch> prefixes;
    std::vector<Istio::HTTPMatchRequest> seen;
    bool afterCatchAll = false;
    for (int r = 0; r < int(routes.size()) && !afterCatchAll; ++r) {
        const Istio::HTTPRoute &route = routes[size_t(r)];
        if (route.match.empty()) {
            afterCatchAll = true; // every later match was reported as unreachable already
            continue;
        }
        for (int m = 0; m < int(route.match.size()); ++m) {
            const Istio::HTTPMatchRequest &match = route.match[size_t(m)];
            const Istio::HTTPMatchRequest key = comparable(match);
            if (std::find(seen.begin(), seen.end(), key) != seen.end())
                continue;
            seen.push_back(key);
            if (!match.uri || !match.uri->prefix || match.uri->prefix->isEmpty())
                continue;
            PrefixMatch entry;
            entry.rule = r;
            entry.match = m;
            entry.ruleName = ruleName(r);
            entry.matchName = matchName(r, m);
            entry.prefix = *match.uri->prefix;
            entry.port = match.port;
            // An unset method means GET to this comparison.
            entry.method = match.method ? tagged(match.method) : QStringLiteral("exact:GET");
            entry.authority = tagged(match.authority);
            entry.headers = taggedMap(match.headers);
            entry.queryParams = taggedMap(match.queryParams);
            entry.withoutHeaders = taggedMap(match.withoutHeaders);
            prefixes.push_back(std::move(entry));
        }
    }
    for (size_t i = 0; i < prefixes.size(); ++i) {
        for (size_t j = i + 1; j < prefixes.size(); ++j) {
            const PrefixMatch &a = prefixes[i];
            const PrefixMatch &b = prefixes[j];
            if (a.prefix == b.prefix || !coversPrefix(a, b))
                continue;
            order.ineffective(
                b.rule, b.match, b.ruleName,
                QStringLiteral("%1 of prefix %2").arg(b.matchName, b.prefix),
                QStringLiteral("%1 of prefix %2 on %3").arg(a.matchName, a.prefix, a.ruleName));
        }
    }
}

} // namespace

void checkUnreachableRules(const Istio::VirtualServiceSpec &spec, Reporter &reporter)
{
    checkHttp(spec.http, reporter);
    auto ruleName = [](int r) { return indexName(r); };
    auto matchName = [](int, int m) { return indexName(m); };
    RuleOrder(reporter, QStringLiteral("spec.tcp"))
        .checkDuplicates(spec.tcp, comparableL4<Istio::L4MatchAttributes>, ruleName, matchName);
    RuleOrder(reporter, QStringLiteral("spec.tls"))
        .checkDuplicates(spec.tls, comparableL4<Istio::TLSMatchAttributes>, ruleName, matchName);
}

} // namespace Validation
