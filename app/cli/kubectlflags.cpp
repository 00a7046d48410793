#include "kubectlflags.h"

#include "commandline.h"
#include "kube/kubectloptions.h"
#include "kube/kubectlresult.h"

#include <cmath>

namespace Cli {
namespace {

const int MAX_TIMEOUT_SECONDS = 24 * 3600;

} // namespace

void KubectlFlags::addTo(QCommandLineParser &parser) const
{
    parser.addOptions({kubectl, kubeconfig, context, timeout});
}

std::optional<Kube::KubectlOptions> KubectlFlags::read(const QCommandLineParser &parser,
                                                       QString *error) const
{
    Kube::KubectlOptions options;
    options.program = parser.value(kubectl);
    options.kubeconfig = parser.value(kubeconfig);
    options.context = parser.value(context);
    if (!parser.isSet(timeout))
        return options; // KubectlOptions::DEFAULT_TIMEOUT_MS
    const QString text = parser.value(timeout);
    bool ok = false;
    const double seconds = text.toDouble(&ok);
    if (!ok || !std::isfinite(seconds) || seconds < 0 || seconds > MAX_TIMEOUT_SECONDS) {
        *error = QStringLiteral("--timeout takes a number of seconds (0: no limit), not \"%1\"")
                     .arg(text);
        return std::nullopt;
    }
    options.timeoutMs = int(std::lround(seconds * 1000));
    return options;
}

QString kubectlFlagsHelp()
{
    return QStringLiteral(
               "  --context NAME        the kubeconfig context (default: kubectl's current one)\n"
               "  --kubeconfig FILE     the kubeconfig file (default: kubectl's: $KUBECONFIG, "
               "else\n"
               "                        ~/.kube/config)\n"
               "  --kubectl PATH        the kubectl to run (default: kubectl on PATH)\n"
               "  --timeout SECONDS     stop kubectl after this long (default %1; 0: no limit)\n")
        .arg(Kube::KubectlOptions::DEFAULT_TIMEOUT_MS / 1000);
}

int reportKubectlFailure(const QString &command, const Kube::KubectlResult &result,
                         ConsoleStreams streams)
{
    QString hint;
    if (result.failedToStart())
        hint = QStringLiteral(" (--kubectl PATH)");
    else if (result.timedOut())
        hint = QStringLiteral(" (--timeout SECONDS sets the limit)");
    streams.err << QStringLiteral("gatehouse %1: %2%3\n").arg(command, result.message, hint);
    return EXIT_KUBECTL;
}

} // namespace Cli
