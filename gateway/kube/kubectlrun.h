#pragma once

#include "kubectlcommands.h"
#include "kubectloptions.h"
#include "kubectlresult.h"

namespace Kube {

// Runs one command to its end and returns how it ended: a KubectlJob driven by a local event
// loop, for the command line. Needs a QCoreApplication; returns within options.timeoutMs (plus
// the moment it takes to kill the process). GUI code uses KubectlJob directly instead.
KubectlResult runKubectl(const KubectlOptions &options, const KubectlCommand &command);

} // namespace Kube
