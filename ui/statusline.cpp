#include "statusline.h"

#include <QLabel>

void showStatus(QLabel *label, const QString &text, bool error)
{
    label->setText(text);
    QPalette palette = label->palette();
    const QColor normal = label->parentWidget()
                              ? label->parentWidget()->palette().color(QPalette::WindowText)
                              : palette.color(QPalette::WindowText);
    palette.setColor(QPalette::WindowText, error ? QColor(200, 30, 30) : normal);
    label->setPalette(palette);
}
