#include "httproutelistmodel.h"

#include "stringmatchedit.h"

#include <QDataStream>
#include <QIODevice>
#include <QMimeData>

namespace {

const QString MIME_TYPE = QStringLiteral("application/x-gatehouse-http-route-rows");

QString matchSummary(const Istio::HTTPMatchRequest &match)
{
    QStringList parts;
    auto add = [&parts](const QString &what, const std::optional<Istio::StringMatch> &value) {
        if (value)
            parts << QStringLiteral("%1 %2 %3")
                         .arg(what, StringMatchEdit::kindOf(value),
                              StringMatchEdit::valueOf(value));
    };
    add(QStringLiteral("uri"), match.uri);
    add(QStringLiteral("method"), match.method);
    add(QStringLiteral("authority"), match.authority);
    add(QStringLiteral("scheme"), match.scheme);
    for (const auto &[name, value] : match.headers)
        add(QStringLiteral("header ") + name, value);
    for (const auto &[name, value] : match.queryParams)
        add(QStringLiteral("query ") + name, value);
    for (const auto &entry : match.withoutHeaders)
        parts << QObject::tr("without header %1").arg(entry.first);
    if (match.port)
        parts << QStringLiteral("port %1").arg(*match.port);
    return parts.isEmpty() ? QObject::tr("any request") : parts.join(QStringLiteral(" & "));
}

QString destinationName(const std::optional<Istio::Destination> &destination)
{
    if (!destination)
        return QStringLiteral("?");
    QString name = destination->host.value_or(QStringLiteral("?"));
    if (destination->subset)
        name += QLatin1Char(':') + *destination->subset;
    return name;
}

} // namespace

HttpRouteListModel::HttpRouteListModel(QObject *parent) : QAbstractListModel(parent) {}

void HttpRouteListModel::setRoutes(const std::vector<Istio::HTTPRoute> &routes)
{
    if (routes.size() != m_routes.size()) {
        beginResetModel();
        m_routes = routes;
        endResetModel();
        return;
    }
    m_routes = routes;
    if (!m_routes.empty())
        emit dataChanged(index(0), index(rowCount() - 1));
}

void HttpRouteListModel::setUsage(const QString &resourceKey,
                                  const std::optional<QHash<QString, quint64>> &hits,
                                  const std::optional<QHash<QString, QStringList>> &coverage)
{
    m_resourceKey = resourceKey;
    m_hits = hits;
    m_coverage = coverage;
    if (!m_routes.empty())
        emit dataChanged(index(0), index(rowCount() - 1));
}

void HttpRouteListModel::setFindings(const QHash<int, QStringList> &findings)
{
    m_findings = findings;
    if (!m_routes.empty())
        emit dataChanged(index(0), index(rowCount() - 1));
}

QString HttpRouteListModel::label(const Istio::HTTPRoute &route, int index)
{
    if (route.name && !route.name->isEmpty())
        return *route.name;
    return QStringLiteral("http[%1]").arg(index);
}

QString HttpRouteListModel::summary(const Istio::HTTPRoute &route)
{
    QStringList matches;
    for (const auto &match : route.match)
        matches << matchSummary(match);
    const QString when =
        matches.isEmpty() ? tr("any request") : matches.join(QStringLiteral(" | "));
    QString action;
    if (route.delegate) {
        action = tr("delegate to %1/%2")
                     .arg(route.delegate->nameSpace.value_or(QStringLiteral(".")),
                          route.delegate->name.value_or(QStringLiteral("?")));
    } else if (route.redirect) {
        action = tr("redirect %1 → %2")
                     .arg(route.redirect->redirectCode.value_or(301))
                     .arg(route.redirect->uri.value_or(QStringLiteral("(same path)")));
    } else if (route.directResponse) {
        action = tr("respond %1").arg(route.directResponse->status.value_or(0));
    } else if (route.route.size() == 1) {
        action = QStringLiteral("→ ") + destinationName(route.route.front().destination);
    } else {
        QStringList targets;
        for (const auto &destination : route.route)
            targets << QStringLiteral("%1 (%2)")
                           .arg(destinationName(destination.destination))
                           .arg(destination.weight.value_or(0));
        action = targets.isEmpty() ? tr("no action") : QStringLiteral("→ ") + targets.join(", ");
    }
    return when + QStringLiteral("  ⇒  ") + action;
}

int HttpRouteListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_routes.size());
}

QString HttpRouteListModel::badges(int row) const
{
    const QString key = m_resourceKey + QStringLiteral(" http[%1]").arg(row);
    QStringList result;
    if (m_hits) {
        const quint64 hits = m_hits->value(key);
        result << (hits == 0 ? tr("never hit") : hits == 1 ? tr("1 hit") : tr("%1 hits").arg(hits));
    }
    if (m_coverage) {
        const int tests = int(m_coverage->value(key).size());
        result << (tests == 0   ? tr("untested")
                   : tests == 1 ? tr("tested by 1 test")
                                : tr("tested by %1 tests").arg(tests));
    }
    return result.join(QStringLiteral(" · "));
}

QVariant HttpRouteListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const int row = index.row();
    const Istio::HTTPRoute &route = m_routes[row];
    const QString key = m_resourceKey + QStringLiteral(" http[%1]").arg(row);
    switch (role) {
    case Qt::DisplayRole: {
        const QString badge = badges(row);
        return label(route, row) +
               (badge.isEmpty() ? QString() : QStringLiteral("   [") + badge + QLatin1Char(']')) +
               QLatin1Char('\n') + summary(route);
    }
    case Qt::ToolTipRole:
        return tr("Routes are tried in this order and the first match wins; drag to reorder.\n%1")
                   .arg(summary(route)) +
               (m_findings.contains(row)
                    ? QStringLiteral("\n\n") + m_findings.value(row).join(QLatin1Char('\n'))
                    : QString());
    case Qt::AccessibleTextRole:
        return label(route, row);
    case SummaryRole:
        return summary(route);
    case BadgesRole:
        return badges(row);
    case HitsRole:
        return m_hits ? QVariant::fromValue(m_hits->value(key)) : QVariant();
    case FindingsRole:
        return m_findings.value(row);
    case TestsRole:
        return m_coverage ? QVariant(m_coverage->value(key)) : QVariant();
    default:
        return {};
    }
}

Qt::ItemFlags HttpRouteListModel::flags(const QModelIndex &index) const
{
    const Qt::ItemFlags flags = QAbstractListModel::flags(index);
    return index.isValid() ? flags | Qt::ItemIsDragEnabled : flags | Qt::ItemIsDropEnabled;
}

Qt::DropActions HttpRouteListModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

QStringList HttpRouteListModel::mimeTypes() const
{
    return {MIME_TYPE};
}

QMimeData *HttpRouteListModel::mimeData(const QModelIndexList &indexes) const
{
    QByteArray bytes;
    QDataStream stream(&bytes, QIODevice::WriteOnly);
    for (const QModelIndex &index : indexes) {
        if (index.isValid())
            stream << index.row();
    }
    auto *data = new QMimeData;
    data->setData(MIME_TYPE, bytes);
    return data;
}

bool HttpRouteListModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int, int,
                                         const QModelIndex &) const
{
    return action == Qt::MoveAction && data && data->hasFormat(MIME_TYPE);
}

bool HttpRouteListModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row,
                                      int column, const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    // Dropped on an item: before it. Dropped past the end: at the end.
    int destination = parent.isValid() ? parent.row() : (row < 0 ? rowCount() : row);
    QDataStream stream(data->data(MIME_TYPE));
    int source = -1;
    stream >> source; // one route at a time (single selection)
    if (source < 0 || source >= rowCount())
        return false;
    return moveRows({}, source, 1, {}, destination);
}

bool HttpRouteListModel::moveRows(const QModelIndex &sourceParent, int sourceRow, int count,
                                  const QModelIndex &destinationParent, int destinationChild)
{
    if (sourceParent.isValid() || destinationParent.isValid() || count < 1 || sourceRow < 0 ||
        sourceRow + count > rowCount() || destinationChild < 0 || destinationChild > rowCount())
        return false;
    if (destinationChild >= sourceRow && destinationChild <= sourceRow + count)
        return false; // onto itself
    if (!beginMoveRows({}, sourceRow, sourceRow + count - 1, {}, destinationChild))
        return false;
    std::vector<Istio::HTTPRoute> moved(m_routes.begin() + sourceRow,
                                        m_routes.begin() + sourceRow + count);
    m_routes.erase(m_routes.begin() + sourceRow, m_routes.begin() + sourceRow + count);
    const int insertAt = destinationChild > sourceRow ? destinationChild - count : destinationChild;
    m_routes.insert(m_routes.begin() + insertAt, moved.begin(), moved.end());
    endMoveRows();
    emit routesMoved();
    return true;
}
