#pragma once

#include "model/resource.h"
#include "readcontext.h"

#include <yaml-cpp/node/node.h>

namespace Yaml {

// Reads a document's node as the typed resource of `kind` (monostate for Other).
Istio::Resource readResource(ReadContext &context, const YAML::Node &root,
                             Istio::ResourceKind kind);

// Merges a typed resource into the node it was read from, keeping everything the model does
// not cover. Does nothing for monostate.
void writeResource(YAML::Node root, const Istio::Resource &resource);

} // namespace Yaml
