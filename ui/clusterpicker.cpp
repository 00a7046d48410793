#include "clusterpicker.h"

#include "kube/kubectlcommands.h"
#include "kube/kubectloutput.h"
#include "kubectlsettings.h"
#include "kubectlsettingsdialog.h"
#include "kubectltask.h"
#include "statusline.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

ClusterPicker::ClusterPicker(const Kube::KubectlOptions &options, NamespaceChoice choice,
                             QWidget *parent)
    : QWidget(parent), m_options(options), m_choice(choice)
{
    m_context = new QComboBox(this);
    m_context->setObjectName(QStringLiteral("contextPicker"));
    m_context->setAccessibleName(tr("Kubernetes context"));
    m_context->setToolTip(tr("The kubeconfig context kubectl talks to (--context)."));
    m_context->setMinimumContentsLength(24);
    m_refresh = new QToolButton(this);
    m_refresh->setText(tr("Refresh"));
    m_refresh->setToolTip(tr("Ask kubectl for its contexts and namespaces again"));
    auto *settings = new QToolButton(this);
    settings->setObjectName(QStringLiteral("kubectlSettings"));
    settings->setText(tr("kubectl…"));
    settings->setToolTip(tr("Which kubectl and kubeconfig to use, and the time limit"));
    auto *contextRow = new QHBoxLayout;
    contextRow->addWidget(m_context, 1);
    contextRow->addWidget(m_refresh);
    contextRow->addWidget(settings);
    connect(settings, &QToolButton::clicked, this, [this] {
        KubectlSettingsDialog dialog(m_options, this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        m_options = dialog.options();
        saveKubectlOptions(m_options);
        refresh();
    });

    m_namespace = new QComboBox(this);
    m_namespace->setObjectName(QStringLiteral("namespacePicker"));
    m_namespace->setAccessibleName(tr("Namespace"));
    m_namespace->setEditable(true);
    m_namespace->setInsertPolicy(QComboBox::NoInsert);
    auto *namespaceRow = new QHBoxLayout;
    namespaceRow->addWidget(m_namespace, 1);
    if (choice == NamespaceChoice::FromFiles) {
        m_namespace->lineEdit()->setPlaceholderText(tr("as each resource says"));
        m_namespace->setToolTip(tr("--namespace for resources that name none; resources that "
                                   "name a namespace keep it."));
    } else {
        m_namespace->lineEdit()->setPlaceholderText(tr("the context's namespace"));
        m_namespace->setToolTip(tr("The namespace to read resources from."));
        m_allNamespaces = new QCheckBox(tr("All namespaces"), this);
        m_allNamespaces->setObjectName(QStringLiteral("allNamespaces"));
        m_allNamespaces->setToolTip(tr("Read every namespace (--all-namespaces)"));
        namespaceRow->addWidget(m_allNamespaces);
        connect(m_allNamespaces, &QCheckBox::toggled, this, [this](bool all) {
            m_namespace->setEnabled(!all);
            emit selectionChanged();
        });
    }

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("clusterStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    auto *contextLabel = new QLabel(tr("&Context:"), this);
    contextLabel->setBuddy(m_context);
    auto *namespaceLabel = new QLabel(tr("&Namespace:"), this);
    namespaceLabel->setBuddy(m_namespace);
    form->addRow(contextLabel, contextRow);
    form->addRow(namespaceLabel, namespaceRow);
    form->addRow(m_status);

    connect(m_refresh, &QToolButton::clicked, this, &ClusterPicker::refresh);
    connect(m_context, &QComboBox::currentIndexChanged, this, [this] {
        if (!isBusy())
            loadNamespaces();
        emit selectionChanged();
    });
    connect(m_namespace, &QComboBox::currentTextChanged, this, &ClusterPicker::selectionChanged);
}

Kube::KubectlOptions ClusterPicker::options() const
{
    Kube::KubectlOptions options = m_options;
    options.context = m_context->currentText();
    return options;
}

QString ClusterPicker::nameSpace() const
{
    return allNamespaces() ? QString() : m_namespace->currentText().trimmed();
}

bool ClusterPicker::allNamespaces() const
{
    return m_allNamespaces && m_allNamespaces->isChecked();
}

void ClusterPicker::refresh()
{
    showStatus(m_status, tr("Asking kubectl for its contexts…"));
    run(Kube::contextsCommand(), &ClusterPicker::handleContexts);
}

void ClusterPicker::run(const Kube::KubectlCommand &command,
                        void (ClusterPicker::*handler)(const Kube::KubectlResult &))
{
    if (m_job)
        m_job->cancel();
    // Commands that reach the cluster go to the chosen context; listing contexts must not
    // depend on one.
    const Kube::KubectlOptions options = command.contactsServer ? this->options() : m_options;
    startKubectl(this, m_job, options, command, [this, handler](const auto &result) {
        if (result.cancelled())
            return;
        (this->*handler)(result);
        if (!m_job) {
            m_refresh->setEnabled(true);
            emit busyChanged(false);
        }
    });
    m_refresh->setEnabled(false);
    emit busyChanged(true);
}

void ClusterPicker::handleContexts(const Kube::KubectlResult &result)
{
    QString error;
    const std::optional<QStringList> contexts =
        result.succeeded() ? Kube::parseContexts(result.standardOutput, &error) : std::nullopt;
    if (!contexts) {
        showError(result, error);
        return;
    }
    if (contexts->isEmpty()) {
        showStatus(m_status, tr("kubectl knows no context: set one up in your kubeconfig."), true);
        return;
    }
    m_contexts = *contexts;
    run(Kube::currentContextCommand(), &ClusterPicker::handleCurrentContext);
}

void ClusterPicker::handleCurrentContext(const Kube::KubectlResult &result)
{
    // No current context is fine (kubectl exits 1): the first one is preselected instead.
    QString current;
    if (result.succeeded())
        current = Kube::parseCurrentContext(result.standardOutput, nullptr).value_or(QString());
    {
        const QSignalBlocker blocker(m_context);
        const QString previous = m_context->currentText();
        m_context->clear();
        m_context->addItems(m_contexts);
        const QString wanted = m_contexts.contains(previous) ? previous : current;
        m_context->setCurrentIndex(std::max<qsizetype>(0, m_contexts.indexOf(wanted)));
    }
    emit selectionChanged();
    loadNamespaces();
}

void ClusterPicker::loadNamespaces()
{
    if (m_context->currentText().isEmpty())
        return;
    showStatus(m_status, tr("Asking %1 for its namespaces…").arg(m_context->currentText()));
    run(Kube::namespacesCommand(), &ClusterPicker::handleNamespaces);
}

void ClusterPicker::handleNamespaces(const Kube::KubectlResult &result)
{
    QString error;
    const std::optional<QStringList> namespaces =
        result.succeeded() ? Kube::parseNamespaces(result.standardOutput, &error) : std::nullopt;
    if (!namespaces) {
        // The cluster may forbid listing namespaces: a namespace can still be typed.
        showError(result, error);
        return;
    }
    const QString typed = m_namespace->currentText();
    const QSignalBlocker blocker(m_namespace);
    m_namespace->clear();
    m_namespace->addItems(*namespaces);
    m_namespace->setEditText(typed);
    showStatus(
        m_status,
        tr("%1: %n namespace(s)", nullptr, int(namespaces->size())).arg(m_context->currentText()));
}

void ClusterPicker::showError(const Kube::KubectlResult &result, const QString &parseError)
{
    QString text = result.succeeded() ? tr("kubectl's answer could not be read: %1").arg(parseError)
                                      : result.message;
    const QString stderrText = QString::fromUtf8(result.standardError).trimmed();
    if (!stderrText.isEmpty())
        text += QStringLiteral("\n") + stderrText;
    showStatus(m_status, text, true);
}
