#pragma once

// Turning what `kubectl get --output=yaml` returned into manifest files a user keeps: the
// fields the API server manages are dropped, everything else is kept as the server returned it,
// and the resources are grouped into one file per namespace.

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace Kube {

// A resource as the API server identifies it: API group (not version: v1 and v1beta1 of a
// group are the same resource), kind, namespace and name.
struct ResourceKey {
    QString group; // "networking.istio.io"; empty for the core group
    QString kind;
    QString nameSpace;
    QString name;

    static ResourceKey fromApiVersion(const QString &apiVersion, const QString &kind,
                                      const QString &nameSpace, const QString &name);
    QString text() const; // "Gateway istio-system/my-gateway"
    // A core-group Secret: it may hold private keys.
    bool isSecret() const;
    bool operator==(const ResourceKey &) const = default;
};

// One resource, cleaned: its YAML text without a `---` separator, ending with a newline.
struct ImportedDocument {
    ResourceKey key;
    QByteArray text;
};

// The resources of one namespace, in the order kubectl listed them.
struct ImportedFile {
    QString nameSpace;
    QList<ImportedDocument> documents;

    QString fileName() const { return nameSpace + QStringLiteral(".yaml"); }
    // Every document, each after a `---` line.
    QByteArray text() const;
    // True when a document is a Secret: the file then holds private keys.
    bool holdsSecrets() const;
};

struct ImportOptions {
    // Keep Secrets that hold TLS credentials as Istio's gateway reads them (type
    // kubernetes.io/tls, or tls.crt/tls.key, cert/key, ca.crt or cacert data). Other Secrets
    // (service account tokens, registry logins, Helm releases) are never kept.
    bool keepCredentialSecrets = false;
};

struct ImportResult {
    QList<ImportedFile> files; // by namespace name
    // Resources left out, with the reason: "Secret default/registry (kubernetes.io/dockerconfigjson
    // is not a TLS credential)".
    QStringList leftOut;

    int resourceCount() const;
};

// The fields removed from every resource: what the API server sets and owns, which would only
// make the files differ from cluster to cluster (and would be refused or ignored on apply).
QStringList serverManagedFields();

// Reads a `kind: List` document. nullopt with `error` when it is not one, or an item lacks
// apiVersion, kind, metadata.name or a valid metadata.namespace (the namespace becomes a file
// name, so it must be a Kubernetes namespace name).
std::optional<ImportResult> importResources(const QByteArray &kubectlOutput,
                                            const ImportOptions &options, QString *error);

} // namespace Kube
