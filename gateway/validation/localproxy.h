#pragma once

#include "analysisinput.h"
#include "environment/localenvironment.h"

#include <memory>

// What the local proxy will stand in for (GH4006 development certificates, GH4007 the echo
// upstream): information for the user, never a problem of the design.
namespace Validation {

struct LocalEnvironmentView {
    bool enabled = false; // report GH4006 / GH4007
    // What the local environment file provides; null: nothing (every default).
    std::shared_ptr<const Environment::LocalEnvironment> environment;
};

void checkLocalEnvironment(const AnalysisInput &input, const LocalEnvironmentView &local,
                           Core::Diagnostics &out);

} // namespace Validation
