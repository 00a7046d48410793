#include "levelicon.h"

#include <QCoreApplication>
#include <QPainter>
#include <QPixmap>

namespace {

constexpr int DOT_SIZE = 12;

QIcon makeDot(const QColor &color)
{
    QPixmap pixmap(DOT_SIZE, DOT_SIZE);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(color.darker(130));
    painter.setBrush(color);
    painter.drawEllipse(QRectF(1.5, 1.5, DOT_SIZE - 3, DOT_SIZE - 3));
    return QIcon(pixmap);
}

} // namespace

QIcon levelIcon(Core::Level level)
{
    // Built on first use: a QPixmap cannot exist before the application object.
    static const QIcon icons[] = {makeDot(QColor(0xd3, 0x2f, 0x2f)),
                                  makeDot(QColor(0xf5, 0xa6, 0x23)),
                                  makeDot(QColor(0x1e, 0x88, 0xe5))};
    return icons[static_cast<int>(level)];
}

QString levelCountsText(const std::array<int, 3> &counts)
{
    QStringList parts;
    if (counts[0] > 0)
        parts << QCoreApplication::translate("Problems", "%n error(s)", nullptr, counts[0]);
    if (counts[1] > 0)
        parts << QCoreApplication::translate("Problems", "%n warning(s)", nullptr, counts[1]);
    if (counts[2] > 0)
        parts << QCoreApplication::translate("Problems", "%n note(s)", nullptr, counts[2]);
    return parts.join(QStringLiteral(", "));
}
