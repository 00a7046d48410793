#include "layout.h"

#include <algorithm>

namespace Topology {

double nodeHeight(const Node &node)
{
    return NODE_TITLE_HEIGHT + NODE_LINE_HEIGHT * node.details.size() + NODE_PADDING;
}

void layOut(Graph &graph)
{
    const int count = int(graph.nodes.size());
    std::vector<std::vector<int>> predecessors(static_cast<std::size_t>(count));
    for (const Edge &edge : graph.edges) {
        // Only edges from an earlier column order a column; others would make it circular.
        if (graph.nodes[size_t(edge.from)].kind < graph.nodes[size_t(edge.to)].kind)
            predecessors[size_t(edge.to)].push_back(edge.from);
    }

    std::vector<double> row(static_cast<std::size_t>(count),
                            0.0); // position within its column, once placed
    std::vector<std::vector<int>> columns(NODE_KIND_COUNT);
    for (int i = 0; i < count; ++i)
        columns[size_t(graph.nodes[size_t(i)].kind)].push_back(i);

    for (std::vector<int> &column : columns) {
        std::vector<std::pair<double, int>> keyed; // (barycentre, node)
        for (int node : column) {
            const auto &from = predecessors[size_t(node)];
            double sum = 0;
            for (int p : from)
                sum += row[size_t(p)];
            keyed.emplace_back(from.empty() ? double(count) : sum / double(from.size()), node);
        }
        // Stable: equal barycentres keep build order (a VirtualService's rules stay in order).
        std::stable_sort(keyed.begin(), keyed.end(),
                         [](const auto &a, const auto &b) { return a.first < b.first; });
        for (std::size_t r = 0; r < keyed.size(); ++r) {
            column[r] = keyed[r].second;
            row[size_t(keyed[r].second)] = double(r);
        }
    }

    std::vector<double> heights(NODE_KIND_COUNT, 0);
    for (int c = 0; c < NODE_KIND_COUNT; ++c) {
        for (int node : columns[size_t(c)])
            heights[size_t(c)] += nodeHeight(graph.nodes[size_t(node)]) + ROW_GAP;
    }
    const double tallest = *std::max_element(heights.begin(), heights.end());

    graph.bounds = QRectF();
    for (int c = 0; c < NODE_KIND_COUNT; ++c) {
        double y = (tallest - heights[size_t(c)]) / 2;
        const double x = c * (NODE_WIDTH + COLUMN_GAP);
        for (int index : columns[size_t(c)]) {
            Node &node = graph.nodes[size_t(index)];
            node.rect = QRectF(x, y, NODE_WIDTH, nodeHeight(node));
            y += node.rect.height() + ROW_GAP;
            graph.bounds = graph.bounds.isNull() ? node.rect : graph.bounds.united(node.rect);
        }
    }
}

QPointF edgeStart(const Graph &graph, const Edge &edge)
{
    const QRectF &rect = graph.nodes[size_t(edge.from)].rect;
    return {rect.right(), rect.center().y()};
}

QPointF edgeEnd(const Graph &graph, const Edge &edge)
{
    const QRectF &rect = graph.nodes[size_t(edge.to)].rect;
    return {rect.left(), rect.center().y()};
}

} // namespace Topology
