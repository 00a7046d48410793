#pragma once

#include "topology/graph.h"

#include <QGraphicsView>
#include <QHash>
#include <optional>

namespace Project {
class Workspace;
}

// The topology of the workspace (gateway/topology) drawn in a graphics scene: nodes in columns,
// edges as curves with their weights. Clicking a node selects it and emits resourceActivated()
// with the resource it came from, so the main window can select that resource and open its
// editor. The view never edits anything; call rebuild() after the workspace changes.
class TopologyView : public QGraphicsView {
    Q_OBJECT

public:
    explicit TopologyView(QWidget *parent = nullptr);

    void rebuild(const Project::Workspace &workspace);
    void setGraph(Topology::Graph graph);
    const Topology::Graph &graph() const { return m_graph; }

    // Route hits from the running proxy ("ns/name http[2]" → requests); routes absent from
    // `hits` count as never hit. clearRouteHits() hides the counts (the proxy stopped).
    void setRouteHits(const QHash<QString, quint64> &hits);
    void clearRouteHits();
    // The count shown on a route node (by its "ns/name http[2]" key), for tests.
    std::optional<quint64> shownHits(const QString &routeKey) const;

    // Which tests reach which route ("ns/name http[2]" → test names), from the Route Tests dock:
    // route nodes get a "tested ×N" or "untested" marker, apart from the hit counts.
    // clearRouteCoverage() hides the markers.
    void setRouteCoverage(const QHash<QString, QStringList> &testsByRoute);
    void clearRouteCoverage();
    // The number of tests shown on a route node, for tests; nullopt when no marker is shown.
    std::optional<int> shownCoverage(const QString &routeKey) const;

    void fitToView();
    void zoomBy(double factor); // kept within 10 %..400 %

    // The whole graph at 100 %, on the palette's base colour. False with a reason on failure.
    bool exportPng(const QString &path, QString *error) const;
    // The same graph as SVG text (Topology::toSvg); no Qt Svg involved.
    bool exportSvg(const QString &path, QString *error) const;

signals:
    void resourceActivated(const Topology::SourceResource &resource);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void populate();

    void showHits();

    Topology::Graph m_graph;
    std::optional<QHash<QString, quint64>> m_hits;
    std::optional<QHash<QString, QStringList>> m_coverage;
};
