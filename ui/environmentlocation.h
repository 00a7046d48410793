#pragma once

#include "workspace/workspace.h"

// Where the local environment of the open workspace is kept. `gatehouse serve --env FILE` is
// told; the desktop app remembers one file per workspace (the folder holding its files) in
// QSettings. Until the user chooses one (Proxy › Local Environment › Choose…), it is a file of
// the app's own data folder named after the workspace folder: not in the workspace itself,
// where opening the folder would read it as a manifest.
namespace EnvironmentLocation {

// The deepest folder holding every file of the workspace; empty when nothing is open.
QString workspaceFolder(const Project::Workspace &workspace);
QString pathFor(const Project::Workspace &workspace);
void remember(const Project::Workspace &workspace, const QString &path);

} // namespace EnvironmentLocation
