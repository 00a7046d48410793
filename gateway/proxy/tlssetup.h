#pragma once

#include "core/diagnostic.h"
#include "environment/localenvironment.h"
#include "runtime/config.h"
#include "tlscontext.h"
#include "validation/kubeobjects.h"

#include <QSslConfiguration>
#include <optional>
#include <vector>

// Everything TLS a snapshot needs, prepared on the owner's thread when a design is applied:
// the certificate of every terminating chain (found as Istio would, or issued by the local CA as
// a stand-in), its OpenSSL context, and the built-in echo's certificate for passthrough routes.
namespace Proxy {

struct TlsInputs {
    std::vector<Validation::SecretObject> secrets; // the workspace's Secret manifests
    QString caDirectory;                           // "" = the user's default
};

struct TlsSetup {
    std::vector<std::vector<ChainTls>> chainTls; // [listener][chain], as ServeSnapshot keeps it
    std::optional<QSslConfiguration> passthroughEchoTls;
    // Where each certificate came from, what had to be stood in, and what cannot be served.
    Core::Diagnostics diagnostics;
};

TlsSetup prepareTls(const Runtime::Config &config, const Environment::LocalEnvironment &environment,
                    const TlsInputs &inputs);

} // namespace Proxy
