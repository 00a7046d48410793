#include "httprouteeditor.h"

#include "corsheaderseditor.h"
#include "formwidgetsync.h"
#include "httpactioneditor.h"
#include "httpmatcheditor.h"
#include "httppolicyeditor.h"

#include <QFormLayout>
#include <QLineEdit>
#include <QRegularExpression>
#include <QScrollArea>
#include <QToolBox>
#include <QVBoxLayout>

namespace {

enum Section { MATCH, ACTION, POLICY, CORS_HEADERS };

QScrollArea *scrolled(QWidget *widget)
{
    auto *area = new QScrollArea;
    area->setWidget(widget);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    return area;
}

} // namespace

HttpRouteEditor::HttpRouteEditor(QWidget *parent)
    : QWidget(parent), m_name(new QLineEdit), m_sections(new QToolBox),
      m_match(new HttpMatchEditor), m_action(new HttpActionEditor), m_policy(new HttpPolicyEditor),
      m_corsHeaders(new CorsHeadersEditor)
{
    m_name->setObjectName(QStringLiteral("routeName"));
    m_name->setAccessibleName(tr("Route name"));
    m_name->setToolTip(tr("Used in logs and stats: Envoy's route name is this name, plus "
                          ".<match name> for a named match block. Delegated routes are named "
                          "root-delegate."));
    m_sections->setObjectName(QStringLiteral("routeSections"));
    m_sections->setAccessibleName(tr("Route sections"));
    m_sections->addItem(scrolled(m_match), tr("Match (when)"));
    m_sections->addItem(scrolled(m_action), tr("Action (then)"));
    m_sections->addItem(scrolled(m_policy), tr("Rewrite, timeout, retries, fault, mirror"));
    m_sections->addItem(scrolled(m_corsHeaders), tr("CORS and header operations"));
    m_sections->setCurrentIndex(ACTION);
    m_match->setObjectName(QStringLiteral("matchEditor"));
    m_action->setObjectName(QStringLiteral("actionEditor"));
    m_policy->setObjectName(QStringLiteral("policyEditor"));
    m_corsHeaders->setObjectName(QStringLiteral("corsHeadersEditor"));

    auto *nameRow = new QFormLayout;
    nameRow->setContentsMargins(0, 0, 0, 0);
    nameRow->addRow(tr("Name"), m_name);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(nameRow);
    layout->addWidget(m_sections, 1);

    connect(m_name, &QLineEdit::textEdited, this, [this] {
        Istio::HTTPRoute route = m_route;
        route.name = FormSync::textOrNull(m_name);
        childEdited(route, tr("Edit route name"), QStringLiteral("name"));
    });
    connect(m_match, &HttpMatchEditor::matchesEdited, this,
            [this](const QString &description, const QString &keySuffix) {
                Istio::HTTPRoute route = m_route;
                route.match = m_match->matches();
                childEdited(route, description, keySuffix);
            });
    connect(m_action, &HttpActionEditor::routeEdited, this, &HttpRouteEditor::childEdited);
    connect(m_policy, &HttpPolicyEditor::routeEdited, this, &HttpRouteEditor::childEdited);
    connect(m_corsHeaders, &CorsHeadersEditor::routeEdited, this, &HttpRouteEditor::childEdited);
}

void HttpRouteEditor::setRoute(const Istio::HTTPRoute &route, int index)
{
    const bool sameRoute = index == m_index;
    m_route = route;
    m_index = index;
    show(sameRoute);
}

void HttpRouteEditor::setKnownHosts(const QStringList &hosts,
                                    const QHash<QString, QStringList> &subsets)
{
    m_action->setKnownHosts(hosts, subsets);
}

bool HttpRouteEditor::focusField(const QString &path)
{
    if (path.isEmpty() || path == QLatin1String("name")) {
        m_name->setFocus(Qt::OtherFocusReason);
        return true;
    }
    static const QRegularExpression matchPath(QStringLiteral(R"(^match(?:\[(\d+)\])?\.?(\w*))"));
    if (const auto found = matchPath.match(path); found.hasMatch()) {
        m_sections->setCurrentIndex(MATCH);
        return m_match->focusField(found.captured(1).isEmpty() ? 0 : found.captured(1).toInt(),
                                   found.captured(2));
    }
    if (m_action->focusField(path)) {
        m_sections->setCurrentIndex(ACTION);
        return m_action->focusField(path); // again, now that the section is visible
    }
    if (m_policy->focusField(path)) {
        m_sections->setCurrentIndex(POLICY);
        return m_policy->focusField(path);
    }
    if (m_corsHeaders->focusField(path)) {
        m_sections->setCurrentIndex(CORS_HEADERS);
        return m_corsHeaders->focusField(path);
    }
    return false;
}

void HttpRouteEditor::childEdited(const Istio::HTTPRoute &route, const QString &description,
                                  const QString &keySuffix)
{
    // Every section shows the new route at once, so a second edit before the owner calls
    // load() again builds on this one.
    m_route = route;
    show(true);
    emit routeEdited(m_route, description, keySuffix);
}

void HttpRouteEditor::show(bool sameRoute)
{
    FormSync::setText(m_name, m_route.name);
    m_match->setMatches(m_route.match);
    m_action->setRoute(m_route, sameRoute);
    m_policy->setRoute(m_route);
    m_corsHeaders->setRoute(m_route);
}
