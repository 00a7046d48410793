#pragma once

#include "routetest/routetestrunner.h"

#include <QAbstractTableModel>

// The results of one run of a route test file as a table: a row per test (pass or fail), and a
// row per load error (the file or its config could not be read). A thin adapter over
// RouteTest::RunResult; setResult() replaces everything with a model reset.
class RouteTestModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Name, Verdict, Failure, Duration, ColumnCount };
    enum Role {
        VerdictRole = Qt::UserRole + 1, // "pass", "fail", "error": what the filter looks at
        RouteKeyRole,                   // "ns/name http[2]" of the route the test reached, or ""
    };
    enum class Outcome { Pass, Fail, Error };

    struct Row {
        QString name;
        Outcome outcome = Outcome::Pass;
        QString failure; // the first failing expectation, or the load error
        QString details; // every failing expectation, one a line (the tooltip)
        qint64 durationUs = -1;
        QString routeKey;
        Runtime::SourcePtr virtualService; // that route's VirtualService, for opening it
    };

    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    void setResult(const RouteTest::RunResult &result);
    void clear();
    const Row &row(int row) const { return m_rows.at(size_t(row)); }

    static QString outcomeName(Outcome outcome);
    // "expected route reviews-v2, got http[1]"
    static QString failureText(const RouteTest::Failure &failure);

private:
    std::vector<Row> m_rows;
};
