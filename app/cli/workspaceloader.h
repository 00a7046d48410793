#pragma once

#include "consolestreams.h"
#include "workspace/workspace.h"

namespace Cli {

// Loads every PATH into the workspace. Paths that do not exist or cannot be read are reported
// on err; returns false if there was any such path (an I/O error: exit code 2).
bool loadPaths(Project::Workspace &workspace, const QStringList &paths, ConsoleStreams streams);

} // namespace Cli
