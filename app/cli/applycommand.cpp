#include "applycommand.h"

#include "argumentparser.h"
#include "commandline.h"
#include "core/diagnosticcodes.h"
#include "kube/kubectloutput.h"
#include "kube/kubectlrun.h"
#include "kubectlflags.h"
#include "validation/validator.h"
#include "validationformat.h"
#include "workspaceloader.h"

namespace Cli {
namespace {

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
        syntaxErrors |= Core::isUnreadableInput(diagnostic);
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
    const Kube::DiffOutcome outcome = Kube::diffOutcome(result);
    if (outcome == Kube::DiffOutcome::NoDifferences) {
        writeRaw(streams.err, result.standardError);
        streams.err << QStringLiteral("gatehouse apply: no differences: %1 already matches\n")
                           .arg(target(options));
        return EXIT_OK;
    }
    writeRaw(streams.out, result.standardOutput);
    streams.out.flush();
    writeRaw(streams.err, result.standardError);
    if (outcome == Kube::DiffOutcome::Differences)
        return EXIT_FINDINGS;
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
