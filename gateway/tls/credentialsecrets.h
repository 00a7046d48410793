#pragma once

#include "core/diagnostic.h"
#include "environment/localenvironment.h"
#include "tlssecret.h"
#include "workspace/workspace.h"

#include <functional>
#include <vector>

namespace Tls {

class CertificateAuthority;

struct CredentialSecret {
    TlsSecret secret;
    QString origin; // where the material came from: "local environment credential x", ...
};

struct CredentialSecrets {
    std::vector<CredentialSecret> secrets;
    Core::Diagnostics errors; // credentials that could not be produced (about the Gateway)
};

// Called at most once, and only when a credential needs the local CA; null when it cannot be
// opened.
using CertificateAuthorityProvider = std::function<const CertificateAuthority *()>;

// The kubernetes.io/tls Secrets a cluster would miss: one per credentialName (or
// credentialNames entry) of a TLS-terminating Gateway server (SIMPLE, MUTUAL, OPTIONAL_MUTUAL)
// that has no Secret in the workspace in the namespace the gateway reads it from
// (credentialNamespace: the gateway pods' namespace, else istio-system; "ns/name" credentials
// name their own). The Secret is made for that namespace. Each is made as the local
// gateway makes it (resolveServerCredentials): from the local environment's credentials, else
// issued by the local CA for the hosts of every server that names it; MUTUAL servers get a
// ca.crt. Every Secret holds a private key: callers must say so where it is written.
CredentialSecrets missingCredentialSecrets(const Project::Workspace &workspace,
                                           const Environment::LocalEnvironment *environment,
                                           const CertificateAuthorityProvider &ca);

} // namespace Tls
