#include "destinationtable.h"

#include "formfields.h"
#include "formwidgetsync.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSlider>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <cmath>

namespace {

enum Column { HOST, SUBSET, PORT, WEIGHT, COLUMN_COUNT };
constexpr int SLIDER_MAX = 100;

QString hostHelp()
{
    return QObject::tr("The Service or ServiceEntry that gets the traffic. A short name (no dot) "
                       "is resolved relative to the VirtualService's namespace. Must not be `*`; "
                       "the webhook rejects an IP address.");
}

QString subsetHelp()
{
    return QObject::tr("A subset defined in a DestinationRule for this host. If no "
                       "DestinationRule defines it, the cluster does not exist and requests fail "
                       "with 503.");
}

QString portHelp()
{
    return QObject::tr("The Service port. May be left out only when the Service has exactly one "
                       "port; otherwise Istio falls back to the gateway's listener port, which "
                       "usually names no cluster and gives 503 (IST0112).");
}

QString weightHelp()
{
    return QObject::tr(
        "Relative weight. A single destination gets 100% whatever its weight (even 0). With "
        "several, each gets weight / sum of weights; weight 0 drops the destination and the sum "
        "must be above 0. Weights need not add up to 100 since Istio 1.15 (older Istio rejects "
        "totals other than 100).");
}

} // namespace

DestinationTable::DestinationTable(QWidget *parent)
    : QWidget(parent), m_table(new QTableWidget(0, COLUMN_COUNT, this))
{
    m_table->setObjectName(QStringLiteral("destinationTable"));
    m_table->setAccessibleName(tr("Destinations"));
    m_table->setHorizontalHeaderLabels({tr("Host"), tr("Subset"), tr("Port"), tr("Weight")});
    m_table->horizontalHeaderItem(HOST)->setToolTip(hostHelp());
    m_table->horizontalHeaderItem(SUBSET)->setToolTip(subsetHelp());
    m_table->horizontalHeaderItem(PORT)->setToolTip(portHelp());
    m_table->horizontalHeaderItem(WEIGHT)->setToolTip(weightHelp());
    m_table->horizontalHeader()->setSectionResizeMode(HOST, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(WEIGHT, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setMinimumHeight(100);

    const auto [add, remove] = FormFields::layOutWithRowButtons(
        this, m_table, tr("Add a destination"), tr("Remove the selected destination"));
    add->setObjectName(QStringLiteral("addDestination"));
    remove->setObjectName(QStringLiteral("removeDestination"));

    connect(add, &QToolButton::clicked, this, [this] {
        Row row;
        row.destination.host = m_hosts.value(0);
        m_rows.push_back(row);
        rebuild();
        emit rowsEdited(tr("Add destination"), QString());
    });
    connect(remove, &QToolButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row < 0 || row >= int(m_rows.size()))
            return;
        m_rows.erase(m_rows.begin() + row);
        rebuild();
        emit rowsEdited(tr("Remove destination"), QString());
    });
}

void DestinationTable::setRows(const std::vector<Row> &rows)
{
    const bool sameCount = rows.size() == m_rows.size();
    m_rows = rows;
    if (!sameCount) {
        rebuild();
        return;
    }
    for (int row = 0; row < int(m_rows.size()); ++row)
        updateRow(row);
    updateShares();
}

void DestinationTable::setKnownHosts(const QStringList &hosts,
                                     const QHash<QString, QStringList> &subsets)
{
    m_hosts = hosts;
    m_subsets = subsets;
    for (int row = 0; row < int(m_rows.size()); ++row)
        updateRow(row);
}

bool DestinationTable::focusCell(int row, const QString &column)
{
    static const QStringList columns = {QStringLiteral("host"), QStringLiteral("subset"),
                                        QStringLiteral("port"), QStringLiteral("weight")};
    if (row < 0 || row >= m_table->rowCount())
        return false;
    const int index = qMax(0, int(columns.indexOf(column)));
    m_table->setCurrentCell(row, index);
    QWidget *cell = m_table->cellWidget(row, index);
    if (auto *slider = cell ? cell->findChild<QSlider *>() : nullptr)
        cell = slider;
    if (cell)
        cell->setFocus(Qt::OtherFocusReason);
    return true;
}

std::vector<double> DestinationTable::shares(const std::vector<Row> &rows)
{
    if (rows.size() == 1)
        return {100.0};
    qint64 sum = 0;
    for (const Row &row : rows)
        sum += qMax(0, row.weight.value_or(0));
    std::vector<double> result;
    for (const Row &row : rows)
        result.push_back(sum > 0 ? 100.0 * qMax(0, row.weight.value_or(0)) / double(sum) : NAN);
    return result;
}

void DestinationTable::rebuild()
{
    m_table->setRowCount(0);
    m_table->setRowCount(int(m_rows.size()));
    for (int row = 0; row < int(m_rows.size()); ++row) {
        auto *host = new QComboBox;
        host->setEditable(true);
        host->setObjectName(QStringLiteral("destinationHost"));
        host->setAccessibleName(tr("Destination %1 host").arg(row + 1));
        host->setToolTip(hostHelp());
        connect(host->lineEdit(), &QLineEdit::textEdited, this, [this, row](const QString &text) {
            m_rows[row].destination.host = text;
            edit(row, QStringLiteral("destination.host"), tr("Edit destination host"));
        });
        connect(host, &QComboBox::activated, this, [this, row, host] {
            m_rows[row].destination.host = host->currentText();
            edit(row, QStringLiteral("destination.host"), tr("Edit destination host"));
        });
        m_table->setCellWidget(row, HOST, host);

        auto *subset = new QComboBox;
        subset->setEditable(true);
        subset->setObjectName(QStringLiteral("destinationSubset"));
        subset->setAccessibleName(tr("Destination %1 subset").arg(row + 1));
        subset->setToolTip(subsetHelp());
        auto subsetEdited = [this, row, subset] {
            const QString text = subset->currentText();
            m_rows[row].destination.subset =
                text.isEmpty() ? std::nullopt : std::optional<QString>(text);
            edit(row, QStringLiteral("destination.subset"), tr("Edit destination subset"));
        };
        connect(subset->lineEdit(), &QLineEdit::textEdited, this, subsetEdited);
        connect(subset, &QComboBox::activated, this, subsetEdited);
        m_table->setCellWidget(row, SUBSET, subset);

        auto *port = FormSync::optionalSpin(0, 65535, tr("default"));
        port->setObjectName(QStringLiteral("destinationPort"));
        port->setAccessibleName(tr("Destination %1 port").arg(row + 1));
        port->setToolTip(portHelp());
        connect(port, &QSpinBox::valueChanged, this, [this, row, port] {
            const auto number = FormSync::optional<quint32>(port);
            m_rows[row].destination.port =
                number ? std::optional(Istio::PortSelector{number}) : std::nullopt;
            edit(row, QStringLiteral("destination.port"), tr("Edit destination port"));
        });
        m_table->setCellWidget(row, PORT, port);

        auto *weightCell = new QWidget;
        auto *slider = new QSlider(Qt::Horizontal, weightCell);
        slider->setObjectName(QStringLiteral("weightSlider"));
        slider->setAccessibleName(tr("Destination %1 weight").arg(row + 1));
        slider->setToolTip(weightHelp());
        slider->setRange(0, SLIDER_MAX);
        auto *share = new QLabel(weightCell);
        share->setObjectName(QStringLiteral("weightPercent"));
        share->setAccessibleName(tr("Destination %1 share of traffic").arg(row + 1));
        share->setToolTip(weightHelp());
        share->setMinimumWidth(share->fontMetrics().horizontalAdvance(QStringLiteral("100.0 %")));
        auto *cellLayout = new QHBoxLayout(weightCell);
        cellLayout->setContentsMargins(2, 0, 2, 0);
        cellLayout->addWidget(slider, 1);
        cellLayout->addWidget(share);
        connect(slider, &QSlider::valueChanged, this, [this, row](int value) {
            m_rows[row].weight = value;
            updateShares();
            edit(row, QStringLiteral("weight"), tr("Edit route weight"));
        });
        m_table->setCellWidget(row, WEIGHT, weightCell);
        updateRow(row);
    }
    updateShares();
}

void DestinationTable::updateRow(int row)
{
    const Row &value = m_rows[row];
    auto *host = qobject_cast<QComboBox *>(m_table->cellWidget(row, HOST));
    auto *subset = qobject_cast<QComboBox *>(m_table->cellWidget(row, SUBSET));
    auto *port = qobject_cast<QSpinBox *>(m_table->cellWidget(row, PORT));
    QWidget *weightCell = m_table->cellWidget(row, WEIGHT);
    if (!host || !subset || !port || !weightCell)
        return;
    const QString hostName = value.destination.host.value_or(QString());
    FormSync::setItems(host, m_hosts);
    FormSync::setComboText(host, hostName);
    FormSync::setItems(subset, QStringList{QString()} + m_subsets.value(hostName));
    FormSync::setComboText(subset, value.destination.subset.value_or(QString()));
    FormSync::setOptional(port, value.destination.port ? value.destination.port->number
                                                       : std::optional<quint32>());
    auto *slider = weightCell->findChild<QSlider *>();
    const QSignalBlocker blocker(slider);
    slider->setMaximum(qMax(SLIDER_MAX, value.weight.value_or(0)));
    slider->setValue(value.weight.value_or(m_rows.size() == 1 ? SLIDER_MAX : 0));
}

void DestinationTable::updateShares()
{
    const std::vector<double> percent = shares(m_rows);
    for (int row = 0; row < int(m_rows.size()); ++row) {
        QWidget *cell = m_table->cellWidget(row, WEIGHT);
        auto *label = cell ? cell->findChild<QLabel *>() : nullptr;
        if (!label)
            continue;
        label->setText(std::isnan(percent[row])
                           ? tr("— %")
                           : QStringLiteral("%1 %").arg(percent[row], 0, 'f', 1));
    }
}

void DestinationTable::edit(int row, const QString &field, const QString &description)
{
    if (field.startsWith(QLatin1String("destination.host"))) {
        auto *subset = qobject_cast<QComboBox *>(m_table->cellWidget(row, SUBSET));
        if (subset)
            FormSync::setItems(
                subset, QStringList{QString()} +
                            m_subsets.value(m_rows[row].destination.host.value_or(QString())));
    }
    emit rowsEdited(description, QStringLiteral("[%1].%2").arg(row).arg(field));
}
