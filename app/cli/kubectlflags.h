#pragma once

#include "consolestreams.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>
#include <optional>

namespace Kube {
struct KubectlOptions;
struct KubectlResult;
} // namespace Kube

namespace Cli {

// The kubectl flags the commands that run kubectl (apply, import) share: --kubectl,
// --kubeconfig, --context, --timeout.
struct KubectlFlags {
    QCommandLineOption kubectl{QStringLiteral("kubectl"), QStringLiteral("kubectl to run."),
                               QStringLiteral("PATH")};
    QCommandLineOption kubeconfig{QStringLiteral("kubeconfig"), QStringLiteral("Kubeconfig."),
                                  QStringLiteral("FILE")};
    QCommandLineOption context{QStringLiteral("context"), QStringLiteral("Context."),
                               QStringLiteral("NAME")};
    QCommandLineOption timeout{QStringLiteral("timeout"), QStringLiteral("Seconds."),
                               QStringLiteral("SECONDS")};

    void addTo(QCommandLineParser &parser) const;
    // nullopt with `error` set when --timeout is not a number of seconds.
    std::optional<Kube::KubectlOptions> read(const QCommandLineParser &parser,
                                             QString *error) const;
};

// Help text lines for KubectlFlags.
QString kubectlFlagsHelp();

// What `gatehouse <command>` prints when kubectl did not succeed: kubectl's stderr is printed
// as it came (the caller did that); this adds the plain reason and what to try. Returns
// EXIT_KUBECTL.
int reportKubectlFailure(const QString &command, const Kube::KubectlResult &result,
                         ConsoleStreams streams);

} // namespace Cli
