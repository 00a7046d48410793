#include "echocommand.h"

#include "argumentparser.h"
#include "commandline.h"
#include "proxy/echoserver.h"
#include "quitonsignal.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace Cli {

QString echoHelp()
{
    return QStringLiteral(
        "Usage: gatehouse echo --port N [--bind ADDR] [--as HOST[:PORT][/SUBSET]]\n\n"
        "Runs the built-in echo upstream on its own, to stand in for a service: every HTTP/1.1\n"
        "request is answered with 200 and a JSON description of what arrived (destination,\n"
        "method, path with query, authority, headers with lower-case names, bodyBytes,\n"
        "protocol). Prints `listening ADDR:PORT`, then `ready`; stops on SIGINT or SIGTERM.\n\n"
        "Options:\n"
        "  --port N        the port to listen on (0: any free port)\n"
        "  --bind ADDR     the address to listen on (default 127.0.0.1)\n"
        "  --as DEST       the destination reported in the JSON, like reviews:9080/v2\n"
        "  -h, --help      show this help\n");
}

int runEcho(const QStringList &arguments, ConsoleStreams streams)
{
    QCommandLineParser parser;
    const QCommandLineOption portOption(QStringLiteral("port"), QStringLiteral("port"),
                                        QStringLiteral("port"));
    const QCommandLineOption bindOption(QStringLiteral("bind"), QStringLiteral("address"),
                                        QStringLiteral("address"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption asOption(QStringLiteral("as"), QStringLiteral("destination"),
                                      QStringLiteral("destination"));
    parser.addOptions({portOption, bindOption, asOption});
    const ParseResult parsed =
        parseArguments(parser, QStringLiteral("echo"), arguments, echoHelp(), streams);
    if (parsed != ParseResult::Proceed)
        return exitCodeFor(parsed);
    bool portOk = false;
    const uint port = parser.value(portOption).toUInt(&portOk);
    const QHostAddress address(parser.value(bindOption));
    if (!parser.isSet(portOption) || !portOk || port > 65535 || address.isNull()) {
        streams.err << QStringLiteral("gatehouse echo: --port N (0-65535) is required and --bind "
                                      "must be an IP address\n");
        return EXIT_USAGE;
    }
    Proxy::EchoIdentity identity;
    if (parser.isSet(asOption)) {
        static const QRegularExpression destination(
            QStringLiteral(R"(^([^:/\s]+)(?::(\d+))?(?:/([^/\s]+))?$)"));
        const QRegularExpressionMatch match = destination.match(parser.value(asOption));
        if (!match.hasMatch()) {
            streams.err << QStringLiteral("gatehouse echo: --as takes HOST[:PORT][/SUBSET]\n");
            return EXIT_USAGE;
        }
        identity.host = match.captured(1);
        if (!match.captured(2).isEmpty())
            identity.port = match.captured(2).toUInt();
        identity.subset = match.captured(3);
    }

    Proxy::EchoServer server(identity);
    if (!server.listen(address, quint16(port))) {
        streams.err << QStringLiteral("gatehouse echo: cannot listen on %1:%2: %3\n")
                           .arg(address.toString())
                           .arg(port)
                           .arg(server.errorString());
        return EXIT_USAGE;
    }
    quitOnTerminationSignals();
    streams.out << QStringLiteral("listening %1:%2\nready\n")
                       .arg(server.address().toString())
                       .arg(server.port());
    streams.out.flush();
    QCoreApplication::exec();
    return EXIT_OK;
}

} // namespace Cli
