#include "launchtimer.h"

#include <QElapsedTimer>
#include <QEvent>
#include <QFile>
#include <QTimer>
#include <QWidget>
#include <ctime>
#include <unistd.h>

namespace {

// Milliseconds since the process started, from /proc/self/stat (field 22, clock ticks since
// boot) and CLOCK_BOOTTIME; -1 where that is not available.
double processAgeMs()
{
#ifdef Q_OS_LINUX
    QFile stat(QStringLiteral("/proc/self/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = stat.readAll();
    // The command name (field 2) may hold spaces; the fields after it follow its ')'.
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    bool ok = false;
    const double startTicks = fields.value(19).toDouble(&ok); // field 22
    timespec now{};
    if (!ok || clock_gettime(CLOCK_BOOTTIME, &now) != 0)
        return -1;
    const double nowMs = now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
    return nowMs - startTicks * 1000.0 / double(sysconf(_SC_CLK_TCK));
#else
    return -1;
#endif
}

class FirstPaintFilter : public QObject {
public:
    FirstPaintFilter(QWidget *window, std::function<void(double)> done)
        : QObject(window), m_done(std::move(done)), m_offset(processAgeMs())
    {
        m_clock.start();
    }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_seen) {
            m_seen = true;
            // The rest of this frame (the children's paint events) runs before the timer.
            QTimer::singleShot(0, this, [this] {
                m_done(m_offset < 0 ? double(m_clock.nsecsElapsed()) / 1e6 : processAgeMs());
                deleteLater();
            });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    std::function<void(double)> m_done;
    QElapsedTimer m_clock;
    double m_offset;
    bool m_seen = false;
};

} // namespace

void whenFirstPainted(QWidget *window, std::function<void(double)> done)
{
    window->installEventFilter(new FirstPaintFilter(window, std::move(done)));
}
