#include "servercard.h"

#include "formfields.h"
#include "servertlsedit.h"
#include "stringlistedit.h"
#include "validation/names.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QToolButton>

using namespace Istio;

ServerCard::ServerCard(QWidget *parent)
    : QGroupBox(parent), m_number(new QSpinBox(this)), m_name(new QLineEdit(this)),
      m_protocol(new QComboBox(this)), m_hosts(new StringListEdit(this)),
      m_bind(new QLineEdit(this)), m_tls(new ServerTlsEdit(this)), m_findings(new QLabel(this))
{
    using FormFields::setHelp;
    setObjectName(QStringLiteral("serverCard"));
    m_number->setRange(0, 65535);
    m_number->setObjectName(QStringLiteral("portNumber"));
    m_number->setAccessibleName(tr("Port number"));
    setHelp(m_number, tr("port.number: the port the gateway listens on. Servers of all Gateways "
                         "on the same port and bind share one listener; locally, ports below "
                         "1024 are served at +8000 (80 → 8080) unless the port map says "
                         "otherwise."));
    m_name->setObjectName(QStringLiteral("portName"));
    m_name->setAccessibleName(tr("Port name"));
    setHelp(m_name, tr("port.name: required. HTTPS servers' route tables are named after it, "
                       "and route tests and VirtualService sectionName-style references use "
                       "it; keep it unique within the Gateway."));
    m_protocol->setEditable(false);
    for (const char *name : EnumInfo<Protocol>::names)
        m_protocol->addItem(QString::fromLatin1(name));
    m_protocol->setObjectName(QStringLiteral("portProtocol"));
    m_protocol->setAccessibleName(tr("Protocol"));
    setHelp(m_protocol,
            tr("port.protocol: HTTP, HTTP2, GRPC, GRPC-WEB serve plaintext HTTP routed by the "
               "VirtualService http routes; HTTPS terminates TLS (or passes it through); TLS "
               "passes through by SNI or terminates to tcp routes; TCP and MONGO relay "
               "connections by tcp routes. HTTPS and TLS must have a tls block."));
    m_hosts->setObjectName(QStringLiteral("serverHosts"));
    m_hosts->setAccessibleName(tr("Hosts"));
    m_hosts->setHelp(tr("hosts: the hosts this server exposes, \"[namespace/]dnsName\". "
                        "\"*\" or a name with a dot (wildcard only as the whole first label); "
                        "the namespace part (\".\", \"*\" or a namespace) limits which "
                        "VirtualServices may bind. A VirtualService binds when one of its "
                        "hosts matches one of these."));
    m_hosts->setEntryCheck(&ServerCard::checkHost);
    m_bind->setPlaceholderText(tr("all addresses"));
    m_bind->setAccessibleName(tr("Bind address"));
    setHelp(m_bind, tr("bind: the IP address or Unix socket the listener binds to; servers "
                       "with different binds on one port get separate listeners. Locally the "
                       "proxy binds to the local environment's listen address."));
    m_findings->setWordWrap(true);
    m_findings->setStyleSheet(QStringLiteral("color: #d32f2f;"));
    m_findings->hide();

    auto *remove = new QToolButton(this);
    remove->setText(tr("Remove"));
    remove->setAccessibleName(tr("Remove this server"));
    remove->setToolTip(tr("Remove this server from the Gateway"));
    connect(remove, &QToolButton::clicked, this, &ServerCard::removeRequested);

    auto *port = new QHBoxLayout;
    port->addWidget(m_number);
    port->addWidget(m_protocol);
    port->addWidget(new QLabel(tr("name"), this));
    port->addWidget(m_name, 1);
    port->addWidget(remove);
    auto *layout = new QFormLayout(this);
    layout->addRow(m_findings);
    layout->addRow(tr("Port"), port);
    layout->addRow(tr("Hosts"), m_hosts);
    layout->addRow(tr("Bind"), m_bind);
    layout->addRow(m_tls);

    connect(m_number, &QSpinBox::valueChanged, this, [this] { emitEdited("port.number"); });
    connect(m_name, &QLineEdit::textEdited, this, [this] { emitEdited("port.name"); });
    connect(m_protocol, &QComboBox::currentIndexChanged, this,
            [this] { emitEdited("port.protocol"); });
    connect(m_hosts, &StringListEdit::valuesEdited, this, [this] { emitEdited("hosts"); });
    connect(m_bind, &QLineEdit::textEdited, this, [this] { emitEdited("bind"); });
    connect(m_tls, &ServerTlsEdit::edited, this,
            [this](const std::optional<ServerTlsSettings> &tls, const QString &field) {
                m_server.tls = tls;
                emit edited(m_server, QStringLiteral("tls.") + field);
            });
    connect(m_tls, &ServerTlsEdit::generateCertificateRequested, this,
            &ServerCard::generateCertificateRequested);
}

void ServerCard::load(int index, const Server &server)
{
    using namespace FormFields;
    m_server = server;
    const Port port = server.port.value_or(Port{});
    setTitle(tr("Server %1").arg(index + 1) +
             (port.name ? QStringLiteral(" — ") + *port.name : QString()));
    showNumber(m_number, port.number);
    showText(m_name, port.name);
    const QString protocol = port.protocol ? enumName(*port.protocol) : QString();
    if (m_protocol->currentText() != protocol) {
        const QSignalBlocker blocker(m_protocol);
        m_protocol->setCurrentIndex(m_protocol->findText(protocol));
    }
    m_hosts->setValues(QStringList(server.hosts.begin(), server.hosts.end()));
    showText(m_bind, server.bind);
    m_tls->load(server.tls, port.protocol.value_or(Protocol::HTTP));
}

void ServerCard::setCredentials(const QStringList &credentials)
{
    m_tls->setCredentials(credentials);
}

bool ServerCard::focusField(const QString &field)
{
    QWidget *widget = nullptr;
    if (field.startsWith(QLatin1String("port.number")))
        widget = m_number;
    else if (field.startsWith(QLatin1String("port.name")))
        widget = m_name;
    else if (field.startsWith(QLatin1String("port")))
        widget = m_protocol;
    else if (field.startsWith(QLatin1String("hosts")))
        widget = m_hosts;
    else if (field.startsWith(QLatin1String("bind")))
        widget = m_bind;
    else if (field.startsWith(QLatin1String("tls.")))
        return m_tls->focusField(field.mid(4));
    if (!widget)
        return false;
    widget->setFocus();
    return true;
}

void ServerCard::setFindings(const QStringList &messages)
{
    m_findings->setText(messages.join(QLatin1Char('\n')));
    m_findings->setVisible(!messages.isEmpty());
}

QString ServerCard::checkHost(const QString &host)
{
    const qsizetype slash = host.indexOf(QLatin1Char('/'));
    const QString dnsName = slash < 0 ? host : host.mid(slash + 1);
    if (slash >= 0) {
        const QString nameSpace = host.left(slash);
        if (nameSpace != QLatin1String("*") && nameSpace != QLatin1String(".") &&
            !Validation::Names::isDns1123Label(nameSpace))
            return tr("%1: the namespace part must be \"*\", \".\" or a namespace name").arg(host);
    }
    if (dnsName != QLatin1String("*") && !dnsName.contains(QLatin1Char('.')))
        return tr("%1: a host must be \"*\" or contain a dot (short names are rejected)").arg(host);
    if (dnsName.startsWith(QLatin1Char('*')) && dnsName != QLatin1String("*") &&
        !dnsName.startsWith(QLatin1String("*.")))
        return tr("%1: partial wildcards are not allowed; use \"*.\" before a whole label")
            .arg(host);
    const QString problem = Validation::Names::checkWildcardDomain(dnsName);
    return problem.isEmpty() ? QString() : host + QStringLiteral(": ") + problem;
}

void ServerCard::emitEdited(const QString &field)
{
    using namespace FormFields;
    Port port = m_server.port.value_or(Port{});
    if (field == QLatin1String("port.number"))
        port.number = numberValue(m_number);
    else if (field == QLatin1String("port.name"))
        port.name = textValue(m_name);
    else if (field == QLatin1String("port.protocol"))
        port.protocol = enumFromName<Protocol>(m_protocol->currentText());
    else if (field == QLatin1String("hosts")) {
        const QStringList hosts = m_hosts->values();
        m_server.hosts.assign(hosts.begin(), hosts.end());
    } else if (field == QLatin1String("bind"))
        m_server.bind = textValue(m_bind);
    m_server.port = port;
    if (field == QLatin1String("port.protocol")) {
        // Istio requires a tls block on HTTPS and TLS servers and refuses one elsewhere
        // (except httpsRedirect on HTTP): switching the protocol brings the block along.
        const Protocol protocol = port.protocol.value_or(Protocol::HTTP);
        if (isTlsProtocol(protocol) && !m_server.tls) {
            m_server.tls = ServerTlsSettings{};
            m_server.tls->mode = ServerTlsMode::SIMPLE;
        } else if (!isTlsProtocol(protocol) && m_server.tls &&
                   !(isPlaintextHttp(protocol) && m_server.tls->httpsRedirect))
            m_server.tls.reset();
        m_tls->load(m_server.tls, protocol);
    }
    emit edited(m_server, field);
}
