#pragma once

#include "topology/graph.h"

#include <QGraphicsItem>
#include <optional>

// One node of the topology: a rounded box in its kind's colour with a title, detail lines and a
// TLS badge; dashed and grey when the node is dropped, unbound, unreachable or broken. Colours
// come from the scene's palette at paint time, so light and dark themes both read well and a
// palette change needs only a repaint.
class TopologyNodeItem : public QGraphicsItem {
public:
    enum { Type = UserType + 1 };

    TopologyNodeItem(const Topology::Node &node, int index);

    int type() const override { return Type; }
    int index() const { return m_index; } // in the graph's nodes
    const Topology::Node &node() const { return m_node; }

    // Requests the local proxy sent through this route (route nodes, while it runs); nullopt
    // hides the count. A route never hit gets a badge that stands out.
    void setHits(std::optional<quint64> hits);
    std::optional<quint64> hits() const { return m_hits; }
    // The route tests that reach this route (route nodes, while a test file is open); nullopt
    // hides the marker, an empty list marks the route untested.
    void setCoverage(std::optional<QStringList> tests);
    const std::optional<QStringList> &coverage() const { return m_coverage; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    Topology::Node m_node;
    int m_index;
    std::optional<quint64> m_hits;
    std::optional<QStringList> m_coverage;
};
