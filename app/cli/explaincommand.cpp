#include "explaincommand.h"

#include "argumentparser.h"
#include "commandline.h"
#include "core/diagnosticcodes.h"

namespace Cli {

QString explainHelp()
{
    return QStringLiteral(
        "Usage: gatehouse explain [CODE]\n\n"
        "Prints what a diagnostic code means and how to fix it; without CODE, lists every code.\n\n"
        "Options:\n"
        "  -h, --help  show this help\n");
}

int runExplain(const QStringList &arguments, ConsoleStreams streams)
{
    QCommandLineParser parser;
    const ParseResult parsed =
        parseArguments(parser, QStringLiteral("explain"), arguments, explainHelp(), streams);
    if (parsed != ParseResult::Proceed)
        return exitCodeFor(parsed);
    const QStringList codes = parser.positionalArguments();
    if (codes.isEmpty()) {
        for (const Core::DiagnosticCode &code : Core::allDiagnosticCodes())
            streams.out << QStringLiteral("%1  %2  %3\n")
                               .arg(QLatin1String(code.code),
                                    QString::fromLatin1(code.messageType).leftJustified(34),
                                    QLatin1String(code.summary));
        return EXIT_OK;
    }
    for (const QString &name : codes) {
        const Core::DiagnosticCode *code = Core::findDiagnosticCode(name);
        if (!code) {
            streams.err
                << QStringLiteral(
                       "gatehouse explain: unknown code \"%1\" (gatehouse explain lists them)\n")
                       .arg(name);
            return EXIT_USAGE;
        }
        streams.out << QStringLiteral("%1 %2 (%3)\n%4\n\n%5\n")
                           .arg(QLatin1String(code->code), QLatin1String(code->messageType),
                                Core::levelName(code->defaultLevel).toLower(),
                                QLatin1String(code->summary), QLatin1String(code->explanation));
    }
    return EXIT_OK;
}

} // namespace Cli
