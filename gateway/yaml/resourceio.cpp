#include "resourceio.h"

#include "fieldreader.h"
#include "fieldwriter.h"

namespace Yaml {

Istio::Resource readResource(ReadContext &context, const YAML::Node &root, Istio::ResourceKind kind)
{
    auto read = [&](auto value) -> Istio::Resource {
        readValue(context, root, value, Istio::NoFlags);
        return value;
    };
    switch (kind) {
    case Istio::ResourceKind::Gateway:
        return read(Istio::Gateway{});
    case Istio::ResourceKind::VirtualService:
        return read(Istio::VirtualService{});
    case Istio::ResourceKind::DestinationRule:
        return read(Istio::DestinationRule{});
    case Istio::ResourceKind::Other:
        break;
    }
    return std::monostate{};
}

void writeResource(YAML::Node root, const Istio::Resource &resource)
{
    std::visit(
        [&](const auto &value) {
            if constexpr (Istio::ApiStruct<std::decay_t<decltype(value)>>)
                writeInto(root, value);
        },
        resource);
}

} // namespace Yaml
