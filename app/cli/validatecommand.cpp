#include "validatecommand.h"

#include "argumentparser.h"
#include "commandline.h"
#include "workspaceloader.h"

namespace Cli {

QString validateHelp()
{
    return QStringLiteral(
        "Usage: gatehouse validate PATH...\n\n"
        "Checks manifest files (and every *.yaml / *.yml under folders) and prints one line per\n"
        "finding:\n\n"
        "  LEVEL file:line:column Kind namespace/name: message\n\n"
        "Exit status: 0 when there is no error (warnings allowed), 1 when any error was found,\n"
        "2 on a usage error or a path that cannot be read.\n\n"
        "Options:\n"
        "  -h, --help  show this help\n");
}

int runValidate(const QStringList &arguments, ConsoleStreams streams)
{
    QCommandLineParser parser;
    const ParseResult parsed =
        parseArguments(parser, QStringLiteral("validate"), arguments, validateHelp(), streams);
    if (parsed != ParseResult::Proceed)
        return exitCodeFor(parsed);
    const QStringList paths = parser.positionalArguments();
    if (paths.isEmpty()) {
        streams.err << QStringLiteral("gatehouse validate: no PATH given\n\n") << validateHelp();
        return EXIT_USAGE;
    }

    Project::Workspace workspace;
    const bool readable = loadPaths(workspace, paths, streams);
    const Core::Diagnostics diagnostics = workspace.diagnostics();
    int errors = 0;
    int warnings = 0;
    for (const Core::Diagnostic &diagnostic : diagnostics) {
        if (!diagnostic.subject.position.isValid() && diagnostic.subject.kind.isEmpty() &&
            diagnostic.documentNumber == 0)
            continue; // unreadable path, already reported by the loader
        streams.out << diagnostic.toText() << '\n';
        errors += diagnostic.level == Core::Level::Error;
        warnings += diagnostic.level == Core::Level::Warning;
    }
    streams.out.flush();
    const int resources = workspace.documents().size();
    streams.err << QStringLiteral("%1 file(s), %2 document(s): %3 error(s), %4 warning(s)\n")
                       .arg(workspace.files().size())
                       .arg(resources)
                       .arg(errors)
                       .arg(warnings);
    if (!readable)
        return EXIT_USAGE;
    return errors > 0 ? EXIT_FINDINGS : EXIT_OK;
}

} // namespace Cli
