#pragma once

#include "workspace/workspace.h"

#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

// The Kubernetes objects (and the Istio kinds Gatehouse does not model) that the analyzers of
// §7 read from a workspace: pods and workloads, Services, Secrets, ServiceEntries and
// Kubernetes Gateways. Read leniently from the YAML: a malformed field is simply absent.
namespace Validation {

using LabelMap = QMap<QString, QString>;

// Where an object came from, to name it in findings.
struct ObjectRef {
    Project::DocumentRef document;
    QString kind;
    QString nameSpace;
    QString name;
};

// A pod, or the pod template of a workload (Deployment, StatefulSet, DaemonSet, ReplicaSet,
// Job): offline, the template stands for the pods the workload will run.
struct PodObject {
    ObjectRef ref;
    LabelMap labels;
};

struct ServicePortObject {
    QString name;
    quint32 port = 0;
    std::optional<quint32> targetPortNumber; // absent when not set or named
    QString targetPortName;
    QString protocol; // "TCP" when unset
};

struct ServiceObject {
    ObjectRef ref;
    LabelMap selector;
    QStringList exportTo; // the networking.istio.io/exportTo annotation, split
    std::vector<ServicePortObject> ports;
};

struct SecretObject {
    ObjectRef ref;
    QString type;
    QMap<QString, QByteArray> data; // decoded data and stringData
};

struct ServiceEntryObject {
    ObjectRef ref;
    QStringList hosts;
    QStringList exportTo;
    std::vector<quint32> ports;
    LabelMap workloadSelector;
};

// A gateway.networking.k8s.io Gateway: the hostnames of its listeners (empty = any).
struct KubernetesGatewayObject {
    ObjectRef ref;
    QStringList hostnames;
    bool anyHostname = false;
};

// Any object with spec.selector.matchLabels or spec.workloadSelector.labels (AuthorizationPolicy,
// RequestAuthentication, Telemetry, WasmPlugin, ...), and spec.targetRef(s).
struct PolicyObject {
    ObjectRef ref;
    std::optional<LabelMap> selector;
    bool hasTargetRef = false;
};

// A status condition with a negative status (status: "False" where "True" is good).
struct NegativeCondition {
    ObjectRef ref;
    QString type;
    QString reason;
    QString message;
};

struct KubeObjects {
    std::vector<PodObject> pods;
    std::vector<ServiceObject> services;
    std::vector<SecretObject> secrets;
    std::vector<ServiceEntryObject> serviceEntries;
    std::vector<KubernetesGatewayObject> kubernetesGateways;
    std::vector<PolicyObject> policies;
    std::vector<NegativeCondition> negativeConditions;
};

KubeObjects readKubeObjects(const Project::Workspace &workspace);
ObjectRef objectRefOf(const Project::Workspace &workspace, Project::DocumentRef ref);

bool selectorMatches(const LabelMap &selector, const LabelMap &labels);

} // namespace Validation
