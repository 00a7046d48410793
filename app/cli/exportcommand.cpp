#include "exportcommand.h"

#include "argumentparser.h"
#include "commandline.h"
#include "core/diagnosticcodes.h"
#include "workspaceloader.h"

#include <QSaveFile>

namespace Cli {

QString exportHelp()
{
    return QStringLiteral(
        "Usage: gatehouse export PATH... [-o FILE]\n\n"
        "Writes every resource of the given files and folders as one multi-document YAML\n"
        "stream, ready for `kubectl apply -f -`. Documents keep their text, comments and order;\n"
        "blank documents are left out. Refuses (exit 1) when a document is not valid YAML,\n"
        "because kubectl would reject the whole stream.\n\n"
        "Options:\n"
        "  -o, --output FILE  write to FILE (atomically) instead of standard output\n"
        "  -h, --help         show this help\n");
}

int runExport(const QStringList &arguments, ConsoleStreams streams)
{
    QCommandLineParser parser;
    const QCommandLineOption outputOption({QStringLiteral("o"), QStringLiteral("output")},
                                          QStringLiteral("Output file."), QStringLiteral("FILE"));
    parser.addOption(outputOption);
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
    for (const Core::Diagnostic &diagnostic : workspace.diagnostics()) {
        if (diagnostic.code == QLatin1String(Core::Codes::YAML_SYNTAX) ||
            diagnostic.code == QLatin1String(Core::Codes::UNREADABLE_FILE)) {
            streams.err << diagnostic.toText() << '\n';
            syntaxErrors = true;
        }
    }
    if (syntaxErrors) {
        streams.err << QStringLiteral("gatehouse export: nothing written; fix the YAML first\n");
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
