#include "importdialog.h"

#include "clusterpicker.h"
#include "kube/kubectlcommands.h"
#include "kubectltask.h"
#include "statusline.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

ImportDialog::ImportDialog(const Kube::KubectlOptions &kubectl, const QString &folder,
                           QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Import from Cluster"));
    resize(640, 360);

    m_cluster = new ClusterPicker(kubectl, ClusterPicker::NamespaceChoice::OneOrAll, this);
    m_secrets = new QCheckBox(tr("Also import TLS &Secrets (they hold private keys)"), this);
    m_secrets->setObjectName(QStringLiteral("importSecrets"));
    m_secrets->setToolTip(tr("Secrets that hold certificates for the gateway: kubernetes.io/tls "
                             "or the generic cert/key/cacert keys. Other Secrets are never "
                             "imported."));

    m_folder = new QLineEdit(folder, this);
    m_folder->setObjectName(QStringLiteral("importFolder"));
    m_folder->setAccessibleName(tr("Folder for the imported files"));
    auto *browse = new QPushButton(tr("&Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString chosen =
            QFileDialog::getExistingDirectory(this, tr("Save imported files in"), m_folder->text());
        if (!chosen.isEmpty())
            m_folder->setText(chosen);
    });
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);

    m_newWorkspace = new QRadioButton(tr("Open as a &new workspace"), this);
    m_newWorkspace->setObjectName(QStringLiteral("importAsNew"));
    m_merge = new QRadioButton(tr("&Merge into the open workspace"), this);
    m_merge->setObjectName(QStringLiteral("importMerge"));
    m_newWorkspace->setChecked(true);
    m_replace = new QCheckBox(tr("Replace resources the workspace already has"), this);
    m_replace->setObjectName(QStringLiteral("importReplace"));
    m_replace->setToolTip(tr("Otherwise the workspace keeps its own version and the cluster's is "
                             "left out."));
    m_replace->setEnabled(false);
    connect(m_merge, &QRadioButton::toggled, m_replace, &QCheckBox::setEnabled);

    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(120);
    m_busy->hide();
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("importStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_importButton = buttons->addButton(tr("&Import"), QDialogButtonBox::ActionRole);
    m_importButton->setObjectName(QStringLiteral("importButton"));
    m_cancelButton = buttons->addButton(tr("Cancel &kubectl"), QDialogButtonBox::ActionRole);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_importButton, &QPushButton::clicked, this, &ImportDialog::startImport);
    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        if (m_job)
            m_job->cancel();
    });
    connect(m_cluster, &ClusterPicker::busyChanged, this, &ImportDialog::updateButtons);
    connect(m_cluster, &ClusterPicker::selectionChanged, this, &ImportDialog::updateButtons);
    connect(m_folder, &QLineEdit::textChanged, this, &ImportDialog::updateButtons);

    auto *form = new QFormLayout;
    form->addRow(tr("Save &in:"), folderRow);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_busy);
    bottom->addWidget(m_status, 1);
    bottom->addWidget(buttons);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_cluster);
    layout->addWidget(m_secrets);
    layout->addLayout(form);
    layout->addWidget(m_newWorkspace);
    layout->addWidget(m_merge);
    layout->addWidget(m_replace);
    layout->addStretch();
    layout->addLayout(bottom);

    m_cluster->refresh();
    updateButtons();
}

QString ImportDialog::folder() const
{
    return m_folder->text().trimmed();
}

bool ImportDialog::mergeIntoWorkspace() const
{
    return m_merge->isChecked();
}

bool ImportDialog::replaceDuplicates() const
{
    return m_merge->isChecked() && m_replace->isChecked();
}

void ImportDialog::startImport()
{
    Kube::ResourceKinds kinds = Kube::ISTIO_KINDS;
    if (m_secrets->isChecked())
        kinds |= Kube::ResourceKind::Secrets;
    Kube::NamespaceScope scope;
    scope.nameSpace = m_cluster->nameSpace();
    scope.allNamespaces = m_cluster->allNamespaces();
    startKubectl(this, m_job, m_cluster->options(), Kube::getCommand(kinds, scope),
                 [this](const Kube::KubectlResult &result) {
                     handleResult(result);
                     updateButtons();
                 });
    setStatus(scope.allNamespaces
                  ? tr("Reading every namespace of %1…").arg(m_cluster->options().context)
                  : tr("Reading %1…").arg(m_cluster->options().context));
    updateButtons();
}

void ImportDialog::handleResult(const Kube::KubectlResult &result)
{
    if (result.cancelled()) {
        setStatus(tr("Cancelled; nothing was imported."), true);
        return;
    }
    if (!result.succeeded()) {
        const QString stderrText = QString::fromUtf8(result.standardError).trimmed();
        setStatus(stderrText.isEmpty() ? result.message
                                       : result.message + QStringLiteral(":\n") + stderrText,
                  true);
        return;
    }
    QString error;
    Kube::ImportOptions options;
    options.keepCredentialSecrets = m_secrets->isChecked();
    std::optional<Kube::ImportResult> imported =
        Kube::importResources(result.standardOutput, options, &error);
    if (!imported) {
        setStatus(tr("kubectl's answer could not be read: %1").arg(error), true);
        return;
    }
    if (imported->resourceCount() == 0) {
        setStatus(tr("The cluster has no Gateways, VirtualServices or DestinationRules there."),
                  true);
        return;
    }
    m_result = std::move(*imported);
    accept();
}

void ImportDialog::updateButtons()
{
    const bool running = !m_job.isNull();
    m_importButton->setEnabled(!running && !m_cluster->isBusy() &&
                               !m_cluster->options().context.isEmpty() && !folder().isEmpty());
    m_cancelButton->setEnabled(running);
    m_busy->setVisible(running || m_cluster->isBusy());
}

void ImportDialog::setStatus(const QString &text, bool error)
{
    showStatus(m_status, text, error);
}
