#include "httpmatches.h"

#include "regexsample.h"
#include "yamlnodes.h"

namespace ToGatewayApi {
namespace {

const QStringList GATEWAY_API_METHODS = {
    QStringLiteral("GET"),     QStringLiteral("HEAD"),   QStringLiteral("POST"),
    QStringLiteral("PUT"),     QStringLiteral("DELETE"), QStringLiteral("CONNECT"),
    QStringLiteral("OPTIONS"), QStringLiteral("TRACE"),  QStringLiteral("PATCH")};

QString quoted(const QString &text)
{
    return QString::fromStdString(quoteRegex(text.toStdString()));
}

// What Gateway API accepts as an Exact or PathPrefix value.
bool isValidPathValue(const QString &path)
{
    if (!path.startsWith(QLatin1Char('/')))
        return false;
    for (const char *bad : {"//", "/./", "/../", "%2f", "%2F", "#"}) {
        if (path.contains(QLatin1String(bad)))
            return false;
    }
    return !path.endsWith(QLatin1String("/..")) && !path.endsWith(QLatin1String("/."));
}

void setPath(ConvertedMatch &out, GatewayMatch::PathType type, const QString &value)
{
    static const char *TYPE_NAMES[] = {"Exact", "PathPrefix", "RegularExpression"};
    out.node["path"]["type"] = Nodes::text(QString::fromLatin1(TYPE_NAMES[int(type)]));
    out.node["path"]["value"] = Nodes::text(value);
    out.match.pathType = type;
    out.match.path = value;
}

} // namespace

std::vector<ConvertedMatch> MatchConverter::convert(const Istio::HTTPMatchRequest &match,
                                                    const QString &path)
{
    LossReport &report = m_context.report;
    ConvertedMatch base;
    base.node = Nodes::map();
    if (!convertUri(match, path, base))
        return {};
    convertValues(match.headers, true, path + QStringLiteral(".headers"), base);
    convertValues(match.queryParams, false, path + QStringLiteral(".queryParams"), base);

    if (!match.withoutHeaders.empty()) {
        QStringList names;
        for (const auto &entry : match.withoutHeaders.entries)
            names << entry.first;
        report.add(Severity::ChangedBehaviour, QStringLiteral("without-headers"), m_vs,
                   path + QStringLiteral(".withoutHeaders"),
                   QStringLiteral("withoutHeaders on %1 (a negated header match)")
                       .arg(names.join(QStringLiteral(", "))),
                   QStringLiteral("Gateway API cannot negate a match: the condition is dropped "
                                  "and the route also takes requests that carry those headers"));
    }
    if (match.authority)
        report.add(Severity::ChangedBehaviour, QStringLiteral("authority-match"), m_vs,
                   path + QStringLiteral(".authority"),
                   QStringLiteral("a match on the authority (Host header, with its port)"),
                   QStringLiteral("Gateway API matches hosts only through the route's "
                                  "hostnames: the condition is dropped and the route takes "
                                  "requests for every hostname of the route; move it to an "
                                  "HTTPRoute of its own with that hostname"));
    if (match.name)
        report.add(Severity::Note, QStringLiteral("match-name"), m_vs,
                   path + QStringLiteral(".name"),
                   QStringLiteral("match name \"%1\" (part of Istio's route statistics name)")
                       .arg(*match.name),
                   QStringLiteral("Gateway API matches have no names"));
    if (match.statPrefix)
        report.add(Severity::Note, QStringLiteral("stat-prefix"), m_vs,
                   path + QStringLiteral(".statPrefix"),
                   QStringLiteral("statPrefix \"%1\"").arg(*match.statPrefix),
                   QStringLiteral("per-route statistics are not configurable in Gateway API"));

    if (!match.method)
        return {base};
    bool ok = true;
    const QStringList methodList = methods(*match.method, path + QStringLiteral(".method"), &ok);
    if (!ok)
        return {};
    std::vector<ConvertedMatch> out;
    for (const QString &method : methodList) {
        ConvertedMatch converted;
        converted.node = YAML::Clone(base.node);
        converted.node["method"] = Nodes::text(method);
        converted.match = base.match;
        converted.match.method = method;
        out.push_back(std::move(converted));
    }
    return out;
}

bool MatchConverter::convertUri(const Istio::HTTPMatchRequest &match, const QString &path,
                                ConvertedMatch &out)
{
    if (!match.uri)
        return true;
    LossReport &report = m_context.report;
    const QString uriPath = path + QStringLiteral(".uri");
    const Istio::StringMatch &uri = *match.uri;
    const bool ignoreCase = match.ignoreUriCase.value_or(false) && !uri.regex;
    using Type = GatewayMatch::PathType;
    if (ignoreCase) {
        const QString value = uri.exact ? *uri.exact : uri.prefix.value_or(QString());
        const QString regex =
            QStringLiteral("(?i)") + quoted(value) + (uri.exact ? QString() : QStringLiteral(".*"));
        setPath(out, Type::Regex, regex);
        report.add(Severity::ChangedBehaviour, QStringLiteral("ignore-uri-case"), m_vs,
                   path + QStringLiteral(".ignoreUriCase"),
                   QStringLiteral("case-insensitive %1 match on %2")
                       .arg(uri.exact ? QStringLiteral("exact") : QStringLiteral("prefix"), value),
                   QStringLiteral("Gateway API has no case-insensitive path match: written as "
                                  "RegularExpression %1, which matches the same paths but ranks "
                                  "below every Exact and PathPrefix match")
                       .arg(regex));
        return true;
    }
    if (uri.exact) {
        if (isValidPathValue(*uri.exact)) {
            setPath(out, Type::Exact, *uri.exact);
        } else {
            setPath(out, Type::Regex, quoted(*uri.exact));
            report.add(Severity::Note, QStringLiteral("uri-path-form"), m_vs, uriPath,
                       QStringLiteral("exact path \"%1\" is not a value Gateway API accepts for "
                                      "an Exact match")
                           .arg(*uri.exact),
                       QStringLiteral("written as an equivalent RegularExpression, which ranks "
                                      "below Exact and PathPrefix matches"));
        }
        return true;
    }
    if (uri.prefix) {
        const QString &prefix = *uri.prefix;
        if (prefix.isEmpty() || prefix == QLatin1String("/")) {
            setPath(out, Type::Prefix, QStringLiteral("/"));
        } else if (!isValidPathValue(prefix)) {
            setPath(out, Type::Regex, quoted(prefix) + QStringLiteral(".*"));
            report.add(Severity::Note, QStringLiteral("uri-path-form"), m_vs, uriPath,
                       QStringLiteral("prefix \"%1\" is not a value Gateway API accepts for a "
                                      "PathPrefix match")
                           .arg(prefix),
                       QStringLiteral("written as an equivalent RegularExpression, which ranks "
                                      "below Exact and PathPrefix matches"));
        } else {
            setPath(out, Type::Prefix, prefix);
            if (m_gatewaySemantics) {
                // Generated from Gateway API: Istio already matched whole path elements.
            } else if (prefix.endsWith(QLatin1Char('/'))) {
                LossEntry &entry = report.add(
                    Severity::ChangedBehaviour, QStringLiteral("prefix-trailing-slash"), m_vs,
                    uriPath,
                    QStringLiteral("prefix \"%1\" ends with \"/\"; Gateway API ignores a "
                                   "trailing \"/\" of a PathPrefix")
                        .arg(prefix),
                    QStringLiteral("the route now also matches %1 itself, which Istio did not")
                        .arg(prefix.chopped(1)));
                entry.example = QStringLiteral("GET ") + prefix.chopped(1);
            } else {
                LossEntry &entry = report.add(
                    Severity::ChangedBehaviour, QStringLiteral("prefix-not-path-aligned"), m_vs,
                    uriPath,
                    QStringLiteral("prefix \"%1\" is a plain string prefix in Istio; PathPrefix "
                                   "matches whole path elements")
                        .arg(prefix),
                    QStringLiteral("%1 and %1/... still match, but %1bar no longer does (it "
                                   "falls to a later route or 404); add a RegularExpression "
                                   "match %2.* if such paths exist")
                        .arg(prefix, quoted(prefix)));
                entry.example = QStringLiteral("GET ") + prefix + QStringLiteral("bar");
            }
        }
        return true;
    }
    if (uri.regex)
        setPath(out, Type::Regex, *uri.regex);
    return true;
}

void MatchConverter::convertValues(const Istio::OrderedMap<Istio::StringMatch> &values,
                                   bool headers, const QString &path, ConvertedMatch &out)
{
    LossReport &report = m_context.report;
    const char *key = headers ? "headers" : "queryParams";
    const QString what = headers ? QStringLiteral("header") : QStringLiteral("query parameter");
    for (const auto &[name, match] : values.entries) {
        const QString fieldPath = path + QLatin1Char('.') + name;
        if (headers && (name.startsWith(QLatin1Char(':')) || name.startsWith(QLatin1Char('@')))) {
            report.add(Severity::ChangedBehaviour, QStringLiteral("header-pseudo"), m_vs, fieldPath,
                       name.startsWith(QLatin1Char('@'))
                           ? QStringLiteral("match on JWT claim %1").arg(name)
                           : QStringLiteral("match on pseudo-header %1").arg(name),
                       QStringLiteral("Gateway API header matches take header names only: the "
                                      "condition is dropped and the route matches more "
                                      "requests"));
            continue;
        }
        ValueCondition condition;
        condition.name = name;
        if (match.exact) {
            condition.value = *match.exact;
            if (condition.value.isEmpty()) {
                condition.regex = true; // an empty value is not accepted for Exact
                condition.value = QStringLiteral("^$");
            }
        } else if (match.prefix) {
            condition.regex = true;
            condition.value = quoted(*match.prefix) + QStringLiteral(".*");
            report.add(
                Severity::Note, QStringLiteral("string-prefix-as-regex"), m_vs, fieldPath,
                QStringLiteral("%1 %2 matched by prefix \"%3\"").arg(what, name, *match.prefix),
                QStringLiteral("Gateway API has no prefix match for %1s: written as "
                               "RegularExpression %2 (same values)")
                    .arg(what, condition.value));
        } else if (!match.regex || *match.regex == QLatin1String("*")) {
            condition.regex = true;
            condition.value = QStringLiteral(".*");
            report.add(Severity::Note, QStringLiteral("presence-match"), m_vs, fieldPath,
                       QStringLiteral("%1 %2 must be present (any value)").arg(what, name),
                       QStringLiteral("written as RegularExpression .* (any value of a present "
                                      "%1)")
                           .arg(what));
        } else {
            condition.regex = true;
            condition.value = *match.regex;
        }
        YAML::Node item = Nodes::map();
        item["name"] = Nodes::text(name);
        item["type"] = Nodes::text(condition.regex ? QStringLiteral("RegularExpression")
                                                   : QStringLiteral("Exact"));
        item["value"] = Nodes::text(condition.value);
        out.node[key].push_back(item);
        (headers ? out.match.headers : out.match.queryParams).push_back(condition);
    }
}

QStringList MatchConverter::methods(const Istio::StringMatch &method, const QString &path, bool *ok)
{
    LossReport &report = m_context.report;
    if (method.exact && GATEWAY_API_METHODS.contains(*method.exact))
        return {*method.exact};
    QStringList expanded;
    QString pattern;
    if (method.prefix) {
        pattern = QStringLiteral("prefix \"%1\"").arg(*method.prefix);
        for (const QString &m : GATEWAY_API_METHODS) {
            if (m.startsWith(*method.prefix))
                expanded << m;
        }
    } else if (method.regex) {
        pattern = QStringLiteral("regex \"%1\"").arg(*method.regex);
        for (const QString &m : GATEWAY_API_METHODS) {
            if (regexFullMatch(method.regex->toStdString(), m.toStdString()))
                expanded << m;
        }
    } else if (method.exact) {
        pattern = QStringLiteral("\"%1\"").arg(*method.exact);
    }
    if (expanded.isEmpty()) {
        *ok = false;
        report.add(Severity::ChangedBehaviour, QStringLiteral("method-match"), m_vs, path,
                   QStringLiteral("method %1 matches none of Gateway API's methods (%2)")
                       .arg(pattern, GATEWAY_API_METHODS.join(QStringLiteral(", "))),
                   QStringLiteral("the match block is left out: its requests fall to later "
                                  "routes"));
        return {};
    }
    report.add(Severity::Note, QStringLiteral("method-match"), m_vs, path,
               QStringLiteral("method %1").arg(pattern),
               QStringLiteral("Gateway API matches one method per match: written as %1 "
                              "match(es) for %2; other, non-standard methods no longer match")
                   .arg(expanded.size())
                   .arg(expanded.join(QStringLiteral(", "))));
    return expanded;
}

} // namespace ToGatewayApi
