#pragma once

#include "core/diagnostic.h"
#include "environment/localenvironment.h"
#include "runtime/config.h"
#include "tlscontext.h"
#include "validation/kubeobjects.h"
#include "workspace/workspace.h"

#include <QHash>
#include <QSslConfiguration>
#include <optional>
#include <vector>

// Everything TLS a snapshot needs, prepared on the owner's thread when a design is applied:
// the certificate of every terminating chain (found as Istio would, or issued by the local CA as
// a stand-in), its OpenSSL context, and the built-in echo's certificate for passthrough routes.
namespace Proxy {

// What the workspace adds to the compiled design for TLS: its Secret manifests and, per
// Gateway ("ns/name"), the namespace its credentialName Secrets are read from (the gateway
// pods', not the Gateway resource's; istio-system when no pod in the files is selected).
struct TlsInputs {
    std::vector<Validation::SecretObject> secrets;
    QHash<QString, QString> credentialNamespaces;

    static TlsInputs from(const Project::Workspace &workspace);
};

struct TlsSetup {
    std::vector<std::vector<ChainTls>> chainTls; // [listener][chain], as ServeSnapshot keeps it
    std::optional<QSslConfiguration> passthroughEchoTls;
    QStringList passthroughNames; // the SNI names that certificate covers
    // Where each certificate came from, what had to be stood in, and what cannot be served.
    Core::Diagnostics diagnostics;
};

struct TlsSetup;

struct TlsOptions {
    QString caDirectory; // the local development CA; "" = the user's default
    bool sessionResumption = true;
    const TlsSetup *previous = nullptr; // the last design's, to reuse what has not changed
};

TlsSetup prepareTls(const Runtime::Config &config, const Environment::LocalEnvironment &environment,
                    const TlsInputs &inputs, const TlsOptions &options);

} // namespace Proxy
