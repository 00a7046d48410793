// toYaml(): the translation as istiod's generated resources read.

#include "translation.h"
#include "yaml/fieldwriter.h"
#include "yaml/yamlwriter.h"

#include <algorithm>

namespace FromGatewayApi {
namespace {

// A copy of the tree with every mapping's keys in alphabetical order, as Go's YAML encoder
// prints istiod's objects.
YAML::Node sortedKeys(const YAML::Node &node)
{
    if (node.IsSequence()) {
        YAML::Node sequence(YAML::NodeType::Sequence);
        for (const YAML::Node &item : node)
            sequence.push_back(sortedKeys(item));
        return sequence;
    }
    if (!node.IsMap())
        return node;
    // Keys only: YAML::Node assignment writes through to the node, so nodes must not be
    // moved around by a sort.
    std::vector<std::string> keys;
    for (auto it = node.begin(); it != node.end(); ++it)
        keys.push_back(it->first.Scalar());
    std::sort(keys.begin(), keys.end());
    YAML::Node map(YAML::NodeType::Map);
    for (const std::string &key : keys)
        map[key] = sortedKeys(node[key]);
    return map;
}

template <class T> QByteArray document(const T &resource)
{
    const YAML::Node node = sortedKeys(Yaml::toNode(resource));
    return QByteArray::fromStdString(Yaml::writeYaml(node, Yaml::WriteStyle{true})) + "---\n";
}

} // namespace

QByteArray toYaml(const Translation &translation)
{
    QByteArray out;
    for (const TranslatedGateway &gateway : translation.gateways)
        out += document(gateway.gateway);
    for (const TranslatedVirtualService &vs : translation.virtualServices)
        out += document(vs.virtualService);
    return out;
}

} // namespace FromGatewayApi
