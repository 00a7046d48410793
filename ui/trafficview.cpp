#include "trafficview.h"

#include "proxy/accesslogrequest.h"
#include "route/decisionformat.h"
#include "route/nearmisses.h"
#include "trafficmodel.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

TrafficView::TrafficView(QWidget *parent)
    : QWidget(parent), m_model(new TrafficModel(this)), m_filter(new QSortFilterProxyModel(this)),
      m_table(new QTableView(this)), m_filterEdit(new QLineEdit(this)),
      m_pause(new QToolButton(this)), m_count(new QLabel(this)), m_details(new QPlainTextEdit(this))
{
    m_filter->setSourceModel(m_model);
    m_filter->setFilterKeyColumn(-1); // any column
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_filterEdit->setObjectName(QStringLiteral("trafficFilter"));
    m_filterEdit->setPlaceholderText(tr("Filter (host, path, status, route…)"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setAccessibleName(tr("Filter the traffic"));
    connect(m_filterEdit, &QLineEdit::textChanged, m_filter,
            &QSortFilterProxyModel::setFilterFixedString);

    m_pause->setObjectName(QStringLiteral("trafficPause"));
    m_pause->setText(tr("Pause"));
    m_pause->setCheckable(true);
    m_pause->setToolTip(tr("Stop adding requests to the table; they are shown on resume"));
    connect(m_pause, &QToolButton::toggled, this, [this](bool paused) {
        m_pause->setText(paused ? tr("Resume") : tr("Pause"));
        if (!paused)
            addEntries(std::exchange(m_waiting, {}));
        updateCount();
    });
    auto *clear = new QToolButton(this);
    clear->setObjectName(QStringLiteral("trafficClear"));
    clear->setText(tr("Clear"));
    connect(clear, &QToolButton::clicked, this, [this] {
        m_model->clear();
        m_waiting.clear();
        m_details->clear();
        updateCount();
    });

    m_table->setObjectName(QStringLiteral("trafficTable"));
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(TrafficModel::Path, QHeaderView::Stretch);
    m_table->setAccessibleName(tr("Requests served by the local proxy"));
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TrafficView::showDetails);

    m_details->setObjectName(QStringLiteral("trafficDetails"));
    m_details->setReadOnly(true);
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_details->setPlaceholderText(tr("Select a request to see what the gateway did with it."));

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_filterEdit, 1);
    bar->addWidget(m_pause);
    bar->addWidget(clear);
    bar->addWidget(m_count);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);
    updateCount();
}

bool TrafficView::isPaused() const
{
    return m_pause->isChecked();
}

void TrafficView::addEntries(const QList<Proxy::AccessLogEntry> &entries)
{
    if (isPaused()) {
        m_waiting += entries;
        if (m_waiting.size() > TrafficModel::MAX_ROWS)
            m_waiting.remove(0, m_waiting.size() - TrafficModel::MAX_ROWS);
    } else {
        // Follow the newest row unless the reader scrolled up to look at an older one.
        const bool atBottom =
            !m_table->verticalScrollBar()->isVisible() ||
            m_table->verticalScrollBar()->value() == m_table->verticalScrollBar()->maximum();
        m_model->append(entries);
        if (atBottom)
            m_table->scrollToBottom();
    }
    updateCount();
}

void TrafficView::updateCount()
{
    QString text = tr("%n request(s)", nullptr, m_model->rowCount());
    if (!m_waiting.isEmpty())
        text += tr(", %n waiting", nullptr, int(m_waiting.size()));
    m_count->setText(text);
}

void TrafficView::showDetails()
{
    const QModelIndex current = m_filter->mapToSource(m_table->currentIndex());
    if (!current.isValid()) {
        m_details->clear();
        return;
    }
    const Proxy::AccessLogEntry &e = m_model->entry(current.row());
    QStringList lines;
    lines << QStringLiteral("%1 %2%3").arg(e.method, e.authority, e.path);
    lines << tr("status       %1")
                 .arg(e.status == 0 ? tr("none (connection closed)") : QString::number(e.status));
    lines << tr("listener     %1 (gateway port %2)").arg(e.listener).arg(e.gatewayPort);
    lines << tr("client       %1").arg(e.downstream);
    lines << tr("matched      %1")
                 .arg(e.virtualService.isEmpty()
                          ? tr("no VirtualService")
                          : QStringLiteral("%1, route %2").arg(e.virtualService, e.route));
    lines << tr("destination  %1").arg(e.cluster.isEmpty() ? tr("none") : e.cluster);
    lines << tr("upstream     %1").arg(e.upstream.isEmpty() ? tr("none") : e.upstream);
    lines << tr("attempts     %1").arg(e.attempts);
    lines << tr("flags        %1").arg(e.flags);
    lines << tr("duration     %1 ms").arg(e.durationMs);
    lines << tr("bytes        %1 in, %2 out").arg(e.bytesIn).arg(e.bytesOut);
    lines << tr("request id   %1").arg(e.requestId);
    if (!e.detail.isEmpty())
        lines << tr("why          %1").arg(e.detail);
    const auto config = m_configSource ? m_configSource() : nullptr;
    if (config) {
        bool complete = false;
        const Route::Request request = Proxy::requestFor(e, *config, &complete);
        lines << QString()
              << tr("Decision, made again from this entry with the design the proxy "
                    "served last:");
        if (!complete)
            lines << tr("(the log keeps no request headers, so header conditions see none%1)")
                         .arg(request.tls ? tr(", and the SNI is taken to be the Host")
                                          : QString());
        lines << Route::decisionText(Route::decideExplained(*config, request),
                                     QStringLiteral("  "));
    }
    m_details->setPlainText(lines.join(QLatin1Char('\n')));
}
