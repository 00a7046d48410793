#pragma once

#include "proxy/accesslog.h"
#include "runtime/config.h"

#include <QWidget>
#include <functional>
#include <memory>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QTableView;
class QToolButton;
class TrafficModel;

// The Traffic dock: the live access log with a filter (any column), pause, clear, and the
// selected request's details: what the gateway decided and why.
class TrafficView : public QWidget {
    Q_OBJECT

public:
    explicit TrafficView(QWidget *parent = nullptr);

    TrafficModel &model() { return *m_model; }
    bool isPaused() const;

    // New entries from the proxy. While paused they wait (within the table's limit) and
    // appear on resume, so nothing is lost by pausing to read.
    void addEntries(const QList<Proxy::AccessLogEntry> &entries);

    // Where the details pane gets the design to decide a selected request again, with its trace
    // and near misses (the log keeps the outcome, not the why). Null config: no trace.
    using ConfigSource = std::function<std::shared_ptr<const Runtime::Config>()>;
    void setConfigSource(ConfigSource source) { m_configSource = std::move(source); }

private:
    void showDetails();
    void updateCount();

    TrafficModel *m_model;
    QSortFilterProxyModel *m_filter;
    QTableView *m_table;
    QLineEdit *m_filterEdit;
    QToolButton *m_pause;
    QLabel *m_count;
    QPlainTextEdit *m_details;
    QList<Proxy::AccessLogEntry> m_waiting;
    ConfigSource m_configSource;
};
