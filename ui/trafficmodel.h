#pragma once

#include "proxy/accesslog.h"

#include <QAbstractTableModel>
#include <deque>

// The live access log as a table, newest last. Holds at most MAX_ROWS entries; the oldest go
// first. A thin adapter: the entries are the engine's own values.
class TrafficModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        Time,
        Listener,
        Method,
        Host,
        Path,
        Status,
        Route,
        Destination,
        Duration,
        Flags,
        ColumnCount
    };
    enum Role { RouteKeyRole = Qt::UserRole + 1 };
    static constexpr int MAX_ROWS = 5000;

    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    void append(const QList<Proxy::AccessLogEntry> &entries);
    void clear();
    const Proxy::AccessLogEntry &entry(int row) const { return m_entries.at(size_t(row)); }

private:
    std::deque<Proxy::AccessLogEntry> m_entries;
};
