#include "commandline.h"

#include "applycommand.h"
#include "certscommand.h"
#include "convertcommand.h"
#include "echocommand.h"
#include "explaincommand.h"
#include "exportcommand.h"
#include "importcommand.h"
#include "servecommand.h"
#include "testcommand.h"
#include "tracecommand.h"
#include "validatecommand.h"

#include <QFileInfo>

namespace Cli {
namespace {

struct Command {
    const char *name;
    const char *summary;
    QString (*help)();
    int (*run)(const QStringList &arguments, ConsoleStreams streams);
};

const Command COMMANDS[] = {
    {"validate", "check manifests and print positioned diagnostics", validateHelp, runValidate},
    {"export", "write every resource as one kubectl-ready YAML stream", exportHelp, runExport},
    {"apply", "validate, then apply the design to a cluster with your kubectl", applyHelp,
     runApply},
    {"import", "write a cluster's gateways and routes as files, one per namespace", importHelp,
     runImport},
    {"convert", "convert between Istio resources and the Kubernetes Gateway API", convertHelp,
     runConvert},
    {"trace", "show what the gateway does with one request, and why", traceHelp, runTrace},
    {"test", "run route test files through the route engine", testHelp, runTest},
    {"explain", "say what a diagnostic code means and how to fix it", explainHelp, runExplain},
    {"serve", "serve the design on this machine as Istio's ingress gateway would", serveHelp,
     runServe},
    {"echo", "run the built-in echo upstream to stand in for a service", echoHelp, runEcho},
    {"certs", "create, issue and inspect certificates for local TLS testing", certsHelp, runCerts},
};

const Command *findCommand(const QString &name)
{
    for (const Command &command : COMMANDS) {
        if (name == QLatin1String(command.name))
            return &command;
    }
    return nullptr;
}

int runHelp(const QStringList &arguments, ConsoleStreams streams)
{
    if (arguments.isEmpty()) {
        streams.out << usage();
        return EXIT_OK;
    }
    if (const Command *command = findCommand(arguments.first())) {
        streams.out << command->help();
        return EXIT_OK;
    }
    streams.err << QStringLiteral("gatehouse: no such command \"%1\"\n\n").arg(arguments.first())
                << usage();
    return EXIT_USAGE;
}

} // namespace

QString versionText()
{
    return QStringLiteral("gatehouse %1\n").arg(QStringLiteral(GATEHOUSE_VERSION));
}

QString usage()
{
    QString text = QStringLiteral(
        "Usage: gatehouse [PATH...]            open the desktop app (on files or folders)\n"
        "       gatehouse COMMAND [OPTIONS]    run a command-line tool\n\n"
        "Design, test and export Istio ingress gateways.\n\n"
        "Commands:\n");
    for (const Command &command : COMMANDS)
        text += QStringLiteral("  %1  %2\n")
                    .arg(QString::fromLatin1(command.name).leftJustified(10),
                         QLatin1String(command.summary));
    text += QStringLiteral("  %1  %2\n")
                .arg(QStringLiteral("help").leftJustified(10),
                     QStringLiteral("show help for a command (gatehouse help COMMAND)"));
    text += QStringLiteral("\nOptions:\n"
                           "  -h, --help     show this help\n"
                           "  -v, --version  show the version\n");
    return text;
}

bool wantsCommandLine(const QStringList &arguments)
{
    for (const QString &argument : arguments) {
        if (!QFileInfo::exists(argument))
            return true;
    }
    return false;
}

int run(const QStringList &arguments, ConsoleStreams streams)
{
    if (arguments.isEmpty()) {
        streams.err << usage();
        return EXIT_USAGE;
    }
    const QString first = arguments.first();
    const QStringList rest = arguments.mid(1);
    if (first == QLatin1String("--version") || first == QLatin1String("-v")) {
        streams.out << versionText();
        return EXIT_OK;
    }
    if (first == QLatin1String("--help") || first == QLatin1String("-h"))
        return runHelp({}, streams);
    if (first == QLatin1String("help"))
        return runHelp(rest, streams);
    if (const Command *command = findCommand(first))
        return command->run(rest, streams);
    if (first.startsWith(QLatin1Char('-')))
        streams.err << QStringLiteral("gatehouse: unknown option \"%1\"\n\n").arg(first);
    else
        streams.err << QStringLiteral("gatehouse: unknown command \"%1\"\n\n").arg(first);
    streams.err << usage();
    return EXIT_USAGE;
}

} // namespace Cli
