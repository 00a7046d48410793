#pragma once

#include "model/virtualservice.h"

#include <QHash>
#include <QWidget>

class QTableWidget;

// Weighted destinations of one route (HTTP, TLS or TCP): host and subset pickers fed from the
// context, port, and a weight slider per row with the resulting share of traffic shown live.
// Works on host/subset/port/weight only; the caller keeps anything else a destination carries
// (per-destination headers) by index.
class DestinationTable : public QWidget {
    Q_OBJECT

public:
    struct Row {
        Istio::Destination destination;
        std::optional<qint32> weight;
        // Index of the entry this row was loaded from, -1 for a new row: lets the caller keep
        // what the table does not show through removals.
        int origin = -1;
        bool operator==(const Row &) const = default;
    };

    explicit DestinationTable(QWidget *parent = nullptr);

    // Updates in place when the row count is unchanged; emits nothing.
    void setRows(const std::vector<Row> &rows);
    const std::vector<Row> &rows() const { return m_rows; }
    void setKnownHosts(const QStringList &hosts, const QHash<QString, QStringList> &subsets);
    QTableWidget *table() const { return m_table; }
    // Focuses a column ("host", "subset", "port", "weight") of a row.
    bool focusCell(int row, const QString &column);

    // What Istio sends each row, in percent (NaN when the route sends nothing anywhere).
    static std::vector<double> shares(const std::vector<Row> &rows);

signals:
    // `keySuffix` names the field, for example "[1].weight".
    void rowsEdited(const QString &description, const QString &keySuffix);

private:
    void rebuild();
    void updateRow(int row);
    void updateShares();
    void edit(int row, const QString &field, const QString &description);

    QTableWidget *m_table;
    std::vector<Row> m_rows;
    QStringList m_hosts;
    QHash<QString, QStringList> m_subsets;
};
