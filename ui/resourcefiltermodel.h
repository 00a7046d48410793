#pragma once

#include <QSortFilterProxyModel>

// Narrows a ResourceModel to the resources whose name, kind, namespace, file name or one of
// whose hosts matches the filter (setFilterFixedString / setFilterRegularExpression; case
// insensitive by default), keeping the namespace and kind rows above each match. Group rows
// never match on their own text: a namespace's resources match by their namespace anyway.
class ResourceFilterModel : public QSortFilterProxyModel {
    Q_OBJECT

public:
    explicit ResourceFilterModel(QObject *parent = nullptr);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
};
