#include "precedence.h"

#include <QHash>
#include <QSet>
#include <map>
#include <tuple>

namespace ToGatewayApi {
namespace {

int pathRank(GatewayMatch::PathType type)
{
    switch (type) {
    case GatewayMatch::PathType::Exact:
        return 3;
    case GatewayMatch::PathType::Prefix:
        return 2;
    case GatewayMatch::PathType::Regex:
        break;
    }
    return 1;
}

QString routeLabel(const PrecedenceUnit &unit)
{
    QString label = QStringLiteral("http[%1]").arg(unit.httpIndex);
    if (unit.matchIndex >= 0)
        label += QStringLiteral(".match[%1]").arg(unit.matchIndex);
    if (!unit.routeName.isEmpty())
        label += QStringLiteral(" (\"%1\")").arg(unit.routeName);
    return label;
}

QString fieldPath(const PrecedenceUnit &unit)
{
    QString path = QStringLiteral("spec.http[%1]").arg(unit.httpIndex);
    if (unit.matchIndex >= 0)
        path += QStringLiteral(".match[%1]").arg(unit.matchIndex);
    return path;
}

QString describe(const GatewayMatch &match)
{
    QString text;
    switch (match.pathType) {
    case GatewayMatch::PathType::Exact:
        text = QStringLiteral("Exact %1").arg(match.path);
        break;
    case GatewayMatch::PathType::Prefix:
        text = QStringLiteral("PathPrefix %1").arg(match.path);
        break;
    case GatewayMatch::PathType::Regex:
        text = QStringLiteral("RegularExpression %1").arg(match.path);
        break;
    }
    if (!match.method.isEmpty())
        text += QStringLiteral(", method ") + match.method;
    if (!match.headers.empty())
        text += QStringLiteral(", %1 header match(es)").arg(match.headers.size());
    if (!match.queryParams.empty())
        text += QStringLiteral(", %1 query match(es)").arg(match.queryParams.size());
    return text;
}

} // namespace

bool gatewayApiBefore(const PrecedenceUnit &a, const PrecedenceUnit &b)
{
    const auto key = [](const PrecedenceUnit &u) {
        const GatewayMatch &m = u.match;
        // Larger sorts first for the first five criteria, hence the negations.
        return std::make_tuple(-pathRank(m.pathType), -int(m.path.size()),
                               m.method.isEmpty() ? 1 : 0, -int(m.headers.size()),
                               -int(m.queryParams.size()), u.routeOrder, u.ruleIndex,
                               u.gatewayMatchIndex);
    };
    return key(a) < key(b);
}

bool istioBefore(const PrecedenceUnit &a, const PrecedenceUnit &b)
{
    const auto key = [](const PrecedenceUnit &u) {
        return std::make_tuple(int(u.phase), u.vsOrder, u.httpIndex, u.matchIndex);
    };
    return key(a) < key(b);
}

void checkPrecedence(const std::vector<PrecedenceUnit> &units, LossReport &report)
{
    // Units per virtual host, in input order.
    std::map<QString, std::vector<const PrecedenceUnit *>> byVhost;
    for (const PrecedenceUnit &unit : units) {
        for (const QString &vhost : unit.vhosts)
            byVhost[vhost].push_back(&unit);
    }
    QSet<QString> reported;
    for (const auto &[vhost, members] : byVhost) {
        for (const PrecedenceUnit *earlier : members) {
            for (const PrecedenceUnit *later : members) {
                if (!istioBefore(*earlier, *later) || !gatewayApiBefore(*later, *earlier))
                    continue;
                // Same Istio route: same action, order does not matter.
                if (earlier->vs.id == later->vs.id && earlier->httpIndex == later->httpIndex)
                    continue;
                // Neither was reachable in Istio: nothing to compare with.
                if (earlier->phase == PrecedenceUnit::Phase::Unreachable)
                    continue;
                const OverlapResult overlap = overlapOf(earlier->match, later->match);
                if (overlap.overlap == Overlap::None)
                    continue;
                const QString key = QStringLiteral("%1|%2|%3|%4")
                                        .arg(earlier->vs.id.text(), fieldPath(*earlier),
                                             later->vs.id.text(), fieldPath(*later));
                if (reported.contains(key))
                    continue;
                reported.insert(key);

                const bool sameVs = earlier->vs.id == later->vs.id;
                const QString earlierName =
                    sameVs ? routeLabel(*earlier)
                           : earlier->vs.id.text() + QLatin1Char(' ') + routeLabel(*earlier);
                const bool wasShadowed = later->phase == PrecedenceUnit::Phase::Unreachable;
                const bool certain = overlap.overlap == Overlap::Certain;
                QString what =
                    QStringLiteral("%1 [%2] comes after %3 [%4] in Istio's first-match order, "
                                   "but Gateway API precedence evaluates it first (in %5)")
                        .arg(routeLabel(*later), describe(later->match), earlierName,
                             describe(earlier->match), vhost);
                QString consequence =
                    wasShadowed ? QStringLiteral("Istio never reached %1 (%2 caught its requests "
                                                 "first); under Gateway API it takes them")
                                      .arg(routeLabel(*later), earlierName)
                                : QStringLiteral("requests that match both go to %1 instead of %2")
                                      .arg(routeLabel(*later), earlierName);
                if (!certain)
                    consequence = QStringLiteral("if a request can match both, ") + consequence;
                LossEntry &entry =
                    report.add(certain ? Severity::ChangedBehaviour : Severity::Note,
                               certain ? QStringLiteral("precedence-reorder")
                                       : QStringLiteral("precedence-reorder-possible"),
                               later->vs, fieldPath(*later), what, consequence);
                entry.related = earlier->vs.id;
                entry.relatedFieldPath = fieldPath(*earlier);
                if (!overlap.example.isEmpty())
                    entry.example = overlap.example;
            }
        }
    }
}

} // namespace ToGatewayApi
