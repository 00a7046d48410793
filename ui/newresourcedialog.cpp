#include "newresourcedialog.h"

#include "edithistory.h"
#include "workspace/resourcetemplate.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QStandardPaths>

NewResourceDialog::NewResourceDialog(const Project::Workspace &workspace, int currentFile,
                                     QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("New Resource"));
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("newKind"));
    m_kind->addItem(tr("Gateway"), int(Istio::ResourceKind::Gateway));
    m_kind->addItem(tr("VirtualService"), int(Istio::ResourceKind::VirtualService));
    m_kind->addItem(tr("DestinationRule"), int(Istio::ResourceKind::DestinationRule));
    m_kind->setAccessibleName(tr("Kind"));
    m_kind->setToolTip(tr("Gateway: ports and hosts the ingress gateway serves.\n"
                          "VirtualService: routes for hosts on a gateway.\n"
                          "DestinationRule: subsets and traffic policy of a service."));

    m_nameSpace = new QLineEdit(QStringLiteral("default"), this);
    m_nameSpace->setObjectName(QStringLiteral("newNamespace"));
    m_nameSpace->setAccessibleName(tr("Namespace"));
    m_nameSpace->setToolTip(tr("The Kubernetes namespace of the new resource"));
    // A DNS-1123 label, as Kubernetes requires of namespaces.
    m_nameSpace->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")), m_nameSpace));
    // Offer the namespace of the resource the user is working on.
    if (currentFile >= 0) {
        for (const Project::DocumentRef &ref : workspace.documents()) {
            if (ref.file == currentFile) {
                m_nameSpace->setText(workspace.document(ref).nameSpace());
                break;
            }
        }
    }

    m_target = new QComboBox(this);
    m_target->setObjectName(QStringLiteral("newTarget"));
    m_target->setAccessibleName(tr("Add to"));
    m_target->setToolTip(tr("The file the resource is added to, at its end"));
    m_target->addItem(tr("A new untitled file"), -1);
    for (int f = 0; f < int(workspace.files().size()); ++f)
        m_target->addItem(QDir::toNativeSeparators(workspace.files()[f].path()), f);
    m_target->setCurrentIndex(qMax(0, m_target->findData(currentFile)));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Create"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_nameSpace, &QLineEdit::textChanged, this, [this, buttons] {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(m_nameSpace->hasAcceptableInput());
    });

    auto *layout = new QFormLayout(this);
    layout->addRow(tr("&Kind:"), m_kind);
    layout->addRow(tr("&Namespace:"), m_nameSpace);
    layout->addRow(tr("&Add to:"), m_target);
    layout->addRow(buttons);
}

Istio::ResourceKind NewResourceDialog::kind() const
{
    return Istio::ResourceKind(m_kind->currentData().toInt());
}

QString NewResourceDialog::nameSpace() const
{
    return m_nameSpace->text();
}

int NewResourceDialog::targetFile() const
{
    return m_target->currentData().toInt();
}

Project::DocumentRef createResource(Project::Workspace &workspace, EditHistory &history,
                                    Istio::ResourceKind kind, const QString &nameSpace,
                                    int targetFile)
{
    const Project::NewResource resource = Project::resourceTemplate(workspace, kind, nameSpace);
    const QString description =
        QObject::tr("New %1 %2")
            .arg(kind == Istio::ResourceKind::Gateway          ? "Gateway"
                 : kind == Istio::ResourceKind::VirtualService ? "VirtualService"
                                                               : "DestinationRule",
                 resource.name);
    if (targetFile < 0)
        return history.addFile(untitledFilePath(workspace), resource.text, description);
    return history.addDocument(targetFile, resource.text, description);
}

QString untitledFilePath(const Project::Workspace &workspace)
{
    const QString folder = workspace.files().empty()
                               ? QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)
                               : QFileInfo(workspace.files().front().path()).absolutePath();
    const QDir dir(folder.isEmpty() ? QDir::homePath() : folder);
    QString path = dir.filePath(QStringLiteral("untitled.yaml"));
    for (int n = 2; QFileInfo::exists(path) || workspace.fileIndex(path) >= 0; ++n)
        path = dir.filePath(QStringLiteral("untitled-%1.yaml").arg(n));
    return path;
}
