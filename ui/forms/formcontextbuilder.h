#pragma once

#include "formcontext.h"
#include "workspace/workspace.h"

// Gathers what the forms offer in their pickers from the whole workspace: the Gateways to bind
// to, the destination hosts (from DestinationRules, routes and Service manifests), the subsets
// each DestinationRule defines, and the TLS credentials Secret manifests and the local
// environment provide. Route hits and test coverage are added by their owners.
FormContext buildFormContext(const Project::Workspace &workspace,
                             const QStringList &environmentCredentials);
