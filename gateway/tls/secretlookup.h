#pragma once

// Finding credential material in the workspace's Secret manifests, as Istio's gateway reads
// Secrets (semantics doc §2.6).

#include "core/diagnostic.h"
#include "model/common.h"
#include "validation/kubeobjects.h"

#include <QByteArray>
#include <QString>
#include <optional>
#include <vector>

namespace Tls {

// A credentialName as written, split into the namespace and name of the Secret it refers to:
// "name", "kubernetes://name", "kubernetes-gateway://ns/name", "ns/name".
struct SecretName {
    QString nameSpace;
    QString name;
    QString text() const { return nameSpace + QLatin1Char('/') + name; }
};
SecretName parseCredentialName(const QString &written, const QString &gatewayNamespace);

// The namespace Istio's gateway reads a Gateway's credentialName Secrets from: that of the
// gateway pods, the first pod among `pods` (Validation::readKubeObjects) that the Gateway's
// selector picks, else istio-system, where the default ingress gateway runs. The same rule as
// the IST0101 Secret analyzer. Not the Gateway resource's own namespace.
QString credentialNamespace(const Istio::Labels &selector,
                            const std::vector<Validation::PodObject> &pods);

// Looks Secrets up by namespace and name. Keeps references: the secrets and the workspace
// (null: files are not named) must outlive it.
class SecretLookup {
public:
    SecretLookup(const std::vector<Validation::SecretObject> &secrets,
                 const Project::Workspace *workspace)
        : m_secrets(secrets), m_workspace(workspace)
    {}

    const Validation::SecretObject *find(const SecretName &name) const;
    // Namespaces other than name's where a Secret of that name exists, for a hint.
    QStringList otherNamespaces(const SecretName &name) const;

    // "Secret istio-system/bookinfo-secret (secrets.yaml)"
    QString describe(const Validation::SecretObject &secret) const;
    Core::DiagnosticSubject subject(const Validation::SecretObject &secret) const;

private:
    const std::vector<Validation::SecretObject> &m_secrets;
    const Project::Workspace *m_workspace;
};

// The certificate and key of a credential Secret: the generic cert/key pair first (as Istio
// checks it first), else tls.crt/tls.key. nullopt when neither pair is complete.
struct SecretPair {
    QByteArray certificate;
    QByteArray privateKey;
};
std::optional<SecretPair> certificatePairOf(const Validation::SecretObject &secret);

// The CA bundle a Secret holds under cacert or ca.crt; empty when none.
QByteArray caBundleOf(const Validation::SecretObject &secret);

} // namespace Tls
