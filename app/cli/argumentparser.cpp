#include "argumentparser.h"

#include "commandline.h"

#include <QIODevice>

namespace Cli {

ParseResult parseArguments(QCommandLineParser &parser, const QString &command,
                           const QStringList &arguments, const QString &help,
                           ConsoleStreams streams)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")},
                                        QStringLiteral("Show this help."));
    parser.addOption(helpOption);
    if (!parser.parse(QStringList{QStringLiteral("gatehouse ") + command} + arguments)) {
        streams.err << QStringLiteral("gatehouse %1: %2\n\n").arg(command, parser.errorText())
                    << help;
        return ParseResult::UsageError;
    }
    if (parser.isSet(helpOption)) {
        streams.out << help;
        return ParseResult::HelpShown;
    }
    return ParseResult::Proceed;
}

int exitCodeFor(ParseResult result)
{
    return result == ParseResult::HelpShown ? EXIT_OK : EXIT_USAGE;
}

void writeRaw(QTextStream &out, const QByteArray &bytes)
{
    out.flush();
    if (QIODevice *device = out.device())
        device->write(bytes);
    else
        out << QString::fromUtf8(bytes);
}

} // namespace Cli
