#include "resourcefiltermodel.h"

#include "resourcemodel.h"

#include <algorithm>

ResourceFilterModel::ResourceFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    // A match deep in the tree keeps its namespace and kind rows.
    setRecursiveFilteringEnabled(true);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
}

bool ResourceFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QRegularExpression &pattern = filterRegularExpression();
    if (pattern.pattern().isEmpty())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    using Type = ResourceModel::NodeType;
    const auto type = static_cast<Type>(index.data(ResourceModel::NodeTypeRole).toInt());
    if (type != Type::Resource && type != Type::UnreadableFile)
        return false; // recursive filtering keeps it when a row below matches
    const auto matches = [&](const QString &text) { return pattern.match(text).hasMatch(); };
    if (matches(index.data(Qt::DisplayRole).toString()) ||
        matches(index.data(ResourceModel::KindRole).toString()) ||
        matches(index.data(ResourceModel::NamespaceRole).toString()))
        return true;
    const QStringList hosts = index.data(ResourceModel::HostsRole).toStringList();
    return std::any_of(hosts.begin(), hosts.end(), matches);
}
