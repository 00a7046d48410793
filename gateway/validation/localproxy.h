#pragma once

#include "analysisinput.h"

// What the local proxy will stand in for (GH4006 development certificates, GH4007 the echo
// upstream): information for the user, never a problem of the design.
namespace Validation {

// What the local environment provides instead of the cluster.
struct LocalEnvironmentView {
    bool enabled = false;  // report GH4006 / GH4007
    QStringList upstreams; // "host", "host:port", "host/subset", "host:port/subset"
    QStringList credentials;
};

void checkLocalEnvironment(const AnalysisInput &input, const LocalEnvironmentView &local,
                           Core::Diagnostics &out);

} // namespace Validation
