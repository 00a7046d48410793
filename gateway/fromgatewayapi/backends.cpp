#include "backends.h"

#include "inputs.h"
#include "referencegrants.h"

namespace FromGatewayApi {

qint64 sumOfWeights(const std::vector<BackendRef> &backends)
{
    qint64 sum = 0;
    for (const BackendRef &backend : backends)
        sum += backend.weight.value_or(1);
    return sum;
}

std::vector<WeightedBackend> weightedBackends(const std::vector<BackendRef> &backends)
{
    std::vector<WeightedBackend> result;
    for (std::size_t i = 0; i < backends.size(); ++i) {
        const qint32 weight = backends[i].weight.value_or(1);
        if (weight != 0)
            result.push_back({i, weight});
    }
    if (result.size() == 1)
        result.front().weight = 0;
    return result;
}

ResolvedBackend resolveBackend(const BackendObjectReference &reference,
                               const BackendContext &context)
{
    ResolvedBackend result;
    const QString name = reference.name.value_or(QString());
    const QString group = reference.group.value_or(QString());
    const QString kind = reference.kind.value_or(QStringLiteral("Service"));
    const QString nameSpace = reference.nameSpace.value_or(context.routeNamespace);

    // A reference into another namespace needs a ReferenceGrant there (any kind).
    if (reference.nameSpace && *reference.nameSpace != context.routeNamespace &&
        !context.grants.allows(context.routeKind, context.routeNamespace, QStringLiteral("Service"),
                               *reference.nameSpace, name)) {
        result.status = ResolvedBackend::Status::Invalid;
        result.problem =
            QStringLiteral("backendRef %1/%2 is not accessible to a %3 in namespace "
                           "%4: no ReferenceGrant in %2 allows it")
                .arg(name, *reference.nameSpace, context.routeKind, context.routeNamespace);
        return result;
    }

    QString host;
    if (group.isEmpty() && kind == QLatin1String("Service")) {
        if (name.contains(QLatin1Char('.'))) {
            result.status = ResolvedBackend::Status::Rejected;
            result.problem = QStringLiteral("backendRef \"%1\" is a host name; a Service is "
                                            "referred to by its name")
                                 .arg(name);
            return result;
        }
        host = context.options.serviceHost(name, nameSpace);
        if (context.inputs.servicesKnown &&
            !context.inputs.services.contains(nameSpace + QLatin1Char('/') + name)) {
            result.status = ResolvedBackend::Status::Invalid;
            result.problem = QStringLiteral("backend %1 not found: the workspace defines no "
                                            "Service %2/%3")
                                 .arg(host, nameSpace, name);
        }
    } else if (group == QLatin1String("networking.istio.io") && kind == QLatin1String("Hostname")) {
        if (reference.nameSpace) {
            result.status = ResolvedBackend::Status::Rejected;
            result.problem = QStringLiteral("a Hostname backendRef may not set a namespace");
            return result;
        }
        host = name; // a ServiceEntry host; not checked, the workspace's ServiceEntries are
                     // not read here
    } else if (group == QLatin1String("multicluster.x-k8s.io") &&
               kind == QLatin1String("ServiceImport")) {
        host = context.options.serviceHost(name, nameSpace);
    } else if (group == QLatin1String("inference.networking.k8s.io") &&
               kind == QLatin1String("InferencePool")) {
        result.status = ResolvedBackend::Status::NotSupported;
        result.problem = QStringLiteral("InferencePool backend %1/%2 is not translated: istiod "
                                        "routes it to a generated Service whose name carries a "
                                        "hash; the local gateway answers 500 for it")
                             .arg(nameSpace, name);
        return result;
    } else {
        result.status = ResolvedBackend::Status::Invalid;
        result.problem = QStringLiteral("backendRef of group \"%1\" kind \"%2\" is not a kind "
                                        "Istio routes to")
                             .arg(group, kind);
        return result;
    }
    if (!reference.port) {
        result.status = ResolvedBackend::Status::Rejected;
        result.problem =
            QStringLiteral("backendRef %1 has no port; a Service backend needs one").arg(name);
        return result;
    }
    result.destination.host = host;
    result.destination.port = Istio::PortSelector{*reference.port};
    return result;
}

} // namespace FromGatewayApi
