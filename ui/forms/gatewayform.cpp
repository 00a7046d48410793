#include "gatewayform.h"

#include "formfields.h"
#include "keyvaluetable.h"
#include "metadataedit.h"
#include "servercard.h"
#include "tls/atomicfile.h"
#include "tls/certificateauthority.h"

#include <QDir>
#include <QFormLayout>
#include <QGroupBox>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Istio;

namespace {

// "spec.servers[2].tls.mode" → (2, "tls.mode"); (-1, "") for other paths.
std::pair<int, QString> serverField(const QString &fieldPath)
{
    static const QLatin1String prefix("spec.servers[");
    if (!fieldPath.startsWith(prefix))
        return {-1, {}};
    const qsizetype close = fieldPath.indexOf(QLatin1Char(']'), prefix.size());
    bool ok = false;
    const int index = fieldPath.mid(prefix.size(), close - prefix.size()).toInt(&ok);
    if (!ok)
        return {-1, {}};
    return {index, fieldPath.mid(close + 2)};
}

} // namespace

GatewayForm::GatewayForm(QWidget *parent)
    : ResourceForm(parent),
      m_metadata(new MetadataEdit(tr("metadata.name: VirtualServices bind to this Gateway as "
                                     "\"namespace/name\" (or just the name from the same "
                                     "namespace)."),
                                  this)),
      m_selector(new KeyValueTable(tr("Label"), tr("Value"), this)), m_serverList(new QVBoxLayout)
{
    setObjectName(QStringLiteral("gatewayForm"));
    m_selector->setObjectName(QStringLiteral("gatewaySelector"));
    FormFields::setHelp(
        m_selector->table(),
        tr("selector: the labels of the gateway pods that run these servers (for example "
           "istio: ingressgateway). By default they are matched in every namespace "
           "(PILOT_SCOPE_GATEWAY_TO_NAMESPACE=false). Locally every Gateway is served by the "
           "one embedded proxy."));
    m_metadata->formLayout()->addRow(tr("Selector"), m_selector);
    auto *metadata = new QGroupBox(tr("Gateway"), this);
    auto *metadataLayout = new QVBoxLayout(metadata);
    metadataLayout->addWidget(m_metadata);

    auto *add = new QPushButton(tr("Add Server"), this);
    add->setObjectName(QStringLiteral("addServer"));
    add->setToolTip(tr("Adds an HTTP server on port 80 for all hosts"));
    connect(add, &QPushButton::clicked, this, &GatewayForm::addServer);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(metadata);
    layout->addLayout(m_serverList);
    layout->addWidget(add, 0, Qt::AlignLeft);
    layout->addStretch();

    connect(m_metadata, &MetadataEdit::edited, this,
            [this](const ObjectMeta &metadata, const QString &field) {
                m_gateway.metadata = metadata;
                emitEdited(tr("Edit Gateway %1").arg(field), QStringLiteral("metadata.") + field);
            });
    connect(m_selector, &KeyValueTable::pairsEdited, this, [this](const KeyValueTable::Pairs &p) {
        m_gateway.spec.selector = FormFields::fromPairs(p);
        emitEdited(tr("Edit Gateway selector"), QStringLiteral("selector"));
    });
}

void GatewayForm::load(const Resource &resource)
{
    const auto *gateway = std::get_if<Gateway>(&resource);
    if (!gateway)
        return;
    m_gateway = *gateway;
    m_metadata->load(m_gateway.metadata);
    m_selector->setPairs(FormFields::toPairs(m_gateway.spec.selector));
    showServers();
}

void GatewayForm::setContext(const FormContext &context)
{
    m_context = context;
    for (ServerCard *card : m_cards)
        card->setCredentials(context.credentials);
}

bool GatewayForm::focusField(const QString &fieldPath)
{
    if (m_metadata->focusField(fieldPath))
        return true;
    if (fieldPath.startsWith(QLatin1String("spec.selector"))) {
        m_selector->table()->setFocus();
        return true;
    }
    const auto [index, field] = serverField(fieldPath);
    if (index < 0 || index >= m_cards.size())
        return false;
    ServerCard *card = m_cards.at(index);
    if (!card->focusField(field))
        card->setFocus();
    return true;
}

void GatewayForm::setFieldFindings(const QList<QPair<QString, QString>> &findings)
{
    QList<QStringList> perServer(m_cards.size());
    for (const auto &[path, message] : findings) {
        const int index = serverField(path).first;
        if (index >= 0 && index < perServer.size())
            perServer[index] << message;
    }
    for (qsizetype i = 0; i < m_cards.size(); ++i)
        m_cards.at(i)->setFindings(perServer.at(i));
}

void GatewayForm::emitEdited(const QString &description, const QString &mergeKey)
{
    emit edited(Resource(m_gateway), description, mergeKey);
}

void GatewayForm::showServers()
{
    const int count = int(m_gateway.spec.servers.size());
    // Cards are reused by position, so the one being typed in stays where it is.
    while (m_cards.size() > count)
        delete m_cards.takeLast();
    while (m_cards.size() < count) {
        auto *card = new ServerCard(this);
        card->setCredentials(m_context.credentials);
        m_serverList->addWidget(card);
        m_cards.append(card);
        connect(card, &ServerCard::edited, this,
                [this, card](const Server &server, const QString &field) {
                    const int index = int(m_cards.indexOf(card));
                    m_gateway.spec.servers.at(index) = server;
                    emitEdited(tr("Edit server %1 %2").arg(index + 1).arg(field),
                               QStringLiteral("servers[%1].%2").arg(index).arg(field));
                });
        connect(card, &ServerCard::removeRequested, this,
                [this, card] { removeServer(int(m_cards.indexOf(card))); });
        connect(card, &ServerCard::generateCertificateRequested, this,
                [this, card] { generateCertificate(int(m_cards.indexOf(card))); });
    }
    for (int i = 0; i < count; ++i)
        m_cards.at(i)->load(i, m_gateway.spec.servers.at(i));
}

void GatewayForm::addServer()
{
    Server server;
    Port port;
    port.number = 80u;
    port.protocol = Protocol::HTTP;
    port.name = QStringLiteral("http-%1").arg(m_gateway.spec.servers.size() + 1);
    server.port = port;
    server.hosts = {QStringLiteral("*")};
    m_gateway.spec.servers.push_back(server);
    showServers();
    emitEdited(tr("Add server"), {});
}

void GatewayForm::removeServer(int index)
{
    if (index < 0 || index >= int(m_gateway.spec.servers.size()))
        return;
    m_gateway.spec.servers.erase(m_gateway.spec.servers.begin() + index);
    showServers();
    emitEdited(tr("Remove server %1").arg(index + 1), {});
}

void GatewayForm::generateCertificate(int index)
{
    Server &server = m_gateway.spec.servers.at(index);
    QStringList hosts;
    for (const QString &host : server.hosts)
        hosts << host.section(QLatin1Char('/'), -1); // "ns/host" names the host only
    QString error;
    const auto ca = Tls::CertificateAuthority::openOrCreate(
        Tls::CertificateAuthority::defaultDirectory(), &error);
    const auto issued = ca ? ca->issueServer(hosts, &error) : std::nullopt;
    const QString folder = m_context.certificateFolder.isEmpty()
                               ? QDir::currentPath() + QStringLiteral("/certs")
                               : m_context.certificateFolder;
    const QString stem =
        QStringLiteral("%1/%2-%3")
            .arg(folder, m_gateway.metadata.name.value_or(QStringLiteral("gateway")),
                 server.port && server.port->name ? *server.port->name
                                                  : QString::number(index + 1));
    const bool written =
        issued && QDir().mkpath(folder) &&
        Tls::writeFileAtomically(stem + QStringLiteral(".crt"), issued->certificatePem,
                                 Tls::FileAccess::Public, &error) &&
        Tls::writeFileAtomically(stem + QStringLiteral(".key"), issued->privateKeyPem,
                                 Tls::FileAccess::OwnerOnly, &error);
    if (!written) {
        QMessageBox::warning(this, tr("Development certificate"),
                             tr("No certificate was written: %1").arg(error));
        return;
    }
    ServerTlsSettings tls = server.tls.value_or(ServerTlsSettings{});
    if (!tls.mode || *tls.mode == ServerTlsMode::PASSTHROUGH)
        tls.mode = ServerTlsMode::SIMPLE;
    // One certificate source only (Istio refuses two): the files replace a credential.
    tls.credentialName.reset();
    tls.serverCertificate = stem + QStringLiteral(".crt");
    tls.privateKey = stem + QStringLiteral(".key");
    server.tls = tls;
    showServers();
    emitEdited(tr("Generate development certificate for server %1").arg(index + 1), {});
}
