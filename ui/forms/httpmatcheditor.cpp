#include "httpmatcheditor.h"

#include "formwidgetsync.h"
#include "stringmatchedit.h"
#include "stringmatchtable.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QTabBar>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

HttpMatchEditor::HttpMatchEditor(QWidget *parent)
    : QWidget(parent), m_tabs(new QTabBar(this)), m_block(new QWidget(this)), m_name(new QLineEdit),
      m_uri(new StringMatchEdit(tr("URI"))), m_method(new StringMatchEdit(tr("Method"))),
      m_authority(new StringMatchEdit(tr("Authority"))),
      m_scheme(new StringMatchEdit(tr("Scheme"))),
      m_headers(new StringMatchTable(tr("Header matches"), true)),
      m_queryParams(new StringMatchTable(tr("Query parameter matches"), true)),
      m_withoutHeaders(new StringMatchTable(tr("Without headers"), true)),
      m_port(FormSync::optionalSpin(0, 65535, tr("any"))), m_ignoreUriCase(new QCheckBox)
{
    m_tabs->setObjectName(QStringLiteral("matchBlockTabs"));
    m_tabs->setAccessibleName(tr("Match blocks"));
    m_tabs->setToolTip(tr("Match blocks are ORed: the route matches when any block does; inside "
                          "a block every condition must hold. No block at all matches every "
                          "request (a catch-all; later routes become unreachable)."));
    auto *add = new QToolButton(this);
    add->setObjectName(QStringLiteral("addMatchBlock"));
    add->setText(tr("+ OR block"));
    add->setAccessibleName(tr("Add a match block"));
    add->setToolTip(tr("Add a match block; the route then also matches requests that satisfy it"));
    auto *remove = new QToolButton(this);
    remove->setObjectName(QStringLiteral("removeMatchBlock"));
    remove->setText(tr("Remove block"));
    remove->setAccessibleName(tr("Remove the selected match block"));
    remove->setToolTip(tr("Remove the selected match block. Removing the last one makes the "
                          "route a catch-all."));
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_tabs, 1);
    bar->addWidget(add);
    bar->addWidget(remove);

    m_name->setObjectName(QStringLiteral("matchName"));
    m_name->setAccessibleName(tr("Match name"));
    m_name->setToolTip(tr("Appended to the route name (route.match) in Envoy's route name, for "
                          "logs and stats."));
    m_uri->setObjectName(QStringLiteral("matchUri"));
    m_uri->setHelp(tr("Matches the request path. exact compares the path without the query "
                      "string; prefix compares the raw path start with no segment boundary "
                      "(/foo matches /foobar); regex must match the whole path without the "
                      "query."));
    m_method->setObjectName(QStringLiteral("matchMethod"));
    m_method->setHelp(tr("Matches the :method pseudo-header (GET, POST, ...)."));
    m_authority->setObjectName(QStringLiteral("matchAuthority"));
    m_authority->setHelp(tr("Matches :authority / Host as the client sent it, including any "
                            "port."));
    m_scheme->setObjectName(QStringLiteral("matchScheme"));
    m_scheme->setHelp(tr("Matches the :scheme pseudo-header (http or https)."));
    m_headers->setObjectName(QStringLiteral("matchHeaders"));
    m_headers->setHelp(tr("Request headers that must match (names lower-case). present ({}) "
                          "means the header must be there. Pseudo-headers (:path, :method, ...) "
                          "and @request.auth.claims.<c> (needs a RequestAuthentication) are "
                          "allowed keys."));
    m_queryParams->setObjectName(QStringLiteral("matchQueryParams"));
    m_queryParams->setHelp(tr("Query parameters that must match. exact \"\" matches ?key with an "
                              "empty value; present ({}) means the parameter is there; regex "
                              "must match the whole value."));
    m_withoutHeaders->setObjectName(QStringLiteral("matchWithoutHeaders"));
    m_withoutHeaders->setHelp(tr("Inverted header matches: the block holds when the header does "
                                 "NOT match. A missing header counts as an empty string; "
                                 "present ({}) here means the header must be absent."));
    m_port->setObjectName(QStringLiteral("matchPort"));
    m_port->setAccessibleName(tr("Match port"));
    m_port->setToolTip(tr("At a gateway, compared with the server's port number. A block whose "
                          "port matches no server is dropped from the config."));
    m_ignoreUriCase->setObjectName(QStringLiteral("matchIgnoreUriCase"));
    m_ignoreUriCase->setText(tr("Ignore URI case"));
    m_ignoreUriCase->setAccessibleName(tr("Ignore URI case"));
    m_ignoreUriCase->setToolTip(tr("Makes exact and prefix uri matches case-insensitive. Only "
                                   "the uri; no effect on regex (use (?i) there)."));

    auto *form = new QFormLayout(m_block);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("URI"), m_uri);
    form->addRow(QString(), m_ignoreUriCase);
    form->addRow(tr("Method"), m_method);
    form->addRow(tr("Authority"), m_authority);
    form->addRow(tr("Scheme"), m_scheme);
    form->addRow(tr("Headers"), m_headers);
    form->addRow(tr("Query params"), m_queryParams);
    form->addRow(tr("Without headers"), m_withoutHeaders);
    form->addRow(tr("Port"), m_port);

    auto *catchAll = new QLabel(tr("No match block: this route matches every request."), this);
    catchAll->setObjectName(QStringLiteral("catchAllNote"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(catchAll);
    layout->addWidget(m_block);
    connect(m_tabs, &QTabBar::currentChanged, this, [this, catchAll] {
        catchAll->setVisible(m_matches.empty());
        showBlock();
    });

    connect(add, &QToolButton::clicked, this, [this] {
        m_matches.emplace_back();
        setMatches(m_matches);
        m_tabs->setCurrentIndex(int(m_matches.size()) - 1);
        emit matchesEdited(tr("Add match block"), QStringLiteral("match"));
    });
    connect(remove, &QToolButton::clicked, this, [this] {
        const int block = m_tabs->currentIndex();
        if (block < 0 || block >= int(m_matches.size()))
            return;
        m_matches.erase(m_matches.begin() + block);
        setMatches(m_matches);
        emit matchesEdited(tr("Remove match block"), QStringLiteral("match"));
    });
    connect(m_name, &QLineEdit::textEdited, this,
            [this] { edit(QStringLiteral("name"), tr("Edit match name")); });
    const std::pair<StringMatchEdit *, QString> matchFields[] = {
        {m_uri, QStringLiteral("uri")},
        {m_method, QStringLiteral("method")},
        {m_authority, QStringLiteral("authority")},
        {m_scheme, QStringLiteral("scheme")}};
    for (const auto &[editor, field] : matchFields) {
        connect(editor, &StringMatchEdit::matchEdited, this,
                [this, field] { edit(field, tr("Edit %1 match").arg(field)); });
    }
    const std::pair<StringMatchTable *, QString> tables[] = {
        {m_headers, QStringLiteral("headers")},
        {m_queryParams, QStringLiteral("queryParams")},
        {m_withoutHeaders, QStringLiteral("withoutHeaders")}};
    for (const auto &[table, field] : tables) {
        connect(table, &StringMatchTable::entriesEdited, this,
                [this, field] { edit(field, tr("Edit %1 match").arg(field)); });
    }
    connect(m_port, &QSpinBox::valueChanged, this,
            [this] { edit(QStringLiteral("port"), tr("Edit match port")); });
    connect(m_ignoreUriCase, &QCheckBox::clicked, this,
            [this] { edit(QStringLiteral("ignoreUriCase"), tr("Edit ignoreUriCase")); });
    catchAll->setVisible(true);
    m_block->setVisible(false);
}

void HttpMatchEditor::setMatches(const std::vector<Istio::HTTPMatchRequest> &matches)
{
    m_matches = matches;
    const QSignalBlocker blocker(m_tabs);
    const int current = m_tabs->currentIndex();
    while (m_tabs->count() > int(m_matches.size()))
        m_tabs->removeTab(m_tabs->count() - 1);
    while (m_tabs->count() < int(m_matches.size()))
        m_tabs->addTab(QString());
    for (int i = 0; i < int(m_matches.size()); ++i) {
        const QString name = m_matches[i].name.value_or(QString());
        m_tabs->setTabText(i, name.isEmpty() ? tr("match[%1]").arg(i) : name);
    }
    if (current >= 0 && current < m_tabs->count())
        m_tabs->setCurrentIndex(current);
    if (auto *note = findChild<QLabel *>(QStringLiteral("catchAllNote")))
        note->setVisible(m_matches.empty());
    showBlock();
}

bool HttpMatchEditor::focusField(int block, const QString &field)
{
    if (block < 0 || block >= int(m_matches.size()))
        return false;
    m_tabs->setCurrentIndex(block);
    QWidget *target = m_name;
    if (field == QLatin1String("uri"))
        target = m_uri->valueEdit();
    else if (field == QLatin1String("method"))
        target = m_method->valueEdit();
    else if (field == QLatin1String("authority"))
        target = m_authority->valueEdit();
    else if (field == QLatin1String("scheme"))
        target = m_scheme->valueEdit();
    else if (field == QLatin1String("headers"))
        target = m_headers->table();
    else if (field == QLatin1String("queryParams"))
        target = m_queryParams->table();
    else if (field == QLatin1String("withoutHeaders"))
        target = m_withoutHeaders->table();
    else if (field == QLatin1String("port"))
        target = m_port;
    else if (field == QLatin1String("ignoreUriCase"))
        target = m_ignoreUriCase;
    if (!target->isEnabled())
        target = m_uri->kindCombo();
    target->setFocus(Qt::OtherFocusReason);
    return true;
}

void HttpMatchEditor::showBlock()
{
    const int block = m_tabs->currentIndex();
    const bool valid = block >= 0 && block < int(m_matches.size());
    m_block->setVisible(valid);
    if (!valid)
        return;
    const Istio::HTTPMatchRequest &match = m_matches[block];
    FormSync::setText(m_name, match.name);
    m_uri->setMatch(match.uri);
    m_method->setMatch(match.method);
    m_authority->setMatch(match.authority);
    m_scheme->setMatch(match.scheme);
    m_headers->setEntries(match.headers);
    m_queryParams->setEntries(match.queryParams);
    m_withoutHeaders->setEntries(match.withoutHeaders);
    FormSync::setOptional(m_port, match.port);
    FormSync::setChecked(m_ignoreUriCase, match.ignoreUriCase.value_or(false));
}

void HttpMatchEditor::edit(const QString &field, const QString &description)
{
    const int block = m_tabs->currentIndex();
    if (block < 0 || block >= int(m_matches.size()))
        return;
    Istio::HTTPMatchRequest &match = m_matches[block];
    if (field == QLatin1String("name")) {
        match.name = FormSync::textOrNull(m_name);
        m_tabs->setTabText(block,
                           m_name->text().isEmpty() ? tr("match[%1]").arg(block) : m_name->text());
    } else if (field == QLatin1String("uri")) {
        match.uri = m_uri->match();
    } else if (field == QLatin1String("method")) {
        match.method = m_method->match();
    } else if (field == QLatin1String("authority")) {
        match.authority = m_authority->match();
    } else if (field == QLatin1String("scheme")) {
        match.scheme = m_scheme->match();
    } else if (field == QLatin1String("headers")) {
        match.headers = m_headers->entries();
    } else if (field == QLatin1String("queryParams")) {
        match.queryParams = m_queryParams->entries();
    } else if (field == QLatin1String("withoutHeaders")) {
        match.withoutHeaders = m_withoutHeaders->entries();
    } else if (field == QLatin1String("port")) {
        match.port = FormSync::optional<quint32>(m_port);
    } else if (field == QLatin1String("ignoreUriCase")) {
        // Unchecked writes nothing rather than `false` (the default).
        match.ignoreUriCase = m_ignoreUriCase->isChecked() ? std::optional(true) : std::nullopt;
    }
    emit matchesEdited(description, QStringLiteral("match[%1].%2").arg(block).arg(field));
}
