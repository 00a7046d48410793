#pragma once

#include "graph.h"

namespace Topology {

// Sizes in scene units (pixels at 100 %). The engine knows no fonts, so a node is a fixed width
// and a height that grows with its detail lines; views elide text that does not fit.
inline constexpr double NODE_WIDTH = 230;
inline constexpr double NODE_TITLE_HEIGHT = 24;
inline constexpr double NODE_LINE_HEIGHT = 16;
inline constexpr double NODE_PADDING = 6;
inline constexpr double COLUMN_GAP = 90;
inline constexpr double ROW_GAP = 14;

double nodeHeight(const Node &node);

// A layered layout: one column per NodeKind, left to right. Within a column, nodes are ordered
// by the mean row of their predecessors (barycentre), so edges stay short; nodes without
// predecessors keep their build order and go last. Columns are centred on the tallest one.
// Sets every Node::rect and Graph::bounds; deterministic.
void layOut(Graph &graph);

// Where an edge leaves and enters: the middle of the right side of `from`, the middle of the
// left side of `to`.
QPointF edgeStart(const Graph &graph, const Edge &edge);
QPointF edgeEnd(const Graph &graph, const Edge &edge);

} // namespace Topology
