#pragma once

#include "context.h"

#include <yaml-cpp/yaml.h>

namespace ToGatewayApi {

// Istio destinations → Gateway API backendRefs (semantics doc §3.5, §8): short names and
// <name>.<ns>.svc.<domain> hosts become Services, other hosts Istio's Hostname backends. A
// missing port is taken from the Service when it has exactly one. Cross-namespace references
// are recorded for ReferenceGrants; subsets and unexpressible hosts are reported.
class BackendResolver {
public:
    explicit BackendResolver(Context &context) : m_context(context) {}

    // Where a destination is referred from.
    struct Origin {
        QString routeKind; // HTTPRoute, TLSRoute, TCPRoute
        QString routeNamespace;
        Source source;
        QString fieldPath; // of the destination, "spec.http[0].route[1].destination"
    };

    // name / namespace / port (and group / kind for Hostname backends); a null node
    // when the destination cannot be expressed at all.
    YAML::Node backendRef(const Istio::Destination &destination, const Origin &origin);

private:
    struct Service {
        QString name;
        QString nameSpace;
    };
    std::optional<Service> serviceOf(const QString &host, const QString &routeNamespace) const;
    std::optional<quint32> knownPort(const std::optional<Service> &service, const QString &host,
                                     QString *description) const;
    void reportSubset(const Istio::Destination &destination, const Origin &origin,
                      const QString &fqdn);

    Context &m_context;
};

} // namespace ToGatewayApi
