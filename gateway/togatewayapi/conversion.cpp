#include "conversion.h"

#include "backendresolver.h"
#include "compile/inputs.h"
#include "context.h"
#include "gatewayconverter.h"
#include "httproutebuilder.h"
#include "l4routebuilder.h"
#include "names.h"
#include "precedence.h"
#include "routebinding.h"
#include "workspace/workspace.h"
#include "yaml/yamlwriter.h"
#include "yamlnodes.h"

#include <memory>

namespace ToGatewayApi {
namespace {

Source sourceOf(const Project::Document &document)
{
    return {{document.kind(), document.nameSpace(), document.name()}, &document};
}

// A delegate VirtualService: no hosts, no gateways (semantics doc §3.8).
bool isDelegate(const Istio::VirtualService &vs)
{
    return vs.spec.hosts.empty() && vs.spec.gateways.empty();
}

void convertVirtualService(Context &context, const VirtualServiceSource &vs, RouteBinding &binding,
                           int order, HttpRouteBuilder &http, L4RouteBuilder &l4,
                           std::vector<OutputObject> &httpRoutes,
                           std::vector<OutputObject> &tlsRoutes, std::vector<PrecedenceUnit> &units)
{
    LossReport &report = context.report;
    const Istio::VirtualServiceSpec &spec = vs.resource->spec;
    if (isDelegate(*vs.resource)) {
        report.add(Severity::Note, QStringLiteral("not-converted"), vs.source,
                   QStringLiteral("spec"),
                   QStringLiteral("a delegate VirtualService (no hosts): its routes are only "
                                  "used through the route that delegates to it"),
                   QStringLiteral("not converted on its own; the delegating route's entry says "
                                  "what becomes of it"));
        return;
    }
    if (binding.gateways().isEmpty()) {
        report.add(Severity::Lost, QStringLiteral("mesh"), vs.source,
                   QStringLiteral("spec.gateways"),
                   QStringLiteral("the VirtualService applies to the mesh (sidecars) only"),
                   QStringLiteral("Gateway API routes for the mesh (parentRefs to Services) are "
                                  "not generated: nothing is converted"));
        return;
    }
    if (binding.bindsMesh())
        report.add(Severity::Lost, QStringLiteral("mesh"), vs.source,
                   QStringLiteral("spec.gateways"),
                   QStringLiteral("the VirtualService also applies to the mesh (sidecars)"),
                   QStringLiteral("only its gateway part is converted; sidecars no longer get "
                                  "these routes from it"));
    if (!spec.exportTo.empty())
        report.add(Severity::Note, QStringLiteral("export-to"), vs.source,
                   QStringLiteral("spec.exportTo"),
                   QStringLiteral("exportTo has no Gateway API equivalent"),
                   QStringLiteral("routes attach where their parentRefs and the listeners' "
                                  "allowedRoutes permit; the parentRefs reproduce where Istio "
                                  "bound the VirtualService"));
    if (toDnsSubdomain(vs.source.id.name, QString()) != vs.source.id.name)
        report.add(
            Severity::Note, QStringLiteral("route-renamed"), vs.source,
            QStringLiteral("metadata.name"),
            QStringLiteral("\"%1\" is not a valid Kubernetes object name").arg(vs.source.id.name),
            QStringLiteral("the routes generated from it are named %1")
                .arg(toDnsSubdomain(vs.source.id.name, QStringLiteral("route"))));
    http.convert(vs, binding, order, httpRoutes, units);
    l4.convertTls(vs, binding, tlsRoutes);
}

} // namespace

OutputObject makeOutputObject(const QString &apiVersion, const QString &kind,
                              const QString &nameSpace, const QString &name,
                              const ResourceId &source)
{
    OutputObject object;
    object.apiVersion = apiVersion;
    object.kind = kind;
    object.nameSpace = nameSpace;
    object.name = name;
    object.source = source;
    object.node = Nodes::map();
    object.node["apiVersion"] = Nodes::text(apiVersion);
    object.node["kind"] = Nodes::text(kind);
    object.node["metadata"]["name"] = Nodes::text(name);
    object.node["metadata"]["namespace"] = Nodes::text(nameSpace);
    return object;
}

int Conversion::count(Severity severity) const
{
    return int(std::count_if(entries.begin(), entries.end(),
                             [&](const LossEntry &entry) { return entry.severity == severity; }));
}

const OutputObject *Conversion::find(const QString &kind, const QString &nameSpace,
                                     const QString &name) const
{
    for (const OutputObject &object : objects) {
        if (object.kind == kind && object.nameSpace == nameSpace && object.name == name)
            return &object;
    }
    return nullptr;
}

Conversion convert(const Project::Workspace &workspace, const Options &options)
{
    Context context;
    context.options = options;
    context.kube = Validation::readKubeObjects(workspace);

    std::vector<std::pair<Compile::Input<Istio::Gateway>, Source>> gateways;
    std::vector<std::pair<Compile::Input<Istio::VirtualService>, Source>> virtualServices;
    for (const Project::DocumentRef &ref : workspace.documents()) {
        const Project::Document &document = workspace.document(ref);
        if (const auto *gateway = std::get_if<Istio::Gateway>(&document.resource()))
            gateways.emplace_back(Compile::makeInput(document, *gateway), sourceOf(document));
        else if (const auto *vs = std::get_if<Istio::VirtualService>(&document.resource()))
            virtualServices.emplace_back(Compile::makeInput(document, *vs), sourceOf(document));
        else if (const auto *rule = std::get_if<Istio::DestinationRule>(&document.resource())) {
            context.destinationRules.push_back(rule);
            context.destinationRuleNamespaces.push_back(document.nameSpace());
        }
    }
    // Istio's order (creation time, name, namespace): which server claims a port first, and
    // the order in which VirtualServices' routes are concatenated.
    const auto byCreation = [](const auto &a, const auto &b) {
        return Compile::createdBefore(a.first, b.first);
    };
    std::stable_sort(gateways.begin(), gateways.end(), byCreation);
    std::stable_sort(virtualServices.begin(), virtualServices.end(), byCreation);

    Conversion conversion;
    conversion.options = options;
    GatewayConverter gatewayConverter(context);
    std::vector<OutputObject> gatewayObjects;
    for (const auto &[input, source] : gateways)
        gatewayObjects.push_back(gatewayConverter.convert(source, input.resource));

    std::vector<OutputObject> httpRoutes;
    for (const GatewayPlan &plan : context.gateways) {
        for (OutputObject &route : gatewayConverter.httpsRedirectRoutes(plan))
            httpRoutes.push_back(std::move(route));
    }

    BackendResolver backends(context);
    HttpRouteBuilder httpBuilder(context, backends);
    L4RouteBuilder l4Builder(context, backends);
    std::vector<OutputObject> tlsRoutes;
    std::vector<OutputObject> tcpRoutes;
    std::vector<PrecedenceUnit> units;
    std::vector<VirtualServiceSource> sources;
    for (const auto &[input, source] : virtualServices)
        sources.push_back({source, &input.resource, input.creationTimestamp});
    std::vector<std::unique_ptr<RouteBinding>> bindings;
    std::vector<RouteBinding *> bindingPointers;
    for (const VirtualServiceSource &vs : sources) {
        bindings.push_back(std::make_unique<RouteBinding>(context, vs));
        bindingPointers.push_back(bindings.back().get());
    }
    for (int i = 0; i < int(sources.size()); ++i)
        convertVirtualService(context, sources[i], *bindings[i], i, httpBuilder, l4Builder,
                              httpRoutes, tlsRoutes, units);
    l4Builder.convertTcp(sources, bindingPointers, tcpRoutes, tlsRoutes);
    checkPrecedence(units, context.report);

    const bool anyBackend =
        std::any_of(httpRoutes.begin(), httpRoutes.end(), [](const OutputObject &o) {
            return o.source.kind == QLatin1String("VirtualService");
        });
    if (anyBackend)
        context.report.addGeneral(
            Severity::Note, QStringLiteral("backend-errors"),
            QStringLiteral("a backend that does not exist (unknown Service, unresolved "
                           "reference)"),
            QStringLiteral("Gateway API answers 500 where Istio's VirtualService answered 503"));
    if (!context.destinationRules.empty())
        context.report.addGeneral(
            Severity::Note, QStringLiteral("destination-rules"),
            QStringLiteral("DestinationRules are not converted"),
            QStringLiteral("Istio applies them to Gateway API backends too (load balancing, "
                           "connection pools, TLS to the backend); only their subsets have no "
                           "use, as backendRefs cannot name one"));

    for (auto *group : {&gatewayObjects, &httpRoutes, &tlsRoutes, &tcpRoutes}) {
        for (OutputObject &object : *group)
            conversion.objects.push_back(std::move(object));
    }
    for (OutputObject &grant : context.grants.objects())
        conversion.objects.push_back(std::move(grant));
    conversion.entries = context.report.takeEntries();
    return conversion;
}

QByteArray toYaml(const Conversion &conversion)
{
    const QString l4Version = conversion.options.l4RouteVersion;
    QByteArray out;
    out += "# Kubernetes Gateway API resources converted from Istio Gateways and "
           "VirtualServices.\n";
    out += "# apiVersions: Gateway and HTTPRoute gateway.networking.k8s.io/v1, ReferenceGrant\n";
    out += QStringLiteral("# gateway.networking.k8s.io/v1beta1, TLSRoute and TCPRoute "
                          "gateway.networking.k8s.io/%1%2.\n")
               .arg(l4Version, l4Version == QLatin1String("v1")
                                   ? QStringLiteral(" (older releases serve them as v1alpha2 only)")
                                   : QStringLiteral(" (the newest releases also serve them as v1)"))
               .toUtf8();
    out += "# Gateway API breaks precedence ties between routes by creation time: apply the\n"
           "# file as a whole, in the order written.\n";
    out += QStringLiteral("# Loss report: %1 lost, %2 changed behaviour, %3 notes.\n")
               .arg(conversion.count(Severity::Lost))
               .arg(conversion.count(Severity::ChangedBehaviour))
               .arg(conversion.count(Severity::Note))
               .toUtf8();
    for (const OutputObject &object : conversion.objects) {
        out += "---\n";
        if (!object.source.isEmpty())
            out += "# from " + object.source.text().toUtf8() + '\n';
        out += QByteArray::fromStdString(Yaml::writeYaml(object.node));
    }
    return out;
}

} // namespace ToGatewayApi
