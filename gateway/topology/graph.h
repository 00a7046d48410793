#pragma once

#include "core/sourceposition.h"
#include "workspace/workspace.h"

#include <QMetaType>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <vector>

// The topology of a workspace as plain values: Gateway → server → VirtualService → route →
// destination, with states the engine knows (dropped servers, unbound VirtualServices, routes
// the compiler built nothing from, destinations whose subset no DestinationRule defines) and a
// laid-out position for every node. The desktop view and the SVG writer both draw it, so the
// picture and the exported file always agree.
namespace Topology {

// Also the column of the layout, left to right.
enum class NodeKind { Gateway, Server, VirtualService, Route, Destination };
inline constexpr int NODE_KIND_COUNT = 5;

enum class NodeState {
    Normal,
    Unbound,     // VirtualService in no compiled virtual host or TCP route
    Unreachable, // route the compiler built nothing from
    Dropped,     // Gateway server the compiler did not place on a listener
    Broken,      // destination the compiler marks as missing (subset defined by no DestinationRule)
};

QString kindName(NodeKind kind);    // "Gateway", "Server", ... (also the SVG group class)
QString stateName(NodeState state); // "normal", "unbound", ...

// The resource (and the part of it) a node was built from, so a view can select it and open
// its editor. `document` is invalid for generated resources (from Gateway API objects) that
// the workspace does not hold as Istio documents; `file`/`position` still point at the origin.
struct SourceResource {
    QString kind;
    QString nameSpace;
    QString name;
    QString file;
    Core::SourcePosition position;
    Project::DocumentRef document;
    QString fieldPath; // "spec.servers[2]", "spec.http[1]"; empty for the whole resource

    bool operator==(const SourceResource &) const = default;
};

struct Node {
    QString id; // unique and stable across rebuilds: "server:ns/name#2"
    NodeKind kind = NodeKind::Gateway;
    QString label;
    QStringList details; // one line each: port/protocol, hosts, TLS, action...
    QString tlsMode;     // badge text ("SIMPLE", "MUTUAL", ...); empty: no TLS
    NodeState state = NodeState::Normal;
    QString stateReason; // why the state is not normal, for tooltips
    SourceResource source;
    QRectF rect; // set by layOut()
};

struct Edge {
    int from = -1; // node indices
    int to = -1;
    QString label;         // "75%" on weighted destinations
    bool inactive = false; // leads to or from a node whose state is not normal
};

struct Graph {
    std::vector<Node> nodes;
    std::vector<Edge> edges;
    QRectF bounds; // every node, set by layOut()

    int count(NodeKind kind) const;
    int indexOf(const QString &id) const; // -1 when absent
};

} // namespace Topology

Q_DECLARE_METATYPE(Topology::SourceResource)
