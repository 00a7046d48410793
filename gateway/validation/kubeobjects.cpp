#include "kubeobjects.h"

#include "yaml/scalar.h"

#include <QSet>
#include <yaml-cpp/yaml.h>

namespace Validation {
namespace {

YAML::Node child(const YAML::Node &node, const char *key)
{
    if (!node.IsDefined() || !node.IsMap())
        return YAML::Node(YAML::NodeType::Undefined);
    return node[key];
}

QString text(const YAML::Node &node)
{
    return node.IsDefined() && node.IsScalar() ? QString::fromStdString(node.Scalar()) : QString();
}

LabelMap labelsOf(const YAML::Node &node)
{
    LabelMap labels;
    if (!node.IsDefined() || !node.IsMap())
        return labels;
    for (auto it = node.begin(); it != node.end(); ++it) {
        if (it->first.IsScalar() && it->second.IsScalar())
            labels.insert(QString::fromStdString(it->first.Scalar()),
                          QString::fromStdString(it->second.Scalar()));
    }
    return labels;
}

QStringList stringsOf(const YAML::Node &node)
{
    QStringList values;
    if (!node.IsDefined() || !node.IsSequence())
        return values;
    for (auto it = node.begin(); it != node.end(); ++it) {
        if (it->IsScalar())
            values << QString::fromStdString(it->Scalar());
    }
    return values;
}

std::optional<quint32> portNumber(const YAML::Node &node)
{
    if (!node.IsDefined() || !node.IsScalar())
        return std::nullopt;
    const std::optional<long long> number = Yaml::parseInteger(node.Scalar());
    if (!number || *number <= 0 || *number > 65535)
        return std::nullopt;
    return quint32(*number);
}

ServiceObject readService(const ObjectRef &ref, const YAML::Node &root)
{
    ServiceObject service;
    service.ref = ref;
    const YAML::Node spec = child(root, "spec");
    service.selector = labelsOf(child(spec, "selector"));
    const QString exportTo =
        text(child(child(child(root, "metadata"), "annotations"), "networking.istio.io/exportTo"));
    for (const QString &entry : exportTo.split(QLatin1Char(','), Qt::SkipEmptyParts))
        service.exportTo << entry.trimmed();
    const YAML::Node ports = child(spec, "ports");
    if (ports.IsDefined() && ports.IsSequence()) {
        for (auto it = ports.begin(); it != ports.end(); ++it) {
            ServicePortObject port;
            port.name = text(child(*it, "name"));
            port.port = portNumber(child(*it, "port")).value_or(0);
            const YAML::Node target = child(*it, "targetPort");
            port.targetPortNumber = portNumber(target);
            if (!port.targetPortNumber)
                port.targetPortName = text(target);
            port.protocol = text(child(*it, "protocol"));
            if (port.protocol.isEmpty())
                port.protocol = QStringLiteral("TCP");
            service.ports.push_back(port);
        }
    }
    return service;
}

SecretObject readSecret(const ObjectRef &ref, const YAML::Node &root)
{
    SecretObject secret;
    secret.ref = ref;
    secret.type = text(child(root, "type"));
    const YAML::Node data = child(root, "data");
    if (data.IsDefined() && data.IsMap()) {
        for (auto it = data.begin(); it != data.end(); ++it) {
            if (it->first.IsScalar())
                secret.data.insert(QString::fromStdString(it->first.Scalar()),
                                   QByteArray::fromBase64(QByteArray::fromStdString(
                                       it->second.IsScalar() ? it->second.Scalar() : "")));
        }
    }
    const YAML::Node stringData = child(root, "stringData");
    if (stringData.IsDefined() && stringData.IsMap()) {
        for (auto it = stringData.begin(); it != stringData.end(); ++it) {
            if (it->first.IsScalar())
                secret.data.insert(
                    QString::fromStdString(it->first.Scalar()),
                    QByteArray::fromStdString(it->second.IsScalar() ? it->second.Scalar() : ""));
        }
    }
    return secret;
}

ServiceEntryObject readServiceEntry(const ObjectRef &ref, const YAML::Node &root)
{
    ServiceEntryObject entry;
    entry.ref = ref;
    const YAML::Node spec = child(root, "spec");
    entry.hosts = stringsOf(child(spec, "hosts"));
    entry.exportTo = stringsOf(child(spec, "exportTo"));
    entry.workloadSelector = labelsOf(child(child(spec, "workloadSelector"), "labels"));
    const YAML::Node ports = child(spec, "ports");
    if (ports.IsDefined() && ports.IsSequence()) {
        for (auto it = ports.begin(); it != ports.end(); ++it) {
            if (const auto number = portNumber(child(*it, "number")))
                entry.ports.push_back(*number);
        }
    }
    return entry;
}

KubernetesGatewayObject readKubernetesGateway(const ObjectRef &ref, const YAML::Node &root)
{
    KubernetesGatewayObject gateway;
    gateway.ref = ref;
    const YAML::Node listeners = child(child(root, "spec"), "listeners");
    if (listeners.IsDefined() && listeners.IsSequence()) {
        for (auto it = listeners.begin(); it != listeners.end(); ++it) {
            const QString hostname = text(child(*it, "hostname"));
            if (hostname.isEmpty())
                gateway.anyHostname = true;
            else
                gateway.hostnames << hostname;
        }
    }
    return gateway;
}

void readConditions(const ObjectRef &ref, const YAML::Node &status,
                    std::vector<NegativeCondition> &out)
{
    if (!status.IsDefined() || !status.IsMap())
        return;
    // Conditions sit at status.conditions, and for routes under each parent:
    // status.parents[].conditions (a Gateway's per-listener conditions are not read).
    auto visitConditions = [&](const YAML::Node &conditions) {
        if (!conditions.IsDefined() || !conditions.IsSequence())
            return;
        for (auto it = conditions.begin(); it != conditions.end(); ++it) {
            const QString type = text(child(*it, "type"));
            const QString value = text(child(*it, "status"));
            if (value == QLatin1String("False"))
                out.push_back({ref, type, text(child(*it, "reason")), text(child(*it, "message"))});
        }
    };
    visitConditions(child(status, "conditions"));
    const YAML::Node parents = child(status, "parents");
    if (parents.IsDefined() && parents.IsSequence()) {
        for (auto it = parents.begin(); it != parents.end(); ++it)
            visitConditions(child(*it, "conditions"));
    }
}

// The kinds whose status conditions istioctl's condition analyzer reads.
bool reportsConditions(const QString &kind, const QString &apiVersion)
{
    if (apiVersion.startsWith(QLatin1String("gateway.networking.k8s.io/")))
        return kind == QLatin1String("Gateway") || kind == QLatin1String("HTTPRoute") ||
               kind == QLatin1String("GRPCRoute");
    return kind == QLatin1String("Service") || kind == QLatin1String("ServiceEntry") ||
           kind == QLatin1String("AuthorizationPolicy");
}

bool isWorkloadKind(const QString &kind)
{
    static const QSet<QString> kinds = {QStringLiteral("Deployment"), QStringLiteral("StatefulSet"),
                                        QStringLiteral("DaemonSet"), QStringLiteral("ReplicaSet"),
                                        QStringLiteral("Job")};
    return kinds.contains(kind);
}

} // namespace

ObjectRef objectRefOf(const Project::Workspace &workspace, Project::DocumentRef ref)
{
    const Project::Document &document = workspace.document(ref);
    ObjectRef object;
    object.document = ref;
    object.kind = document.kind();
    object.nameSpace = document.nameSpace();
    object.name = document.name();
    return object;
}

bool selectorMatches(const LabelMap &selector, const LabelMap &labels)
{
    for (auto it = selector.begin(); it != selector.end(); ++it) {
        const auto found = labels.constFind(it.key());
        if (found == labels.constEnd() || *found != it.value())
            return false;
    }
    return true;
}

KubeObjects readKubeObjects(const Project::Workspace &workspace)
{
    KubeObjects objects;
    std::vector<PodObject> templates;
    for (const Project::DocumentRef &ref : workspace.documents()) {
        const Project::Document &document = workspace.document(ref);
        // The modelled Istio kinds are read as typed resources, not here.
        if (document.modelledKind() != Istio::ResourceKind::Other || !document.isParsed() ||
            !document.node().IsMap())
            continue;
        const QString &kind = document.kind();
        const QString &apiVersion = document.apiVersion();
        const YAML::Node &root = document.node();
        const ObjectRef object = objectRefOf(workspace, ref);
        if (reportsConditions(kind, apiVersion))
            readConditions(object, child(root, "status"), objects.negativeConditions);
        if (kind == QLatin1String("Pod") && apiVersion == QLatin1String("v1")) {
            objects.pods.push_back({object, labelsOf(child(child(root, "metadata"), "labels"))});
        } else if (isWorkloadKind(kind)) {
            const YAML::Node templateMetadata =
                child(child(child(root, "spec"), "template"), "metadata");
            templates.push_back({object, labelsOf(child(templateMetadata, "labels"))});
        } else if (kind == QLatin1String("Service") && apiVersion == QLatin1String("v1")) {
            objects.services.push_back(readService(object, root));
        } else if (kind == QLatin1String("Secret") && apiVersion == QLatin1String("v1")) {
            objects.secrets.push_back(readSecret(object, root));
        } else if (kind == QLatin1String("ServiceEntry") &&
                   apiVersion.startsWith(QLatin1String("networking.istio.io/"))) {
            objects.serviceEntries.push_back(readServiceEntry(object, root));
        } else if (kind == QLatin1String("Gateway") &&
                   apiVersion.startsWith(QLatin1String("gateway.networking.k8s.io/"))) {
            objects.kubernetesGateways.push_back(readKubernetesGateway(object, root));
        }
        const YAML::Node spec = child(root, "spec");
        const YAML::Node selector = child(spec, "selector");
        const YAML::Node workloadSelector = child(spec, "workloadSelector");
        const bool policyKind = apiVersion.startsWith(QLatin1String("security.istio.io/")) ||
                                apiVersion.startsWith(QLatin1String("telemetry.istio.io/")) ||
                                apiVersion.startsWith(QLatin1String("extensions.istio.io/"));
        if (policyKind) {
            PolicyObject policy;
            policy.ref = object;
            if (selector.IsDefined() && selector.IsMap())
                policy.selector = labelsOf(child(selector, "matchLabels"));
            else if (workloadSelector.IsDefined() && workloadSelector.IsMap())
                policy.selector = labelsOf(child(workloadSelector, "labels"));
            policy.hasTargetRef =
                child(spec, "targetRef").IsDefined() || child(spec, "targetRefs").IsDefined();
            objects.policies.push_back(std::move(policy));
        }
    }
    objects.pods.insert(objects.pods.end(), templates.begin(), templates.end());
    return objects;
}

} // namespace Validation
