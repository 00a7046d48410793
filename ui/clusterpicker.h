#pragma once

#include "kube/kubectloptions.h"
#include "kube/kubectlresult.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QToolButton;

namespace Kube {
class KubectlJob;
struct KubectlCommand;
} // namespace Kube

// Picks the cluster to talk to: a kubeconfig context (kubectl's current one preselected) and a
// namespace, both listed by asking kubectl in the background. kubectl's own error text is shown
// as it wrote it, so an unreachable cluster explains itself.
class ClusterPicker : public QWidget {
    Q_OBJECT

public:
    enum class NamespaceChoice {
        FromFiles, // apply: a namespace is optional (documents name their own)
        OneOrAll,  // import: one namespace, or every namespace
    };

    ClusterPicker(const Kube::KubectlOptions &options, NamespaceChoice choice,
                  QWidget *parent = nullptr);

    // The options with the chosen context, for the jobs the dialog runs.
    Kube::KubectlOptions options() const;
    // Empty: as the files say (FromFiles) or the context's default namespace.
    QString nameSpace() const;
    bool allNamespaces() const;
    bool isBusy() const { return !m_job.isNull(); }

    // Lists the contexts again (and then the namespaces of the chosen one).
    void refresh();

signals:
    void busyChanged(bool busy);
    void selectionChanged();

private:
    void run(const Kube::KubectlCommand &command,
             void (ClusterPicker::*handler)(const Kube::KubectlResult &));
    void handleContexts(const Kube::KubectlResult &result);
    void handleCurrentContext(const Kube::KubectlResult &result);
    void handleNamespaces(const Kube::KubectlResult &result);
    void loadNamespaces();
    void showError(const Kube::KubectlResult &result, const QString &parseError = {});

    Kube::KubectlOptions m_options;
    NamespaceChoice m_choice;
    QStringList m_contexts;
    QComboBox *m_context = nullptr;
    QComboBox *m_namespace = nullptr;
    QCheckBox *m_allNamespaces = nullptr;
    QToolButton *m_refresh = nullptr;
    QLabel *m_status = nullptr;
    QPointer<Kube::KubectlJob> m_job;
};
