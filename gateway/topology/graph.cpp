#include "graph.h"

#include <algorithm>

namespace Topology {

QString kindName(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Gateway:
        return QStringLiteral("Gateway");
    case NodeKind::Server:
        return QStringLiteral("Server");
    case NodeKind::VirtualService:
        return QStringLiteral("VirtualService");
    case NodeKind::Route:
        return QStringLiteral("Route");
    case NodeKind::Destination:
        return QStringLiteral("Destination");
    }
    return {};
}

QString stateName(NodeState state)
{
    switch (state) {
    case NodeState::Normal:
        return QStringLiteral("normal");
    case NodeState::Unbound:
        return QStringLiteral("unbound");
    case NodeState::Unreachable:
        return QStringLiteral("unreachable");
    case NodeState::Dropped:
        return QStringLiteral("dropped");
    case NodeState::Broken:
        return QStringLiteral("broken");
    }
    return {};
}

int Graph::count(NodeKind kind) const
{
    return int(std::count_if(nodes.begin(), nodes.end(),
                             [kind](const Node &node) { return node.kind == kind; }));
}

int Graph::indexOf(const QString &id) const
{
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        if (nodes[i].id == id)
            return int(i);
    }
    return -1;
}

} // namespace Topology
