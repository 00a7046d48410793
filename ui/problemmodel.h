#pragma once

#include "core/diagnostic.h"

#include <QAbstractTableModel>

// The Problems list: one row per validation finding, in the columns `gatehouse validate` prints
// (level, code, file:line:col, resource, message). The caller owns validation and hands the
// findings over with setDiagnostics(); the model only orders and shows them: errors first, then
// warnings, then notes, each group by file, line and column.
class ProblemModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Columns {
        LevelColumn,
        CodeColumn,
        LocationColumn,
        ResourceColumn,
        MessageColumn,
        COLUMN_COUNT
    };
    enum Roles {
        FilePathRole = Qt::UserRole + 1, // QString, the full path (for opening the file)
        LineRole,                        // int, 1-based; 0 when unknown
        ColumnRole,                      // int, 1-based; 0 when unknown
        LevelRole,                       // int, a Core::Level
        DocumentNumberRole,              // int, 1-based document of the file; 0 when unknown
    };

    explicit ProblemModel(QObject *parent = nullptr);

    void setDiagnostics(Core::Diagnostics diagnostics);
    const Core::Diagnostics &diagnostics() const { return m_diagnostics; }
    // The finding shown in `row` (any column of it). `row` must be in range.
    const Core::Diagnostic &diagnostic(int row) const { return m_diagnostics.at(row); }

    // The texts of a finding, shared with the QTreeWidget lists of problemitem.h.
    static QStringList columnTitles();
    static QString columnText(const Core::Diagnostic &diagnostic, int column);
    static QString columnToolTip(const Core::Diagnostic &diagnostic, int column);
    // The order rows are shown in: level, then file, line and column.
    static bool lessThan(const Core::Diagnostic &a, const Core::Diagnostic &b);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    Core::Diagnostics m_diagnostics;
};
