#include "keyvaluetable.h"

#include "formfields.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

KeyValueTable::KeyValueTable(const QString &keyTitle, const QString &valueTitle, QWidget *parent)
    : QWidget(parent), m_table(new QTableWidget(0, 2, this))
{
    m_table->setHorizontalHeaderLabels({keyTitle, valueTitle});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAccessibleName(keyTitle + QStringLiteral(" / ") + valueTitle);

    const auto [add, remove] = FormFields::layOutWithRowButtons(this, m_table, tr("Add a row"),
                                                                tr("Remove the selected row"));

    connect(add, &QToolButton::clicked, this, [this] {
        addRow({}, {});
        m_table->setCurrentCell(m_table->rowCount() - 1, 0);
        m_table->editItem(m_table->item(m_table->rowCount() - 1, 0));
    });
    connect(remove, &QToolButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row < 0)
            return;
        m_table->removeRow(row);
        emit pairsEdited(pairs());
    });
    connect(m_table->model(), &QAbstractItemModel::rowsInserted, this, &KeyValueTable::fitHeight);
    connect(m_table->model(), &QAbstractItemModel::rowsRemoved, this, &KeyValueTable::fitHeight);
    fitHeight();
    connect(m_table, &QTableWidget::itemChanged, this, [this] {
        if (!m_loading)
            emit pairsEdited(pairs());
    });
}

void KeyValueTable::setPairs(const Pairs &pairs)
{
    if (pairs == this->pairs())
        return;
    m_loading = true;
    m_table->setRowCount(0);
    for (const auto &[key, value] : pairs)
        addRow(key, value);
    m_loading = false;
}

KeyValueTable::Pairs KeyValueTable::pairs() const
{
    Pairs result;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *key = m_table->item(row, 0);
        const QTableWidgetItem *value = m_table->item(row, 1);
        if (!key || key->text().trimmed().isEmpty())
            continue;
        result.append({key->text().trimmed(), value ? value->text() : QString()});
    }
    return result;
}

void KeyValueTable::addRow(const QString &key, const QString &value)
{
    const bool wasLoading = m_loading;
    m_loading = true; // a new empty row reports nothing until a key is typed
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(key));
    m_table->setItem(row, 1, new QTableWidgetItem(value));
    m_loading = wasLoading;
}

void KeyValueTable::fitHeight()
{
    // As tall as its rows plus room for one more, between two and six rows: a selector with
    // one label does not take half the form.
    const int rows = std::clamp(m_table->rowCount() + 1, 2, 6);
    const int rowHeight = m_table->verticalHeader()->defaultSectionSize();
    m_table->setFixedHeight(m_table->horizontalHeader()->sizeHint().height() + rows * rowHeight +
                            2 * m_table->frameWidth());
}
