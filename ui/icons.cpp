#include "icons.h"

#include <QGuiApplication>
#include <QIconEngine>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>

namespace Icons {
namespace {

constexpr qreal GRID = 24.0; // the SVG designs' viewBox
constexpr qreal STROKE = 2.0;

struct Shape {
    QPainterPath stroked;
    QPainterPath filled;
};

QPainterPath polyline(std::initializer_list<QPointF> points, bool closed = false)
{
    QPainterPath path;
    auto it = points.begin();
    path.moveTo(*it);
    for (++it; it != points.end(); ++it)
        path.lineTo(*it);
    if (closed)
        path.closeSubpath();
    return path;
}

QPainterPath undoArrow()
{
    QPainterPath path;
    path.moveTo(8, 8);
    path.lineTo(14, 8);
    path.arcTo(QRectF(9, 8, 10, 10), 90, -180); // top to bottom round the right
    path.lineTo(8, 18);
    path.addPath(polyline({{12, 4}, {8, 8}, {12, 12}}));
    return path;
}

Shape shape(Id id)
{
    Shape s;
    switch (id) {
    case Id::New:
        s.stroked = polyline({{6, 3}, {14, 3}, {18, 7}, {18, 21}, {6, 21}}, true);
        s.stroked.addPath(polyline({{14, 3}, {14, 7}, {18, 7}}));
        s.stroked.addPath(polyline({{12, 11}, {12, 17}}));
        s.stroked.addPath(polyline({{9, 14}, {15, 14}}));
        break;
    case Id::Open:
        s.stroked = polyline({{3, 6}, {9, 6}, {11, 8}, {21, 8}, {21, 19}, {3, 19}}, true);
        s.stroked.addPath(polyline({{3, 11}, {21, 11}}));
        break;
    case Id::Save:
        s.stroked = polyline({{4, 4}, {16, 4}, {20, 8}, {20, 20}, {4, 20}}, true);
        s.stroked.addPath(polyline({{8, 4}, {8, 9}, {15, 9}, {15, 4}}));
        s.stroked.addPath(polyline({{8, 20}, {8, 14}, {16, 14}, {16, 20}}));
        break;
    case Id::Undo:
        s.stroked = undoArrow();
        break;
    case Id::Redo:
        s.stroked = QTransform(-1, 0, 0, 1, GRID, 0).map(undoArrow());
        break;
    case Id::StartProxy:
        s.filled = polyline({{8, 5}, {19, 12}, {8, 19}}, true);
        break;
    case Id::StopProxy:
        s.filled.addRoundedRect(QRectF(6, 6, 12, 12), 1.5, 1.5);
        break;
    case Id::Export:
        s.stroked = polyline({{4, 14}, {4, 20}, {20, 20}, {20, 14}});
        s.stroked.addPath(polyline({{12, 16}, {12, 4}}));
        s.stroked.addPath(polyline({{7, 9}, {12, 4}, {17, 9}}));
        break;
    }
    return s;
}

class PathIconEngine : public QIconEngine {
public:
    explicit PathIconEngine(Id id) : m_id(id) {}

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State) override
    {
        const QPalette palette = QGuiApplication::palette();
        QColor colour = palette.color(
            mode == QIcon::Disabled ? QPalette::Disabled : QPalette::Active, QPalette::WindowText);
        if (mode == QIcon::Selected)
            colour = palette.color(QPalette::Active, QPalette::HighlightedText);
        const Shape s = shape(m_id);
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        const qreal side = qMin(rect.width(), rect.height());
        painter->translate(rect.x() + (rect.width() - side) / 2.0,
                           rect.y() + (rect.height() - side) / 2.0);
        painter->scale(side / GRID, side / GRID);
        painter->setPen(QPen(colour, STROKE, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(s.stroked);
        painter->setPen(Qt::NoPen);
        painter->setBrush(colour);
        painter->drawPath(s.filled);
        painter->restore();
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return scaledPixmap(size, mode, state, 1.0);
    }

    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state,
                         qreal scale) override
    {
        QPixmap pixmap(size * scale);
        pixmap.fill(Qt::transparent);
        {
            QPainter painter(&pixmap);
            paint(&painter, QRect(QPoint(0, 0), size * scale), mode, state);
        }
        pixmap.setDevicePixelRatio(scale);
        return pixmap;
    }

    QIconEngine *clone() const override { return new PathIconEngine(m_id); }
    QString key() const override { return QStringLiteral("GatehousePathIcon"); }

private:
    Id m_id;
};

} // namespace

QIcon icon(Id id)
{
    return QIcon(new PathIconEngine(id));
}

} // namespace Icons
