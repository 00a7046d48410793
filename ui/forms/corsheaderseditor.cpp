#include "corsheaderseditor.h"

#include "durationedit.h"
#include "formwidgetsync.h"
#include "keyvaluetable.h"
#include "stringlistedit.h"
#include "stringmatchtable.h"
#include "validation/names.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {

QStringList toStringList(const Istio::StringList &values)
{
    return QStringList(values.begin(), values.end());
}

Istio::StringList fromStringList(const QStringList &values)
{
    return Istio::StringList(values.begin(), values.end());
}

KeyValueTable::Pairs toPairs(const Istio::OrderedMap<QString> &map)
{
    KeyValueTable::Pairs pairs;
    for (const auto &[key, value] : map)
        pairs.append({key, value});
    return pairs;
}

Istio::OrderedMap<QString> fromPairs(const KeyValueTable::Pairs &pairs)
{
    Istio::OrderedMap<QString> map;
    for (const auto &[key, value] : pairs)
        map.entries.emplace_back(key, value);
    return map;
}

QString checkToken(const QString &entry)
{
    if (entry == QLatin1String("*") ||
        (Validation::Names::isHeaderName(entry) && !entry.startsWith(QLatin1Char(':'))))
        return {};
    return QObject::tr("\"%1\" is not a valid header name").arg(entry);
}

} // namespace

CorsHeadersEditor::CorsHeadersEditor(QWidget *parent) : QWidget(parent)
{
    m_cors = new QGroupBox(tr("CORS"));
    m_cors->setObjectName(QStringLiteral("corsGroup"));
    m_cors->setCheckable(true);
    m_cors->setChecked(false);
    m_cors->setAccessibleName(tr("CORS policy"));
    m_cors->setToolTip(tr("Cross-origin policy, evaluated by Envoy's CORS filter."));
    m_origins = new StringMatchTable(tr("Allowed origins"), false);
    m_origins->setObjectName(QStringLiteral("corsAllowOrigins"));
    m_origins->setHelp(tr("Origins allowed (StringMatch each, non-empty; regexes must be "
                          "valid). When one matches, the response echoes the request's "
                          "Origin."));
    m_methods = new StringListEdit;
    m_methods->setObjectName(QStringLiteral("corsAllowMethods"));
    m_methods->setAccessibleName(tr("Allowed methods"));
    m_methods->setHelp(tr("Access-Control-Allow-Methods. Only GET, HEAD, POST, PUT, PATCH, "
                          "DELETE, CONNECT, OPTIONS, TRACE or * are accepted."));
    m_methods->setEntryCheck([](const QString &entry) {
        static const QStringList allowed = {"GET",    "HEAD",    "POST",    "PUT",   "PATCH",
                                            "DELETE", "CONNECT", "OPTIONS", "TRACE", "*"};
        return allowed.contains(entry) ? QString()
                                       : QObject::tr("\"%1\" is not an allowed method").arg(entry);
    });
    m_allowHeaders = new StringListEdit;
    m_allowHeaders->setObjectName(QStringLiteral("corsAllowHeaders"));
    m_allowHeaders->setAccessibleName(tr("Allowed headers"));
    m_allowHeaders->setHelp(tr("Access-Control-Allow-Headers: header tokens or *."));
    m_allowHeaders->setEntryCheck(checkToken);
    m_exposeHeaders = new StringListEdit;
    m_exposeHeaders->setObjectName(QStringLiteral("corsExposeHeaders"));
    m_exposeHeaders->setAccessibleName(tr("Exposed headers"));
    m_exposeHeaders->setHelp(tr("Access-Control-Expose-Headers: header tokens or *."));
    m_exposeHeaders->setEntryCheck(checkToken);
    m_maxAge = new DurationEdit;
    m_maxAge->setObjectName(QStringLiteral("corsMaxAge"));
    m_maxAge->setAccessibleName(tr("Max age"));
    m_maxAge->setHelp(tr("How long browsers may cache the preflight answer; whole seconds, at "
                         "least 1 s."));
    m_credentials = new QCheckBox(tr("Allow credentials"));
    m_credentials->setObjectName(QStringLiteral("corsAllowCredentials"));
    m_credentials->setAccessibleName(tr("Allow credentials"));
    m_credentials->setTristate(true);
    m_credentials->setToolTip(tr("Access-Control-Allow-Credentials. Partly checked: unset."));
    auto *corsForm = new QFormLayout(m_cors);
    corsForm->addRow(tr("Origins"), m_origins);
    corsForm->addRow(tr("Methods"), m_methods);
    corsForm->addRow(tr("Allow headers"), m_allowHeaders);
    corsForm->addRow(tr("Expose headers"), m_exposeHeaders);
    corsForm->addRow(tr("Max age"), m_maxAge);
    corsForm->addRow(QString(), m_credentials);

    m_request = makeOperations(tr("Request headers"), QStringLiteral("requestHeaders"), true);
    m_response = makeOperations(tr("Response headers"), QStringLiteral("responseHeaders"), false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_cors);
    layout->addWidget(m_request.group);
    layout->addWidget(m_response.group);

    connect(m_cors, &QGroupBox::clicked, this, [this] { editCors(QStringLiteral("corsPolicy")); });
    connect(m_origins, &StringMatchTable::entriesEdited, this,
            [this] { editCors(QStringLiteral("corsPolicy.allowOrigins")); });
    connect(m_methods, &StringListEdit::valuesEdited, this,
            [this] { editCors(QStringLiteral("corsPolicy.allowMethods")); });
    connect(m_allowHeaders, &StringListEdit::valuesEdited, this,
            [this] { editCors(QStringLiteral("corsPolicy.allowHeaders")); });
    connect(m_exposeHeaders, &StringListEdit::valuesEdited, this,
            [this] { editCors(QStringLiteral("corsPolicy.exposeHeaders")); });
    connect(m_maxAge, &DurationEdit::durationEdited, this,
            [this] { editCors(QStringLiteral("corsPolicy.maxAge")); });
    connect(m_credentials, &QCheckBox::clicked, this,
            [this] { editCors(QStringLiteral("corsPolicy.allowCredentials")); });
}

CorsHeadersEditor::Operations
CorsHeadersEditor::makeOperations(const QString &title, const QString &objectPrefix, bool request)
{
    Operations widgets;
    widgets.group = new QGroupBox(title);
    widgets.group->setObjectName(objectPrefix + QStringLiteral("Group"));
    widgets.group->setCheckable(true);
    widgets.group->setChecked(false);
    widgets.group->setAccessibleName(title);
    const QString rules =
        request ? tr("Any name except :-prefixed ones and host; :authority or host here means "
                     "an authority rewrite (set it in one place only).")
                : tr("May not name host or any :-prefixed header.");
    widgets.group->setToolTip(
        tr("%1 operations: set overwrites, add appends (comma-joined), remove deletes. %2 Values "
           "may not contain control characters; %VAR% is an Envoy substitution, so write a "
           "literal percent sign as two.")
            .arg(title, rules));
    widgets.set = new KeyValueTable(tr("Set header"), tr("Value"));
    widgets.set->setObjectName(objectPrefix + QStringLiteral("Set"));
    widgets.set->setToolTip(tr("Headers overwritten with these values."));
    widgets.add = new KeyValueTable(tr("Add header"), tr("Value"));
    widgets.add->setObjectName(objectPrefix + QStringLiteral("Add"));
    widgets.add->setToolTip(tr("Values appended to the header (comma-joined with existing ones)."));
    widgets.remove = new StringListEdit;
    widgets.remove->setObjectName(objectPrefix + QStringLiteral("Remove"));
    widgets.remove->setAccessibleName(tr("%1 to remove").arg(title));
    widgets.remove->setHelp(tr("Headers deleted. host and :-prefixed names are not allowed."));
    auto *form = new QFormLayout(widgets.group);
    form->addRow(tr("Set"), widgets.set);
    form->addRow(tr("Add"), widgets.add);
    form->addRow(tr("Remove"), widgets.remove);

    const QString key =
        request ? QStringLiteral("headers.request") : QStringLiteral("headers.response");
    connect(widgets.group, &QGroupBox::clicked, this, [this, key] { editHeaders(key); });
    connect(widgets.set, &KeyValueTable::pairsEdited, this,
            [this, key] { editHeaders(key + QStringLiteral(".set")); });
    connect(widgets.add, &KeyValueTable::pairsEdited, this,
            [this, key] { editHeaders(key + QStringLiteral(".add")); });
    connect(widgets.remove, &StringListEdit::valuesEdited, this,
            [this, key] { editHeaders(key + QStringLiteral(".remove")); });
    return widgets;
}

void CorsHeadersEditor::setRoute(const Istio::HTTPRoute &route)
{
    m_route = route;
    FormSync::setChecked(m_cors, m_route.corsPolicy.has_value());
    const auto cors = m_route.corsPolicy.value_or(Istio::CorsPolicy{});
    m_origins->setList(cors.allowOrigins);
    m_methods->setValues(toStringList(cors.allowMethods));
    m_allowHeaders->setValues(toStringList(cors.allowHeaders));
    m_exposeHeaders->setValues(toStringList(cors.exposeHeaders));
    m_maxAge->setDuration(cors.maxAge);
    const Qt::CheckState credentials = !cors.allowCredentials   ? Qt::PartiallyChecked
                                       : *cors.allowCredentials ? Qt::Checked
                                                                : Qt::Unchecked;
    if (m_credentials->checkState() != credentials) {
        const QSignalBlocker blocker(m_credentials);
        m_credentials->setCheckState(credentials);
    }
    const auto headers = m_route.headers.value_or(Istio::Headers{});
    showOperations(m_request, headers.request);
    showOperations(m_response, headers.response);
}

bool CorsHeadersEditor::focusField(const QString &path)
{
    QWidget *target = nullptr;
    if (path.startsWith(QLatin1String("corsPolicy"))) {
        if (path.contains(QLatin1String("allowMethods")))
            target = m_methods;
        else if (path.contains(QLatin1String("allowHeaders")))
            target = m_allowHeaders;
        else if (path.contains(QLatin1String("exposeHeaders")))
            target = m_exposeHeaders;
        else if (path.contains(QLatin1String("maxAge")))
            target = m_maxAge;
        else if (path.contains(QLatin1String("allowCredentials")))
            target = m_credentials;
        else
            target = m_origins->table();
    } else if (path.startsWith(QLatin1String("headers.response")))
        target = m_response.group;
    else if (path.startsWith(QLatin1String("headers")))
        target = m_request.group;
    if (!target)
        return false;
    target->setFocus(Qt::OtherFocusReason);
    return true;
}

void CorsHeadersEditor::showOperations(const Operations &widgets,
                                       const std::optional<Istio::HeaderOperations> &operations)
{
    FormSync::setChecked(widgets.group, operations.has_value());
    const auto value = operations.value_or(Istio::HeaderOperations{});
    widgets.set->setPairs(toPairs(value.set));
    widgets.add->setPairs(toPairs(value.add));
    widgets.remove->setValues(toStringList(value.remove));
}

std::optional<Istio::HeaderOperations>
CorsHeadersEditor::readOperations(const Operations &widgets,
                                  const std::optional<Istio::HeaderOperations> &old) const
{
    if (!widgets.group->isChecked())
        return std::nullopt;
    Istio::HeaderOperations operations = old.value_or(Istio::HeaderOperations{});
    operations.set = fromPairs(widgets.set->pairs());
    operations.add = fromPairs(widgets.add->pairs());
    operations.remove = fromStringList(widgets.remove->values());
    return operations;
}

void CorsHeadersEditor::editCors(const QString &field)
{
    if (!m_cors->isChecked()) {
        m_route.corsPolicy.reset();
    } else {
        Istio::CorsPolicy cors = m_route.corsPolicy.value_or(Istio::CorsPolicy{});
        // Only the field edited changes, so a value the widgets cannot show exactly (an
        // origin `{}`) is not rewritten by an edit elsewhere.
        if (field.endsWith(QLatin1String("allowOrigins"))) {
            cors.allowOrigins = m_origins->list();
        } else if (field.endsWith(QLatin1String("allowMethods"))) {
            cors.allowMethods = fromStringList(m_methods->values());
        } else if (field.endsWith(QLatin1String("allowHeaders"))) {
            cors.allowHeaders = fromStringList(m_allowHeaders->values());
        } else if (field.endsWith(QLatin1String("exposeHeaders"))) {
            cors.exposeHeaders = fromStringList(m_exposeHeaders->values());
        } else if (field.endsWith(QLatin1String("maxAge"))) {
            cors.maxAge = m_maxAge->duration();
        } else if (field.endsWith(QLatin1String("allowCredentials"))) {
            switch (m_credentials->checkState()) {
            case Qt::PartiallyChecked:
                cors.allowCredentials.reset();
                break;
            case Qt::Checked:
                cors.allowCredentials = true;
                break;
            case Qt::Unchecked:
                cors.allowCredentials = false;
                break;
            }
        }
        m_route.corsPolicy = cors;
    }
    emit routeEdited(m_route, tr("Edit CORS policy"), field);
}

void CorsHeadersEditor::editHeaders(const QString &field)
{
    const auto old = m_route.headers.value_or(Istio::Headers{});
    Istio::Headers headers = old;
    headers.request = readOperations(m_request, old.request);
    headers.response = readOperations(m_response, old.response);
    if (!headers.request && !headers.response)
        m_route.headers.reset();
    else
        m_route.headers = headers;
    emit routeEdited(m_route, tr("Edit header operations"), field);
}
