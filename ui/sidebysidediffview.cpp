#include "sidebysidediffview.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {

enum Column { LIVE_LINE, LIVE_TEXT, PROPOSED_LINE, PROPOSED_TEXT, COLUMN_COUNT };

// Translucent tints read on light and dark palettes alike.
QColor tint(Kube::DiffRow::Change change)
{
    switch (change) {
    case Kube::DiffRow::Change::Added:
        return QColor(0, 170, 0, 60);
    case Kube::DiffRow::Change::Removed:
        return QColor(220, 0, 0, 60);
    case Kube::DiffRow::Change::Changed:
        return QColor(230, 160, 0, 70);
    case Kube::DiffRow::Change::Same:
    case Kube::DiffRow::Change::Skipped:
        break;
    }
    return {};
}

QTableWidgetItem *cell(const QString &text, const QColor &background)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    if (background.isValid())
        item->setBackground(background);
    return item;
}

QString lineNumber(int line)
{
    return line > 0 ? QString::number(line) : QString();
}

} // namespace

SideBySideDiffView::SideBySideDiffView(QWidget *parent) : QWidget(parent)
{
    m_resources = new QListWidget(this);
    m_resources->setObjectName(QStringLiteral("diffResources"));
    m_resources->setAccessibleName(tr("Changed resources"));
    m_rows = new QTableWidget(0, COLUMN_COUNT, this);
    m_rows->setObjectName(QStringLiteral("diffRows"));
    m_rows->setAccessibleName(tr("Live and proposed lines"));
    m_rows->setHorizontalHeaderLabels(
        {QString(), tr("Live in the cluster"), QString(), tr("After apply")});
    m_rows->verticalHeader()->hide();
    m_rows->verticalHeader()->setDefaultSectionSize(m_rows->fontMetrics().height() + 4);
    m_rows->setShowGrid(false);
    m_rows->setWordWrap(false);
    m_rows->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_rows->horizontalHeader()->setSectionResizeMode(LIVE_TEXT, QHeaderView::Stretch);
    m_rows->horizontalHeader()->setSectionResizeMode(PROPOSED_TEXT, QHeaderView::Stretch);
    m_rows->horizontalHeader()->setSectionResizeMode(LIVE_LINE, QHeaderView::ResizeToContents);
    m_rows->horizontalHeader()->setSectionResizeMode(PROPOSED_LINE, QHeaderView::ResizeToContents);
    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_resources);
    splitter->addWidget(m_rows);
    splitter->setStretchFactor(1, 4);
    splitter->setSizes({320, 900});

    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("diffText"));
    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    m_pages = new QStackedWidget(this);
    m_pages->addWidget(splitter);
    m_pages->addWidget(m_text);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);

    connect(m_resources, &QListWidget::currentRowChanged, this, &SideBySideDiffView::showResource);
}

void SideBySideDiffView::clear()
{
    m_diffs.clear();
    m_resources->clear();
    m_rows->setRowCount(0);
    m_text->clear();
    m_pages->setCurrentIndex(0);
}

int SideBySideDiffView::resourceCount() const
{
    return int(m_diffs.size());
}

void SideBySideDiffView::setDiff(const QString &kubectlOutput)
{
    clear();
    QString error;
    std::optional<QList<Kube::ResourceDiff>> diffs = Kube::parseUnifiedDiff(kubectlOutput, &error);
    if (!diffs) {
        m_text->setPlainText(kubectlOutput);
        m_pages->setCurrentIndex(1);
        return;
    }
    m_diffs = std::move(*diffs);
    for (const Kube::ResourceDiff &diff : std::as_const(m_diffs)) {
        const QString counts =
            diff.creates() ? tr("new")
                           : QStringLiteral("+%1 −%2").arg(diff.addedLines).arg(diff.removedLines);
        m_resources->addItem(QStringLiteral("%1  (%2)").arg(diff.label, counts));
    }
    if (!m_diffs.isEmpty())
        m_resources->setCurrentRow(0);
}

void SideBySideDiffView::showResource(int index)
{
    m_rows->setRowCount(0);
    if (index < 0 || index >= m_diffs.size())
        return;
    const QList<Kube::DiffRow> &rows = m_diffs.at(index).rows;
    m_rows->setRowCount(int(rows.size()));
    for (int row = 0; row < rows.size(); ++row) {
        const Kube::DiffRow &line = rows.at(row);
        if (line.change == Kube::DiffRow::Change::Skipped) {
            m_rows->setItem(row, LIVE_TEXT, cell(QStringLiteral("⋯"), {}));
            m_rows->setItem(row, PROPOSED_TEXT, cell(QStringLiteral("⋯"), {}));
            continue;
        }
        const QColor background = tint(line.change);
        const QColor live = line.change == Kube::DiffRow::Change::Added ? QColor() : background;
        const QColor proposed =
            line.change == Kube::DiffRow::Change::Removed ? QColor() : background;
        m_rows->setItem(row, LIVE_LINE, cell(lineNumber(line.liveLine), {}));
        m_rows->setItem(row, LIVE_TEXT, cell(line.live, live));
        m_rows->setItem(row, PROPOSED_LINE, cell(lineNumber(line.proposedLine), {}));
        m_rows->setItem(row, PROPOSED_TEXT, cell(line.proposed, proposed));
    }
}
