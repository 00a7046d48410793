#include "nearmisses.h"

#include "decide.h"
#include "matchblock.h"

#include <algorithm>

namespace Route {
namespace {

// Hosts further apart than this are not "close"; only the closest few are worth reading.
constexpr int MAX_HOST_MISSES = 5;

QString quoted(const QString &text)
{
    return QLatin1Char('"') + text + QLatin1Char('"');
}

QString phrase(const ConditionMismatch &mismatch)
{
    const QString actual = mismatch.actual ? quoted(*mismatch.actual) : QStringLiteral("(absent)");
    if (mismatch.condition == QLatin1String("uri"))
        return QStringLiteral("uri %1 does not match %2").arg(mismatch.expected, actual);
    if (mismatch.inverted)
        return mismatch.expected == QLatin1String("present")
                   ? QStringLiteral("%1: must be absent, the request has %2")
                         .arg(mismatch.condition, actual)
                   : QStringLiteral("%1: %2 must not match, the request has %3")
                         .arg(mismatch.condition, mismatch.expected, actual);
    return QStringLiteral("%1: %2 ≠ %3").arg(mismatch.condition, mismatch.expected, actual);
}

QString routeSubject(const Runtime::HttpRoute &route)
{
    QString subject = QStringLiteral("route ") + route.indexLabel;
    if (!route.name.isEmpty())
        subject += QStringLiteral(" '%1'").arg(route.name);
    if (route.matchIndex > 0)
        subject += QStringLiteral(" match[%1]").arg(route.matchIndex);
    return subject + QStringLiteral(" of ") + route.virtualService->qualifiedName();
}

// Levenshtein distance; host names are short, so the plain table is fine.
int editDistance(const QString &a, const QString &b)
{
    std::vector<int> previous(size_t(b.size()) + 1);
    std::vector<int> current(previous.size());
    for (size_t j = 0; j < previous.size(); ++j)
        previous[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        current[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int substitute = previous[size_t(j - 1)] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[size_t(j)] =
                std::min({previous[size_t(j)] + 1, current[size_t(j - 1)] + 1, substitute});
        }
        std::swap(previous, current);
    }
    return previous.back();
}

QString hostWithoutPort(const QString &authority)
{
    const qsizetype colon = authority.lastIndexOf(QLatin1Char(':'));
    const bool hasPort = colon >= 0 && authority.indexOf(QLatin1Char(']')) < colon;
    return (hasPort ? authority.left(colon) : authority).toLower();
}

std::vector<NearMiss> virtualHostMisses(const Runtime::RouteTable &table, const QString &authority)
{
    const QString host = hostWithoutPort(authority);
    struct Scored {
        int distance;
        NearMiss miss;
    };
    std::vector<Scored> scored;
    for (const Runtime::VirtualHost &vhost : table.virtualHosts) {
        NearMiss miss{QStringLiteral("virtual host"),
                      QStringLiteral("virtual host ") + vhost.domain, QString()};
        int distance = 0;
        if (vhost.domain.startsWith(QLatin1String("*."))) {
            const QString suffix = vhost.domain.mid(1);
            const QString bare = suffix.mid(1);
            distance = editDistance(host.right(suffix.size()), suffix);
            miss.reason = host == bare ? QStringLiteral("Host %1 has no label before %2, which "
                                                        "the wildcard needs")
                                             .arg(quoted(host), quoted(suffix))
                                       : QStringLiteral("Host %1 does not end in %2")
                                             .arg(quoted(host), quoted(suffix));
        } else {
            distance = editDistance(host, vhost.domain);
            miss.reason = QStringLiteral("Host %1 ≠ %2 (%3 apart)")
                              .arg(quoted(host), quoted(vhost.domain))
                              .arg(distance == 1 ? QStringLiteral("1 character")
                                                 : QStringLiteral("%1 characters").arg(distance));
        }
        scored.push_back({distance, std::move(miss)});
    }
    std::stable_sort(scored.begin(), scored.end(),
                     [](const Scored &a, const Scored &b) { return a.distance < b.distance; });
    std::vector<NearMiss> misses;
    for (size_t i = 0; i < scored.size() && i < size_t(MAX_HOST_MISSES); ++i)
        misses.push_back(std::move(scored[i].miss));
    return misses;
}

} // namespace

std::vector<NearMiss> nearMisses(const Runtime::Config &config, const Request &request,
                                 const Decision &decision)
{
    if (decision.routeTable.isEmpty() || request.protocol != Request::Protocol::Http)
        return {};
    const auto table =
        std::find_if(config.routeTables.begin(), config.routeTables.end(),
                     [&](const Runtime::RouteTable &t) { return t.name == decision.routeTable; });
    if (table == config.routeTables.end() || decision.status == 426)
        return {};
    const int vhostIndex = table->findVirtualHost(request.authority);
    if (vhostIndex < 0)
        return virtualHostMisses(*table, request.authority);
    const Runtime::VirtualHost &host = table->virtualHosts[size_t(vhostIndex)];
    if (host.requireTls && !request.tls)
        return {}; // redirected before any route is looked at
    // The same walk as decide(): every route before the first that matches lost.
    const QString path = normalizePath(request.pathAndQuery);
    std::vector<NearMiss> misses;
    for (const Runtime::HttpRoute &route : host.routes) {
        const std::optional<ConditionMismatch> mismatch = firstMismatch(route.match, request, path);
        if (!mismatch)
            break;
        misses.push_back({QStringLiteral("route"), routeSubject(route), phrase(*mismatch)});
    }
    return misses;
}

Decision decideExplained(const Runtime::Config &config, const Request &request)
{
    Decision decision = decide(config, request, true);
    decision.nearMisses = nearMisses(config, request, decision);
    return decision;
}

} // namespace Route
