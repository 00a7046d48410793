#pragma once

#include "kube/kubectlcommands.h"
#include "kube/kubectloptions.h"
#include "kube/kubectlresult.h"

#include <QDialog>
#include <QPointer>

class ClusterPicker;
class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTableWidget;
class QTreeWidget;
class SideBySideDiffView;

namespace Kube {
class KubectlJob;
struct KubectlCommand;
} // namespace Kube
namespace Project {
class Workspace;
}

// File › Export: the workspace as kubectl-ready YAML, to a file, the clipboard or a cluster.
// Validation comes first and blocks on errors unless the user overrides it (broken YAML always
// blocks: kubectl would refuse the whole stream). For a cluster the user can look at a server
// dry run and a side-by-side diff against the live objects before applying; every kubectl run
// happens in the background and can be cancelled.
class ExportDialog : public QDialog {
    Q_OBJECT

public:
    enum class Target { File, Clipboard, Cluster };

    ExportDialog(const Project::Workspace &workspace, const Kube::KubectlOptions &kubectl,
                 QWidget *parent = nullptr);

    void setTarget(Target target);
    // The YAML that would be exported (with the chosen apiVersion).
    const QByteArray &stream() const { return m_stream; }

private:
    void buildValidation();
    void updateStream();
    void updateButtons();
    void exportToFile();
    void copyToClipboard();
    Kube::ApplySettings applySettings(Kube::DryRun dryRun) const;
    void runDiff();
    void runApply(bool dryRun);
    void start(const Kube::KubectlCommand &command, const QString &activity,
               void (ExportDialog::*handler)(const Kube::KubectlResult &));
    void handleDiff(const Kube::KubectlResult &result);
    void handleApply(const Kube::KubectlResult &result);
    void showFailure(const Kube::KubectlResult &result);
    void showOutput(const Kube::KubectlResult &result);
    void setStatus(const QString &text, bool error = false);
    Target target() const;

    const Project::Workspace &m_workspace;
    QByteArray m_stream;
    int m_errorCount = 0;
    bool m_brokenYaml = false;

    QButtonGroup *m_targets = nullptr;
    QComboBox *m_apiVersion = nullptr;
    QTreeWidget *m_problems = nullptr;
    QLabel *m_validationSummary = nullptr;
    QCheckBox *m_overrideErrors = nullptr;
    QStackedWidget *m_targetPages = nullptr;
    QLineEdit *m_filePath = nullptr;
    ClusterPicker *m_cluster = nullptr;
    QCheckBox *m_forceConflicts = nullptr;
    QTabWidget *m_tabs = nullptr;
    QPlainTextEdit *m_preview = nullptr;
    SideBySideDiffView *m_diff = nullptr;
    QTableWidget *m_results = nullptr;
    QPlainTextEdit *m_output = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_exportButton = nullptr;
    QPushButton *m_copyButton = nullptr;
    QPushButton *m_diffButton = nullptr;
    QPushButton *m_dryRunButton = nullptr;
    QPushButton *m_applyButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QPointer<Kube::KubectlJob> m_job;
};
