#include "l4routeseditor.h"

#include "destinationtable.h"
#include "formwidgetsync.h"
#include "stringlistedit.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

template <class R> std::vector<DestinationTable::Row> rowsOf(const std::vector<R> &destinations)
{
    std::vector<DestinationTable::Row> rows;
    for (int i = 0; i < int(destinations.size()); ++i)
        rows.push_back({destinations[i].destination.value_or(Istio::Destination{}),
                        destinations[i].weight, i});
    return rows;
}

std::vector<Istio::RouteDestination> fromRows(const std::vector<DestinationTable::Row> &rows)
{
    std::vector<Istio::RouteDestination> result;
    for (const auto &row : rows)
        result.push_back({row.destination, row.weight});
    return result;
}

} // namespace

L4RoutesEditor::L4RoutesEditor(Protocol protocol, QWidget *parent)
    : QWidget(parent), m_protocol(protocol), m_list(new QListWidget), m_editor(new QWidget),
      m_sniHosts(new StringListEdit), m_port(FormSync::optionalSpin(0, 65535, tr("any"))),
      m_moreMatches(new QLabel), m_destinations(new DestinationTable)
{
    const bool tls = protocol == Tls;
    m_list->setObjectName(tls ? QStringLiteral("tlsRouteList") : QStringLiteral("tcpRouteList"));
    m_list->setAccessibleName(tls ? tr("TLS routes") : tr("TCP routes"));
    m_list->setToolTip(
        tls ? tr("TLS passthrough routes: every passing match becomes its own filter chain "
                 "with the match's SNI hosts; a later rule reusing an SNI on the same port is "
                 "skipped. A client whose SNI matches no chain is disconnected.")
            : tr("TCP routes: at a gateway the first route whose match passes (or that has no "
                 "match) supplies the single TCP proxy of the server; later ones are never "
                 "consulted."));
    m_list->setMaximumHeight(110);
    auto *add = new QToolButton;
    add->setText(tr("Add"));
    add->setAccessibleName(tls ? tr("Add a TLS route") : tr("Add a TCP route"));
    add->setToolTip(add->accessibleName());
    auto *remove = new QToolButton;
    remove->setText(tr("Remove"));
    remove->setAccessibleName(tls ? tr("Remove the TLS route") : tr("Remove the TCP route"));
    remove->setToolTip(remove->accessibleName());
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();

    m_sniHosts->setObjectName(QStringLiteral("tlsSniHosts"));
    m_sniHosts->setAccessibleName(tr("SNI hosts"));
    m_sniHosts->setHelp(tr("Required, at least one. The SNI names this route takes; each must "
                           "be one of the VirtualService hosts or covered by one of its "
                           "wildcards (*.com also covers example.com). An IP only warns."));
    m_port->setObjectName(tls ? QStringLiteral("tlsMatchPort") : QStringLiteral("tcpMatchPort"));
    m_port->setAccessibleName(tr("Match port"));
    m_port->setToolTip(tr("Compared with the gateway server's port number. At a gateway only "
                          "port and gateways are evaluated; destinationSubnets, sourceLabels "
                          "and sourceNamespace are ignored."));
    m_moreMatches->setObjectName(QStringLiteral("moreMatchBlocks"));
    m_moreMatches->setWordWrap(true);
    m_destinations->table()->setObjectName(tls ? QStringLiteral("tlsDestinationTable")
                                               : QStringLiteral("tcpDestinationTable"));

    auto *form = new QFormLayout(m_editor);
    form->setContentsMargins(0, 0, 0, 0);
    if (tls)
        form->addRow(tr("SNI hosts"), m_sniHosts);
    else
        m_sniHosts->hide();
    form->addRow(tr("Port"), m_port);
    form->addRow(QString(), m_moreMatches);
    form->addRow(tr("Destinations"), m_destinations);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list);
    layout->addLayout(buttons);
    layout->addWidget(m_editor, 1);

    connect(m_list, &QListWidget::currentRowChanged, this, [this] { showSelected(); });
    connect(add, &QToolButton::clicked, this, [this] {
        if (m_protocol == Tls)
            m_spec.tls.push_back(Istio::TLSRoute{{Istio::TLSMatchAttributes{}}, {}});
        else
            m_spec.tcp.emplace_back();
        showRoutes();
        m_list->setCurrentRow(routeCount() - 1);
        emit specEdited(m_spec, tr("Add %1 route").arg(prefix().toUpper()), QString());
    });
    connect(remove, &QToolButton::clicked, this, [this] {
        const int row = m_list->currentRow();
        if (row < 0 || row >= routeCount())
            return;
        if (m_protocol == Tls)
            m_spec.tls.erase(m_spec.tls.begin() + row);
        else
            m_spec.tcp.erase(m_spec.tcp.begin() + row);
        showRoutes();
        emit specEdited(m_spec, tr("Remove %1 route").arg(prefix().toUpper()), QString());
    });
    connect(m_sniHosts, &StringListEdit::valuesEdited, this,
            [this] { editMatch(QStringLiteral("sniHosts")); });
    connect(m_port, &QSpinBox::valueChanged, this, [this] { editMatch(QStringLiteral("port")); });
    connect(m_destinations, &DestinationTable::rowsEdited, this,
            [this](const QString &description, const QString &keySuffix) {
                const int row = m_list->currentRow();
                if (row < 0 || row >= routeCount())
                    return;
                auto &route = m_protocol == Tls ? m_spec.tls[row].route : m_spec.tcp[row].route;
                route = fromRows(m_destinations->rows());
                showRoutes();
                emit specEdited(
                    m_spec, description,
                    QStringLiteral("%1[%2].route%3").arg(prefix()).arg(row).arg(keySuffix));
            });
}

void L4RoutesEditor::setSpec(const Istio::VirtualServiceSpec &spec)
{
    m_spec = spec;
    showRoutes();
}

void L4RoutesEditor::setKnownHosts(const QStringList &hosts,
                                   const QHash<QString, QStringList> &subsets)
{
    m_destinations->setKnownHosts(hosts, subsets);
}

bool L4RoutesEditor::focusField(int index, const QString &path)
{
    if (index < 0 || index >= routeCount())
        return false;
    m_list->setCurrentRow(index);
    static const QRegularExpression destination(QStringLiteral(R"(^route\[(\d+)\]\.?(.*)$)"));
    if (const auto found = destination.match(path); found.hasMatch())
        return m_destinations->focusCell(found.captured(1).toInt(),
                                         found.captured(2).section(QLatin1Char('.'), -1));
    if (path.contains(QLatin1String("sniHosts")))
        m_sniHosts->setFocus(Qt::OtherFocusReason);
    else if (path.contains(QLatin1String("port")))
        m_port->setFocus(Qt::OtherFocusReason);
    else
        m_list->setFocus(Qt::OtherFocusReason);
    return true;
}

QString L4RoutesEditor::prefix() const
{
    return m_protocol == Tls ? QStringLiteral("tls") : QStringLiteral("tcp");
}

int L4RoutesEditor::routeCount() const
{
    return int(m_protocol == Tls ? m_spec.tls.size() : m_spec.tcp.size());
}

QString L4RoutesEditor::summary(int index) const
{
    QStringList when;
    QStringList targets;
    if (m_protocol == Tls) {
        for (const auto &match : m_spec.tls[index].match)
            when << QStringList(match.sniHosts.begin(), match.sniHosts.end()).join(", ");
        for (const auto &destination : m_spec.tls[index].route)
            targets << destination.destination.value_or(Istio::Destination{}).host.value_or("?");
    } else {
        for (const auto &match : m_spec.tcp[index].match)
            when << (match.port ? tr("port %1").arg(*match.port) : tr("any port"));
        for (const auto &destination : m_spec.tcp[index].route)
            targets << destination.destination.value_or(Istio::Destination{}).host.value_or("?");
    }
    return QStringLiteral("%1[%2]: %3 ⇒ %4")
        .arg(prefix())
        .arg(index)
        .arg(when.isEmpty() ? tr("any") : when.join(QStringLiteral(" | ")),
             targets.join(QStringLiteral(", ")));
}

void L4RoutesEditor::showRoutes()
{
    const QSignalBlocker blocker(m_list);
    const int current = m_list->currentRow();
    while (m_list->count() > routeCount())
        delete m_list->takeItem(m_list->count() - 1);
    while (m_list->count() < routeCount())
        m_list->addItem(QString());
    for (int i = 0; i < routeCount(); ++i)
        m_list->item(i)->setText(summary(i));
    m_list->setCurrentRow(current >= 0 && current < routeCount() ? current
                                                                 : (routeCount() > 0 ? 0 : -1));
    showSelected();
}

void L4RoutesEditor::showSelected()
{
    const int row = m_list->currentRow();
    m_editor->setEnabled(row >= 0 && row < routeCount());
    if (row < 0 || row >= routeCount()) {
        m_destinations->setRows({});
        return;
    }
    std::optional<quint32> port;
    int matchCount = 0;
    if (m_protocol == Tls) {
        const auto &route = m_spec.tls[row];
        matchCount = int(route.match.size());
        const auto first = route.match.empty() ? Istio::TLSMatchAttributes{} : route.match[0];
        m_sniHosts->setValues(QStringList(first.sniHosts.begin(), first.sniHosts.end()));
        port = first.port;
        m_destinations->setRows(rowsOf(route.route));
    } else {
        const auto &route = m_spec.tcp[row];
        matchCount = int(route.match.size());
        port = route.match.empty() ? std::nullopt : route.match[0].port;
        m_destinations->setRows(rowsOf(route.route));
    }
    FormSync::setOptional(m_port, port);
    m_moreMatches->setVisible(matchCount > 1);
    m_moreMatches->setText(tr("This route has %1 match blocks; the form edits the first, the "
                              "YAML tab shows all.")
                               .arg(matchCount));
}

void L4RoutesEditor::editMatch(const QString &field)
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= routeCount())
        return;
    const auto port = FormSync::optional<quint32>(m_port);
    if (m_protocol == Tls) {
        auto &matches = m_spec.tls[row].match;
        if (matches.empty())
            matches.emplace_back();
        const QStringList hosts = m_sniHosts->values();
        matches[0].sniHosts = Istio::StringList(hosts.begin(), hosts.end());
        matches[0].port = port;
    } else {
        auto &matches = m_spec.tcp[row].match;
        if (matches.empty() && port)
            matches.emplace_back();
        if (!matches.empty())
            matches[0].port = port;
        if (matches.size() == 1 && matches[0] == Istio::L4MatchAttributes{})
            matches.clear(); // no port left: no match block, the route takes every connection
    }
    showRoutes();
    emit specEdited(m_spec, tr("Edit %1 route match").arg(prefix().toUpper()),
                    QStringLiteral("%1[%2].match[0].%3").arg(prefix()).arg(row).arg(field));
}
