#include "routebinding.h"

#include "compile/hostnames.h"
#include "core/diagnosticcodes.h"

#include <algorithm>

namespace FromGatewayApi {
namespace {

const QString GATEWAY_GROUP = QStringLiteral("gateway.networking.k8s.io");

QString describeHostname(const QString &hostname)
{
    return hostname.isEmpty() ? QStringLiteral("(any host)")
                              : QLatin1Char('"') + hostname + QLatin1Char('"');
}

// Why the listener refuses the parentRef, or an empty string when it accepts it.
QString refusal(const ListenerParent &parent, const ParentReference &ref,
                const QStringList &hostnames, const QString &routeNamespace,
                const QString &routeKind)
{
    if (ref.port && *ref.port != parent.port)
        return QStringLiteral("port %1 is not its port %2").arg(*ref.port).arg(parent.port);
    if (ref.sectionName && !ref.sectionName->isEmpty() && *ref.sectionName != parent.sectionName)
        return QStringLiteral("sectionName \"%1\" does not name it").arg(*ref.sectionName);
    bool matched = false;
    bool hostMatched = false;
    for (const QString &routeHostname : hostnames) {
        for (const QString &serverHost : parent.hosts) {
            const qsizetype slash = serverHost.indexOf(QLatin1Char('/'));
            const QString nameSpace = slash < 0 ? QStringLiteral("*") : serverHost.left(slash);
            const QString host = slash < 0 ? serverHost : serverHost.mid(slash + 1);
            const bool hostnameMatch = Compile::intersectHosts(host, routeHostname).has_value();
            hostMatched = hostMatched || hostnameMatch;
            matched = matched || (hostnameMatch &&
                                  (nameSpace == QLatin1String("*") || nameSpace == routeNamespace));
        }
    }
    if (!matched) {
        return hostMatched
                   ? QStringLiteral("the hostnames match its hostname %1, but its allowedRoutes "
                                    "do not admit namespace %2")
                         .arg(describeHostname(parent.originalHostname), routeNamespace)
                   : QStringLiteral("no route hostname matches its hostname %1")
                         .arg(describeHostname(parent.originalHostname));
    }
    const QString kindKey = GATEWAY_GROUP + QLatin1Char('/') + routeKind;
    if (!parent.allowedKinds.contains(kindKey))
        return QStringLiteral("it does not allow %1").arg(routeKind);
    return QString();
}

} // namespace

bool hostnameAllowedOn(const ListenerParent &parent, const QString &routeHostname)
{
    const QString &ours = parent.originalHostname;
    if (!ours.isEmpty() && !ours.startsWith(QLatin1Char('*')))
        return true; // the isolation rule is about wildcard listeners only
    if (!ours.isEmpty() && !Compile::intersectHosts(ours, routeHostname))
        return false;
    for (const QString &other : parent.bannedHostnames) {
        if (ours.size() > other.size())
            continue; // ours is longer, so more specific than the other
        if (!other.isEmpty() && Compile::isHostSubset(routeHostname, other))
            return false;
    }
    return true;
}

std::vector<const ListenerParent *> attachRoute(const SourceInfo &source,
                                                const std::vector<ParentReference> &parentRefs,
                                                const StringList &hostnames,
                                                const ParentIndex &parents, Core::Diagnostics &out)
{
    std::vector<const ListenerParent *> attached;
    QStringList routeHostnames;
    for (const QString &hostname : hostnames)
        routeHostnames << hostname;
    if (routeHostnames.isEmpty())
        routeHostnames << QStringLiteral("*");
    if (parentRefs.empty())
        out.append(
            makeNote(source, Core::Codes::GATEWAY_API_ROUTE_NOT_ATTACHED, QStringLiteral("spec"),
                     QStringLiteral("the route has no parentRefs, so no Gateway serves it")));

    for (std::size_t i = 0; i < parentRefs.size(); ++i) {
        const ParentReference &ref = parentRefs[i];
        const QString path = QStringLiteral("spec.parentRefs[%1]").arg(i);
        const QString group = ref.group.value_or(GATEWAY_GROUP);
        const QString kind = ref.kind.value_or(QStringLiteral("Gateway"));
        if (group != GATEWAY_GROUP || kind != QLatin1String("Gateway")) {
            const bool mesh = (group.isEmpty() && kind == QLatin1String("Service")) ||
                              (group == QLatin1String("networking.istio.io") &&
                               kind == QLatin1String("ServiceEntry"));
            out.append(makeNote(
                source, Core::Codes::GATEWAY_API_NOT_TRANSLATED, path,
                mesh ? QStringLiteral("a %1 parent makes this a mesh route for sidecars and "
                                      "waypoints; the ingress gateway does not serve it")
                           .arg(kind)
                     : QStringLiteral("parent %1/%2 is not a kind Istio's gateway controller "
                                      "attaches routes to; it is ignored")
                           .arg(group.isEmpty() ? QStringLiteral("core") : group, kind)));
            continue;
        }
        const QString key = ref.nameSpace.value_or(source.nameSpace) + QLatin1Char('/') +
                            ref.name.value_or(QString());
        const auto gateway = parents.gateways.constFind(key);
        if (gateway == parents.gateways.constEnd()) {
            const auto unhandled = parents.unhandled.constFind(key);
            out.append(makeNote(source, Core::Codes::GATEWAY_API_ROUTE_NOT_ATTACHED, path,
                                unhandled != parents.unhandled.constEnd()
                                    ? QStringLiteral("Gateway %1 is not translated (%2); the "
                                                     "route is not served through it")
                                          .arg(key, *unhandled)
                                    : QStringLiteral("Gateway %1 is not in the workspace; the "
                                                     "route is not served through it")
                                          .arg(key)));
            continue;
        }
        QStringList refusals;
        bool any = false;
        for (const ListenerParent &parent : *gateway) {
            const QString why = refusal(parent, ref, routeHostnames, source.nameSpace, source.kind);
            if (!why.isEmpty()) {
                refusals << QStringLiteral("listener %1: %2").arg(parent.sectionName, why);
                continue;
            }
            any = true;
            if (std::find(attached.begin(), attached.end(), &parent) == attached.end())
                attached.push_back(&parent);
        }
        if (!any)
            out.append(makeNote(source, Core::Codes::GATEWAY_API_ROUTE_NOT_ATTACHED, path,
                                QStringLiteral("no listener of Gateway %1 accepts the route%2%3")
                                    .arg(key, refusals.isEmpty() ? QString() : QStringLiteral(": "),
                                         refusals.join(QStringLiteral("; ")))));
    }
    std::sort(attached.begin(), attached.end(),
              [](const ListenerParent *a, const ListenerParent *b) {
                  return a->internalName < b->internalName;
              });
    return attached;
}

} // namespace FromGatewayApi
