#pragma once

#include "yaml/scalar.h"

#include <QString>
#include <string>
#include <yaml-cpp/yaml.h>

// Small builders for the generated objects: strings always come out as strings (quoted when
// plain text would read back as a number or boolean), numbers and booleans as plain scalars.
namespace ToGatewayApi::Nodes {

inline YAML::Node text(const QString &value)
{
    return Yaml::makeStringNode(value.toStdString());
}

inline YAML::Node number(qint64 value)
{
    return YAML::Node(std::to_string(value));
}

inline YAML::Node flag(bool value)
{
    return YAML::Node(value ? "true" : "false");
}

// Whether an optional part was built: a default-constructed YAML::Node is a null node.
inline bool isSet(const YAML::Node &node)
{
    return node.IsDefined() && !node.IsNull();
}

inline YAML::Node map()
{
    return YAML::Node(YAML::NodeType::Map);
}

inline YAML::Node list()
{
    return YAML::Node(YAML::NodeType::Sequence);
}

inline YAML::Node textList(const QStringList &values)
{
    YAML::Node node = list();
    for (const QString &value : values)
        node.push_back(text(value));
    return node;
}

} // namespace ToGatewayApi::Nodes
