#include "referencegrants.h"

namespace FromGatewayApi {
namespace {

const QString GATEWAY_GROUP = QStringLiteral("gateway.networking.k8s.io");

QString keyOf(const QString &fromKind, const QString &fromNamespace, const QString &toKind,
              const QString &toNamespace)
{
    return fromKind + QLatin1Char('/') + fromNamespace + QStringLiteral(" -> ") + toKind +
           QLatin1Char('/') + toNamespace;
}

bool isGrantableFrom(const QString &group, const QString &kind)
{
    static const QStringList KINDS = {QStringLiteral("Gateway"), QStringLiteral("HTTPRoute"),
                                      QStringLiteral("GRPCRoute"), QStringLiteral("TLSRoute"),
                                      QStringLiteral("TCPRoute")};
    return group == GATEWAY_GROUP && KINDS.contains(kind);
}

} // namespace

ReferenceGrants::ReferenceGrants(const std::vector<Read<ReferenceGrant>> &grants)
{
    for (const Read<ReferenceGrant> &grant : grants) {
        // A grant lives in the namespace it opens up.
        const QString toNamespace = grant.source.nameSpace;
        for (const ReferenceGrantFrom &from : grant.object.spec.from) {
            const QString fromGroup = from.group.value_or(QString());
            const QString fromKind = from.kind.value_or(QString());
            if (!isGrantableFrom(fromGroup, fromKind) || !from.nameSpace)
                continue;
            for (const ReferenceGrantTo &to : grant.object.spec.to) {
                const QString toKind = to.kind.value_or(QString());
                if (!to.group.value_or(QString()).isEmpty() ||
                    (toKind != QLatin1String("Secret") && toKind != QLatin1String("Service")))
                    continue;
                Grant &entry = m_grants[keyOf(fromKind, *from.nameSpace, toKind, toNamespace)];
                if (to.name && !to.name->isEmpty())
                    entry.names.insert(*to.name);
                else
                    entry.allowAll = true;
            }
        }
    }
}

bool ReferenceGrants::allows(const QString &fromKind, const QString &fromNamespace,
                             const QString &toKind, const QString &toNamespace,
                             const QString &toName) const
{
    if (fromNamespace == toNamespace)
        return true;
    const auto it = m_grants.constFind(keyOf(fromKind, fromNamespace, toKind, toNamespace));
    return it != m_grants.constEnd() && (it->allowAll || it->names.contains(toName));
}

} // namespace FromGatewayApi
