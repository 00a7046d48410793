#include "trafficmodel.h"

#include <QBrush>
#include <QColor>

int TrafficModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int TrafficModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TrafficModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time:
        return tr("Time");
    case Listener:
        return tr("Listener");
    case Method:
        return tr("Method");
    case Host:
        return tr("Host");
    case Path:
        return tr("Path");
    case Status:
        return tr("Status");
    case Route:
        return tr("VirtualService / route");
    case Destination:
        return tr("Destination");
    case Duration:
        return tr("Duration");
    case Flags:
        return tr("Flags");
    }
    return {};
}

QVariant TrafficModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_entries.size()))
        return {};
    const Proxy::AccessLogEntry &entry = m_entries[size_t(index.row())];
    if (role == RouteKeyRole)
        return entry.routeKey;
    if (role == Qt::ForegroundRole && index.column() == Status &&
        (entry.status == 0 || entry.status >= 500))
        return QBrush(QColor(0xd3, 0x2f, 0x2f));
    if (role == Qt::TextAlignmentRole && (index.column() == Status || index.column() == Duration))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole)
        return entry.detail.isEmpty() ? entry.toText() : entry.detail;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Time:
        return entry.time.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"));
    case Listener:
        return entry.listener;
    case Method:
        return entry.method;
    case Host:
        return entry.authority;
    case Path:
        return entry.path;
    case Status:
        return entry.status == 0 ? QStringLiteral("-") : QString::number(entry.status);
    case Route:
        if (entry.virtualService.isEmpty())
            return entry.route;
        return entry.route.isEmpty() ? entry.virtualService
                                     : entry.virtualService + QLatin1Char(' ') + entry.route;
    case Destination:
        return entry.cluster.isEmpty() ? entry.upstream : entry.cluster;
    case Duration:
        return tr("%1 ms").arg(entry.durationMs);
    case Flags:
        return entry.flags;
    }
    return {};
}

void TrafficModel::append(const QList<Proxy::AccessLogEntry> &entries)
{
    if (entries.isEmpty())
        return;
    // Newest last; drop the oldest so the table never holds more than MAX_ROWS.
    const qsizetype incoming = std::min<qsizetype>(entries.size(), MAX_ROWS);
    const qsizetype overflow = qsizetype(m_entries.size()) + incoming - MAX_ROWS;
    if (overflow > 0) {
        beginRemoveRows({}, 0, int(overflow) - 1);
        m_entries.erase(m_entries.begin(), m_entries.begin() + overflow);
        endRemoveRows();
    }
    const int first = int(m_entries.size());
    beginInsertRows({}, first, first + int(incoming) - 1);
    for (qsizetype i = entries.size() - incoming; i < entries.size(); ++i)
        m_entries.push_back(entries[i]);
    endInsertRows();
}

void TrafficModel::clear()
{
    if (m_entries.empty())
        return;
    beginResetModel();
    m_entries.clear();
    endResetModel();
}
