#include "busyindicator.h"

#include <QApplication>
#include <QMainWindow>
#include <QPainter>
#include <QStatusBar>

namespace {
constexpr int SPIN_MS = 80;
constexpr int SPIN_STEP = 30; // degrees per frame
} // namespace

BusyIndicator::BusyIndicator(QStatusBar *statusBar) : QWidget(statusBar), m_statusBar(statusBar)
{
    setObjectName(QStringLiteral("busyIndicator"));
    setAccessibleName(tr("Busy"));
    m_delay.setSingleShot(true);
    m_delay.setInterval(DELAY_MS);
    connect(&m_delay, &QTimer::timeout, this, &BusyIndicator::appear);
    m_spin.setInterval(SPIN_MS);
    connect(&m_spin, &QTimer::timeout, this, [this] {
        m_angle = (m_angle + SPIN_STEP) % 360;
        update();
    });
    statusBar->addPermanentWidget(this);
    hide();
}

void BusyIndicator::begin(const QString &message)
{
    if (m_running++ == 0) {
        m_since.start();
        m_delay.start();
    }
    if (!message.isEmpty()) {
        m_message = message;
        m_statusBar->showMessage(message);
    }
}

void BusyIndicator::end(const QString &message)
{
    if (m_running == 0)
        return;
    if (--m_running == 0) {
        m_delay.stop();
        m_spin.stop();
        hide();
        setToolTip(QString());
    }
    // The operation's own message goes; one shown since (its result) stays.
    if (!message.isEmpty())
        m_statusBar->showMessage(message, 5000);
    else if (m_running == 0 && m_statusBar->currentMessage() == m_message)
        m_statusBar->clearMessage();
}

void BusyIndicator::checkpoint()
{
    if (m_running > 0 && !isVisible() && m_since.elapsed() >= DELAY_MS) {
        appear();
        m_statusBar->repaint(); // the event loop is not running: paint now
    }
}

void BusyIndicator::appear()
{
    if (m_running == 0)
        return;
    setToolTip(m_statusBar->currentMessage());
    show();
    m_spin.start();
}

QSize BusyIndicator::sizeHint() const
{
    const int side = fontMetrics().height();
    return {side, side};
}

void BusyIndicator::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const int side = qMin(width(), height()) - 4;
    const QRectF box((width() - side) / 2.0, (height() - side) / 2.0, side, side);
    QColor colour = palette().color(QPalette::WindowText);
    painter.setPen(QPen(colour, 2, Qt::SolidLine, Qt::RoundCap));
    painter.drawArc(box, -m_angle * 16, 270 * 16);
}

BusyIndicator *BusyIndicator::of(QWidget *widget)
{
    for (QWidget *w = widget; w; w = w->parentWidget()) {
        if (auto *window = qobject_cast<QMainWindow *>(w))
            return window->findChild<BusyIndicator *>();
    }
    return nullptr;
}

BusyIndicator::Scope::Scope(BusyIndicator *indicator, const QString &message)
    : m_indicator(indicator)
{
    QApplication::setOverrideCursor(Qt::BusyCursor);
    if (m_indicator)
        m_indicator->begin(message);
}

BusyIndicator::Scope::~Scope()
{
    if (m_indicator)
        m_indicator->end();
    QApplication::restoreOverrideCursor();
}
