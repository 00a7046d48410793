#include "servertlsedit.h"

#include "formfields.h"
#include "stringlistedit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>

namespace {

using namespace Istio;

QStringList enumNames(QStringList names, bool withDefault)
{
    if (withDefault)
        names.prepend(QString());
    return names;
}

template <ApiEnum E> QStringList allNames()
{
    QStringList names;
    for (const char *name : EnumInfo<E>::names)
        names << QString::fromLatin1(name);
    return names;
}

bool terminates(ServerTlsMode mode)
{
    return mode == ServerTlsMode::SIMPLE || mode == ServerTlsMode::MUTUAL ||
           mode == ServerTlsMode::OPTIONAL_MUTUAL;
}

bool verifiesClients(ServerTlsMode mode)
{
    return mode == ServerTlsMode::MUTUAL || mode == ServerTlsMode::OPTIONAL_MUTUAL ||
           mode == ServerTlsMode::ISTIO_MUTUAL;
}

} // namespace

ServerTlsEdit::ServerTlsEdit(QWidget *parent)
    : QWidget(parent), m_layout(new QFormLayout(this)), m_httpsRedirect(new QCheckBox(this)),
      m_mode(new QComboBox(this)), m_credentialName(new QComboBox(this)),
      m_serverCertificate(new QLineEdit(this)), m_privateKey(new QLineEdit(this)),
      m_caCertificates(new QLineEdit(this)),
      m_generate(new QPushButton(tr("Generate Development Certificate"), this)),
      m_subjectAltNames(new StringListEdit(this)), m_minVersion(new QComboBox(this)),
      m_maxVersion(new QComboBox(this)), m_cipherSuites(new StringListEdit(this))
{
    using FormFields::setHelp;
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_httpsRedirect->setText(tr("Redirect to HTTPS"));
    setHelp(m_httpsRedirect,
            tr("httpsRedirect: every request for this server's hosts gets a 301 to the same URL "
               "with https:// before any VirtualService route is looked at. It applies to the "
               "whole virtual host, so another server sharing the host on this port redirects "
               "too. Only meaningful on plaintext HTTP servers (a warning elsewhere)."));
    m_mode->addItems(enumNames(allNames<ServerTlsMode>(), true));
    m_mode->setItemText(0, tr("(absent: PASSTHROUGH)"));
    setHelp(m_mode, tr("mode: SIMPLE terminates TLS with the server certificate; MUTUAL also "
                       "requires a client certificate signed by caCertificates; OPTIONAL_MUTUAL "
                       "verifies one if sent; PASSTHROUGH forwards the encrypted stream by SNI "
                       "to the VirtualService's tls routes. Absent means PASSTHROUGH (the "
                       "enum's zero value): an HTTPS server with a credentialName but no mode "
                       "ignores its certificate — a classic mistake."));
    m_credentialName->setEditable(true);
    m_credentialName->setInsertPolicy(QComboBox::NoInsert);
    setHelp(m_credentialName,
            tr("credentialName: a Kubernetes Secret in the namespace of the gateway deployment "
               "holding tls.crt and tls.key (or cert and key), plus ca.crt for MUTUAL, or a "
               "separate <name>-cacert secret. Locally it is read from the local environment's "
               "credentials, else from Secret manifests in the workspace, else a development "
               "certificate is issued (with a warning). Use either this or certificate files."));
    setHelp(m_serverCertificate,
            tr("serverCertificate: path of the PEM certificate file mounted in the gateway pod. "
               "Required for SIMPLE, MUTUAL and OPTIONAL_MUTUAL unless credentialName is set."));
    setHelp(m_privateKey, tr("privateKey: path of the PEM private key matching "
                             "serverCertificate, mounted in the gateway pod."));
    setHelp(m_caCertificates,
            tr("caCertificates: path of the CA bundle client certificates are verified "
               "against. Required for MUTUAL and OPTIONAL_MUTUAL unless the credential carries "
               "a CA."));
    setHelp(m_generate,
            tr("Issues a certificate for this server's hosts from Gatehouse's local "
               "development CA, writes it with its key beside the workspace and points "
               "serverCertificate and privateKey at the files. For local testing only."));
    m_subjectAltNames->setHelp(
        tr("subjectAltNames: client certificates must carry one of these subject alternative "
           "names (MUTUAL modes). Empty: any certificate the CA verifies is accepted."));
    const QStringList versions = enumNames(allNames<TlsProtocolVersion>(), true);
    m_minVersion->addItems(versions);
    m_minVersion->setItemText(0, tr("(absent: TLSV1_2)"));
    m_maxVersion->addItems(versions);
    m_maxVersion->setItemText(0, tr("(absent: TLSV1_3)"));
    setHelp(m_minVersion, tr("minProtocolVersion: the oldest TLS version accepted; TLSV1_2 "
                             "when absent. TLSV1_0 or TLSV1_1 without cipherSuites gives a "
                             "warning. Applied for SIMPLE, MUTUAL and OPTIONAL_MUTUAL only."));
    setHelp(m_maxVersion, tr("maxProtocolVersion: the newest TLS version offered; TLSV1_3 when "
                             "absent. Applied for SIMPLE, MUTUAL and OPTIONAL_MUTUAL only."));
    m_cipherSuites->setHelp(
        tr("cipherSuites: restricts the ciphers offered, by OpenSSL name (for example "
           "ECDHE-RSA-AES128-GCM-SHA256). Unknown or duplicate names give a warning and are "
           "dropped. Empty: Envoy's default list."));

    auto fileRow = [this](QLineEdit *edit, const QString &title) {
        auto *row = new QWidget(this);
        auto *layout = new QHBoxLayout(row);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(edit, 1);
        auto *pick = new QToolButton(row);
        pick->setText(QStringLiteral("…"));
        pick->setToolTip(tr("Choose a file"));
        pick->setAccessibleName(tr("Choose %1").arg(title));
        connect(pick, &QToolButton::clicked, this, [this, edit, title] { pickFile(edit, title); });
        layout->addWidget(pick);
        edit->setAccessibleName(title);
        return row;
    };
    m_layout->addRow(QString(), m_httpsRedirect);
    m_layout->addRow(tr("TLS mode"), m_mode);
    m_layout->addRow(tr("Credential"), m_credentialName);
    m_layout->addRow(tr("Certificate"), fileRow(m_serverCertificate, tr("Server certificate")));
    m_layout->addRow(tr("Private key"), fileRow(m_privateKey, tr("Private key")));
    m_layout->addRow(QString(), m_generate);
    m_layout->addRow(tr("Client CA"), fileRow(m_caCertificates, tr("Client CA certificates")));
    m_layout->addRow(tr("Client SANs"), m_subjectAltNames);
    m_layout->addRow(tr("Min TLS"), m_minVersion);
    m_layout->addRow(tr("Max TLS"), m_maxVersion);
    m_layout->addRow(tr("Ciphers"), m_cipherSuites);
    m_mode->setAccessibleName(tr("TLS mode"));
    m_credentialName->setAccessibleName(tr("Credential name"));
    m_subjectAltNames->setAccessibleName(tr("Client subject alternative names"));
    m_minVersion->setAccessibleName(tr("Minimum TLS version"));
    m_maxVersion->setAccessibleName(tr("Maximum TLS version"));
    m_cipherSuites->setAccessibleName(tr("Cipher suites"));

    connect(m_httpsRedirect, &QCheckBox::toggled, this, [this] { emitEdited("httpsRedirect"); });
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] { emitEdited("mode"); });
    connect(m_credentialName, &QComboBox::editTextChanged, this,
            [this] { emitEdited("credentialName"); });
    connect(m_serverCertificate, &QLineEdit::textEdited, this,
            [this] { emitEdited("serverCertificate"); });
    connect(m_privateKey, &QLineEdit::textEdited, this, [this] { emitEdited("privateKey"); });
    connect(m_caCertificates, &QLineEdit::textEdited, this,
            [this] { emitEdited("caCertificates"); });
    connect(m_subjectAltNames, &StringListEdit::valuesEdited, this,
            [this] { emitEdited("subjectAltNames"); });
    connect(m_minVersion, &QComboBox::currentIndexChanged, this,
            [this] { emitEdited("minProtocolVersion"); });
    connect(m_maxVersion, &QComboBox::currentIndexChanged, this,
            [this] { emitEdited("maxProtocolVersion"); });
    connect(m_cipherSuites, &StringListEdit::valuesEdited, this,
            [this] { emitEdited("cipherSuites"); });
    connect(m_generate, &QPushButton::clicked, this, &ServerTlsEdit::generateCertificateRequested);
}

void ServerTlsEdit::load(const std::optional<ServerTlsSettings> &tls, Protocol protocol)
{
    using namespace FormFields;
    m_tls = tls;
    m_protocol = protocol;
    const ServerTlsSettings shown = tls.value_or(ServerTlsSettings{});
    showFlag(m_httpsRedirect, shown.httpsRedirect);
    showChoice(m_mode, shown.mode ? std::optional(enumName(*shown.mode)) : std::nullopt);
    showChoice(m_credentialName, shown.credentialName);
    showText(m_serverCertificate, shown.serverCertificate);
    showText(m_privateKey, shown.privateKey);
    showText(m_caCertificates, shown.caCertificates);
    m_subjectAltNames->setValues(
        QStringList(shown.subjectAltNames.begin(), shown.subjectAltNames.end()));
    showChoice(m_minVersion, shown.minProtocolVersion
                                 ? std::optional(enumName(*shown.minProtocolVersion))
                                 : std::nullopt);
    showChoice(m_maxVersion, shown.maxProtocolVersion
                                 ? std::optional(enumName(*shown.maxProtocolVersion))
                                 : std::nullopt);
    m_cipherSuites->setValues(QStringList(shown.cipherSuites.begin(), shown.cipherSuites.end()));
    showRows();
}

void ServerTlsEdit::setCredentials(const QStringList &credentials)
{
    const QString current = m_credentialName->currentText();
    const QSignalBlocker blocker(m_credentialName);
    m_credentialName->clear();
    m_credentialName->addItem(QString());
    m_credentialName->addItems(credentials);
    m_credentialName->setEditText(current);
}

bool ServerTlsEdit::focusField(const QString &field)
{
    const std::pair<const char *, QWidget *> fields[] = {
        {"httpsRedirect", m_httpsRedirect},     {"mode", m_mode},
        {"credentialName", m_credentialName},   {"serverCertificate", m_serverCertificate},
        {"privateKey", m_privateKey},           {"caCertificates", m_caCertificates},
        {"subjectAltNames", m_subjectAltNames}, {"minProtocolVersion", m_minVersion},
        {"maxProtocolVersion", m_maxVersion},   {"cipherSuites", m_cipherSuites}};
    for (const auto &[name, widget] : fields) {
        if (field.startsWith(QLatin1String(name)) && widget->isVisibleTo(this)) {
            widget->setFocus();
            return true;
        }
    }
    return false;
}

void ServerTlsEdit::emitEdited(const QString &field)
{
    using namespace FormFields;
    ServerTlsSettings tls = m_tls.value_or(ServerTlsSettings{});
    if (field == QLatin1String("httpsRedirect"))
        tls.httpsRedirect = m_httpsRedirect->isChecked() ? std::optional(true) : std::nullopt;
    else if (field == QLatin1String("mode"))
        tls.mode =
            choiceValue(m_mode) ? enumFromName<ServerTlsMode>(*choiceValue(m_mode)) : std::nullopt;
    else if (field == QLatin1String("credentialName"))
        tls.credentialName = choiceValue(m_credentialName);
    else if (field == QLatin1String("serverCertificate"))
        tls.serverCertificate = textValue(m_serverCertificate);
    else if (field == QLatin1String("privateKey"))
        tls.privateKey = textValue(m_privateKey);
    else if (field == QLatin1String("caCertificates"))
        tls.caCertificates = textValue(m_caCertificates);
    else if (field == QLatin1String("subjectAltNames")) {
        const QStringList values = m_subjectAltNames->values();
        tls.subjectAltNames.assign(values.begin(), values.end());
    } else if (field == QLatin1String("minProtocolVersion"))
        tls.minProtocolVersion = choiceValue(m_minVersion)
                                     ? enumFromName<TlsProtocolVersion>(*choiceValue(m_minVersion))
                                     : std::nullopt;
    else if (field == QLatin1String("maxProtocolVersion"))
        tls.maxProtocolVersion = choiceValue(m_maxVersion)
                                     ? enumFromName<TlsProtocolVersion>(*choiceValue(m_maxVersion))
                                     : std::nullopt;
    else if (field == QLatin1String("cipherSuites")) {
        const QStringList values = m_cipherSuites->values();
        tls.cipherSuites.assign(values.begin(), values.end());
    }
    // A block left with nothing in it goes away (unticking httpsRedirect on an HTTP server);
    // HTTPS and TLS servers keep theirs, Istio requires one.
    if (tls == ServerTlsSettings{} && !isTlsProtocol(m_protocol))
        m_tls.reset();
    else
        m_tls = tls;
    showRows();
    emit edited(m_tls, field);
}

void ServerTlsEdit::showRows()
{
    const bool tlsPort = isTlsProtocol(m_protocol);
    const ServerTlsMode mode = m_tls ? m_tls->effectiveMode() : ServerTlsMode::PASSTHROUGH;
    const bool terminating = tlsPort && terminates(mode);
    const bool clients = tlsPort && verifiesClients(mode);
    m_layout->setRowVisible(m_httpsRedirect,
                            isPlaintextHttp(m_protocol) || (m_tls && m_tls->httpsRedirect));
    m_layout->setRowVisible(m_mode, tlsPort);
    for (QWidget *widget :
         {static_cast<QWidget *>(m_credentialName), m_serverCertificate->parentWidget(),
          m_privateKey->parentWidget(), static_cast<QWidget *>(m_generate),
          static_cast<QWidget *>(m_cipherSuites)})
        m_layout->setRowVisible(widget, terminating);
    m_layout->setRowVisible(m_caCertificates->parentWidget(),
                            terminating && mode != ServerTlsMode::SIMPLE);
    m_layout->setRowVisible(m_subjectAltNames, clients);
    m_layout->setRowVisible(m_minVersion, terminating || mode == ServerTlsMode::ISTIO_MUTUAL);
    m_layout->setRowVisible(m_maxVersion, terminating || mode == ServerTlsMode::ISTIO_MUTUAL);
}

void ServerTlsEdit::pickFile(QLineEdit *edit, const QString &title)
{
    const QString path = QFileDialog::getOpenFileName(
        this, title, edit->text(), tr("PEM files (*.pem *.crt *.key *.cer);;All files (*)"));
    if (path.isEmpty())
        return;
    edit->setText(path);
    emit edit->textEdited(path); // a picked file is an edit like typing it
}
