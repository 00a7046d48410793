#include "topologynodeitem.h"

#include "topology/layout.h"

#include <QGraphicsScene>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <climits>

namespace {

constexpr double BADGE_WIDTH = 58;
constexpr double RADIUS = 6;

// One hue per kind; lightness follows the palette so the accent stays readable on dark bases.
QColor accent(Topology::NodeKind kind, const QPalette &palette)
{
    static const int hues[Topology::NODE_KIND_COUNT] = {215, 290, 95, 35, 180};
    const bool dark = palette.color(QPalette::Base).lightnessF() < 0.5;
    return QColor::fromHslF(hues[int(kind)] / 360.0, 0.55, dark ? 0.65 : 0.38);
}

QColor mixed(const QColor &a, const QColor &b, double amount)
{
    return QColor::fromRgbF(a.redF() + (b.redF() - a.redF()) * amount,
                            a.greenF() + (b.greenF() - a.greenF()) * amount,
                            a.blueF() + (b.blueF() - a.blueF()) * amount);
}

} // namespace

TopologyNodeItem::TopologyNodeItem(const Topology::Node &node, int index)
    : m_node(node), m_index(index)
{
    setPos(node.rect.topLeft());
    setFlag(ItemIsSelectable);
    setAcceptHoverEvents(true);
    setCursor(Qt::PointingHandCursor);
    QString tip = Topology::kindName(node.kind) + QLatin1String(": ") + node.label;
    if (!node.stateReason.isEmpty())
        tip += QLatin1Char('\n') + Topology::stateName(node.state) + QLatin1String(": ") +
               node.stateReason;
    setToolTip(tip);
}

QRectF TopologyNodeItem::boundingRect() const
{
    return QRectF(QPointF(0, 0), m_node.rect.size()).adjusted(-2, -2, 2, 2);
}

void TopologyNodeItem::setHits(std::optional<quint64> hits)
{
    if (hits == m_hits)
        return;
    m_hits = hits;
    update();
}

void TopologyNodeItem::setCoverage(std::optional<QStringList> tests)
{
    if (tests == m_coverage)
        return;
    m_coverage = std::move(tests);
    update();
}

void TopologyNodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const QPalette palette = scene() ? scene()->palette() : QPalette();
    const bool normal = m_node.state == Topology::NodeState::Normal;
    const QColor base = palette.color(QPalette::Base);
    const QColor colour =
        normal ? accent(m_node.kind, palette) : palette.color(QPalette::PlaceholderText);
    const QRectF box(QPointF(0, 0), m_node.rect.size());

    painter->setRenderHint(QPainter::Antialiasing);
    QPen border(colour, (option->state & QStyle::State_Selected) ? 3 : 1.5);
    if (!normal)
        border.setStyle(Qt::DashLine);
    painter->setPen(border);
    painter->setBrush(normal ? mixed(base, colour, 0.12) : palette.color(QPalette::Window));
    painter->drawRoundedRect(box, RADIUS, RADIUS);

    double titleWidth = box.width() - 2 * Topology::NODE_PADDING;
    QFont font = painter->font();
    if (!m_node.tlsMode.isEmpty()) {
        titleWidth -= BADGE_WIDTH + Topology::NODE_PADDING;
        const QRectF badge(box.right() - Topology::NODE_PADDING - BADGE_WIDTH, 5, BADGE_WIDTH, 14);
        painter->setPen(Qt::NoPen);
        painter->setBrush(colour);
        painter->drawRoundedRect(badge, 7, 7);
        QFont small = font;
        if (font.pointSizeF() > 0)
            small.setPointSizeF(font.pointSizeF() * 0.75);
        painter->setFont(small);
        painter->setPen(base);
        painter->drawText(badge, Qt::AlignCenter, QLatin1String("TLS ") + m_node.tlsMode);
    }

    if (m_hits) {
        // The hit count where a route has no TLS badge: top right.
        const bool never = *m_hits == 0;
        const QString text =
            never ? QObject::tr("never hit")
                  : QObject::tr("%n hit(s)", nullptr, int(std::min<quint64>(*m_hits, INT_MAX)));
        titleWidth -= BADGE_WIDTH + Topology::NODE_PADDING;
        const QRectF badge(box.right() - Topology::NODE_PADDING - BADGE_WIDTH, 5, BADGE_WIDTH, 14);
        painter->setPen(Qt::NoPen);
        painter->setBrush(never ? QColor(0xe6, 0x7e, 0x22) : colour);
        painter->drawRoundedRect(badge, 7, 7);
        QFont small = font;
        if (font.pointSizeF() > 0)
            small.setPointSizeF(font.pointSizeF() * 0.75);
        painter->setFont(small);
        painter->setPen(never ? QColor(Qt::white) : base);
        painter->drawText(badge, Qt::AlignCenter, text);
        painter->setFont(font);
    }

    if (m_coverage) {
        // Bottom right, away from the hit count: whether a route test reaches this route.
        const bool untested = m_coverage->isEmpty();
        const QString text =
            untested ? QObject::tr("untested") : QObject::tr("tested ×%1").arg(m_coverage->size());
        const QRectF marker(box.right() - Topology::NODE_PADDING - BADGE_WIDTH,
                            box.bottom() - 5 - 14, BADGE_WIDTH, 14);
        QFont small = font;
        if (font.pointSizeF() > 0)
            small.setPointSizeF(font.pointSizeF() * 0.75);
        painter->setFont(small);
        painter->setBrush(Qt::NoBrush);
        painter->setPen(QPen(untested ? palette.color(QPalette::PlaceholderText) : colour, 1,
                             untested ? Qt::DashLine : Qt::SolidLine));
        painter->drawRoundedRect(marker, 7, 7);
        painter->drawText(marker, Qt::AlignCenter, text);
        painter->setFont(font);
    }

    QFont bold = font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(colour);
    const QRectF title(Topology::NODE_PADDING, 0, titleWidth, Topology::NODE_TITLE_HEIGHT);
    painter->drawText(
        title, Qt::AlignVCenter | Qt::AlignLeft,
        painter->fontMetrics().elidedText(m_node.label, Qt::ElideMiddle, int(titleWidth)));

    painter->setFont(font);
    painter->setPen(palette.color(normal ? QPalette::Text : QPalette::PlaceholderText));
    double y = Topology::NODE_TITLE_HEIGHT;
    const double lineWidth = box.width() - 2 * Topology::NODE_PADDING;
    for (const QString &line : m_node.details) {
        const QRectF rect(Topology::NODE_PADDING, y, lineWidth, Topology::NODE_LINE_HEIGHT);
        painter->drawText(rect, Qt::AlignVCenter | Qt::AlignLeft,
                          painter->fontMetrics().elidedText(line, Qt::ElideRight, int(lineWidth)));
        y += Topology::NODE_LINE_HEIGHT;
    }
}
