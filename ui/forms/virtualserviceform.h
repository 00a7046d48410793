#pragma once

#include "resourceform.h"

class HttpRouteEditor;
class HttpRouteListModel;
class L4RoutesEditor;
class QLabel;
class QListView;
class QTabWidget;
class QToolButton;
class StringListEdit;

// The visual editor of a VirtualService: hosts, gateways and exportTo; the http routes as a
// list reordered by drag and drop with the selected route's editor beside it; the tls and tcp
// routes on their own tabs. Works on a copy of the loaded resource, so every field it does not
// show travels through each edit untouched.
class VirtualServiceForm : public ResourceForm {
    Q_OBJECT

public:
    explicit VirtualServiceForm(QWidget *parent = nullptr);

    void load(const Istio::Resource &resource) override;
    void setContext(const FormContext &context) override;
    bool focusField(const QString &fieldPath) override;
    void setFieldFindings(const QList<QPair<QString, QString>> &findings) override;

    // The http route shown in the editor, -1 when none.
    int selectedRoute() const;

private:
    QWidget *makeGeneral();
    QWidget *makeHttpPage();
    void selectRoute(int index);
    void showSelectedRoute();
    void emitEdit(const QString &description, const QString &mergeKey);
    QString resourceKey() const;

    Istio::VirtualService m_resource;
    FormContext m_context;
    int m_shownRoute = -1;

    QLabel *m_name;
    QLabel *m_namespace;
    StringListEdit *m_hosts;
    StringListEdit *m_gateways;
    QToolButton *m_gatewayPicker;
    StringListEdit *m_exportTo;
    QLabel *m_findings;
    QTabWidget *m_tabs;
    HttpRouteListModel *m_routeModel;
    QListView *m_routeList;
    HttpRouteEditor *m_routeEditor;
    L4RoutesEditor *m_tls;
    L4RoutesEditor *m_tcp;
};
