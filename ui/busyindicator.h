#pragma once

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>
#include <optional>

class QStatusBar;

// A small spinner in the main window's status bar for work that may take a while (opening a
// folder, export, kubectl, starting the proxy). It appears only when some operation is still
// running DELAY_MS after it began, so quick work never flickers; the operation's message goes
// to the status bar at once. Operations nest: the spinner goes when the last one ends.
//
// Work in the background (kubectl) calls begin() and end(). Work that blocks the GUI thread
// uses a Scope and calls checkpoint() between its steps: no timer can fire while the thread is
// busy, so checkpoint() shows the spinner (painted at once) when the delay has passed.
class BusyIndicator : public QWidget {
    Q_OBJECT

public:
    explicit BusyIndicator(QStatusBar *statusBar);

    void begin(const QString &message);
    // Ends the oldest operation still running; `message` (if any) replaces its message.
    void end(const QString &message = {});
    void checkpoint();
    bool isBusy() const { return m_running > 0; }

    // Synchronous work: a busy cursor and begin() for its lifetime.
    class Scope {
    public:
        Scope(BusyIndicator *indicator, const QString &message);
        ~Scope();
        Scope(const Scope &) = delete;
        Scope &operator=(const Scope &) = delete;
        void checkpoint()
        {
            if (m_indicator)
                m_indicator->checkpoint();
        }

    private:
        BusyIndicator *m_indicator;
    };

    // The indicator of the main window that `widget` belongs to (a dialog of it counts);
    // null when there is none.
    static BusyIndicator *of(QWidget *widget);

    static constexpr int DELAY_MS = 500;
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void appear();

    QStatusBar *m_statusBar;
    QTimer m_delay;
    QTimer m_spin;
    QElapsedTimer m_since;
    QString m_message; // the latest operation's status-bar message
    int m_running = 0;
    int m_angle = 0;
};
