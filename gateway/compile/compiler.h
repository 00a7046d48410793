#pragma once

#include "compileoptions.h"
#include "inputs.h"
#include "runtime/config.h"

#include <memory>

namespace Compile {

// Builds the runtime config the way istiod builds an ingress gateway's listeners and routes
// (semantics doc §2.7, §3, §4.1). Pure: no I/O, same inputs give the same config.
std::shared_ptr<const Runtime::Config> compile(const Inputs &inputs,
                                               const CompileOptions &options = {});

// "ns/name" of a gateway reference written in a VirtualService of `vsNamespace` (short names,
// the legacy name.ns.svc.cluster.local form); "mesh" stays as it is.
QString resolveGatewayReference(const QString &reference, const QString &vsNamespace);

inline std::shared_ptr<const Runtime::Config> compile(const Project::Workspace &workspace,
                                                      const CompileOptions &options = {})
{
    return compile(collectInputs(workspace, options.domainSuffix), options);
}

} // namespace Compile
