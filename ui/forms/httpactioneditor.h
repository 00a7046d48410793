#pragma once

#include "model/virtualservice.h"

#include <QHash>
#include <QWidget>

class DestinationTable;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QStackedWidget;

// What an http route does: forward to weighted destinations, redirect, answer directly or
// delegate. Switching the kind clears the old kind's fields in the emitted route, but the
// editor keeps them until another route is shown, so switching back restores them.
class HttpActionEditor : public QWidget {
    Q_OBJECT

public:
    enum Kind { Route, Redirect, DirectResponse, Delegate };

    explicit HttpActionEditor(QWidget *parent = nullptr);

    // `sameRoute` false forgets the values kept from switching (another route is shown).
    void setRoute(const Istio::HTTPRoute &route, bool sameRoute);
    void setKnownHosts(const QStringList &hosts, const QHash<QString, QStringList> &subsets);
    static Kind kindOf(const Istio::HTTPRoute &route);
    // Focuses the widget of a path below the route ("route[0].weight", "redirect.uri", ...).
    bool focusField(const QString &path);
    DestinationTable *destinations() const { return m_destinations; }

signals:
    void routeEdited(const Istio::HTTPRoute &route, const QString &description,
                     const QString &keySuffix);

private:
    void switchTo(Kind kind);
    void showRoute();
    void editRedirect(const QString &field);
    void emitEdit(const QString &description, const QString &keySuffix);

    Istio::HTTPRoute m_route;
    std::optional<std::vector<Istio::HTTPRouteDestination>> m_keptRoute;
    std::optional<Istio::HTTPRedirect> m_keptRedirect;
    std::optional<Istio::HTTPDirectResponse> m_keptDirectResponse;
    std::optional<Istio::Delegate> m_keptDelegate;

    QComboBox *m_kind;
    QStackedWidget *m_pages;
    DestinationTable *m_destinations;
    QLineEdit *m_redirectUri;
    QLineEdit *m_redirectAuthority;
    QSpinBox *m_redirectPort;
    QComboBox *m_derivePort;
    QComboBox *m_redirectScheme;
    QSpinBox *m_redirectCode;
    QSpinBox *m_status;
    QPlainTextEdit *m_body;
    QLabel *m_bodyBytesNote;
    QLineEdit *m_delegateName;
    QLineEdit *m_delegateNamespace;
};
