#pragma once

#include "model/resource.h"
#include "runtime/config.h"
#include "workspace/workspace.h"

#include <vector>

namespace Compile {

template <class T> struct Input {
    Runtime::SourceRef ref;
    QString creationTimestamp;
    T resource;
};

// The typed resources the compiler reads, each with where it came from. Documents with
// structural errors are still included: they are what the user wrote.
// A Kubernetes Service of the workspace: its ports decide the cluster of a destination that
// names no port (§3.5).
struct ServiceInput {
    Runtime::SourceRef ref;
    QList<quint32> ports;
};

struct Inputs {
    std::vector<Input<Istio::Gateway>> gateways;
    std::vector<Input<Istio::VirtualService>> virtualServices;
    std::vector<Input<Istio::DestinationRule>> destinationRules;
    std::vector<ServiceInput> services;
    // Findings made while collecting (the Gateway API translation's); they join Config::notes.
    Core::Diagnostics notes;
};

// The workspace's Istio resources plus the Gateways and VirtualServices istiod would generate
// from its Kubernetes Gateway API resources (gateway/fromgatewayapi), so Gateway API designs are
// served by the same decision path. `domainSuffix` names the generated hosts.
Inputs collectInputs(const Project::Workspace &workspace,
                     const QString &domainSuffix = QStringLiteral("cluster.local"));

// One typed resource of a document as the compiler takes it (named, positioned, timestamped).
template <class T> Input<T> makeInput(const Project::Document &document, const T &resource)
{
    Input<T> input;
    input.ref.kind = document.kind();
    input.ref.nameSpace = document.nameSpace();
    input.ref.name = document.name();
    input.ref.file = document.filePath();
    input.ref.position = document.positionOf(QStringLiteral("metadata.name"));
    input.creationTimestamp = resource.metadata.creationTimestamp.value_or(QString());
    input.resource = resource;
    return input;
}

// Istio's order for Gateways and VirtualServices: creation time, then name, then namespace.
// Manifests applied together share their creation second, so name order usually decides.
template <class T> bool createdBefore(const Input<T> &a, const Input<T> &b)
{
    return std::tie(a.creationTimestamp, a.ref.name, a.ref.nameSpace) <
           std::tie(b.creationTimestamp, b.ref.name, b.ref.nameSpace);
}

} // namespace Compile
