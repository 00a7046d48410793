#pragma once

#include "inputs.h"

#include <QHash>
#include <QSet>

namespace FromGatewayApi {

// The ReferenceGrants of the workspace as istiod indexes them: which kinds in which namespace
// may refer to Secrets and Services of another namespace. Only Gateway → Secret and
// {HTTP,GRPC,TLS,TCP}Route → Service grants matter to the translation; others are ignored, as
// they may be meant for another controller.
class ReferenceGrants {
public:
    explicit ReferenceGrants(const std::vector<Read<ReferenceGrant>> &grants);

    // fromKind: "Gateway", "HTTPRoute", ...; toKind: "Secret" or "Service".
    bool allows(const QString &fromKind, const QString &fromNamespace, const QString &toKind,
                const QString &toNamespace, const QString &toName) const;

private:
    struct Grant {
        bool allowAll = false;
        QSet<QString> names;
    };
    // "fromKind/fromNamespace → toKind/toNamespace"
    QHash<QString, Grant> m_grants;
};

} // namespace FromGatewayApi
