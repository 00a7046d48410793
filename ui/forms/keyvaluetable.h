#pragma once

#include <QList>
#include <QPair>
#include <QWidget>

class QTableWidget;

// An ordered list of key → value pairs (labels, selectors, header operations) as a two-column
// table with Add and Remove buttons. Order is kept as written; a row with an empty key is not
// reported (it is being typed).
class KeyValueTable : public QWidget {
    Q_OBJECT

public:
    using Pairs = QList<QPair<QString, QString>>;

    KeyValueTable(const QString &keyTitle, const QString &valueTitle, QWidget *parent = nullptr);

    // Shows `pairs` unless the table already holds the same (keeps the editor that is open).
    void setPairs(const Pairs &pairs);
    Pairs pairs() const;
    QTableWidget *table() const { return m_table; }

signals:
    void pairsEdited(const KeyValueTable::Pairs &pairs);

private:
    void addRow(const QString &key, const QString &value);
    void fitHeight();

    QTableWidget *m_table;
    bool m_loading = false;
};
