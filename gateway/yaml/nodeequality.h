#pragma once

#include <string>
#include <yaml-cpp/node/node.h>

namespace Yaml {

// True when two node trees carry the same data as Kubernetes would read it: same structure, same
// key order, scalars equal after type resolution ("80" the string differs from 80 the number;
// 80 equals 0x50). `difference` receives the path of the first mismatch.
bool dataEqual(const YAML::Node &a, const YAML::Node &b, std::string *difference = nullptr);

// Like dataEqual, but mappings may list their keys in any order (what an API server sees).
bool dataEquivalent(const YAML::Node &a, const YAML::Node &b, std::string *difference = nullptr);

} // namespace Yaml
