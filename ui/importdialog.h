#pragma once

#include "kube/importedresources.h"
#include "kube/kubectloptions.h"
#include "kube/kubectlresult.h"

#include <QDialog>
#include <QPointer>

class ClusterPicker;
class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;

namespace Kube {
class KubectlJob;
}

// File › Import from Cluster: reads the Istio Gateways, VirtualServices and DestinationRules
// (and, when asked, the TLS Secrets) of one namespace or all of them through kubectl, drops the
// fields the API server manages, and hands the result over as one file per namespace. Reading
// runs in the background with a progress indicator and can be cancelled.
class ImportDialog : public QDialog {
    Q_OBJECT

public:
    ImportDialog(const Kube::KubectlOptions &kubectl, const QString &folder,
                 QWidget *parent = nullptr);

    // What was read, once the dialog is accepted.
    const Kube::ImportResult &imported() const { return m_result; }
    // The folder the files are to be saved in ("<folder>/<namespace>.yaml").
    QString folder() const;
    // Merge into the open workspace (true) or open as a new workspace (false).
    bool mergeIntoWorkspace() const;
    // When merging: replace documents the workspace already has (else keep them).
    bool replaceDuplicates() const;

private:
    void startImport();
    void handleResult(const Kube::KubectlResult &result);
    void updateButtons();
    void setStatus(const QString &text, bool error = false);

    ClusterPicker *m_cluster = nullptr;
    QCheckBox *m_secrets = nullptr;
    QLineEdit *m_folder = nullptr;
    QRadioButton *m_newWorkspace = nullptr;
    QRadioButton *m_merge = nullptr;
    QCheckBox *m_replace = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_importButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QPointer<Kube::KubectlJob> m_job;
    Kube::ImportResult m_result;
};
