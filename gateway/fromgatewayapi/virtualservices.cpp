#include "virtualservices.h"

#include "gateways.h"
#include "httprules.h"
#include "precedence.h"
#include "routebinding.h"

#include <algorithm>

namespace FromGatewayApi {
namespace {

const QString PARENTS_ANNOTATION = QStringLiteral("internal.istio.io/parents");
const QString SEMANTICS_ANNOTATION = QStringLiteral("internal.istio.io/route-semantics");

// One route's contribution to the VirtualService of one (listener, hostname) key.
struct Part {
    QString key; // "<gateway ns>/<generated gateway>/<hostname>"
    QString gateway;
    QString host;
    const SourceInfo *source = nullptr;
    std::vector<Istio::HTTPRoute> routes;
};

template <class T> std::vector<const Read<T> *> inCreationOrder(const std::vector<Read<T>> &reads)
{
    std::vector<const Read<T> *> ordered;
    for (const Read<T> &read : reads)
        ordered.push_back(&read);
    // istiod's order: creation time, then namespace, then name.
    std::stable_sort(ordered.begin(), ordered.end(), [](const auto *a, const auto *b) {
        return std::tie(a->source.creationTimestamp, a->source.nameSpace, a->source.name) <
               std::tie(b->source.creationTimestamp, b->source.nameSpace, b->source.name);
    });
    return ordered;
}

QString parentsValue(const SourceInfo &source)
{
    return QStringLiteral("%1/%2.%3").arg(source.kind, source.name, source.nameSpace);
}

TranslatedVirtualService makeVirtualService(const SourceInfo &source, const QString &name,
                                            const QString &gateway, const QString &host)
{
    TranslatedVirtualService translated;
    Istio::VirtualService &vs = translated.virtualService;
    vs.apiVersion = QStringLiteral("networking.istio.io/v1");
    vs.kind = QStringLiteral("VirtualService");
    vs.metadata.name = name;
    vs.metadata.nameSpace = source.nameSpace;
    vs.metadata.annotations.set(PARENTS_ANNOTATION, parentsValue(source));
    vs.metadata.annotations.set(SEMANTICS_ANNOTATION, QStringLiteral("gateway"));
    vs.spec.gateways = {gateway};
    vs.spec.hosts = {host};
    translated.origin = {source.kind,
                         source.nameSpace,
                         source.name,
                         source.file,
                         source.positionOf(QStringLiteral("metadata.name")),
                         source.creationTimestamp};
    return translated;
}

QString l4Name(const SourceInfo &source, const char *kind, int count)
{
    return QStringLiteral("%1~%2~%3~%4")
        .arg(source.name, QLatin1String(kind))
        .arg(count)
        .arg(QLatin1String(GENERATED_NAME_MARK));
}

BackendContext contextFor(const SourceInfo &source, const Inputs &inputs,
                          const ReferenceGrants &grants, const Options &options)
{
    return BackendContext{inputs, grants, options, source.kind, source.nameSpace};
}

// The destinations of every rule of a TLSRoute or TCPRoute; nullopt when istiod rejects it.
std::optional<std::vector<std::vector<Istio::RouteDestination>>>
l4Rules(const Read<L4Route> &route, const BackendContext &context, Core::Diagnostics &out)
{
    std::vector<std::vector<Istio::RouteDestination>> rules;
    for (std::size_t n = 0; n < route.object.spec.rules.size(); ++n) {
        std::optional<std::vector<Istio::RouteDestination>> destinations =
            convertL4Backends(route.source, QStringLiteral("spec.rules[%1]").arg(n),
                              route.object.spec.rules[n].backendRefs, context, out);
        if (!destinations)
            return std::nullopt;
        rules.push_back(std::move(*destinations));
    }
    return rules;
}

void addTcpRoutes(const Inputs &inputs, const ParentIndex &parents, const ReferenceGrants &grants,
                  const Options &options, Core::Diagnostics &out,
                  std::vector<TranslatedVirtualService> &result)
{
    for (const Read<L4Route> *route : inCreationOrder(inputs.tcpRoutes)) {
        const std::vector<const ListenerParent *> attached =
            attachRoute(route->source, route->object.spec.parentRefs, {}, parents, out);
        if (attached.empty())
            continue;
        const auto rules = l4Rules(*route, contextFor(route->source, inputs, grants, options), out);
        if (!rules || rules->empty())
            continue;
        int count = 0;
        for (const ListenerParent *parent : attached) {
            TranslatedVirtualService vs =
                makeVirtualService(route->source, l4Name(route->source, "tcp", count++),
                                   parent->internalName, QStringLiteral("*"));
            for (const auto &destinations : *rules)
                vs.virtualService.spec.tcp.push_back(Istio::TCPRoute{{}, destinations});
            result.push_back(std::move(vs));
        }
    }
}

void addTlsRoutes(const Inputs &inputs, const ParentIndex &parents, const ReferenceGrants &grants,
                  const Options &options, Core::Diagnostics &out,
                  std::vector<TranslatedVirtualService> &result)
{
    for (const Read<L4Route> *route : inCreationOrder(inputs.tlsRoutes)) {
        const StringList &hostnames = route->object.spec.hostnames;
        const std::vector<const ListenerParent *> attached =
            attachRoute(route->source, route->object.spec.parentRefs, hostnames, parents, out);
        if (attached.empty())
            continue;
        const auto rules = l4Rules(*route, contextFor(route->source, inputs, grants, options), out);
        if (!rules || rules->empty())
            continue;
        const StringList hosts = hostnames.empty() ? StringList{QStringLiteral("*")} : hostnames;
        Istio::TLSMatchAttributes match;
        match.sniHosts = hosts;
        int count = 0;
        for (const ListenerParent *parent : attached) {
            for (const QString &host : hosts) {
                TranslatedVirtualService vs =
                    makeVirtualService(route->source, l4Name(route->source, "tls", count++),
                                       parent->internalName, host);
                for (const auto &destinations : *rules)
                    vs.virtualService.spec.tls.push_back(Istio::TLSRoute{{match}, destinations});
                result.push_back(std::move(vs));
            }
        }
    }
}

// The parts of one HTTPRoute or GRPCRoute: its generated routes, once per allowed hostname of
// each listener it attaches to.
void addHttpParts(const SourceInfo &source, const std::vector<ParentReference> &parentRefs,
                  const StringList &hostnames, std::vector<Istio::HTTPRoute> routes,
                  const ParentIndex &parents, Core::Diagnostics &out, std::vector<Part> &parts)
{
    const std::vector<const ListenerParent *> attached =
        attachRoute(source, parentRefs, hostnames, parents, out);
    if (attached.empty() || routes.empty())
        return;
    sortByPrecedence(routes);
    const StringList hosts = hostnames.empty() ? StringList{QStringLiteral("*")} : hostnames;
    for (const ListenerParent *parent : attached) {
        for (const QString &host : hosts) {
            if (!hostnameAllowedOn(*parent, host))
                continue;
            parts.push_back({parent->internalName + QLatin1Char('/') + host, parent->internalName,
                             host, &source, routes});
        }
    }
}

void addHttpRoutes(const Inputs &inputs, const ParentIndex &parents, const ReferenceGrants &grants,
                   const Options &options, Core::Diagnostics &out,
                   std::vector<TranslatedVirtualService> &result)
{
    std::vector<Part> parts;
    for (const Read<HttpRoute> *route : inCreationOrder(inputs.httpRoutes)) {
        std::optional<std::vector<Istio::HTTPRoute>> routes =
            convertHttpRules(*route, contextFor(route->source, inputs, grants, options), out);
        if (routes)
            addHttpParts(route->source, route->object.spec.parentRefs, route->object.spec.hostnames,
                         std::move(*routes), parents, out, parts);
    }
    for (const Read<GrpcRoute> *route : inCreationOrder(inputs.grpcRoutes)) {
        std::optional<std::vector<Istio::HTTPRoute>> routes =
            convertGrpcRules(*route, contextFor(route->source, inputs, grants, options), out);
        if (routes)
            addHttpParts(route->source, route->object.spec.parentRefs, route->object.spec.hostnames,
                         std::move(*routes), parents, out, parts);
    }
    // Merged per key in the routes' creation order (HTTPRoutes and GRPCRoutes together).
    std::stable_sort(parts.begin(), parts.end(), [](const Part &a, const Part &b) {
        return std::tie(a.source->creationTimestamp, a.source->nameSpace, a.source->name) <
               std::tie(b.source->creationTimestamp, b.source->nameSpace, b.source->name);
    });
    QHash<QString, std::size_t> byKey;
    const std::size_t first = result.size();
    for (Part &part : parts) {
        const auto existing = byKey.constFind(part.key);
        if (existing == byKey.constEnd()) {
            byKey.insert(part.key, result.size());
            TranslatedVirtualService vs = makeVirtualService(
                *part.source, QString(part.key).replace(QLatin1Char('/'), QLatin1Char('~')),
                part.gateway, part.host);
            vs.virtualService.spec.http = std::move(part.routes);
            result.push_back(std::move(vs));
            continue;
        }
        Istio::VirtualService &vs = result[*existing].virtualService;
        for (Istio::HTTPRoute &route : part.routes)
            vs.spec.http.push_back(std::move(route));
        vs.metadata.annotations.set(PARENTS_ANNOTATION,
                                    *vs.metadata.annotations.value(PARENTS_ANNOTATION) +
                                        QLatin1Char(',') + parentsValue(*part.source));
    }
    for (std::size_t i = first; i < result.size(); ++i)
        sortByPrecedence(result[i].virtualService.spec.http);
}

} // namespace

std::vector<TranslatedVirtualService>
translateRoutes(const Inputs &inputs, const ParentIndex &parents, const ReferenceGrants &grants,
                const Options &options, Core::Diagnostics &out)
{
    std::vector<TranslatedVirtualService> result;
    addTcpRoutes(inputs, parents, grants, options, out, result);
    addTlsRoutes(inputs, parents, grants, options, out, result);
    addHttpRoutes(inputs, parents, grants, options, out, result);
    return result;
}

} // namespace FromGatewayApi
