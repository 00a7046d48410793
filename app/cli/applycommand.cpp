#include "applycommand.h"

#include "argumentparser.h"
#include "commandline.h"
#include "core/diagnosticcodes.h"
#include "kube/kubectloutput.h"
#include "kube/kubectlrun.h"
#include "validation/validator.h"
#include "validationformat.h"
#include "workspaceloader.h"

#include <cmath>

namespace Cli {
namespace {

const QString DEFAULT_TIMEOUT_SECONDS = QStringLiteral("60");

int usageError(ConsoleStreams streams, const QString &message)
{
    streams.err << QStringLiteral("gatehouse apply: %1\n\n").arg(message) << applyHelp();
    return EXIT_USAGE;
}

QString target(const Kube::KubectlOptions &options)
{
    return options.context.isEmpty() ? QStringLiteral("the current context")
                                     : QStringLiteral("context %1").arg(options.context);
}

// Prints the errors and warnings; false (with the reason on err) when the design must not go to
// the cluster: YAML kubectl could not read, or errors without --force.
bool validateForCluster(const Project::Workspace &workspace, bool force, ConsoleStreams streams)
{
    bool syntaxErrors = false;
    int errors = 0;
    for (const Core::Diagnostic &diagnostic : Validation::validate(workspace)) {
        if (diagnostic.level == Core::Level::Info)
            continue;
        streams.err << findingText(diagnostic) << '\n';
        if (diagnostic.level != Core::Level::Error)
            continue;
        ++errors;
        syntaxErrors |= diagnostic.code == QLatin1String(Core::Codes::YAML_SYNTAX) ||
                        diagnostic.code == QLatin1String(Core::Codes::UNREADABLE_FILE);
    }
    if (syntaxErrors) {
        streams.err << QStringLiteral("gatehouse apply: nothing sent; fix the YAML first\n");
        return false;
    }
    if (errors > 0 && !force) {
        streams.err << QStringLiteral("gatehouse apply: nothing sent; the cluster would reject "
                                      "or misapply this design (fix the errors, or use "
                                      "--force)\n");
        return false;
    }
    if (errors > 0)
        streams.err << QStringLiteral("gatehouse apply: sending despite %1 error(s) (--force)\n")
                           .arg(errors);
    return true;
}

int runDiff(const Kube::KubectlOptions &options, const QByteArray &stream,
            const Kube::ApplySettings &settings, ConsoleStreams streams)
{
    const Kube::KubectlResult result =
        Kube::runKubectl(options, Kube::diffCommand(stream, settings));
    switch (Kube::diffOutcome(result)) {
    case Kube::DiffOutcome::NoDifferences:
        writeRaw(streams.err, result.standardError);
        streams.err << QStringLiteral("gatehouse apply: no differences: %1 already matches\n")
                           .arg(target(options));
        return EXIT_OK;
    case Kube::DiffOutcome::Differences:
        writeRaw(streams.out, result.standardOutput);
        streams.out.flush();
        writeRaw(streams.err, result.standardError);
        return EXIT_FINDINGS;
    case Kube::DiffOutcome::Failed:
        break;
    }
    writeRaw(streams.out, result.standardOutput);
    streams.out.flush();
    writeRaw(streams.err, result.standardError);
    return reportKubectlFailure(QStringLiteral("apply"), result, streams);
}

int runApplyCommand(const Kube::KubectlOptions &options, const QByteArray &stream,
                    const Kube::ApplySettings &settings, ConsoleStreams streams)
{
    const Kube::KubectlResult result =
        Kube::runKubectl(options, Kube::applyCommand(stream, settings));
    QString error;
    const auto applied = Kube::parseApplyOutput(result.standardOutput, &error);
    if (applied) {
        for (const Kube::AppliedResource &resource : *applied)
            streams.out << resource.line() << '\n';
    } else {
        writeRaw(streams.out, result.standardOutput);
    }
    streams.out.flush();
    writeRaw(streams.err, result.standardError);
    if (!result.succeeded())
        return reportKubectlFailure(QStringLiteral("apply"), result, streams);
    if (!applied) {
        streams.err << QStringLiteral("gatehouse apply: %1\n").arg(error);
        return EXIT_KUBECTL;
    }
    const bool dryRun = settings.dryRun == Kube::DryRun::Server;
    streams.err << QStringLiteral("gatehouse apply: %1 resource(s) %2 %3\n")
                       .arg(applied->size())
                       .arg(dryRun ? QStringLiteral("accepted by a server dry run against")
                                   : QStringLiteral("applied to"),
                            target(options));
    return EXIT_OK;
}

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
    const QString text = parser.isSet(timeout) ? parser.value(timeout) : DEFAULT_TIMEOUT_SECONDS;
    bool ok = false;
    const double seconds = text.toDouble(&ok);
    if (!ok || !std::isfinite(seconds) || seconds < 0 || seconds > 24 * 3600) {
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
        "  --kubeconfig FILE     the kubeconfig file (default: kubectl's: $KUBECONFIG, else\n"
        "                        ~/.kube/config)\n"
        "  --kubectl PATH        the kubectl to run (default: kubectl on PATH)\n"
        "  --timeout SECONDS     stop kubectl after this long (default 60; 0: no limit)\n");
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

QString applyHelp()
{
    return QStringLiteral(
               "Usage: gatehouse apply PATH... [--context NAME] [-n NAMESPACE]\n"
               "                       [--dry-run=server | --diff] [--force]\n\n"
               "Sends every resource of the given files and folders to a cluster with your own\n"
               "kubectl, as `gatehouse export` writes them:\n\n"
               "  kubectl apply --server-side --field-manager=gatehouse [--dry-run=server] -f -\n\n"
               "Validates first, as `gatehouse validate` does, and prints the errors and\n"
               "warnings: refuses (exit 1, nothing sent) when a document is not valid YAML, and\n"
               "when any finding is an error, unless --force is given. Never adds a private key:\n"
               "only the Secrets in the files are sent.\n\n"
               "Prints one line per resource kubectl applied on standard output; kubectl's\n"
               "messages appear on standard error as kubectl wrote them.\n\n"
               "A careful first run: `--diff`, then `--dry-run=server`, then neither.\n\n"
               "Exit status: 0 applied (or, with --diff, no differences); 1 refused by\n"
               "validation (or, with --diff, there are differences); 2 on a usage error or a\n"
               "path that cannot be read; 3 when kubectl failed, was not found or timed out.\n\n"
               "Options:\n"
               "  -n, --namespace NAME  the namespace for documents that name none\n"
               "  --dry-run=server      let the API server check everything, change nothing\n"
               "  --diff                show what would change (kubectl diff --server-side) and\n"
               "                        apply nothing\n"
               "  --force               send despite validation errors (not despite broken\n"
               "                        YAML)\n"
               "  --force-conflicts     take over fields another manager owns (kubectl's\n"
               "                        --force-conflicts)\n") +
           kubectlFlagsHelp() + QStringLiteral("  -h, --help            show this help\n");
}

int runApply(const QStringList &arguments, ConsoleStreams streams)
{
    QCommandLineParser parser;
    const KubectlFlags kubectl;
    const QCommandLineOption namespaceOption({QStringLiteral("n"), QStringLiteral("namespace")},
                                             QStringLiteral("Namespace."), QStringLiteral("NAME"));
    const QCommandLineOption dryRunOption(QStringLiteral("dry-run"), QStringLiteral("Dry run."),
                                          QStringLiteral("MODE"));
    const QCommandLineOption diffOption(QStringLiteral("diff"), QStringLiteral("Diff only."));
    const QCommandLineOption forceOption(QStringLiteral("force"),
                                         QStringLiteral("Apply despite validation errors."));
    const QCommandLineOption conflictsOption(QStringLiteral("force-conflicts"),
                                             QStringLiteral("Force conflicts."));
    parser.addOptions({namespaceOption, dryRunOption, diffOption, forceOption, conflictsOption});
    kubectl.addTo(parser);
    const ParseResult parsed =
        parseArguments(parser, QStringLiteral("apply"), arguments, applyHelp(), streams);
    if (parsed != ParseResult::Proceed)
        return exitCodeFor(parsed);

    const QStringList paths = parser.positionalArguments();
    if (paths.isEmpty())
        return usageError(streams, QStringLiteral("no PATH given"));
    Kube::ApplySettings settings;
    settings.nameSpace = parser.value(namespaceOption);
    settings.forceConflicts = parser.isSet(conflictsOption);
    if (parser.isSet(dryRunOption)) {
        if (parser.value(dryRunOption) != QLatin1String("server"))
            return usageError(streams, QStringLiteral("--dry-run takes \"server\", not \"%1\" (a "
                                                      "client-side dry run checks less than "
                                                      "validation does)")
                                           .arg(parser.value(dryRunOption)));
        if (parser.isSet(diffOption))
            return usageError(streams, QStringLiteral("--diff applies nothing; give --diff or "
                                                      "--dry-run=server, not both"));
        settings.dryRun = Kube::DryRun::Server;
    }
    QString error;
    const std::optional<Kube::KubectlOptions> options = kubectl.read(parser, &error);
    if (!options)
        return usageError(streams, error);

    Project::Workspace workspace;
    if (!loadPaths(workspace, paths, streams))
        return EXIT_USAGE;
    if (!validateForCluster(workspace, parser.isSet(forceOption), streams))
        return EXIT_FINDINGS;
    const QByteArray stream = workspace.exportStream();
    if (stream.isEmpty()) {
        streams.err << QStringLiteral("gatehouse apply: nothing to send; the files hold no "
                                      "resources\n");
        return EXIT_USAGE;
    }
    // The findings show before kubectl runs, which may take until the timeout.
    streams.err.flush();
    if (parser.isSet(diffOption))
        return runDiff(*options, stream, settings, streams);
    return runApplyCommand(*options, stream, settings, streams);
}

} // namespace Cli
