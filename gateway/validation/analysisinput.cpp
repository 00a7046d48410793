#include "analysisinput.h"

#include "compile/hostnames.h"

namespace Validation {

std::vector<DestinationUse> destinationsOf(const Istio::VirtualServiceSpec &spec)
{
    std::vector<DestinationUse> uses;
    auto addRoutes = [&](const auto &routes, const char *list) {
        for (int i = 0; i < int(routes.size()); ++i) {
            const auto &route = routes[size_t(i)].route;
            for (int j = 0; j < int(route.size()); ++j) {
                if (route[size_t(j)].destination)
                    uses.push_back({&*route[size_t(j)].destination, list, i, j, false});
            }
        }
    };
    addRoutes(spec.tcp, "tcp");
    addRoutes(spec.tls, "tls");
    addRoutes(spec.http, "http");
    for (int i = 0; i < int(spec.http.size()); ++i) {
        const Istio::HTTPRoute &route = spec.http[size_t(i)];
        if (route.mirror)
            uses.push_back({&*route.mirror, "http", i, -1, true});
        for (int k = 0; k < int(route.mirrors.size()); ++k) {
            if (route.mirrors[size_t(k)].destination)
                uses.push_back({&*route.mirrors[size_t(k)].destination, "http", i, k, true});
        }
    }
    return uses;
}

LabelMap toLabelMap(const Istio::Labels &labels)
{
    LabelMap map;
    for (const auto &[key, value] : labels)
        map.insert(key, value);
    return map;
}

QString selectorString(const LabelMap &selector)
{
    QStringList parts;
    for (auto it = selector.begin(); it != selector.end(); ++it) // QMap iterates sorted
        parts << it.key() + QLatin1Char('=') + it.value();
    return parts.join(QLatin1Char(','));
}

bool hostsOverlap(const QString &a, const QString &b)
{
    const bool aWild = a.startsWith(QLatin1Char('*'));
    const bool bWild = b.startsWith(QLatin1Char('*'));
    if (!aWild && !bWild)
        return a == b;
    if (aWild && bWild) {
        const QString sa = a.mid(1), sb = b.mid(1);
        return sa.size() >= sb.size() ? sa.endsWith(sb) : sb.endsWith(sa);
    }
    const QString &wild = aWild ? a : b;
    const QString &plain = aWild ? b : a;
    return plain.endsWith(wild.mid(1));
}

std::vector<const PodObject *> AnalysisInput::podsSelectedBy(const LabelMap &selector) const
{
    std::vector<const PodObject *> pods;
    if (selector.isEmpty()) {
        for (const PodObject &pod : kube.pods)
            pods.push_back(&pod);
        return pods;
    }
    // Only the pods carrying the selector's rarest label can match.
    const std::vector<const PodObject *> *candidates = nullptr;
    for (auto it = selector.begin(); it != selector.end(); ++it) {
        const auto found = podsByLabel.constFind({it.key(), it.value()});
        if (found == podsByLabel.constEnd())
            return pods;
        if (!candidates || found->size() < candidates->size())
            candidates = &*found;
    }
    for (const PodObject *pod : *candidates) {
        if (selectorMatches(selector, pod->labels))
            pods.push_back(pod);
    }
    return pods;
}

QString AnalysisInput::fullyQualified(const QString &host, const QString &nameSpace) const
{
    return Compile::expandShortName(host, nameSpace, domainSuffix);
}

namespace {

void addDefaultIngressGateway(KubeObjects &kube)
{
    const QString nameSpace = QStringLiteral("istio-system");
    const bool defined =
        std::any_of(kube.services.begin(), kube.services.end(), [&](const auto &s) {
            return s.ref.nameSpace == nameSpace &&
                   s.ref.name == QLatin1String("istio-ingressgateway");
        });
    if (defined)
        return;
    PodObject pod;
    pod.ref = {
        {}, QStringLiteral("Pod"), nameSpace, QStringLiteral("istio-ingressgateway-dummypod")};
    pod.labels.insert(QStringLiteral("istio"), QStringLiteral("ingressgateway"));
    kube.pods.push_back(pod);
    ServiceObject service;
    service.ref = {
        {}, QStringLiteral("Service"), nameSpace, QStringLiteral("istio-ingressgateway")};
    service.selector = pod.labels;
    const std::pair<const char *, quint32> ports[] = {
        {"http2", 80}, {"https", 443}, {"tcp", 31400}, {"tls", 15443}};
    for (const auto &[name, number] : ports)
        service.ports.push_back({QLatin1String(name), number, number, {}, QStringLiteral("TCP")});
    kube.services.push_back(service);
}

} // namespace

AnalysisInput buildAnalysisInput(const Project::Workspace &workspace, const InputOptions &options)
{
    AnalysisInput input;
    input.workspace = &workspace;
    input.domainSuffix = options.domainSuffix;
    input.strictReferences = options.strictReferences;
    for (const Project::DocumentRef &ref : workspace.documents()) {
        const Project::Document &document = workspace.document(ref);
        std::visit(
            [&](const auto &resource) {
                using T = std::decay_t<decltype(resource)>;
                if constexpr (std::is_same_v<T, Istio::Gateway>)
                    input.gateways.push_back({ref, &document, &resource});
                else if constexpr (std::is_same_v<T, Istio::VirtualService>)
                    input.virtualServices.push_back({ref, &document, &resource});
                else if constexpr (std::is_same_v<T, Istio::DestinationRule>)
                    input.destinationRules.push_back({ref, &document, &resource});
            },
            document.resource());
    }
    for (const auto &gateway : input.gateways)
        input.gatewaysByName.insert(gateway.fullName(), &gateway);
    input.kube = readKubeObjects(workspace);
    input.hasOwnWorkloads = !input.kube.pods.empty();
    input.hasOwnServices = !input.kube.services.empty() || !input.kube.serviceEntries.empty();
    input.hasOwnSecrets = !input.kube.secrets.empty();
    if (options.addDefaultIngressGateway)
        addDefaultIngressGateway(input.kube);
    for (const PodObject &pod : input.kube.pods) {
        for (auto it = pod.labels.begin(); it != pod.labels.end(); ++it)
            input.podsByLabel[{it.key(), it.value()}].push_back(&pod);
    }
    return input;
}

} // namespace Validation
