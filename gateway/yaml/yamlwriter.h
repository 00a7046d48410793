#pragma once

#include <yaml-cpp/node/node.h>

#include <string>

namespace Yaml {

// Writes a node tree as block-style YAML (2-space indentation, sequence items indented under
// their key, flow style kept where the source used it). Unlike YAML::Emitter it keeps every
// scalar's type: a string that would read back as a number, boolean or null is quoted, and
// multi-line strings become literal blocks. The output always ends with a newline.
std::string writeYaml(const YAML::Node &root);

} // namespace Yaml
