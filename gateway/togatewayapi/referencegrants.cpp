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
        OutputObject object;
        object.apiVersion = QStringLiteral("gateway.networking.k8s.io/v1beta1");
        object.kind = QStringLiteral("ReferenceGrant");
        object.nameSpace = toNamespace;
        // "from-default-to-services": says who may refer to what, readable in kubectl get.
        object.name = names.claim(
            toNamespace,
            toDnsSubdomain(QStringLiteral("from-%1-to-%2s").arg(fromNamespace, toKind.toLower()),
                           QStringLiteral("reference-grant")),
            253);

        YAML::Node node = Nodes::map();
        node["apiVersion"] = Nodes::text(object.apiVersion);
        node["kind"] = Nodes::text(object.kind);
        node["metadata"]["name"] = Nodes::text(object.name);
        node["metadata"]["namespace"] = Nodes::text(object.nameSpace);
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
        object.node = node;
        objects.push_back(std::move(object));
    }
    return objects;
}

} // namespace ToGatewayApi
