#pragma once

#include "model/common.h"

#include <QWidget>

class QTableWidget;

// Named StringMatches (match headers, query parameters, withoutHeaders) or, without names, a
// plain list of them (CORS allowOrigins), as a table of name / kind / value with Add and
// Remove. "present" is the empty match `{}` (the header or parameter must be there).
class StringMatchTable : public QWidget {
    Q_OBJECT

public:
    using Entries = Istio::OrderedMap<Istio::StringMatch>;

    StringMatchTable(const QString &accessibleName, bool withNames, QWidget *parent = nullptr);

    // Rebuilds only when the table does not already show `entries` (keeps an open editor).
    void setEntries(const Entries &entries);
    Entries entries() const;
    void setList(const std::vector<Istio::StringMatch> &matches);
    std::vector<Istio::StringMatch> list() const;
    void setHelp(const QString &help);
    QTableWidget *table() const { return m_table; }

signals:
    void entriesEdited();

private:
    void addRow(const QString &name, const std::optional<Istio::StringMatch> &match);
    void recheck();

    QTableWidget *m_table;
    bool m_withNames;
    bool m_loading = false;
    QString m_help;
};
