#include "destinationruleform.h"

#include "formfields.h"
#include "keyvaluetable.h"
#include "metadataedit.h"
#include "stringlistedit.h"
#include "validation/names.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Istio;

namespace {

template <class T> void resetIfEmpty(std::optional<T> &value)
{
    if (value && *value == T{})
        value.reset();
}

std::optional<quint32> asNumber(const std::optional<qint32> &value)
{
    return value ? std::optional<quint32>(quint32(std::max(0, *value))) : std::nullopt;
}

std::optional<qint32> asSigned(const std::optional<quint32> &value)
{
    return value ? std::optional<qint32>(qint32(*value)) : std::nullopt;
}

template <ApiEnum E> void addEnumNames(QComboBox *combo, const QString &absent)
{
    combo->addItem(absent);
    for (const char *name : EnumInfo<E>::names)
        combo->addItem(QString::fromLatin1(name));
}

} // namespace

DestinationRuleForm::DestinationRuleForm(QWidget *parent)
    : ResourceForm(parent),
      m_metadata(new MetadataEdit(tr("metadata.name: only for you; DestinationRules apply by "
                                     "host, not by name."),
                                  this)),
      m_host(new QComboBox(this)), m_exportTo(new StringListEdit(this)),
      m_subsets(new QListWidget(this)), m_subsetName(new QLineEdit(this)),
      m_subsetLabels(new KeyValueTable(tr("Label"), tr("Value"), this)),
      m_loadBalancer(new QComboBox(this)),
      m_maxConnections(FormFields::optionalNumberSpin(1 << 30, tr("(default: unlimited)"), this)),
      m_connectTimeout(new QLineEdit(this)),
      m_maxPending(FormFields::optionalNumberSpin(1 << 30, tr("(default: unlimited)"), this)),
      m_consecutive5xx(FormFields::optionalNumberSpin(1 << 30, tr("(default: 5)"), this)),
      m_tlsMode(new QComboBox(this)), m_sni(new QLineEdit(this))
{
    using FormFields::setHelp;
    setObjectName(QStringLiteral("destinationRuleForm"));
    m_host->setEditable(true);
    m_host->setInsertPolicy(QComboBox::NoInsert);
    m_host->setObjectName(QStringLiteral("ruleHost"));
    m_host->setAccessibleName(tr("Host"));
    setHelp(m_host, tr("host: the service this rule applies to, as routes name it "
                       "(reviews.default.svc.cluster.local); short names resolve relative to "
                       "this rule's namespace. Several rules for one host merge: the first "
                       "definition of a subset wins, and the first top-level trafficPolicy."));
    m_exportTo->setAccessibleName(tr("Export to"));
    m_exportTo->setHelp(tr("exportTo: namespaces that see this rule (\".\" this namespace, "
                           "\"*\" all). Empty: every namespace."));
    m_exportTo->setEntryCheck([](const QString &entry) {
        return entry == QLatin1String(".") || entry == QLatin1String("*") ||
                       Validation::Names::isDns1123Label(entry)
                   ? QString()
                   : tr("%1 is not \".\", \"*\" or a namespace name").arg(entry);
    });
    m_metadata->formLayout()->addRow(tr("Host"), m_host);
    m_metadata->formLayout()->addRow(tr("Export to"), m_exportTo);
    auto *ruleBox = new QGroupBox(tr("DestinationRule"), this);
    (new QVBoxLayout(ruleBox))->addWidget(m_metadata);

    // Subsets: the list on the left, the selected one's name and labels on the right.
    m_subsets->setObjectName(QStringLiteral("subsetList"));
    m_subsets->setAccessibleName(tr("Subsets"));
    setHelp(m_subsets, tr("subsets: named groups of the service's endpoints, picked by labels. "
                          "A route's destination.subset names one; a subset no rule defines "
                          "makes the route fail with 503 (no healthy upstream)."));
    m_subsets->setMaximumWidth(200);
    m_subsetName->setObjectName(QStringLiteral("subsetName"));
    m_subsetName->setAccessibleName(tr("Subset name"));
    setHelp(m_subsetName, tr("subsets[].name: a DNS label; routes refer to it."));
    setHelp(m_subsetLabels->table(),
            tr("subsets[].labels: the endpoints whose pod labels include all of these belong "
               "to the subset (for example version: v2)."));
    auto *addSubset = new QPushButton(tr("Add"), this);
    addSubset->setObjectName(QStringLiteral("addSubset"));
    addSubset->setAccessibleName(tr("Add a subset"));
    auto *removeSubset = new QPushButton(tr("Remove"), this);
    removeSubset->setAccessibleName(tr("Remove the selected subset"));
    auto *subsetButtons = new QHBoxLayout;
    subsetButtons->addWidget(addSubset);
    subsetButtons->addWidget(removeSubset);
    auto *subsetLeft = new QVBoxLayout;
    subsetLeft->addWidget(m_subsets);
    subsetLeft->addLayout(subsetButtons);
    auto *subsetRight = new QFormLayout;
    subsetRight->addRow(tr("Name"), m_subsetName);
    subsetRight->addRow(tr("Labels"), m_subsetLabels);
    auto *subsetBox = new QGroupBox(tr("Subsets"), this);
    auto *subsetLayout = new QHBoxLayout(subsetBox);
    subsetLayout->addLayout(subsetLeft);
    subsetLayout->addLayout(subsetRight, 1);

    // Traffic policy basics.
    addEnumNames<SimpleLoadBalancer>(m_loadBalancer, tr("(absent: LEAST_REQUEST)"));
    m_loadBalancer->setAccessibleName(tr("Load balancer"));
    setHelp(m_loadBalancer, tr("trafficPolicy.loadBalancer.simple: how the gateway picks an "
                               "endpoint. UNSPECIFIED means Istio's default, LEAST_REQUEST; "
                               "LEAST_CONN is a deprecated alias of it."));
    m_maxConnections->setAccessibleName(tr("Maximum connections"));
    setHelp(m_maxConnections, tr("connectionPool.tcp.maxConnections: connections to the "
                                 "service at most; beyond it requests fail 503 UO."));
    m_connectTimeout->setPlaceholderText(QStringLiteral("10s"));
    m_connectTimeout->setAccessibleName(tr("Connect timeout"));
    setHelp(m_connectTimeout, tr("connectionPool.tcp.connectTimeout: how long a connection to "
                                 "an endpoint may take (Go duration, e.g. 500ms); 10s when "
                                 "absent. A connection that fails gives 503 UF."));
    m_maxPending->setAccessibleName(tr("Maximum pending requests"));
    setHelp(m_maxPending, tr("connectionPool.http.http1MaxPendingRequests: requests waiting "
                             "for a connection at most; beyond it they fail 503 UO."));
    m_consecutive5xx->setAccessibleName(tr("Consecutive 5xx errors"));
    setHelp(m_consecutive5xx,
            tr("outlierDetection.consecutive5xxErrors: an endpoint answering this many 5xx in a "
               "row is ejected for baseEjectionTime (30 s × ejections). 5 when absent, 0 "
               "disables. When every endpoint is ejected the gateway answers 503 UH."));
    addEnumNames<ClientTlsMode>(m_tlsMode, tr("(absent: plaintext)"));
    m_tlsMode->setAccessibleName(tr("Upstream TLS mode"));
    setHelp(m_tlsMode, tr("trafficPolicy.tls.mode: TLS from the gateway to the service. SIMPLE "
                          "originates TLS, MUTUAL also presents a client certificate, "
                          "ISTIO_MUTUAL uses mesh certificates (mesh only), DISABLE sends "
                          "plaintext."));
    m_sni->setAccessibleName(tr("Upstream SNI"));
    setHelp(m_sni, tr("trafficPolicy.tls.sni: the SNI sent to the service; for SIMPLE and "
                      "MUTUAL it defaults to the downstream Host."));
    auto *policyBox = new QGroupBox(tr("Traffic policy"), this);
    auto *policy = new QFormLayout(policyBox);
    policy->addRow(tr("Load balancer"), m_loadBalancer);
    policy->addRow(tr("Max connections"), m_maxConnections);
    policy->addRow(tr("Connect timeout"), m_connectTimeout);
    policy->addRow(tr("Max pending requests"), m_maxPending);
    policy->addRow(tr("Eject after 5xx"), m_consecutive5xx);
    policy->addRow(tr("Upstream TLS"), m_tlsMode);
    policy->addRow(tr("Upstream SNI"), m_sni);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(ruleBox);
    layout->addWidget(subsetBox);
    layout->addWidget(policyBox);
    layout->addStretch();

    connect(m_metadata, &MetadataEdit::edited, this,
            [this](const ObjectMeta &metadata, const QString &field) {
                m_rule.metadata = metadata;
                emitEdited(tr("Edit DestinationRule %1").arg(field),
                           QStringLiteral("metadata.") + field);
            });
    connect(m_host, &QComboBox::editTextChanged, this, [this] {
        m_rule.spec.host = FormFields::choiceValue(m_host);
        emitEdited(tr("Edit DestinationRule host"), QStringLiteral("host"));
    });
    connect(m_exportTo, &StringListEdit::valuesEdited, this, [this](const QStringList &values) {
        m_rule.spec.exportTo.assign(values.begin(), values.end());
        emitEdited(tr("Edit DestinationRule exportTo"), QStringLiteral("exportTo"));
    });
    connect(m_subsets, &QListWidget::currentRowChanged, this,
            &DestinationRuleForm::showSelectedSubset);
    connect(addSubset, &QPushButton::clicked, this, [this] {
        Subset subset;
        subset.name = QStringLiteral("v%1").arg(m_rule.spec.subsets.size() + 1);
        subset.labels.set(QStringLiteral("version"), *subset.name);
        m_rule.spec.subsets.push_back(subset);
        showSubsets();
        m_subsets->setCurrentRow(int(m_rule.spec.subsets.size()) - 1);
        emitEdited(tr("Add subset %1").arg(*subset.name), {});
    });
    connect(removeSubset, &QPushButton::clicked, this, [this] {
        const int row = selectedSubset();
        if (row < 0)
            return;
        m_rule.spec.subsets.erase(m_rule.spec.subsets.begin() + row);
        showSubsets();
        emitEdited(tr("Remove subset"), {});
    });
    connect(m_subsetName, &QLineEdit::textEdited, this, [this] {
        const int row = selectedSubset();
        if (row < 0)
            return;
        m_rule.spec.subsets.at(row).name = FormFields::textValue(m_subsetName);
        m_subsets->item(row)->setText(m_subsetName->text());
        emitEdited(tr("Rename subset"), QStringLiteral("subsets[%1].name").arg(row));
    });
    connect(m_subsetLabels, &KeyValueTable::pairsEdited, this,
            [this](const KeyValueTable::Pairs &pairs) {
                const int row = selectedSubset();
                if (row < 0)
                    return;
                m_rule.spec.subsets.at(row).labels = FormFields::fromPairs(pairs);
                emitEdited(tr("Edit subset labels"), QStringLiteral("subsets[%1].labels").arg(row));
            });
    connect(m_loadBalancer, &QComboBox::currentIndexChanged, this,
            [this] { editPolicy(QStringLiteral("loadBalancer")); });
    connect(m_maxConnections, &QSpinBox::valueChanged, this,
            [this] { editPolicy(QStringLiteral("maxConnections")); });
    connect(m_connectTimeout, &QLineEdit::textEdited, this,
            [this] { editPolicy(QStringLiteral("connectTimeout")); });
    connect(m_maxPending, &QSpinBox::valueChanged, this,
            [this] { editPolicy(QStringLiteral("http1MaxPendingRequests")); });
    connect(m_consecutive5xx, &QSpinBox::valueChanged, this,
            [this] { editPolicy(QStringLiteral("consecutive5xxErrors")); });
    connect(m_tlsMode, &QComboBox::currentIndexChanged, this,
            [this] { editPolicy(QStringLiteral("tls.mode")); });
    connect(m_sni, &QLineEdit::textEdited, this, [this] { editPolicy(QStringLiteral("tls.sni")); });
}

void DestinationRuleForm::load(const Resource &resource)
{
    const auto *rule = std::get_if<DestinationRule>(&resource);
    if (!rule)
        return;
    m_rule = *rule;
    m_metadata->load(m_rule.metadata);
    FormFields::showChoice(m_host, m_rule.spec.host);
    m_exportTo->setValues(QStringList(m_rule.spec.exportTo.begin(), m_rule.spec.exportTo.end()));
    showSubsets();
    showPolicy();
}

void DestinationRuleForm::setContext(const FormContext &context)
{
    const QString current = m_host->currentText();
    const QSignalBlocker blocker(m_host);
    m_host->clear();
    m_host->addItem(QString());
    m_host->addItems(context.hosts);
    m_host->setEditText(current);
}

bool DestinationRuleForm::focusField(const QString &fieldPath)
{
    if (m_metadata->focusField(fieldPath))
        return true;
    static const QLatin1String subsets("spec.subsets[");
    if (fieldPath.startsWith(subsets)) {
        const int row = fieldPath.mid(subsets.size()).section(QLatin1Char(']'), 0, 0).toInt();
        if (row < 0 || row >= m_subsets->count())
            return false;
        m_subsets->setCurrentRow(row);
        if (fieldPath.contains(QLatin1String(".labels")))
            m_subsetLabels->table()->setFocus();
        else
            m_subsetName->setFocus();
        return true;
    }
    const std::pair<const char *, QWidget *> fields[] = {
        {"spec.host", m_host},
        {"spec.exportTo", m_exportTo},
        {"spec.trafficPolicy.loadBalancer", m_loadBalancer},
        {"spec.trafficPolicy.connectionPool.tcp.maxConnections", m_maxConnections},
        {"spec.trafficPolicy.connectionPool.tcp.connectTimeout", m_connectTimeout},
        {"spec.trafficPolicy.connectionPool.http.http1MaxPendingRequests", m_maxPending},
        {"spec.trafficPolicy.outlierDetection.consecutive5xxErrors", m_consecutive5xx},
        {"spec.trafficPolicy.tls.mode", m_tlsMode},
        {"spec.trafficPolicy.tls.sni", m_sni}};
    for (const auto &[path, widget] : fields) {
        if (fieldPath.startsWith(QLatin1String(path))) {
            widget->setFocus();
            return true;
        }
    }
    return false;
}

void DestinationRuleForm::setFieldFindings(const QList<QPair<QString, QString>> &findings)
{
    m_findings = findings;
    // A subset with a finding is marked in the list; its message is the row's tooltip.
    for (int row = 0; row < m_subsets->count(); ++row) {
        QStringList messages;
        const QString prefix = QStringLiteral("spec.subsets[%1]").arg(row);
        for (const auto &[path, message] : findings) {
            if (path.startsWith(prefix))
                messages << message;
        }
        QListWidgetItem *item = m_subsets->item(row);
        item->setToolTip(messages.join(QLatin1Char('\n')));
        item->setForeground(messages.isEmpty() ? palette().text()
                                               : QBrush(QColor(0xd3, 0x2f, 0x2f)));
    }
}

void DestinationRuleForm::emitEdited(const QString &description, const QString &mergeKey)
{
    emit edited(Resource(m_rule), description, mergeKey);
}

void DestinationRuleForm::showSubsets()
{
    const QSignalBlocker blocker(m_subsets);
    const int row = m_subsets->currentRow();
    while (m_subsets->count() > int(m_rule.spec.subsets.size()))
        delete m_subsets->takeItem(m_subsets->count() - 1);
    for (int i = 0; i < int(m_rule.spec.subsets.size()); ++i) {
        const QString name = m_rule.spec.subsets.at(i).name.value_or(tr("(unnamed)"));
        if (i >= m_subsets->count())
            m_subsets->addItem(name);
        else if (m_subsets->item(i)->text() != name)
            m_subsets->item(i)->setText(name);
    }
    m_subsets->setCurrentRow(std::min(std::max(row, 0), m_subsets->count() - 1));
    showSelectedSubset();
    setFieldFindings(m_findings);
}

void DestinationRuleForm::showSelectedSubset()
{
    const int row = selectedSubset();
    m_subsetName->setEnabled(row >= 0);
    m_subsetLabels->setEnabled(row >= 0);
    const Subset subset = row >= 0 ? m_rule.spec.subsets.at(row) : Subset{};
    FormFields::showText(m_subsetName, subset.name);
    m_subsetLabels->setPairs(FormFields::toPairs(subset.labels));
}

int DestinationRuleForm::selectedSubset() const
{
    const int row = m_subsets->currentRow();
    return row >= 0 && row < int(m_rule.spec.subsets.size()) ? row : -1;
}

void DestinationRuleForm::showPolicy()
{
    using namespace FormFields;
    const TrafficPolicy policy = m_rule.spec.trafficPolicy.value_or(TrafficPolicy{});
    const LoadBalancerSettings lb = policy.loadBalancer.value_or(LoadBalancerSettings{});
    showChoice(m_loadBalancer, lb.simple ? std::optional(enumName(*lb.simple)) : std::nullopt);
    const ConnectionPoolSettings pool = policy.connectionPool.value_or(ConnectionPoolSettings{});
    const TCPSettings tcp = pool.tcp.value_or(TCPSettings{});
    showNumber(m_maxConnections, asNumber(tcp.maxConnections));
    if (Duration::parse(m_connectTimeout->text()) != tcp.connectTimeout)
        showText(m_connectTimeout,
                 tcp.connectTimeout ? std::optional(tcp.connectTimeout->text) : std::nullopt);
    showNumber(m_maxPending, asNumber(pool.http.value_or(HTTPSettings{}).http1MaxPendingRequests));
    showNumber(m_consecutive5xx, policy.outlierDetection
                                     ? policy.outlierDetection->consecutive5xxErrors
                                     : std::nullopt);
    const ClientTLSSettings tls = policy.tls.value_or(ClientTLSSettings{});
    showChoice(m_tlsMode, tls.mode ? std::optional(enumName(*tls.mode)) : std::nullopt);
    showText(m_sni, tls.sni);
}

void DestinationRuleForm::editPolicy(const QString &field)
{
    using namespace FormFields;
    TrafficPolicy policy = m_rule.spec.trafficPolicy.value_or(TrafficPolicy{});
    if (field == QLatin1String("loadBalancer")) {
        LoadBalancerSettings lb = policy.loadBalancer.value_or(LoadBalancerSettings{});
        lb.simple = choiceValue(m_loadBalancer)
                        ? enumFromName<SimpleLoadBalancer>(*choiceValue(m_loadBalancer))
                        : std::nullopt;
        policy.loadBalancer = lb;
        resetIfEmpty(policy.loadBalancer);
    } else if (field == QLatin1String("tls.mode") || field == QLatin1String("tls.sni")) {
        ClientTLSSettings tls = policy.tls.value_or(ClientTLSSettings{});
        tls.mode = choiceValue(m_tlsMode) ? enumFromName<ClientTlsMode>(*choiceValue(m_tlsMode))
                                          : std::nullopt;
        tls.sni = textValue(m_sni);
        policy.tls = tls;
        resetIfEmpty(policy.tls);
    } else if (field == QLatin1String("consecutive5xxErrors")) {
        OutlierDetection outlier = policy.outlierDetection.value_or(OutlierDetection{});
        outlier.consecutive5xxErrors = numberValue(m_consecutive5xx);
        policy.outlierDetection = outlier;
        resetIfEmpty(policy.outlierDetection);
    } else {
        ConnectionPoolSettings pool = policy.connectionPool.value_or(ConnectionPoolSettings{});
        TCPSettings tcp = pool.tcp.value_or(TCPSettings{});
        HTTPSettings http = pool.http.value_or(HTTPSettings{});
        if (field == QLatin1String("maxConnections"))
            tcp.maxConnections = asSigned(numberValue(m_maxConnections));
        else if (field == QLatin1String("http1MaxPendingRequests"))
            http.http1MaxPendingRequests = asSigned(numberValue(m_maxPending));
        else if (field == QLatin1String("connectTimeout")) {
            const QString text = m_connectTimeout->text().trimmed();
            const std::optional<Duration> timeout = Duration::parse(text);
            const bool bad = !text.isEmpty() && !timeout;
            // A duration being typed ("1" on the way to "1s") is not written until it parses.
            m_connectTimeout->setStyleSheet(
                bad ? QStringLiteral("QLineEdit { border: 1px solid #d32f2f; }") : QString());
            if (bad)
                return;
            tcp.connectTimeout = timeout;
        }
        pool.tcp = tcp;
        pool.http = http;
        resetIfEmpty(pool.tcp);
        resetIfEmpty(pool.http);
        policy.connectionPool = pool;
        resetIfEmpty(policy.connectionPool);
    }
    m_rule.spec.trafficPolicy = policy;
    resetIfEmpty(m_rule.spec.trafficPolicy);
    emitEdited(tr("Edit traffic policy %1").arg(field), QStringLiteral("trafficPolicy.") + field);
}
