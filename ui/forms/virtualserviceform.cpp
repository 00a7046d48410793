#include "virtualserviceform.h"

#include "httprouteeditor.h"
#include "httproutelistmodel.h"
#include "l4routeseditor.h"
#include "stringlistedit.h"
#include "validation/names.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QRegularExpression>
#include <QSplitter>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

enum Tab { HTTP_TAB, TLS_TAB, TCP_TAB };

QStringList toStringList(const Istio::StringList &values)
{
    return QStringList(values.begin(), values.end());
}

Istio::StringList fromStringList(const QStringList &values)
{
    return Istio::StringList(values.begin(), values.end());
}

QString checkGateway(const QString &gateway)
{
    if (gateway == QLatin1String("mesh"))
        return {};
    const int slash = gateway.indexOf(QLatin1Char('/'));
    if (slash < 0)
        return Validation::Names::isDns1123Subdomain(gateway)
                   ? QString()
                   : QObject::tr("invalid gateway name \"%1\"").arg(gateway);
    const QString nameSpace = gateway.left(slash);
    const QString name = gateway.mid(slash + 1);
    if (nameSpace == QLatin1String("."))
        return QObject::tr("\"./name\" is accepted at runtime but the webhook rejects it: write "
                           "the namespace or just the name");
    if (!Validation::Names::isDns1123Label(nameSpace))
        return QObject::tr("invalid namespace \"%1\"").arg(nameSpace);
    if (!Validation::Names::isDns1123Subdomain(name))
        return QObject::tr("invalid gateway name \"%1\"").arg(name);
    return {};
}

QToolButton *toolButton(const QString &text, const QString &objectName, const QString &help)
{
    auto *button = new QToolButton;
    button->setText(text);
    button->setObjectName(objectName);
    button->setToolTip(help);
    button->setAccessibleName(help);
    return button;
}

} // namespace

VirtualServiceForm::VirtualServiceForm(QWidget *parent)
    : ResourceForm(parent), m_name(new QLabel), m_namespace(new QLabel),
      m_hosts(new StringListEdit), m_gateways(new StringListEdit), m_gatewayPicker(new QToolButton),
      m_exportTo(new StringListEdit), m_findings(new QLabel), m_tabs(new QTabWidget),
      m_routeModel(new HttpRouteListModel(this)), m_routeList(new QListView),
      m_routeEditor(new HttpRouteEditor), m_tls(new L4RoutesEditor(L4RoutesEditor::Tls)),
      m_tcp(new L4RoutesEditor(L4RoutesEditor::Tcp))
{
    setObjectName(QStringLiteral("virtualServiceForm"));
    m_findings->setObjectName(QStringLiteral("fieldFindings"));
    m_findings->setWordWrap(true);
    m_findings->setVisible(false);
    m_findings->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tabs->setObjectName(QStringLiteral("routeTabs"));
    m_tabs->addTab(makeHttpPage(), tr("HTTP routes"));
    m_tabs->addTab(m_tls, tr("TLS routes"));
    m_tabs->addTab(m_tcp, tr("TCP routes"));
    m_tabs->setTabToolTip(HTTP_TAB, tr("http[]: ordered; the first match wins."));
    m_tabs->setTabToolTip(TLS_TAB, tr("tls[]: non-terminated TLS (PASSTHROUGH servers), routed "
                                      "by SNI."));
    m_tabs->setTabToolTip(TCP_TAB, tr("tcp[]: opaque TCP and TLS-terminated TCP servers."));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(makeGeneral());
    layout->addWidget(m_findings);
    layout->addWidget(m_tabs, 1);

    connect(m_hosts, &StringListEdit::valuesEdited, this, [this](const QStringList &values) {
        m_resource.spec.hosts = fromStringList(values);
        emitEdit(tr("Edit hosts"), QStringLiteral("hosts"));
    });
    connect(m_gateways, &StringListEdit::valuesEdited, this, [this](const QStringList &values) {
        m_resource.spec.gateways = fromStringList(values);
        emitEdit(tr("Edit gateways"), QStringLiteral("gateways"));
    });
    connect(m_exportTo, &StringListEdit::valuesEdited, this, [this](const QStringList &values) {
        m_resource.spec.exportTo = fromStringList(values);
        emitEdit(tr("Edit exportTo"), QStringLiteral("exportTo"));
    });
    connect(m_routeEditor, &HttpRouteEditor::routeEdited, this,
            [this](const Istio::HTTPRoute &route, const QString &description,
                   const QString &keySuffix) {
                if (m_shownRoute < 0 || m_shownRoute >= int(m_resource.spec.http.size()))
                    return;
                m_resource.spec.http[m_shownRoute] = route;
                m_routeModel->setRoutes(m_resource.spec.http);
                emitEdit(description,
                         QStringLiteral("http[%1].%2").arg(m_shownRoute).arg(keySuffix));
            });
    for (L4RoutesEditor *editor : {m_tls, m_tcp}) {
        connect(editor, &L4RoutesEditor::specEdited, this,
                [this](const Istio::VirtualServiceSpec &spec, const QString &description,
                       const QString &key) {
                    m_resource.spec = spec;
                    emitEdit(description, key);
                });
    }
}

QWidget *VirtualServiceForm::makeGeneral()
{
    auto *box = new QGroupBox(tr("VirtualService"));
    m_name->setObjectName(QStringLiteral("metadataName"));
    m_name->setAccessibleName(tr("Name"));
    m_name->setToolTip(tr("metadata.name; rename the resource from the Resources list."));
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_namespace->setObjectName(QStringLiteral("metadataNamespace"));
    m_namespace->setAccessibleName(tr("Namespace"));
    m_namespace->setToolTip(tr("metadata.namespace. Short destination hosts and short hosts "
                               "resolve relative to it."));
    m_namespace->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_hosts->setObjectName(QStringLiteral("hosts"));
    m_hosts->setAccessibleName(tr("Hosts"));
    m_hosts->setHelp(tr("Hostnames this VirtualService routes: DNS names, a leading-label "
                        "wildcard (*.example.com) or IPs (gateway-bound only). A short name "
                        "without a dot becomes <name>.<namespace>.svc.cluster.local, so a "
                        "gateway VirtualService with host myapp does not match Host: myapp. * is "
                        "allowed for gateway-bound VirtualServices. Must be empty for a delegate. "
                        "Compared case-insensitively."));
    m_hosts->setEntryCheck(&Validation::Names::checkWildcardDomainOrIp);

    m_gateways->setObjectName(QStringLiteral("gateways"));
    m_gateways->setAccessibleName(tr("Gateways"));
    m_gateways->setHelp(tr("Where the routes apply: <namespace>/<name>, <name> (same namespace "
                           "as this VirtualService) or mesh (all sidecars). Empty means mesh "
                           "only, i.e. no gateway; listing gateways without mesh makes it "
                           "gateway-only."));
    m_gateways->setEntryCheck(checkGateway);
    m_gatewayPicker->setObjectName(QStringLiteral("gatewayPicker"));
    m_gatewayPicker->setText(tr("Add…"));
    m_gatewayPicker->setToolTip(tr("Add a known Gateway, or mesh"));
    m_gatewayPicker->setAccessibleName(tr("Add a known Gateway"));
    m_gatewayPicker->setPopupMode(QToolButton::InstantPopup);
    m_gatewayPicker->setMenu(new QMenu(m_gatewayPicker));
    auto *gatewayRow = new QHBoxLayout;
    gatewayRow->addWidget(m_gateways, 1);
    gatewayRow->addWidget(m_gatewayPicker);

    m_exportTo->setObjectName(QStringLiteral("exportTo"));
    m_exportTo->setAccessibleName(tr("Export to"));
    m_exportTo->setHelp(tr("Namespaces that see this VirtualService: . for its own, * for all; "
                           "empty means the mesh default (normally *). For a gateway, what "
                           "counts is visibility to the gateway proxy's namespace."));

    auto *form = new QFormLayout(box);
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Namespace"), m_namespace);
    form->addRow(tr("Hosts"), m_hosts);
    form->addRow(tr("Gateways"), gatewayRow);
    form->addRow(tr("Export to"), m_exportTo);
    return box;
}

QWidget *VirtualServiceForm::makeHttpPage()
{
    m_routeList->setObjectName(QStringLiteral("httpRouteList"));
    m_routeList->setAccessibleName(tr("HTTP routes"));
    m_routeList->setModel(m_routeModel);
    m_routeList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_routeList->setDragDropMode(QAbstractItemView::InternalMove);
    m_routeList->setDefaultDropAction(Qt::MoveAction);
    m_routeList->setDragEnabled(true);
    m_routeList->setAlternatingRowColors(true);
    m_routeList->setWordWrap(true);
    m_routeList->setToolTip(tr("Routes are tried in order and the first match wins; generation "
                               "stops after the first catch-all. Drag to reorder."));
    auto *add = toolButton(tr("Add"), QStringLiteral("addHttpRoute"), tr("Add an HTTP route"));
    auto *duplicate = toolButton(tr("Duplicate"), QStringLiteral("duplicateHttpRoute"),
                                 tr("Duplicate the selected HTTP route"));
    auto *remove = toolButton(tr("Remove"), QStringLiteral("removeHttpRoute"),
                              tr("Remove the selected HTTP route"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(duplicate);
    buttons->addWidget(remove);
    buttons->addStretch();
    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_routeList, 1);
    leftLayout->addLayout(buttons);

    m_routeEditor->setObjectName(QStringLiteral("httpRouteEditor"));
    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(left);
    splitter->addWidget(m_routeEditor);
    splitter->setStretchFactor(1, 2);

    connect(m_routeList->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this] { showSelectedRoute(); });
    connect(m_routeModel, &HttpRouteListModel::routesMoved, this, [this] {
        m_resource.spec.http = m_routeModel->routes();
        showSelectedRoute();
        emitEdit(tr("Reorder HTTP routes"), QString());
    });
    connect(add, &QToolButton::clicked, this, [this] {
        Istio::HTTPRoute route;
        Istio::HTTPRouteDestination destination;
        destination.destination = Istio::Destination{m_context.hosts.value(0), {}, {}};
        route.route.push_back(destination);
        m_resource.spec.http.push_back(route);
        m_routeModel->setRoutes(m_resource.spec.http);
        selectRoute(int(m_resource.spec.http.size()) - 1);
        emitEdit(tr("Add HTTP route"), QString());
    });
    connect(duplicate, &QToolButton::clicked, this, [this] {
        const int row = selectedRoute();
        if (row < 0)
            return;
        Istio::HTTPRoute copy = m_resource.spec.http[row];
        if (copy.name)
            copy.name = *copy.name + QStringLiteral("-copy");
        m_resource.spec.http.insert(m_resource.spec.http.begin() + row + 1, copy);
        m_routeModel->setRoutes(m_resource.spec.http);
        selectRoute(row + 1);
        emitEdit(tr("Duplicate HTTP route"), QString());
    });
    connect(remove, &QToolButton::clicked, this, [this] {
        const int row = selectedRoute();
        if (row < 0)
            return;
        m_resource.spec.http.erase(m_resource.spec.http.begin() + row);
        m_routeModel->setRoutes(m_resource.spec.http);
        selectRoute(qMin(row, int(m_resource.spec.http.size()) - 1));
        emitEdit(tr("Remove HTTP route"), QString());
    });
    return splitter;
}

void VirtualServiceForm::load(const Istio::Resource &resource)
{
    const auto *vs = std::get_if<Istio::VirtualService>(&resource);
    if (!vs)
        return;
    const bool sameResource = vs->metadata.name == m_resource.metadata.name &&
                              vs->metadata.nameSpace == m_resource.metadata.nameSpace;
    m_resource = *vs;
    if (!sameResource)
        m_routeEditor->forgetRoute(); // the action values kept from switching were another's
    m_name->setText(m_resource.metadata.name.value_or(QString()));
    m_namespace->setText(m_resource.metadata.nameSpace.value_or(tr("(default)")));
    m_hosts->setValues(toStringList(m_resource.spec.hosts));
    m_gateways->setValues(toStringList(m_resource.spec.gateways));
    m_exportTo->setValues(toStringList(m_resource.spec.exportTo));
    m_routeModel->setRoutes(m_resource.spec.http);
    m_routeModel->setUsage(resourceKey(), m_context.routeHits, m_context.routeCoverage);
    if (selectedRoute() < 0 && !m_resource.spec.http.empty())
        selectRoute(qBound(0, m_shownRoute, int(m_resource.spec.http.size()) - 1));
    else
        showSelectedRoute();
    m_tls->setSpec(m_resource.spec);
    m_tcp->setSpec(m_resource.spec);
}

void VirtualServiceForm::setContext(const FormContext &context)
{
    m_context = context;
    QMenu *menu = m_gatewayPicker->menu();
    menu->clear();
    for (const QString &gateway : context.gateways + QStringList{QStringLiteral("mesh")}) {
        menu->addAction(gateway, this, [this, gateway] {
            QStringList values = m_gateways->values();
            if (values.contains(gateway))
                return;
            values << gateway;
            m_gateways->setValues(values);
            m_resource.spec.gateways = fromStringList(values);
            emitEdit(tr("Add gateway %1").arg(gateway), QString());
        });
    }
    m_routeEditor->setKnownHosts(context.hosts, context.subsets);
    m_tls->setKnownHosts(context.hosts, context.subsets);
    m_tcp->setKnownHosts(context.hosts, context.subsets);
    m_routeModel->setUsage(resourceKey(), context.routeHits, context.routeCoverage);
}

bool VirtualServiceForm::focusField(const QString &fieldPath)
{
    static const QRegularExpression routePath(
        QStringLiteral(R"(^spec\.(http|tls|tcp)(?:\[(\d+)\])?\.?(.*)$)"));
    const QString path = fieldPath.trimmed();
    if (path.startsWith(QLatin1String("spec.hosts"))) {
        m_hosts->setFocus(Qt::OtherFocusReason);
        return true;
    }
    if (path.startsWith(QLatin1String("spec.gateways"))) {
        m_gateways->setFocus(Qt::OtherFocusReason);
        return true;
    }
    if (path.startsWith(QLatin1String("spec.exportTo"))) {
        m_exportTo->setFocus(Qt::OtherFocusReason);
        return true;
    }
    const auto found = routePath.match(path);
    if (!found.hasMatch())
        return false;
    const QString kind = found.captured(1);
    const int index = found.captured(2).isEmpty() ? -1 : found.captured(2).toInt();
    if (kind == QLatin1String("http")) {
        m_tabs->setCurrentIndex(HTTP_TAB);
        if (index < 0 || index >= int(m_resource.spec.http.size())) {
            m_routeList->setFocus(Qt::OtherFocusReason);
            return index < 0;
        }
        selectRoute(index);
        if (found.captured(3).isEmpty()) {
            m_routeList->setFocus(Qt::OtherFocusReason);
            return true;
        }
        return m_routeEditor->focusField(found.captured(3));
    }
    L4RoutesEditor *editor = kind == QLatin1String("tls") ? m_tls : m_tcp;
    m_tabs->setCurrentIndex(kind == QLatin1String("tls") ? TLS_TAB : TCP_TAB);
    return editor->focusField(qMax(0, index), found.captured(3));
}

void VirtualServiceForm::setFieldFindings(const QList<QPair<QString, QString>> &findings)
{
    static const QRegularExpression routePath(QStringLiteral(R"(^spec\.http\[(\d+)\])"));
    QHash<int, QStringList> perRoute;
    QStringList lines;
    for (const auto &[path, message] : findings) {
        if (const auto found = routePath.match(path); found.hasMatch())
            perRoute[found.captured(1).toInt()] << path + QStringLiteral(": ") + message;
    }
    m_routeModel->setFindings(perRoute);
    for (const auto &[path, message] : findings)
        lines << QStringLiteral("<b>%1</b>: %2").arg(path.toHtmlEscaped(), message.toHtmlEscaped());
    m_findings->setText(lines.join(QStringLiteral("<br>")));
    m_findings->setVisible(!lines.isEmpty());
}

int VirtualServiceForm::selectedRoute() const
{
    const int row = m_routeList->currentIndex().row();
    return row >= 0 && row < int(m_resource.spec.http.size()) ? row : -1;
}

void VirtualServiceForm::selectRoute(int index)
{
    if (index < 0 || index >= m_routeModel->rowCount()) {
        showSelectedRoute();
        return;
    }
    m_routeList->setCurrentIndex(m_routeModel->index(index));
    showSelectedRoute();
}

void VirtualServiceForm::showSelectedRoute()
{
    const int row = selectedRoute();
    m_routeEditor->setEnabled(row >= 0);
    if (row < 0)
        return;
    m_shownRoute = row;
    m_routeEditor->setRoute(m_resource.spec.http[row], row);
}

void VirtualServiceForm::emitEdit(const QString &description, const QString &mergeKey)
{
    emit edited(Istio::Resource(m_resource), description, mergeKey);
}

QString VirtualServiceForm::resourceKey() const
{
    return m_resource.metadata.nameSpace.value_or(QStringLiteral("default")) + QLatin1Char('/') +
           m_resource.metadata.name.value_or(QString());
}
