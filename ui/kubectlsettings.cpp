#include "kubectlsettings.h"

#include <QSettings>

namespace {
const QString PROGRAM_KEY = QStringLiteral("kubectl/program");
const QString KUBECONFIG_KEY = QStringLiteral("kubectl/kubeconfig");
const QString TIMEOUT_KEY = QStringLiteral("kubectl/timeoutMs");
} // namespace

Kube::KubectlOptions loadKubectlOptions()
{
    const QSettings settings;
    Kube::KubectlOptions options;
    options.program = settings.value(PROGRAM_KEY).toString();
    options.kubeconfig = settings.value(KUBECONFIG_KEY).toString();
    options.timeoutMs =
        settings.value(TIMEOUT_KEY, Kube::KubectlOptions::DEFAULT_TIMEOUT_MS).toInt();
    return options;
}

void saveKubectlOptions(const Kube::KubectlOptions &options)
{
    QSettings settings;
    settings.setValue(PROGRAM_KEY, options.program);
    settings.setValue(KUBECONFIG_KEY, options.kubeconfig);
    settings.setValue(TIMEOUT_KEY, options.timeoutMs);
}
