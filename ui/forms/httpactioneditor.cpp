#include "httpactioneditor.h"

#include "destinationtable.h"
#include "formwidgetsync.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {

const QString UNSET = QStringLiteral("—");

std::optional<QString> nonEmpty(const QString &text)
{
    return text.isEmpty() ? std::nullopt : std::optional<QString>(text);
}

} // namespace

HttpActionEditor::HttpActionEditor(QWidget *parent)
    : QWidget(parent), m_kind(new QComboBox(this)), m_pages(new QStackedWidget(this)),
      m_destinations(new DestinationTable), m_redirectUri(new QLineEdit),
      m_redirectAuthority(new QLineEdit),
      m_redirectPort(FormSync::optionalSpin(0, 65535, tr("unset"))), m_derivePort(new QComboBox),
      m_redirectScheme(new QComboBox), m_redirectCode(FormSync::optionalSpin(299, 399, tr("301"))),
      m_status(new QSpinBox), m_body(new QPlainTextEdit), m_bodyBytesNote(new QLabel),
      m_delegateName(new QLineEdit), m_delegateNamespace(new QLineEdit)
{
    m_kind->setObjectName(QStringLiteral("actionKind"));
    m_kind->setAccessibleName(tr("Action"));
    m_kind->addItems({tr("Route"), tr("Redirect"), tr("Direct response"), tr("Delegate")});
    m_kind->setToolTip(tr("Route forwards to weighted destinations; Redirect answers 3xx; Direct "
                          "response answers a fixed status and body; Delegate splices in the "
                          "http routes of a hostless VirtualService. They are mutually "
                          "exclusive (redirect and direct response also exclude rewrite and "
                          "fault)."));

    // Route
    m_pages->addWidget(m_destinations);

    // Redirect
    auto *redirect = new QWidget;
    auto *redirectForm = new QFormLayout(redirect);
    m_redirectUri->setObjectName(QStringLiteral("redirectUri"));
    m_redirectUri->setAccessibleName(tr("Redirect URI"));
    m_redirectUri->setToolTip(tr("Replaces the whole path, whatever the match kind. The request's "
                                 "query string is kept unless this contains its own ?…; empty "
                                 "keeps the original path and query."));
    m_redirectAuthority->setObjectName(QStringLiteral("redirectAuthority"));
    m_redirectAuthority->setAccessibleName(tr("Redirect authority"));
    m_redirectAuthority->setToolTip(tr("Replaces the host in the Location. Empty keeps the "
                                       "request's Host."));
    m_redirectPort->setObjectName(QStringLiteral("redirectPort"));
    m_redirectPort->setAccessibleName(tr("Redirect port"));
    m_redirectPort->setToolTip(tr("Port in the Location (exclusive with derive port). Istio "
                                  "omits :80 with http and :443 with https. Neither set: the "
                                  "request's Host port is kept, dropped only when it is the old "
                                  "scheme's default and the scheme changes."));
    m_derivePort->setObjectName(QStringLiteral("redirectDerivePort"));
    m_derivePort->setAccessibleName(tr("Redirect derive port"));
    m_derivePort->addItems(
        {UNSET, QStringLiteral("FROM_PROTOCOL_DEFAULT"), QStringLiteral("FROM_REQUEST_PORT")});
    m_derivePort->setToolTip(tr("FROM_REQUEST_PORT uses the listener port the request came in "
                                "on; FROM_PROTOCOL_DEFAULT emits no port (80 for http, 443 for "
                                "https). Exclusive with port."));
    m_redirectScheme->setObjectName(QStringLiteral("redirectScheme"));
    m_redirectScheme->setAccessibleName(tr("Redirect scheme"));
    m_redirectScheme->addItems({UNSET, QStringLiteral("http"), QStringLiteral("https")});
    m_redirectScheme->setToolTip(tr("http or https only. Unset keeps the request's scheme."));
    m_redirectCode->setObjectName(QStringLiteral("redirectCode"));
    m_redirectCode->setAccessibleName(tr("Redirect code"));
    m_redirectCode->setToolTip(tr("Default 301. Validation accepts 300–399 but only 301, 302, "
                                  "303, 307 and 308 are produced; any other code leaves the "
                                  "route with no action."));
    redirectForm->addRow(tr("URI"), m_redirectUri);
    redirectForm->addRow(tr("Authority"), m_redirectAuthority);
    redirectForm->addRow(tr("Port"), m_redirectPort);
    redirectForm->addRow(tr("Derive port"), m_derivePort);
    redirectForm->addRow(tr("Scheme"), m_redirectScheme);
    redirectForm->addRow(tr("Code"), m_redirectCode);
    m_pages->addWidget(redirect);

    // Direct response
    auto *direct = new QWidget;
    auto *directForm = new QFormLayout(direct);
    m_status->setObjectName(QStringLiteral("directStatus"));
    m_status->setAccessibleName(tr("Direct response status"));
    m_status->setRange(200, 599);
    m_status->setToolTip(tr("Required status the gateway answers with, 200–599."));
    m_body->setObjectName(QStringLiteral("directBody"));
    m_body->setAccessibleName(tr("Direct response body"));
    m_body->setToolTip(tr("Body string sent as is (under 1 MiB; above 100 KiB gives a warning). "
                          "Route-level response headers still apply: set content-type there."));
    m_body->setMaximumHeight(100);
    m_bodyBytesNote->setText(tr("The body is base64 bytes; edit it in the YAML tab."));
    m_bodyBytesNote->setVisible(false);
    directForm->addRow(tr("Status"), m_status);
    directForm->addRow(tr("Body"), m_body);
    directForm->addRow(QString(), m_bodyBytesNote);
    m_pages->addWidget(direct);

    // Delegate
    auto *delegate = new QWidget;
    auto *delegateForm = new QFormLayout(delegate);
    m_delegateName->setObjectName(QStringLiteral("delegateName"));
    m_delegateName->setAccessibleName(tr("Delegate name"));
    m_delegateName->setToolTip(tr("A VirtualService without hosts whose http routes are spliced "
                                  "in here. Each of its routes must match inside this route's "
                                  "match, or it is dropped; it inherits rewrite, timeout, "
                                  "retries, fault, mirror, CORS and headers it does not set. "
                                  "Only one level of delegation."));
    m_delegateNamespace->setObjectName(QStringLiteral("delegateNamespace"));
    m_delegateNamespace->setAccessibleName(tr("Delegate namespace"));
    m_delegateNamespace->setToolTip(tr("Namespace of the delegate; empty means this "
                                       "VirtualService's. The delegate must be exported to it."));
    delegateForm->addRow(tr("Name"), m_delegateName);
    delegateForm->addRow(tr("Namespace"), m_delegateNamespace);
    m_pages->addWidget(delegate);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_kind);
    layout->addWidget(m_pages);

    connect(m_kind, &QComboBox::activated, this, [this](int index) {
        if (index != kindOf(m_route))
            switchTo(Kind(index));
    });
    connect(m_destinations, &DestinationTable::rowsEdited, this,
            [this](const QString &description, const QString &keySuffix) {
                const std::vector<Istio::HTTPRouteDestination> old = m_route.route;
                m_route.route.clear();
                for (const DestinationTable::Row &row : m_destinations->rows()) {
                    Istio::HTTPRouteDestination entry =
                        row.origin >= 0 && row.origin < int(old.size())
                            ? old[row.origin]
                            : Istio::HTTPRouteDestination{};
                    entry.destination = row.destination;
                    entry.weight = row.weight;
                    m_route.route.push_back(entry);
                }
                emitEdit(description, QStringLiteral("route") + keySuffix);
            });
    connect(m_redirectUri, &QLineEdit::textEdited, this,
            [this] { editRedirect(QStringLiteral("uri")); });
    connect(m_redirectAuthority, &QLineEdit::textEdited, this,
            [this] { editRedirect(QStringLiteral("authority")); });
    connect(m_redirectPort, &QSpinBox::valueChanged, this,
            [this] { editRedirect(QStringLiteral("port")); });
    connect(m_derivePort, &QComboBox::activated, this,
            [this] { editRedirect(QStringLiteral("derivePort")); });
    connect(m_redirectScheme, &QComboBox::activated, this,
            [this] { editRedirect(QStringLiteral("scheme")); });
    connect(m_redirectCode, &QSpinBox::valueChanged, this,
            [this] { editRedirect(QStringLiteral("redirectCode")); });
    connect(m_status, &QSpinBox::valueChanged, this, [this](int status) {
        if (!m_route.directResponse)
            return;
        m_route.directResponse->status = quint32(status);
        emitEdit(tr("Edit direct response status"), QStringLiteral("directResponse.status"));
    });
    connect(m_body, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_route.directResponse || !m_body->isEnabled())
            return;
        const QString text = m_body->toPlainText();
        if (m_route.directResponse->body.value_or(Istio::HTTPBody{}).string.value_or(QString()) ==
            text)
            return; // a load, or nothing changed
        if (text.isEmpty())
            m_route.directResponse->body.reset();
        else
            m_route.directResponse->body = Istio::HTTPBody{text, std::nullopt};
        emitEdit(tr("Edit direct response body"), QStringLiteral("directResponse.body"));
    });
    auto editDelegate = [this] {
        if (!m_route.delegate)
            return;
        m_route.delegate->name = nonEmpty(m_delegateName->text());
        m_route.delegate->nameSpace = nonEmpty(m_delegateNamespace->text());
        emitEdit(tr("Edit delegate"), QStringLiteral("delegate"));
    };
    connect(m_delegateName, &QLineEdit::textEdited, this, editDelegate);
    connect(m_delegateNamespace, &QLineEdit::textEdited, this, editDelegate);
}

HttpActionEditor::Kind HttpActionEditor::kindOf(const Istio::HTTPRoute &route)
{
    if (route.delegate)
        return Delegate;
    if (route.redirect)
        return Redirect;
    if (route.directResponse)
        return DirectResponse;
    return Route;
}

void HttpActionEditor::setRoute(const Istio::HTTPRoute &route, bool sameRoute)
{
    if (!sameRoute) {
        m_keptRoute.reset();
        m_keptRedirect.reset();
        m_keptDirectResponse.reset();
        m_keptDelegate.reset();
    }
    m_route = route;
    showRoute();
}

void HttpActionEditor::setKnownHosts(const QStringList &hosts,
                                     const QHash<QString, QStringList> &subsets)
{
    m_destinations->setKnownHosts(hosts, subsets);
}

bool HttpActionEditor::focusField(const QString &path)
{
    static const QRegularExpression destination(QStringLiteral(R"(^route\[(\d+)\]\.?(.*)$)"));
    const auto found = destination.match(path);
    if (found.hasMatch()) {
        QString column = found.captured(2).section(QLatin1Char('.'), -1);
        return m_destinations->focusCell(found.captured(1).toInt(), column);
    }
    const QString field = path.section(QLatin1Char('.'), 1, 1);
    QWidget *target = nullptr;
    if (path.startsWith(QLatin1String("redirect"))) {
        if (field == QLatin1String("authority"))
            target = m_redirectAuthority;
        else if (field == QLatin1String("port"))
            target = m_redirectPort;
        else if (field == QLatin1String("derivePort"))
            target = m_derivePort;
        else if (field == QLatin1String("scheme"))
            target = m_redirectScheme;
        else if (field == QLatin1String("redirectCode"))
            target = m_redirectCode;
        else
            target = m_redirectUri;
    } else if (path.startsWith(QLatin1String("directResponse"))) {
        if (field == QLatin1String("body"))
            target = m_body;
        else
            target = m_status;
    } else if (path.startsWith(QLatin1String("delegate"))) {
        target = field == QLatin1String("namespace") ? m_delegateNamespace : m_delegateName;
    } else if (path == QLatin1String("route")) {
        target = m_destinations->table();
    }
    if (!target)
        return false;
    target->setFocus(Qt::OtherFocusReason);
    return true;
}

void HttpActionEditor::switchTo(Kind kind)
{
    switch (kindOf(m_route)) {
    case Route:
        m_keptRoute = m_route.route;
        break;
    case Redirect:
        m_keptRedirect = m_route.redirect;
        break;
    case DirectResponse:
        m_keptDirectResponse = m_route.directResponse;
        break;
    case Delegate:
        m_keptDelegate = m_route.delegate;
        break;
    }
    m_route.route.clear();
    m_route.redirect.reset();
    m_route.directResponse.reset();
    m_route.delegate.reset();
    switch (kind) {
    case Route:
        m_route.route = m_keptRoute.value_or(std::vector<Istio::HTTPRouteDestination>{});
        break;
    case Redirect:
        m_route.redirect = m_keptRedirect.value_or(Istio::HTTPRedirect{});
        break;
    case DirectResponse:
        m_route.directResponse =
            m_keptDirectResponse.value_or(Istio::HTTPDirectResponse{200, std::nullopt});
        break;
    case Delegate:
        m_route.delegate = m_keptDelegate.value_or(Istio::Delegate{});
        break;
    }
    showRoute();
    emitEdit(tr("Change route action to %1").arg(m_kind->itemText(kind).toLower()),
             QStringLiteral("action"));
}

void HttpActionEditor::showRoute()
{
    const Kind kind = kindOf(m_route);
    {
        const QSignalBlocker blocker(m_kind);
        m_kind->setCurrentIndex(kind);
    }
    m_pages->setCurrentIndex(kind);

    std::vector<DestinationTable::Row> rows;
    for (int i = 0; i < int(m_route.route.size()); ++i) {
        const auto &entry = m_route.route[i];
        rows.push_back({entry.destination.value_or(Istio::Destination{}), entry.weight, i});
    }
    m_destinations->setRows(rows);

    const Istio::HTTPRedirect redirect = m_route.redirect.value_or(Istio::HTTPRedirect{});
    FormSync::setText(m_redirectUri, redirect.uri);
    FormSync::setText(m_redirectAuthority, redirect.authority);
    FormSync::setOptional(m_redirectPort, redirect.port);
    FormSync::setComboText(m_derivePort,
                           redirect.derivePort ? Istio::enumName(*redirect.derivePort) : UNSET);
    FormSync::setComboText(m_redirectScheme, redirect.scheme.value_or(UNSET));
    FormSync::setOptional(m_redirectCode, redirect.redirectCode);

    const Istio::HTTPDirectResponse direct =
        m_route.directResponse.value_or(Istio::HTTPDirectResponse{});
    FormSync::setValue(m_status, int(direct.status.value_or(200)));
    const bool bytes = direct.body && direct.body->bytes;
    m_body->setEnabled(!bytes);
    m_bodyBytesNote->setVisible(bytes);
    const QString body = direct.body ? direct.body->string.value_or(QString()) : QString();
    if (m_body->toPlainText() != body) {
        const QSignalBlocker blocker(m_body);
        m_body->setPlainText(body);
    }

    const Istio::Delegate delegate = m_route.delegate.value_or(Istio::Delegate{});
    FormSync::setText(m_delegateName, delegate.name);
    FormSync::setText(m_delegateNamespace, delegate.nameSpace);
}

void HttpActionEditor::editRedirect(const QString &field)
{
    if (!m_route.redirect)
        return;
    Istio::HTTPRedirect &redirect = *m_route.redirect;
    if (field == QLatin1String("uri"))
        redirect.uri = nonEmpty(m_redirectUri->text());
    else if (field == QLatin1String("authority"))
        redirect.authority = nonEmpty(m_redirectAuthority->text());
    else if (field == QLatin1String("port"))
        redirect.port = FormSync::optional<quint32>(m_redirectPort);
    else if (field == QLatin1String("derivePort"))
        redirect.derivePort =
            Istio::enumFromName<Istio::RedirectPortSelection>(m_derivePort->currentText());
    else if (field == QLatin1String("scheme"))
        redirect.scheme = m_redirectScheme->currentIndex() == 0
                              ? std::nullopt
                              : std::optional<QString>(m_redirectScheme->currentText());
    else if (field == QLatin1String("redirectCode"))
        redirect.redirectCode = FormSync::optional<quint32>(m_redirectCode);
    emitEdit(tr("Edit redirect %1").arg(field), QStringLiteral("redirect.") + field);
}

void HttpActionEditor::emitEdit(const QString &description, const QString &keySuffix)
{
    emit routeEdited(m_route, description, keySuffix);
}
