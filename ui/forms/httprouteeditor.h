#pragma once

#include "model/virtualservice.h"

#include <QHash>
#include <QWidget>

class CorsHeadersEditor;
class HttpActionEditor;
class HttpMatchEditor;
class HttpPolicyEditor;
class QLineEdit;
class QToolBox;

// The editor of one http route: its name, then collapsible sections for the match builder,
// the action, the traffic policies, and CORS / header operations. Emits the whole route as
// it should now be; fields it does not show travel through untouched.
class HttpRouteEditor : public QWidget {
    Q_OBJECT

public:
    explicit HttpRouteEditor(QWidget *parent = nullptr);

    // `index` identifies the route: showing another one forgets the action values kept from
    // switching the action kind.
    void setRoute(const Istio::HTTPRoute &route, int index);
    // The next setRoute() counts as another route (another resource was loaded).
    void forgetRoute() { m_index = -1; }
    void setKnownHosts(const QStringList &hosts, const QHash<QString, QStringList> &subsets);
    // Focuses the widget of a path below the route ("match[0].uri", "route[1].weight",
    // "timeout"); false when there is none.
    bool focusField(const QString &path);

signals:
    // `keySuffix` names the field below the route, for example "route[0].weight".
    void routeEdited(const Istio::HTTPRoute &route, const QString &description,
                     const QString &keySuffix);

private:
    void childEdited(const Istio::HTTPRoute &route, const QString &description,
                     const QString &keySuffix);
    void show(bool sameRoute);

    Istio::HTTPRoute m_route;
    int m_index = -1;
    QLineEdit *m_name;
    QToolBox *m_sections;
    HttpMatchEditor *m_match;
    HttpActionEditor *m_action;
    HttpPolicyEditor *m_policy;
    CorsHeadersEditor *m_corsHeaders;
};
