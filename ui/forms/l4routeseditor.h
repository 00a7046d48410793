#pragma once

#include "model/virtualservice.h"

#include <QHash>
#include <QWidget>

class DestinationTable;
class QLabel;
class QListWidget;
class QSpinBox;
class StringListEdit;

// The tls[] (SNI passthrough) or tcp[] routes of a VirtualService: a list with add and remove,
// and for the selected route its first match block (sniHosts and port for TLS, port for TCP;
// the only fields evaluated at a gateway) and its weighted destinations. Further match blocks
// and the fields not shown are kept as they are.
class L4RoutesEditor : public QWidget {
    Q_OBJECT

public:
    enum Protocol { Tls, Tcp };

    explicit L4RoutesEditor(Protocol protocol, QWidget *parent = nullptr);

    void setSpec(const Istio::VirtualServiceSpec &spec);
    void setKnownHosts(const QStringList &hosts, const QHash<QString, QStringList> &subsets);
    // Selects route `index` and focuses the field of `path` below it.
    bool focusField(int index, const QString &path);

signals:
    // `key` names the field from the spec, for example "tls[0].route[1].weight".
    void specEdited(const Istio::VirtualServiceSpec &spec, const QString &description,
                    const QString &key);

private:
    QString prefix() const;
    int routeCount() const;
    QString summary(int index) const;
    void showRoutes();
    void showSelected();
    void editMatch(const QString &field);

    Protocol m_protocol;
    Istio::VirtualServiceSpec m_spec;
    QListWidget *m_list;
    QWidget *m_editor;
    StringListEdit *m_sniHosts;
    QSpinBox *m_port;
    QLabel *m_moreMatches;
    DestinationTable *m_destinations;
};
