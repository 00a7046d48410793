#pragma once

#include <QByteArray>
#include <QString>
#include <optional>
#include <string>
#include <yaml-cpp/node/node.h>

namespace Yaml {

// What a scalar means once resolved the way Kubernetes reads manifests (sigs.k8s.io/yaml,
// YAML 1.1 core types: yes/no/on/off are booleans, ~ and null are null).
enum class ScalarType { Null, Bool, Int, Float, String };

ScalarType resolvePlainScalar(const std::string &text);

// The type of a parsed scalar node: quoted or explicitly tagged !!str scalars are strings,
// plain ones are resolved from their text.
ScalarType scalarType(const YAML::Node &node);

bool isQuotedOrStringTagged(const YAML::Node &node);

// Parsed values of plain scalars; nullopt when the text is not of that type.
std::optional<long long> parseInteger(const std::string &text);
std::optional<double> parseFloat(const std::string &text);
std::optional<bool> parseBool(const std::string &text);

// A scalar node holding `text` as a string: emitted quoted whenever plain text would read back
// as another type.
YAML::Node makeStringNode(const std::string &text);

// `text` in double quotes with YAML's escapes (control characters as \xNN, UTF-8 as it is).
std::string doubleQuoted(const std::string &text);

// `text` as a block-context scalar for files written by hand (route tests, the local
// environment): plain when it reads back as the same string, else double-quoted.
QByteArray stringScalar(const QString &text);

} // namespace Yaml
