#include "exportcommand.h"

#include "argumentparser.h"
#include "commandline.h"
#include "core/diagnosticcodes.h"
#include "validation/validator.h"
#include "validationformat.h"
#include "workspaceloader.h"

#include <QSaveFile>

namespace Cli {

QString exportHelp()
{
    return QStringLiteral(
        "Usage: gatehouse export PATH... [-o FILE]\n\n"
        "Writes every resource of the given files and folders as one multi-document YAML\n"
        "stream, ready for `kubectl apply -f -`. Documents keep their text, comments and order;\n"
        "blank documents are left out.\n\n"
        "Validates first, as `gatehouse validate` does: refuses (exit 1, nothing written) when a\n"
        "document is not valid YAML, because kubectl would reject the whole stream, and when any\n"
        "finding is an error, unless --force is given.\n\n"
        "Options:\n"
        "  -o, --output FILE  write to FILE (atomically) instead of standard output\n"
        "  --force            export despite validation errors (not despite broken YAML)\n"
        "  -h, --help         show this help\n");
}

int runExport(const QStringList &arguments, ConsoleStreams streams)
{
    QCommandLineParser parser;
    const QCommandLineOption outputOption({QStringLiteral("o"), QStringLiteral("output")},
                                          QStringLiteral("Output file."), QStringLiteral("FILE"));
    const QCommandLineOption forceOption(QStringLiteral("force"),
                                         QStringLiteral("Export despite validation errors."));
    parser.addOption(outputOption);
    parser.addOption(forceOption);
    const ParseResult parsed =
        parseArguments(parser, QStringLiteral("export"), arguments, exportHelp(), streams);
    if (parsed != ParseResult::Proceed)
        return exitCodeFor(parsed);
    const QStringList paths = parser.positionalArguments();
    if (paths.isEmpty()) {
        streams.err << QStringLiteral("gatehouse export: no PATH given\n\n") << exportHelp();
        return EXIT_USAGE;
    }

    Project::Workspace workspace;
    if (!loadPaths(workspace, paths, streams))
        return EXIT_USAGE;

    bool syntaxErrors = false;
    bool errors = false;
    for (const Core::Diagnostic &diagnostic : Validation::validate(workspace)) {
        if (diagnostic.level != Core::Level::Error)
            continue;
        const bool syntax = diagnostic.code == QLatin1String(Core::Codes::YAML_SYNTAX) ||
                            diagnostic.code == QLatin1String(Core::Codes::UNREADABLE_FILE);
        streams.err << findingText(diagnostic) << '\n';
        syntaxErrors |= syntax;
        errors = true;
    }
    if (syntaxErrors) {
        streams.err << QStringLiteral("gatehouse export: nothing written; fix the YAML first\n");
        return EXIT_FINDINGS;
    }
    if (errors && !parser.isSet(forceOption)) {
        streams.err << QStringLiteral("gatehouse export: nothing written; the cluster would "
                                      "reject or misapply this design (fix the errors, or use "
                                      "--force)\n");
        return EXIT_FINDINGS;
    }

    const QByteArray stream = workspace.exportStream();
    if (!parser.isSet(outputOption)) {
        writeRaw(streams.out, stream);
        return EXIT_OK;
    }
    QSaveFile file(parser.value(outputOption));
    if (!file.open(QIODevice::WriteOnly) || file.write(stream) != stream.size() || !file.commit()) {
        streams.err << QStringLiteral("gatehouse export: cannot write %1: %2\n")
                           .arg(parser.value(outputOption), file.errorString());
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

} // namespace Cli
