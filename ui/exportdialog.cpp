#include "exportdialog.h"

#include "clusterpicker.h"
#include "core/diagnosticcodes.h"
#include "kube/kubectlcommands.h"
#include "kube/kubectloutput.h"
#include "kubectltask.h"
#include "problemitem.h"
#include "sidebysidediffview.h"
#include "statusline.h"
#include "tls/atomicfile.h"
#include "validation/validator.h"
#include "workspace/apiversion.h"
#include "workspace/workspace.h"

#include <QApplication>
#include <QButtonGroup>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

enum Tab { PREVIEW_TAB, DIFF_TAB, RESULTS_TAB, OUTPUT_TAB };

QPushButton *actionButton(const QString &text, const QString &objectName, const QString &tip)
{
    auto *button = new QPushButton(text);
    button->setObjectName(objectName);
    button->setToolTip(tip);
    return button;
}

} // namespace

ExportDialog::ExportDialog(const Project::Workspace &workspace, const Kube::KubectlOptions &kubectl,
                           QWidget *parent)
    : QDialog(parent), m_workspace(workspace)
{
    setWindowTitle(tr("Export"));
    resize(1000, 720);

    // Where to.
    m_targets = new QButtonGroup(this);
    auto *targetRow = new QHBoxLayout;
    const std::pair<Target, QString> targets[] = {{Target::File, tr("&File")},
                                                  {Target::Clipboard, tr("C&lipboard")},
                                                  {Target::Cluster, tr("Cl&uster (kubectl)")}};
    for (const auto &[target, label] : targets) {
        auto *button = new QRadioButton(label, this);
        button->setObjectName(QStringLiteral("target%1").arg(int(target)));
        m_targets->addButton(button, int(target));
        targetRow->addWidget(button);
    }
    targetRow->addStretch();
    m_apiVersion = new QComboBox(this);
    m_apiVersion->setObjectName(QStringLiteral("apiVersion"));
    m_apiVersion->setAccessibleName(tr("apiVersion"));
    m_apiVersion->addItem(tr("as the files say"), QString());
    for (const char *version : Project::ISTIO_NETWORKING_VERSIONS)
        m_apiVersion->addItem(QStringLiteral("networking.istio.io/%1").arg(QLatin1String(version)),
                              QLatin1String(version));
    m_apiVersion->setToolTip(tr("The three versions have identical schemas. v1 needs Istio 1.22 "
                                "or later; use v1beta1 for older clusters."));

    // Validation first.
    m_validationSummary = new QLabel(this);
    m_validationSummary->setObjectName(QStringLiteral("validationSummary"));
    m_problems = new QTreeWidget(this);
    m_problems->setObjectName(QStringLiteral("exportProblems"));
    m_problems->setAccessibleName(tr("Validation findings"));
    setUpProblemList(m_problems);
    m_problems->setMaximumHeight(140);
    m_overrideErrors = new QCheckBox(this);
    m_overrideErrors->setObjectName(QStringLiteral("overrideErrors"));

    // Target details.
    m_filePath = new QLineEdit(this);
    m_filePath->setObjectName(QStringLiteral("exportFile"));
    m_filePath->setAccessibleName(tr("Output file"));
    m_filePath->setPlaceholderText(tr("gateway.yaml"));
    auto *browse = new QPushButton(tr("&Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export to"), m_filePath->text(),
                                                          tr("YAML manifests (*.yaml *.yml)"));
        if (!path.isEmpty())
            m_filePath->setText(path);
    });
    auto *filePage = new QWidget(this);
    auto *fileRow = new QHBoxLayout(filePage);
    fileRow->setContentsMargins(0, 0, 0, 0);
    fileRow->addWidget(new QLabel(tr("File:"), filePage));
    fileRow->addWidget(m_filePath, 1);
    fileRow->addWidget(browse);
    auto *clipboardPage = new QLabel(tr("The YAML below goes to the clipboard, ready to paste into "
                                        "`kubectl apply -f -`."),
                                     this);
    auto *clusterPage = new QWidget(this);
    auto *clusterLayout = new QVBoxLayout(clusterPage);
    clusterLayout->setContentsMargins(0, 0, 0, 0);
    m_cluster = new ClusterPicker(kubectl, ClusterPicker::NamespaceChoice::FromFiles, clusterPage);
    m_forceConflicts = new QCheckBox(tr("Take over fields another manager owns "
                                        "(--force-conflicts)"),
                                     clusterPage);
    m_forceConflicts->setObjectName(QStringLiteral("forceConflicts"));
    clusterLayout->addWidget(m_cluster);
    clusterLayout->addWidget(m_forceConflicts);
    m_targetPages = new QStackedWidget(this);
    m_targetPages->addWidget(filePage);
    m_targetPages->addWidget(clipboardPage);
    m_targetPages->addWidget(clusterPage);

    // What it is and what happened.
    m_preview = new QPlainTextEdit(this);
    m_preview->setObjectName(QStringLiteral("exportPreview"));
    m_preview->setReadOnly(true);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_diff = new SideBySideDiffView(this);
    m_results = new QTableWidget(0, 3, this);
    m_results->setObjectName(QStringLiteral("applyResults"));
    m_results->setHorizontalHeaderLabels({tr("Resource"), tr("Name"), tr("Result")});
    m_results->horizontalHeader()->setStretchLastSection(true);
    m_results->verticalHeader()->hide();
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_output = new QPlainTextEdit(this);
    m_output->setObjectName(QStringLiteral("kubectlOutput"));
    m_output->setReadOnly(true);
    m_output->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(m_preview, tr("YAML"));
    m_tabs->addTab(m_diff, tr("Diff"));
    m_tabs->addTab(m_results, tr("Results"));
    m_tabs->addTab(m_output, tr("kubectl output"));

    // Doing it.
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0); // busy: kubectl does not report progress
    m_busy->setMaximumWidth(120);
    m_busy->hide();
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("exportStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_exportButton = actionButton(tr("&Export"), QStringLiteral("exportButton"),
                                  tr("Write the YAML to the file (atomically)"));
    m_copyButton = actionButton(tr("&Copy"), QStringLiteral("copyButton"),
                                tr("Copy the YAML to the clipboard"));
    m_diffButton = actionButton(tr("&Diff"), QStringLiteral("diffButton"),
                                tr("Compare with the live objects (kubectl diff)"));
    m_dryRunButton = actionButton(tr("D&ry run"), QStringLiteral("dryRunButton"),
                                  tr("Let the API server and Istio's webhook check the "
                                     "resources without changing anything "
                                     "(--dry-run=server)"));
    m_applyButton = actionButton(tr("&Apply"), QStringLiteral("applyButton"),
                                 tr("kubectl apply --server-side --field-manager=gatehouse"));
    m_cancelButton = actionButton(tr("Cancel &kubectl"), QStringLiteral("cancelButton"),
                                  tr("Stop the running kubectl"));
    for (QPushButton *button : {m_exportButton, m_copyButton, m_diffButton, m_dryRunButton,
                                m_applyButton, m_cancelButton})
        buttons->addButton(button, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_busy);
    bottom->addWidget(m_status, 1);
    bottom->addWidget(buttons);

    auto *form = new QFormLayout;
    form->addRow(tr("Send to:"), targetRow);
    form->addRow(tr("API &version:"), m_apiVersion);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_validationSummary);
    layout->addWidget(m_problems);
    layout->addWidget(m_overrideErrors);
    layout->addWidget(m_targetPages);
    layout->addWidget(m_tabs, 1);
    layout->addLayout(bottom);

    connect(m_targets, &QButtonGroup::idClicked, this, [this](int id) {
        m_targetPages->setCurrentIndex(id);
        if (Target(id) == Target::Cluster && !m_cluster->isBusy() &&
            m_cluster->options().context.isEmpty())
            m_cluster->refresh();
        updateButtons();
    });
    connect(m_apiVersion, &QComboBox::currentIndexChanged, this, &ExportDialog::updateStream);
    connect(m_overrideErrors, &QCheckBox::toggled, this, &ExportDialog::updateButtons);
    connect(m_filePath, &QLineEdit::textChanged, this, &ExportDialog::updateButtons);
    connect(m_cluster, &ClusterPicker::selectionChanged, this, &ExportDialog::updateButtons);
    connect(m_cluster, &ClusterPicker::busyChanged, this, &ExportDialog::updateButtons);
    connect(m_exportButton, &QPushButton::clicked, this, &ExportDialog::exportToFile);
    connect(m_copyButton, &QPushButton::clicked, this, &ExportDialog::copyToClipboard);
    connect(m_diffButton, &QPushButton::clicked, this, &ExportDialog::runDiff);
    connect(m_dryRunButton, &QPushButton::clicked, this, [this] { runApply(true); });
    connect(m_applyButton, &QPushButton::clicked, this, [this] { runApply(false); });
    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        if (m_job)
            m_job->cancel();
    });

    buildValidation();
    updateStream();
    m_targets->button(int(Target::File))->setChecked(true);
    m_targetPages->setCurrentIndex(int(Target::File));
    updateButtons();
}

void ExportDialog::setTarget(Target target)
{
    m_targets->button(int(target))->click();
}

ExportDialog::Target ExportDialog::target() const
{
    return Target(m_targets->checkedId());
}

void ExportDialog::buildValidation()
{
    int warnings = 0;
    for (const Core::Diagnostic &diagnostic : Validation::validate(m_workspace)) {
        if (diagnostic.level == Core::Level::Error) {
            ++m_errorCount;
            m_brokenYaml |= Core::isUnreadableInput(diagnostic);
        } else if (diagnostic.level == Core::Level::Warning) {
            ++warnings;
        }
        addProblemItem(m_problems, diagnostic);
    }
    m_problems->setVisible(m_problems->topLevelItemCount() > 0);
    const QString counts = tr("Validation: %n error(s)", nullptr, m_errorCount) +
                           QStringLiteral(", ") + tr("%n warning(s)", nullptr, warnings);
    if (m_brokenYaml)
        m_validationSummary->setText(
            counts + tr(" — a file is not valid YAML; kubectl would refuse the whole stream. "
                        "Fix it first."));
    else if (m_errorCount > 0)
        m_validationSummary->setText(counts +
                                     tr(" — the cluster would reject or misapply this design."));
    else
        m_validationSummary->setText(counts + tr(" — ready to export."));
    m_overrideErrors->setText(tr("Export despite %n error(s)", nullptr, m_errorCount));
    m_overrideErrors->setVisible(m_errorCount > 0 && !m_brokenYaml);
}

void ExportDialog::updateStream()
{
    QStringList notes;
    m_stream = m_workspace.exportStream(m_apiVersion->currentData().toString(), &notes);
    m_preview->setPlainText(QString::fromUtf8(m_stream));
    if (!notes.isEmpty())
        setStatus(notes.join(QLatin1Char('\n')));
}

void ExportDialog::updateButtons()
{
    const bool allowed = !m_brokenYaml && (m_errorCount == 0 || m_overrideErrors->isChecked());
    const bool running = !m_job.isNull();
    const bool clusterReady = !m_cluster->isBusy() && !m_cluster->options().context.isEmpty();
    m_exportButton->setVisible(target() == Target::File);
    m_copyButton->setVisible(target() == Target::Clipboard);
    for (QPushButton *button : {m_diffButton, m_dryRunButton, m_applyButton, m_cancelButton})
        button->setVisible(target() == Target::Cluster);
    m_exportButton->setEnabled(allowed && !m_filePath->text().trimmed().isEmpty());
    m_copyButton->setEnabled(allowed);
    // A diff changes nothing, so it is offered even when validation found errors.
    m_diffButton->setEnabled(!m_brokenYaml && clusterReady && !running);
    m_dryRunButton->setEnabled(allowed && clusterReady && !running);
    m_applyButton->setEnabled(allowed && clusterReady && !running);
    m_cancelButton->setEnabled(running);
    m_busy->setVisible(running || m_cluster->isBusy());
}

void ExportDialog::exportToFile()
{
    const QString path = m_filePath->text().trimmed();
    QString error;
    if (!Tls::writeFileAtomically(path, m_stream, Tls::FileAccess::Public, &error)) {
        setStatus(error, true);
        return;
    }
    setStatus(
        tr("Wrote %1 (%n document(s)).", nullptr, int(m_workspace.documents().size())).arg(path));
}

void ExportDialog::copyToClipboard()
{
    QApplication::clipboard()->setText(QString::fromUtf8(m_stream));
    setStatus(tr("Copied %n document(s) to the clipboard.", nullptr,
                 int(m_workspace.documents().size())));
}

Kube::ApplySettings ExportDialog::applySettings(Kube::DryRun dryRun) const
{
    Kube::ApplySettings settings;
    settings.dryRun = dryRun;
    settings.nameSpace = m_cluster->nameSpace();
    settings.forceConflicts = m_forceConflicts->isChecked();
    return settings;
}

void ExportDialog::runDiff()
{
    start(Kube::diffCommand(m_stream, applySettings(Kube::DryRun::None)),
          tr("Comparing with the live objects…"), &ExportDialog::handleDiff);
}

void ExportDialog::runApply(bool dryRun)
{
    start(Kube::applyCommand(m_stream,
                             applySettings(dryRun ? Kube::DryRun::Server : Kube::DryRun::None)),
          dryRun ? tr("Server dry run…") : tr("Applying…"), &ExportDialog::handleApply);
}

void ExportDialog::start(const Kube::KubectlCommand &command, const QString &activity,
                         void (ExportDialog::*handler)(const Kube::KubectlResult &))
{
    startKubectl(this, m_job, m_cluster->options(), command,
                 [this, handler](const Kube::KubectlResult &result) {
                     showOutput(result);
                     if (result.cancelled())
                         setStatus(tr("Cancelled; kubectl was stopped."), true);
                     else
                         (this->*handler)(result);
                     updateButtons();
                 });
    setStatus(activity);
    updateButtons();
}

void ExportDialog::handleDiff(const Kube::KubectlResult &result)
{
    switch (Kube::diffOutcome(result)) {
    case Kube::DiffOutcome::NoDifferences:
        m_diff->clear();
        setStatus(tr("No differences: the cluster already has exactly this."));
        break;
    case Kube::DiffOutcome::Differences:
        m_diff->setDiff(QString::fromUtf8(result.standardOutput));
        m_tabs->setCurrentIndex(DIFF_TAB);
        setStatus(tr("Applying would change %n resource(s).", nullptr, m_diff->resourceCount()));
        break;
    case Kube::DiffOutcome::Failed:
        showFailure(result);
        break;
    }
}

void ExportDialog::handleApply(const Kube::KubectlResult &result)
{
    if (!result.succeeded()) {
        showFailure(result);
        return;
    }
    QString error;
    const auto applied = Kube::parseApplyOutput(result.standardOutput, &error);
    if (!applied) {
        setStatus(tr("kubectl succeeded, but its answer could not be read: %1").arg(error), true);
        m_tabs->setCurrentIndex(OUTPUT_TAB);
        return;
    }
    m_results->setRowCount(int(applied->size()));
    bool dryRun = false;
    for (int row = 0; row < applied->size(); ++row) {
        const Kube::AppliedResource &resource = applied->at(row);
        dryRun |= resource.dryRun;
        const QString outcome =
            resource.dryRun ? tr("%1 (server dry run)").arg(resource.action) : resource.action;
        m_results->setItem(row, 0, new QTableWidgetItem(resource.resource));
        m_results->setItem(row, 1, new QTableWidgetItem(resource.name));
        m_results->setItem(row, 2, new QTableWidgetItem(outcome));
    }
    m_tabs->setCurrentIndex(RESULTS_TAB);
    const QString context = m_cluster->options().context;
    setStatus(
        dryRun ? tr("Server dry run passed for %n resource(s) on %1; nothing changed.", nullptr,
                    int(applied->size()))
                     .arg(context)
               : tr("Applied %n resource(s) to %1.", nullptr, int(applied->size())).arg(context));
}

void ExportDialog::showFailure(const Kube::KubectlResult &result)
{
    const QString stderrText = QString::fromUtf8(result.standardError).trimmed();
    setStatus(stderrText.isEmpty() ? result.message
                                   : result.message + QStringLiteral(": ") + stderrText,
              true);
    m_tabs->setCurrentIndex(OUTPUT_TAB);
}

void ExportDialog::showOutput(const Kube::KubectlResult &result)
{
    // Verbatim, as kubectl wrote it: what a user would have seen in a terminal.
    QString text = QStringLiteral("$ %1\n").arg(result.commandLine());
    text += QString::fromUtf8(result.standardOutput);
    text += QString::fromUtf8(result.standardError);
    if (!result.succeeded() && !result.message.isEmpty())
        text += QStringLiteral("\n(%1)\n").arg(result.message);
    m_output->setPlainText(text);
}

void ExportDialog::setStatus(const QString &text, bool error)
{
    showStatus(m_status, text, error);
}
