#include "referencegrants.h"

#include "names.h"
#include "yamlnodes.h"

namespace ToGatewayApi {

void ReferenceGrants::record(const QString &fromKind, const QString &fromNamespace,
                             const QString &toKind, const QString &toNamespace,
                             const QString &toName)
{
    if (fromNamespace == toNamespace)
        return;
    Grant &grant = m_grants[{toNamespace, toKind, fromNamespace}];
    grant.fromKinds.insert(fromKind);
    grant.toNames.insert(toName);
}

std::vector<OutputObject> ReferenceGrants::objects() const
{
    std::vector<OutputObject> objects;
    NameRegistry names;
    for (const auto &[key, grant] : m_grants) {
        const auto &[toNamespace, toKind, fromNamespace] = key;
        // "from-default-to-services": says who may refer to what, readable in kubectl get.
        const QString name = names.claim(
            toNamespace,
            toDnsSubdomain(QStringLiteral("from-%1-to-%2s").arg(fromNamespace, toKind.toLower()),
                           QStringLiteral("reference-grant")),
            253);
        OutputObject object = makeOutputObject(QStringLiteral("gateway.networking.k8s.io/v1beta1"),
                                               QStringLiteral("ReferenceGrant"), toNamespace, name);
        YAML::Node node = object.node;
        YAML::Node from = Nodes::list();
        for (const QString &kind : grant.fromKinds) {
            YAML::Node item = Nodes::map();
            item["group"] = Nodes::text(QStringLiteral("gateway.networking.k8s.io"));
            item["kind"] = Nodes::text(kind);
            item["namespace"] = Nodes::text(fromNamespace);
            from.push_back(item);
        }
        YAML::Node to = Nodes::list();
        for (const QString &name : grant.toNames) {
            YAML::Node item = Nodes::map();
            item["group"] = Nodes::text(QString());
            item["kind"] = Nodes::text(toKind);
            item["name"] = Nodes::text(name);
            to.push_back(item);
        }
        node["spec"]["from"] = from;
        node["spec"]["to"] = to;
        objects.push_back(std::move(object));
    }
    return objects;
}

} // namespace ToGatewayApi
