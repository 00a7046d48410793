#pragma once

#include "model/virtualservice.h"

#include <QWidget>

class DurationEdit;
class KeyValueTable;
class QCheckBox;
class QGroupBox;
class StringListEdit;
class StringMatchTable;

// CORS policy and request/response header operations of one http route, as checkable groups
// (checking adds the block, unchecking removes it). Deprecated allowOrigin and
// unmatchedPreflights are kept as they are.
class CorsHeadersEditor : public QWidget {
    Q_OBJECT

public:
    explicit CorsHeadersEditor(QWidget *parent = nullptr);

    void setRoute(const Istio::HTTPRoute &route);
    bool focusField(const QString &path);

signals:
    void routeEdited(const Istio::HTTPRoute &route, const QString &description,
                     const QString &keySuffix);

private:
    struct Operations {
        QGroupBox *group;
        KeyValueTable *set;
        KeyValueTable *add;
        StringListEdit *remove;
    };
    Operations makeOperations(const QString &title, const QString &objectPrefix, bool request);
    void showOperations(const Operations &widgets,
                        const std::optional<Istio::HeaderOperations> &operations);
    std::optional<Istio::HeaderOperations>
    readOperations(const Operations &widgets,
                   const std::optional<Istio::HeaderOperations> &old) const;
    void editCors(const QString &field);
    void editHeaders(const QString &field);

    Istio::HTTPRoute m_route;
    QGroupBox *m_cors;
    StringMatchTable *m_origins;
    StringListEdit *m_methods;
    StringListEdit *m_allowHeaders;
    StringListEdit *m_exposeHeaders;
    DurationEdit *m_maxAge;
    QCheckBox *m_credentials;
    Operations m_request;
    Operations m_response;
};
