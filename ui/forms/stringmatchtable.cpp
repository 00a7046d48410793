#include "stringmatchtable.h"

#include "formfields.h"
#include "stringmatchedit.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

enum Column { NAME, KIND, VALUE, COLUMN_COUNT };

} // namespace

StringMatchTable::StringMatchTable(const QString &accessibleName, bool withNames, QWidget *parent)
    : QWidget(parent), m_table(new QTableWidget(0, COLUMN_COUNT, this)), m_withNames(withNames)
{
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Match"), tr("Value")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setColumnHidden(NAME, !withNames);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setMaximumHeight(120);
    m_table->setAccessibleName(accessibleName);

    const auto [add, remove] =
        FormFields::layOutWithRowButtons(this, m_table, tr("Add to %1").arg(accessibleName),
                                         tr("Remove from %1").arg(accessibleName));

    connect(add, &QToolButton::clicked, this, [this] {
        Istio::StringMatch match;
        match.exact = QString();
        addRow({}, match);
        m_table->setCurrentCell(m_table->rowCount() - 1, m_withNames ? NAME : VALUE);
        if (!m_withNames)
            emit entriesEdited();
    });
    connect(remove, &QToolButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row < 0)
            return;
        m_table->removeRow(row);
        emit entriesEdited();
    });
    connect(m_table, &QTableWidget::itemChanged, this, [this] {
        if (m_loading)
            return;
        recheck();
        emit entriesEdited();
    });
}

void StringMatchTable::setEntries(const Entries &entries)
{
    if (entries == this->entries())
        return;
    m_loading = true;
    m_table->setRowCount(0);
    for (const auto &[name, match] : entries)
        addRow(name, match);
    m_loading = false;
    recheck();
}

StringMatchTable::Entries StringMatchTable::entries() const
{
    Entries result;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *name = m_table->item(row, NAME);
        const QTableWidgetItem *value = m_table->item(row, VALUE);
        const auto *kind = qobject_cast<QComboBox *>(m_table->cellWidget(row, KIND));
        if (m_withNames && (!name || name->text().trimmed().isEmpty()))
            continue;
        const auto match = StringMatchEdit::make(kind ? kind->currentText() : QString(),
                                                 value ? value->text() : QString());
        result.entries.emplace_back(name ? name->text().trimmed() : QString(),
                                    match.value_or(Istio::StringMatch{}));
    }
    return result;
}

void StringMatchTable::setList(const std::vector<Istio::StringMatch> &matches)
{
    Entries entries;
    for (const auto &match : matches)
        entries.entries.emplace_back(QString(), match);
    setEntries(entries);
}

std::vector<Istio::StringMatch> StringMatchTable::list() const
{
    std::vector<Istio::StringMatch> result;
    for (const auto &entry : entries())
        result.push_back(entry.second);
    return result;
}

void StringMatchTable::setHelp(const QString &help)
{
    m_help = help;
    recheck();
}

void StringMatchTable::addRow(const QString &name, const std::optional<Istio::StringMatch> &match)
{
    const bool wasLoading = m_loading;
    m_loading = true;
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, NAME, new QTableWidgetItem(name));
    m_table->setItem(row, VALUE, new QTableWidgetItem(StringMatchEdit::valueOf(match)));
    auto *kind = new QComboBox;
    if (m_withNames)
        kind->addItem(QStringLiteral("present"));
    kind->addItems({QStringLiteral("exact"), QStringLiteral("prefix"), QStringLiteral("regex")});
    kind->setCurrentText(StringMatchEdit::kindOf(match));
    kind->setAccessibleName(tr("Match kind"));
    kind->setToolTip(tr("present: `{}`, the entry must be there with any value; exact / prefix: "
                        "case-sensitive comparison; regex: RE2, whole value."));
    connect(kind, &QComboBox::activated, this, [this] {
        recheck();
        emit entriesEdited();
    });
    m_table->setCellWidget(row, KIND, kind);
    m_loading = wasLoading;
}

void StringMatchTable::recheck()
{
    QString problem;
    for (int row = 0; row < m_table->rowCount() && problem.isEmpty(); ++row) {
        const auto *kind = qobject_cast<QComboBox *>(m_table->cellWidget(row, KIND));
        const QTableWidgetItem *value = m_table->item(row, VALUE);
        if (kind && value && kind->currentText() == QLatin1String("regex"))
            problem = StringMatchEdit::regexProblem(value->text());
    }
    m_table->setToolTip(problem.isEmpty() ? m_help : problem + QStringLiteral("\n\n") + m_help);
    m_table->setStyleSheet(problem.isEmpty()
                               ? QString()
                               : QStringLiteral("QTableWidget { border: 1px solid #d32f2f; }"));
}
