#pragma once

#include "conversion.h"

#include <QString>
#include <map>
#include <set>
#include <tuple>
#include <vector>

namespace ToGatewayApi {

// Cross-namespace references of the generated objects (routes → Services, Gateways →
// Secrets), turned into the ReferenceGrants that permit them: one per (from namespace, to
// namespace, target kind), living in the target namespace and naming each target object.
class ReferenceGrants {
public:
    void record(const QString &fromKind, const QString &fromNamespace, const QString &toKind,
                const QString &toNamespace, const QString &toName);

    // ReferenceGrant objects (gateway.networking.k8s.io/v1beta1), sorted by namespace and name.
    std::vector<OutputObject> objects() const;

private:
    // (to namespace, to kind, from namespace) → from kinds, target names
    using Key = std::tuple<QString, QString, QString>;
    struct Grant {
        std::set<QString> fromKinds;
        std::set<QString> toNames;
    };
    std::map<Key, Grant> m_grants;
};

} // namespace ToGatewayApi
