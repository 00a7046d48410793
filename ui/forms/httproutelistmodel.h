#pragma once

#include "model/virtualservice.h"

#include <QAbstractListModel>
#include <QHash>
#include <optional>

// The http routes of one VirtualService as a list: name (or "http[i]"), a one-line summary of
// match and action, and hit / test badges. Rows move by drag and drop (internal move through
// moveRows, or dropMimeData with this model's own MIME data); after a move routes() is the new
// order and routesMoved() says so. The model holds copies: the form owns the resource.
class HttpRouteListModel : public QAbstractListModel {
    Q_OBJECT

public:
    enum Role { SummaryRole = Qt::UserRole, BadgesRole, HitsRole, TestsRole, FindingsRole };

    explicit HttpRouteListModel(QObject *parent = nullptr);

    // Keeps rows (and the view's selection) when the count is unchanged.
    void setRoutes(const std::vector<Istio::HTTPRoute> &routes);
    const std::vector<Istio::HTTPRoute> &routes() const { return m_routes; }
    // Badges come from "ns/name http[i]" keys; absent maps mean "no data" (no badge).
    void setUsage(const QString &resourceKey, const std::optional<QHash<QString, quint64>> &hits,
                  const std::optional<QHash<QString, QStringList>> &coverage);

    // Diagnostics per route index, shown as a mark and in the tooltip.
    void setFindings(const QHash<int, QStringList> &findings);

    static QString label(const Istio::HTTPRoute &route, int index);
    static QString summary(const Istio::HTTPRoute &route);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    Qt::DropActions supportedDropActions() const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;
    bool moveRows(const QModelIndex &sourceParent, int sourceRow, int count,
                  const QModelIndex &destinationParent, int destinationChild) override;

signals:
    void routesMoved();

private:
    QString badges(int row) const;

    std::vector<Istio::HTTPRoute> m_routes;
    QString m_resourceKey;
    std::optional<QHash<QString, quint64>> m_hits;
    std::optional<QHash<QString, QStringList>> m_coverage;
    QHash<int, QStringList> m_findings;
};
