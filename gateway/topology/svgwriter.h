#pragma once

#include "graph.h"

#include <QByteArray>

namespace Topology {

// The laid-out graph as a standalone SVG 1.1 document (light colours, since an exported file
// has no palette): one <g class="node ..."> per node with its box, title, detail lines and TLS
// badge, one <g class="edge ..."> per edge with its curve and label. Text is XML-escaped and
// elided to the node width by character count, because there are no fonts to measure here.
QByteArray toSvg(const Graph &graph);

// Writes toSvg() atomically (QSaveFile). On failure returns false and says why in `error`.
bool writeSvg(const Graph &graph, const QString &path, QString *error);

} // namespace Topology
