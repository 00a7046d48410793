#include "environmentdialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {

// A translucent red reads on light and dark palettes alike.
const QColor BAD_ENTRY(255, 0, 0, 70);

enum PortColumn { GatewayPort, LocalPort };
enum UpstreamColumn { Destination, Address };
enum CredentialColumn { Name, Certificate, PrivateKey, CaCertificates };

QString cell(const QTableWidget *table, int row, int column)
{
    const QTableWidgetItem *item = table->item(row, column);
    return item ? item->text().trimmed() : QString();
}

bool rowIsEmpty(const QTableWidget *table, int row)
{
    for (int column = 0; column < table->columnCount(); ++column) {
        if (!cell(table, row, column).isEmpty())
            return false;
    }
    return true;
}

QString portError(const QString &text, const QString &what)
{
    bool ok = false;
    const uint port = text.toUInt(&ok);
    if (!ok || port < 1 || port > 65535)
        return QObject::tr("%1 \"%2\" is not a port number from 1 to 65535").arg(what, text);
    return QString();
}

void markLineEdit(QLineEdit *edit, const QString &error, const QString &tip)
{
    QPalette palette = edit->parentWidget()->palette();
    if (!error.isEmpty())
        palette.setColor(QPalette::Base, BAD_ENTRY);
    edit->setPalette(palette);
    edit->setToolTip(error.isEmpty() ? tip : error);
}

} // namespace

EnvironmentDialog::EnvironmentDialog(const QString &path, QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Local Environment"));
    resize(720, 480);

    m_path = new QLineEdit(QDir::toNativeSeparators(path), this);
    m_path->setObjectName(QStringLiteral("environmentPath"));
    m_path->setReadOnly(true);
    m_path->setAccessibleName(tr("Environment file"));
    m_path->setToolTip(tr("The file this workspace's local environment is kept in; never "
                          "exported to a cluster"));
    auto *choose = new QPushButton(tr("&Choose…"), this);
    choose->setAccessibleName(tr("Choose the environment file"));
    choose->setToolTip(tr("Use another environment file for this workspace (an existing one is "
                          "read; a new one is written when you save)"));
    connect(choose, &QPushButton::clicked, this, [this] {
        const QString chosen = QFileDialog::getSaveFileName(
            this, tr("Local environment file"), this->path(), tr("YAML files (*.yaml *.yml)"),
            nullptr, QFileDialog::DontConfirmOverwrite);
        if (chosen.isEmpty())
            return;
        m_path->setText(QDir::toNativeSeparators(chosen));
        QString error;
        if (!load(&error))
            showMessage(error, true);
    });
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(choose);

    m_listen = new QLineEdit(this);
    m_listen->setObjectName(QStringLiteral("environmentListen"));
    m_listen->setPlaceholderText(QStringLiteral("127.0.0.1"));
    m_listen->setAccessibleName(tr("Listen address"));
    m_certificateRoot = new QLineEdit(this);
    m_certificateRoot->setObjectName(QStringLiteral("environmentCertificateRoot"));
    m_certificateRoot->setAccessibleName(tr("Certificate root"));

    m_ports = addTable({tr("Gateway port"), tr("Local port")},
                       {tr("The port a Gateway server declares (80, 443, ...)"),
                        tr("The port on this computer that stands for it. Unmapped ports are "
                           "served on the port + 8000 below 1024, else on the same port")},
                       QStringLiteral("environmentPorts"), tr("Port map"));
    m_upstreams =
        addTable({tr("Destination"), tr("Address")},
                 {tr("A route destination: host, host:port, host/subset or host:port/subset. "
                     "A short name (reviews) matches it in any namespace; the most specific "
                     "entry wins"),
                  tr("HOST:PORT of the local service that answers it. Destinations without an "
                     "entry are answered by the built-in echo upstream")},
                 QStringLiteral("environmentUpstreams"), tr("Destinations"));
    m_credentials = addTable(
        {tr("Credential name"), tr("Certificate"), tr("Private key"), tr("CA certificates")},
        {tr("A Gateway's tls.credentialName"),
         tr("PEM certificate chain file, relative to the environment file"),
         tr("PEM private key file, relative to the environment file"),
         tr("Optional: PEM CA certificates that client certificates must chain to "
            "(MUTUAL TLS)")},
        QStringLiteral("environmentCredentials"), tr("Credentials"));

    auto *listening = new QWidget(this);
    auto *listeningForm = new QFormLayout(listening);
    listeningForm->addRow(tr("&Listen address:"), m_listen);
    listeningForm->addRow(tr("Ports:"), m_ports->parentWidget());
    auto *credentials = new QWidget(this);
    auto *credentialsForm = new QFormLayout(credentials);
    credentialsForm->addRow(m_credentials->parentWidget());
    credentialsForm->addRow(tr("Certificate &root:"), m_certificateRoot);

    auto *tabs = new QTabWidget(this);
    tabs->addTab(listening, tr("Listening"));
    tabs->addTab(m_upstreams->parentWidget(), tr("Destinations"));
    tabs->addTab(credentials, tr("Credentials"));

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("environmentMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Save)
        ->setToolTip(tr("Write the file and serve the design with it when the proxy runs"));
    connect(buttons, &QDialogButtonBox::accepted, this, &EnvironmentDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    auto *fileRow = new QFormLayout;
    fileRow->addRow(tr("File:"), pathRow);
    layout->addLayout(fileRow);
    layout->addWidget(tabs, 1);
    layout->addWidget(m_message);
    layout->addWidget(buttons);

    connect(m_listen, &QLineEdit::textChanged, this, &EnvironmentDialog::validate);
    connect(m_certificateRoot, &QLineEdit::textChanged, this, &EnvironmentDialog::validate);
    load();
}

QTableWidget *EnvironmentDialog::addTable(const QStringList &headers, const QStringList &tips,
                                          const QString &objectName, const QString &accessibleName)
{
    auto *pane = new QWidget(this);
    auto *table = new QTableWidget(0, int(headers.size()), pane);
    table->setObjectName(objectName);
    table->setAccessibleName(accessibleName);
    table->setHorizontalHeaderLabels(headers);
    for (int column = 0; column < headers.size(); ++column)
        table->horizontalHeaderItem(column)->setToolTip(tips.value(column));
    table->setToolTip(tips.join(QLatin1Char('\n')));
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table->verticalHeader()->hide();
    connect(table, &QTableWidget::itemChanged, this, &EnvironmentDialog::validate);

    auto *add = new QPushButton(tr("Add"), pane);
    add->setAccessibleName(tr("Add to %1").arg(accessibleName));
    add->setToolTip(tr("Add an entry"));
    connect(add, &QPushButton::clicked, this, [this, table] {
        addRow(table, {});
        table->setCurrentCell(table->rowCount() - 1, 0);
        table->editItem(table->item(table->rowCount() - 1, 0));
    });
    auto *remove = new QPushButton(tr("Remove"), pane);
    remove->setAccessibleName(tr("Remove from %1").arg(accessibleName));
    remove->setToolTip(tr("Remove the selected entry"));
    connect(remove, &QPushButton::clicked, this, [this, table] {
        if (table->currentRow() >= 0)
            table->removeRow(table->currentRow());
        validate();
    });
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    auto *layout = new QHBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(table, 1);
    layout->addLayout(buttons);
    return table;
}

void EnvironmentDialog::addRow(QTableWidget *table, const QStringList &values)
{
    const QSignalBlocker blocker(table);
    const int row = table->rowCount();
    table->insertRow(row);
    for (int column = 0; column < table->columnCount(); ++column)
        table->setItem(row, column, new QTableWidgetItem(values.value(column)));
}

QString EnvironmentDialog::path() const
{
    return QDir::fromNativeSeparators(m_path->text());
}

bool EnvironmentDialog::load(QString *error)
{
    QByteArray bytes;
    QFile file(path());
    if (file.exists()) {
        if (!file.open(QIODevice::ReadOnly)) {
            if (error)
                *error = tr("%1: %2").arg(path(), file.errorString());
            return false;
        }
        bytes = file.readAll();
    }
    m_original = bytes;
    setEntries(Environment::EnvironmentEntries::read(bytes));
    return true;
}

void EnvironmentDialog::setEntries(const Environment::EnvironmentEntries &entries)
{
    m_listen->setText(entries.listen);
    m_certificateRoot->setText(entries.certificateRoot);
    for (QTableWidget *table : {m_ports, m_upstreams, m_credentials})
        table->setRowCount(0);
    for (const auto &[gateway, local] : entries.ports)
        addRow(m_ports, {QString::number(gateway), QString::number(local)});
    for (const auto &[key, address] : entries.upstreams)
        addRow(m_upstreams, {key, address});
    for (const auto &credential : entries.credentials)
        addRow(m_credentials, {credential.name, credential.certificate, credential.privateKey,
                               credential.caCertificates});
    validate();
}

Environment::EnvironmentEntries EnvironmentDialog::entries() const
{
    Environment::EnvironmentEntries entries;
    entries.listen = m_listen->text().trimmed();
    entries.certificateRoot = m_certificateRoot->text().trimmed();
    for (int row = 0; row < m_ports->rowCount(); ++row) {
        if (!rowIsEmpty(m_ports, row))
            entries.ports.emplace_back(quint16(cell(m_ports, row, GatewayPort).toUInt()),
                                       quint16(cell(m_ports, row, LocalPort).toUInt()));
    }
    for (int row = 0; row < m_upstreams->rowCount(); ++row) {
        if (!rowIsEmpty(m_upstreams, row))
            entries.upstreams.emplace_back(cell(m_upstreams, row, Destination),
                                           cell(m_upstreams, row, Address));
    }
    for (int row = 0; row < m_credentials->rowCount(); ++row) {
        if (!rowIsEmpty(m_credentials, row))
            entries.credentials.push_back(
                {cell(m_credentials, row, Name), cell(m_credentials, row, Certificate),
                 cell(m_credentials, row, PrivateKey), cell(m_credentials, row, CaCertificates)});
    }
    return entries;
}

QString EnvironmentDialog::checkItem(const QTableWidget *table, int row, int column) const
{
    if (rowIsEmpty(table, row))
        return QString(); // a row just added: left out until something is typed
    const QString text = cell(table, row, column);
    if (table == m_ports) {
        QString error =
            portError(text, column == GatewayPort ? tr("Gateway port") : tr("Local port"));
        if (error.isEmpty() && column == GatewayPort) {
            for (int other = 0; other < row; ++other) {
                if (cell(table, other, GatewayPort) == text)
                    error = tr("Gateway port %1 is mapped twice").arg(text);
            }
        }
        return error;
    }
    if (table == m_upstreams)
        return column == Destination ? Environment::upstreamKeyError(text)
                                     : Environment::upstreamAddressError(text);
    const Environment::CredentialEntry credential{
        cell(table, row, Name), cell(table, row, Certificate), cell(table, row, PrivateKey),
        cell(table, row, CaCertificates)};
    if (column == Name && credential.name.isEmpty())
        return Environment::credentialError(credential);
    if ((column == Certificate || column == PrivateKey) && text.isEmpty())
        return Environment::credentialError(credential);
    return QString();
}

void EnvironmentDialog::validate()
{
    markLineEdit(m_listen, Environment::listenAddressError(m_listen->text()),
                 tr("The address the local gateway listens on: 127.0.0.1 when empty; 0.0.0.0 "
                    "or :: to accept connections from other computers"));
    markLineEdit(m_certificateRoot, QString(),
                 tr("The folder that stands for the gateway pod's file system when a Gateway "
                    "names certificate files (serverCertificate, privateKey), relative to the "
                    "environment file; empty: those paths are read as written"));
    for (QTableWidget *table : {m_ports, m_upstreams, m_credentials}) {
        const QSignalBlocker blocker(table); // marking an item changes it too
        for (int row = 0; row < table->rowCount(); ++row) {
            for (int column = 0; column < table->columnCount(); ++column) {
                QTableWidgetItem *item = table->item(row, column);
                if (!item)
                    table->setItem(row, column, item = new QTableWidgetItem);
                const QString error = checkItem(table, row, column);
                item->setData(Qt::BackgroundRole, error.isEmpty() ? QVariant() : BAD_ENTRY);
                item->setToolTip(error.isEmpty() ? table->horizontalHeaderItem(column)->toolTip()
                                                 : error);
            }
        }
    }
    showMessage(firstError(), true);
}

QString EnvironmentDialog::firstError() const
{
    if (const QString error = Environment::listenAddressError(m_listen->text()); !error.isEmpty())
        return error;
    for (const QTableWidget *table : {m_ports, m_upstreams, m_credentials}) {
        for (int row = 0; row < table->rowCount(); ++row) {
            for (int column = 0; column < table->columnCount(); ++column) {
                if (const QString error = checkItem(table, row, column); !error.isEmpty())
                    return error;
            }
        }
    }
    return QString();
}

void EnvironmentDialog::showMessage(const QString &message, bool error)
{
    m_message->setText(message);
    QPalette palette = this->palette();
    if (error)
        palette.setColor(QPalette::WindowText, Qt::red);
    m_message->setPalette(palette);
}

bool EnvironmentDialog::save()
{
    if (const QString error = firstError(); !error.isEmpty()) {
        showMessage(tr("Not saved: %1").arg(error), true);
        return false;
    }
    const QByteArray bytes = Environment::writeEnvironment(entries(), m_original);
    QDir().mkpath(QFileInfo(path()).absolutePath());
    QSaveFile file(path());
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        showMessage(tr("Not saved: %1: %2").arg(path(), file.errorString()), true);
        return false;
    }
    m_original = bytes;
    showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path())), false);
    emit saved(path());
    return true;
}

void EnvironmentDialog::accept()
{
    if (save())
        QDialog::accept();
}
