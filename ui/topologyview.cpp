#include "topologyview.h"

#include "topology/layout.h"
#include "topology/svgwriter.h"
#include "topology/topologybuilder.h"
#include "topologynodeitem.h"

#include <QGraphicsPathItem>
#include <QGraphicsSimpleTextItem>
#include <QImage>
#include <QMouseEvent>
#include <QPainter>
#include <QSaveFile>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace {

constexpr double MARGIN = 20;
constexpr double MIN_SCALE = 0.1;
constexpr double MAX_SCALE = 4.0;
constexpr double WHEEL_STEP = 1.15;

} // namespace

TopologyView::TopologyView(QWidget *parent) : QGraphicsView(parent)
{
    setScene(new QGraphicsScene(this));
    scene()->setPalette(palette());
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
}

void TopologyView::rebuild(const Project::Workspace &workspace)
{
    setGraph(Topology::build(workspace));
}

void TopologyView::setGraph(Topology::Graph graph)
{
    m_graph = std::move(graph);
    populate();
}

void TopologyView::populate()
{
    scene()->clear();
    const QPalette colours = palette();
    for (const Topology::Edge &edge : m_graph.edges) {
        const QPointF a = Topology::edgeStart(m_graph, edge);
        const QPointF b = Topology::edgeEnd(m_graph, edge);
        const double bend = (b.x() - a.x()) / 2;
        QPainterPath path(a);
        path.cubicTo(a + QPointF(bend, 0), b - QPointF(bend, 0), b);
        QPen pen(colours.color(edge.inactive ? QPalette::PlaceholderText : QPalette::Text), 1.3);
        if (edge.inactive)
            pen.setStyle(Qt::DashLine);
        auto *item = scene()->addPath(path, pen);
        item->setZValue(-1); // under the boxes
        if (!edge.label.isEmpty()) {
            auto *label = scene()->addSimpleText(edge.label);
            label->setBrush(colours.color(QPalette::Text));
            // Just before the destination it weighs, where sibling edges have fanned apart.
            label->setPos(
                b - QPointF(label->boundingRect().width() + 6, label->boundingRect().height() + 1));
        }
    }
    for (std::size_t i = 0; i < m_graph.nodes.size(); ++i)
        scene()->addItem(new TopologyNodeItem(m_graph.nodes[i], int(i)));
    scene()->setSceneRect(m_graph.bounds.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN));
    showHits();
}

void TopologyView::setRouteHits(const QHash<QString, quint64> &hits)
{
    m_hits = hits;
    showHits();
}

void TopologyView::clearRouteHits()
{
    m_hits.reset();
    showHits();
}

void TopologyView::showHits()
{
    const QString prefix = QStringLiteral("route:");
    for (QGraphicsItem *item : scene()->items()) {
        if (item->type() != TopologyNodeItem::Type)
            continue;
        auto *node = static_cast<TopologyNodeItem *>(item);
        if (node->node().kind != Topology::NodeKind::Route)
            continue;
        const QString key = node->node().id.mid(prefix.size());
        node->setHits(m_hits ? std::optional<quint64>(m_hits->value(key, 0)) : std::nullopt);
        if (m_coverage)
            node->setCoverage(m_coverage->value(key));
        else
            node->setCoverage(std::nullopt);
    }
}

void TopologyView::setRouteCoverage(const QHash<QString, QStringList> &testsByRoute)
{
    m_coverage = testsByRoute;
    showHits();
}

void TopologyView::clearRouteCoverage()
{
    m_coverage.reset();
    showHits();
}

std::optional<int> TopologyView::shownCoverage(const QString &routeKey) const
{
    for (QGraphicsItem *item : scene()->items()) {
        if (item->type() == TopologyNodeItem::Type &&
            static_cast<TopologyNodeItem *>(item)->node().id ==
                QLatin1String("route:") + routeKey) {
            const auto &tests = static_cast<TopologyNodeItem *>(item)->coverage();
            return tests ? std::optional<int>(int(tests->size())) : std::nullopt;
        }
    }
    return std::nullopt;
}

std::optional<quint64> TopologyView::shownHits(const QString &routeKey) const
{
    for (QGraphicsItem *item : scene()->items()) {
        if (item->type() == TopologyNodeItem::Type &&
            static_cast<TopologyNodeItem *>(item)->node().id == QLatin1String("route:") + routeKey)
            return static_cast<TopologyNodeItem *>(item)->hits();
    }
    return std::nullopt;
}

void TopologyView::fitToView()
{
    fitInView(sceneRect(), Qt::KeepAspectRatio);
    // Small graphs would otherwise be blown up past a readable size.
    if (transform().m11() > 1.0)
        setTransform(QTransform());
}

void TopologyView::zoomBy(double factor)
{
    const double target = std::clamp(transform().m11() * factor, MIN_SCALE, MAX_SCALE);
    const double current = transform().m11();
    scale(target / current, target / current);
}

void TopologyView::wheelEvent(QWheelEvent *event)
{
    if (!(event->modifiers() & Qt::ControlModifier)) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    const int steps = event->angleDelta().y() / 120;
    if (steps != 0)
        zoomBy(std::pow(WHEEL_STEP, steps));
    event->accept();
}

void TopologyView::mousePressEvent(QMouseEvent *event)
{
    for (QGraphicsItem *item : items(event->position().toPoint())) {
        if (item->type() != TopologyNodeItem::Type)
            continue;
        auto *node = static_cast<TopologyNodeItem *>(item);
        if (event->button() == Qt::LeftButton) {
            scene()->clearSelection();
            node->setSelected(true);
            emit resourceActivated(node->node().source);
            event->accept();
            return;
        }
    }
    QGraphicsView::mousePressEvent(event);
}

void TopologyView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange && scene()) {
        scene()->setPalette(palette());
        populate(); // edges and labels took their colours when they were made
    }
    QGraphicsView::changeEvent(event);
}

bool TopologyView::exportPng(const QString &path, QString *error) const
{
    if (m_graph.nodes.empty()) {
        if (error)
            *error = QStringLiteral("the topology is empty: there is nothing to export");
        return false;
    }
    const QRectF source = sceneRect();
    QImage image(source.size().toSize(), QImage::Format_ARGB32_Premultiplied);
    if (image.isNull()) {
        if (error)
            *error = QStringLiteral("the topology is too large to render as an image");
        return false;
    }
    image.fill(palette().color(QPalette::Base));
    {
        QPainter painter(&image);
        painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
        scene()->render(&painter, QRectF(QPointF(0, 0), image.size()), source);
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit()) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool TopologyView::exportSvg(const QString &path, QString *error) const
{
    return Topology::writeSvg(m_graph, path, error);
}
