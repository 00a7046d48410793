#pragma once

#include "compile/compileoptions.h"
#include "compile/inputs.h"
#include "graph.h"
#include "runtime/config.h"

namespace Topology {

// The topology of what the compiler would serve. Nodes come from the inputs (every Gateway,
// server, VirtualService and rule, bound or not); which of them are connected, dropped or
// unreachable comes from the compiled config, so the picture never applies routing rules of
// its own. `workspace`, when given, resolves each node's source to its document.
// The result is laid out (layOut()) and deterministic: same inputs, same graph.
Graph build(const Compile::Inputs &inputs, const Runtime::Config &config,
            const Project::Workspace *workspace = nullptr);

// Where a compiled resource came from, as a node's source: its document in `workspace` (by
// kind and name; for resources generated from Gateway API objects, the document of the file
// that holds their origin line). Without a workspace the document is left invalid.
SourceResource sourceResource(const Runtime::SourceRef &ref, const Project::Workspace *workspace,
                              const QString &fieldPath = {});

// Collects, compiles and builds in one step.
Graph build(const Project::Workspace &workspace, const Compile::CompileOptions &options = {});

} // namespace Topology
