#include "kubectlsettingsdialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace {

// A line edit with a Browse button that picks a file into it.
QHBoxLayout *withBrowse(QLineEdit *edit, const QString &title, QWidget *parent)
{
    auto *browse = new QPushButton(QObject::tr("Browse…"), parent);
    QObject::connect(browse, &QPushButton::clicked, parent, [edit, title, parent] {
        const QString path = QFileDialog::getOpenFileName(parent, title, edit->text());
        if (!path.isEmpty())
            edit->setText(path);
    });
    auto *row = new QHBoxLayout;
    row->addWidget(edit, 1);
    row->addWidget(browse);
    return row;
}

} // namespace

KubectlSettingsDialog::KubectlSettingsDialog(const Kube::KubectlOptions &options, QWidget *parent)
    : QDialog(parent), m_options(options)
{
    setWindowTitle(tr("kubectl Settings"));
    m_program = new QLineEdit(options.program, this);
    m_program->setObjectName(QStringLiteral("kubectlProgram"));
    m_program->setPlaceholderText(tr("kubectl (found on PATH)"));
    m_program->setToolTip(tr("The kubectl to run: a path, or a name looked up on PATH."));
    m_kubeconfig = new QLineEdit(options.kubeconfig, this);
    m_kubeconfig->setObjectName(QStringLiteral("kubeconfig"));
    m_kubeconfig->setPlaceholderText(tr("$KUBECONFIG, else ~/.kube/config"));
    m_kubeconfig->setToolTip(tr("Passed as --kubeconfig when set; otherwise kubectl reads "
                                "$KUBECONFIG or ~/.kube/config as usual."));
    m_timeout = new QSpinBox(this);
    m_timeout->setObjectName(QStringLiteral("kubectlTimeout"));
    m_timeout->setRange(2, 3600);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setValue(std::max(2, options.timeoutMs / 1000));
    m_timeout->setToolTip(tr("Past this, kubectl is stopped and the dialog says so."));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *form = new QFormLayout(this);
    form->addRow(tr("&Program:"), withBrowse(m_program, tr("kubectl"), this));
    form->addRow(tr("&Kubeconfig:"), withBrowse(m_kubeconfig, tr("Kubeconfig"), this));
    form->addRow(tr("&Time limit:"), m_timeout);
    form->addRow(buttons);
}

Kube::KubectlOptions KubectlSettingsDialog::options() const
{
    Kube::KubectlOptions options = m_options;
    options.program = m_program->text().trimmed();
    options.kubeconfig = m_kubeconfig->text().trimmed();
    options.timeoutMs = m_timeout->value() * 1000;
    return options;
}
