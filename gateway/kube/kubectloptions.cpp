#include "kubectloptions.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <algorithm>

namespace Kube {
namespace {

const QString DEFAULT_PROGRAM = QStringLiteral("kubectl");
const int MAX_REQUEST_MARGIN_MS = 5000;

} // namespace

QStringList KubectlOptions::globalArguments() const
{
    // The `=` form keeps every value attached to its flag: a context or path that starts with
    // a dash can never be read as another flag.
    QStringList arguments;
    if (!context.isEmpty())
        arguments << QStringLiteral("--context=") + context;
    if (!kubeconfig.isEmpty())
        arguments << QStringLiteral("--kubeconfig=") + kubeconfig;
    return arguments;
}

QString KubectlOptions::requestTimeout() const
{
    if (timeoutMs <= 0)
        return QString();
    const int margin = std::min(timeoutMs / 4, MAX_REQUEST_MARGIN_MS);
    const int seconds = std::max(1, (timeoutMs - margin) / 1000);
    return QString::number(seconds) + QLatin1Char('s');
}

QString resolveKubectl(const QString &program, QString *error)
{
    const QString wanted = program.isEmpty() ? DEFAULT_PROGRAM : program;
    const auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        return QString();
    };
    if (!wanted.contains(QLatin1Char('/')) && !wanted.contains(QDir::separator())) {
        const QString found = QStandardPaths::findExecutable(wanted);
        if (found.isEmpty())
            return fail(QStringLiteral("kubectl was not found: no \"%1\" on PATH (%2). Install "
                                       "kubectl, or give the path to yours.")
                            .arg(wanted, qEnvironmentVariable("PATH")));
        return found;
    }
    const QFileInfo info(wanted);
    if (!info.exists())
        return fail(QStringLiteral("kubectl was not found: %1 does not exist. Install kubectl, "
                                   "or give the path to yours.")
                        .arg(wanted));
    if (info.isDir() || !info.isExecutable())
        return fail(QStringLiteral("kubectl cannot run: %1 is not an executable file. Give the "
                                   "path to your kubectl.")
                        .arg(wanted));
    return info.absoluteFilePath();
}

} // namespace Kube
