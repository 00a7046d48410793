#pragma once

#include "kube/kubectloptions.h"

#include <QDialog>

class QLineEdit;
class QSpinBox;

// Which kubectl the app runs, with which kubeconfig, and how long one command may take.
class KubectlSettingsDialog : public QDialog {
    Q_OBJECT

public:
    explicit KubectlSettingsDialog(const Kube::KubectlOptions &options, QWidget *parent = nullptr);

    // The options as edited (the context is left as it was given).
    Kube::KubectlOptions options() const;

private:
    Kube::KubectlOptions m_options;
    QLineEdit *m_program = nullptr;
    QLineEdit *m_kubeconfig = nullptr;
    QSpinBox *m_timeout = nullptr;
};
