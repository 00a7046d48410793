#pragma once

#include <QHash>
#include <QString>

namespace Compile {

struct CompileOptions {
    // Kubernetes cluster domain used to expand short names.
    QString domainSuffix = QStringLiteral("cluster.local");
    // Namespace of the gateway workload (the proxy) for exportTo visibility and VS ordering.
    // Empty: istio-system when a Gateway lives there, else the first Gateway's namespace.
    QString workloadNamespace;
    // Labels of the gateway workload, for match-level sourceLabels. Empty: the union of the
    // Gateways' selectors (the local proxy stands in for every selected workload).
    QHash<QString, QString> workloadLabels;
};

} // namespace Compile
