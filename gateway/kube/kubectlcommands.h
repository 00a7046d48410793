#pragma once

// The kubectl commands Gatehouse runs, as argument lists (never a shell line). Each builder
// returns what comes after the global flags; commandLine() puts the whole list together.

#include "kubectloptions.h"

#include <QByteArray>
#include <QFlags>
#include <QString>
#include <QStringList>

namespace Kube {

// One kubectl invocation.
struct KubectlCommand {
    QStringList arguments;
    // Written to kubectl's standard input, which is then closed (at once when empty, so a
    // kubectl that unexpectedly reads stdin sees its end instead of waiting).
    QByteArray input;
    // Commands that contact the API server get kubectl's --request-timeout.
    bool contactsServer = true;
    // What the command does, for messages: "apply", "diff", "get contexts".
    QString label;
};

// Everything kubectl is started with: global flags, --request-timeout, the command.
QStringList commandLine(const KubectlOptions &options, const KubectlCommand &command);

// `kubectl config get-contexts --output=name`: one context name a line.
KubectlCommand contextsCommand();
// `kubectl config current-context`: exits 1 when none is set.
KubectlCommand currentContextCommand();
// `kubectl get namespaces --output=name`: "namespace/NAME" a line.
KubectlCommand namespacesCommand();

enum class DryRun { None, Server };

struct ApplySettings {
    DryRun dryRun = DryRun::None;
    // --namespace for documents without one; empty: the context's namespace.
    QString nameSpace;
    // Take over fields another field manager owns instead of failing on the conflict.
    bool forceConflicts = false;
};

// The field manager Gatehouse applies as, so the cluster records which fields it owns.
inline constexpr char FIELD_MANAGER[] = "gatehouse";

// `kubectl apply --server-side --field-manager=gatehouse [--dry-run=server] -f -` with the
// manifests on stdin. Output: "<resource>/<name> <action>" a line.
KubectlCommand applyCommand(const QByteArray &manifests, const ApplySettings &settings);
// `kubectl diff --server-side --field-manager=gatehouse -f -`: what applying the manifests the
// same way would change. settings.dryRun is ignored (a diff never changes anything). Exit 0:
// no differences; 1: differences (the diff is on stdout); more: kubectl or diff failed.
KubectlCommand diffCommand(const QByteArray &manifests, const ApplySettings &settings);

enum class ResourceKind {
    Gateways = 0x1,
    VirtualServices = 0x2,
    DestinationRules = 0x4,
    Secrets = 0x8,
};
Q_DECLARE_FLAGS(ResourceKinds, ResourceKind)
Q_DECLARE_OPERATORS_FOR_FLAGS(ResourceKinds)

inline constexpr ResourceKinds ISTIO_KINDS = ResourceKinds(ResourceKind::Gateways) |
                                             ResourceKind::VirtualServices |
                                             ResourceKind::DestinationRules;

// One namespace, or every namespace when allNamespaces is set.
struct NamespaceScope {
    QString nameSpace; // empty: the context's namespace
    bool allNamespaces = false;
};

// `kubectl get <kinds> --output=yaml (--namespace=NS | --all-namespaces)`: one `kind: List`.
// Istio's kinds go by their full names (gateways.networking.istio.io), so a cluster that also
// has the Kubernetes Gateway API never answers with its Gateways.
KubectlCommand getCommand(ResourceKinds kinds, const NamespaceScope &scope);

} // namespace Kube
