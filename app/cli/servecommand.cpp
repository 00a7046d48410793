#include "servecommand.h"

#include "argumentparser.h"
#include "commandline.h"
#include "quitonsignal.h"
#include "servesession.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace Cli {

QString serveHelp()
{
    return QStringLiteral(
        "Usage: gatehouse serve PATH... [--env FILE] [--bind ADDR] [--port GWPORT=LOCALPORT]...\n"
        "                       [--upstream DEST=HOST:PORT]... [--workers N] [--access-log "
        "FILE|-]\n\n"
        "Serves the Gateways, VirtualServices and DestinationRules in PATH on this machine as\n"
        "Istio's ingress gateway would. Prints one line per listener, e.g.\n"
        "  listening 127.0.0.1:8080 gateway-port=80 protocol=HTTP\n"
        "then `ready`. Gateway ports below 1024 are served on port+8000 unless mapped.\n"
        "Destinations without a local address are answered by the built-in echo upstream.\n"
        "Serves the design again when its files change or on SIGHUP; a design with errors is\n"
        "refused with its diagnostics and the previous one keeps serving. Stops on SIGINT or\n"
        "SIGTERM.\n\n"
        "Options:\n"
        "  --env FILE               the local environment file (listen address, ports, upstreams)\n"
        "  --bind ADDR              the address to listen on (default 127.0.0.1)\n"
        "  --port GW=LOCAL          serve gateway port GW on local port LOCAL (0: any free port)\n"
        "  --upstream DEST=ADDR     send destination DEST (host, host:port, host/subset,\n"
        "                           host:port/subset) to ADDR (HOST:PORT)\n"
        "  --workers N              worker threads (default: the number of cores)\n"
        "  --access-log FILE|-      write one line per request to FILE, or - for stdout\n"
        "  --no-tls-resumption      issue no TLS session tickets: every connection makes a full\n"
        "                           handshake (to measure or debug handshakes)\n"
        "  -h, --help               show this help\n\n"
        "Exit status: 0 after a clean stop, 1 when the design has errors or a port cannot be\n"
        "opened, 2 on usage errors.\n");
}

int runServe(const QStringList &arguments, ConsoleStreams streams)
{
    QCommandLineParser parser;
    const QCommandLineOption envOption(QStringLiteral("env"), QStringLiteral("Env."),
                                       QStringLiteral("FILE"));
    const QCommandLineOption bindOption(QStringLiteral("bind"), QStringLiteral("Bind."),
                                        QStringLiteral("ADDR"));
    const QCommandLineOption portOption(QStringLiteral("port"), QStringLiteral("Port."),
                                        QStringLiteral("GW=LOCAL"));
    const QCommandLineOption upstreamOption(QStringLiteral("upstream"), QStringLiteral("Upstream."),
                                            QStringLiteral("DEST=ADDR"));
    const QCommandLineOption workersOption(QStringLiteral("workers"), QStringLiteral("Workers."),
                                           QStringLiteral("N"));
    const QCommandLineOption resumptionOption(QStringLiteral("no-tls-resumption"),
                                              QStringLiteral("No TLS resumption."));
    const QCommandLineOption logOption(QStringLiteral("access-log"), QStringLiteral("Log."),
                                       QStringLiteral("FILE"));
    parser.addOptions({envOption, bindOption, portOption, upstreamOption, workersOption, logOption,
                       resumptionOption});
    const ParseResult parsed =
        parseArguments(parser, QStringLiteral("serve"), arguments, serveHelp(), streams);
    if (parsed != ParseResult::Proceed)
        return exitCodeFor(parsed);
    auto usageError = [&](const QString &message) {
        streams.err << QStringLiteral("gatehouse serve: %1\n\n").arg(message) << serveHelp();
        return EXIT_USAGE;
    };

    ServeRequest request;
    request.paths = parser.positionalArguments();
    if (request.paths.isEmpty())
        return usageError(QStringLiteral("no PATH given"));
    request.environmentFile = parser.value(envOption);
    request.bind = parser.value(bindOption);
    if (!request.bind.isEmpty() && QHostAddress(request.bind).isNull())
        return usageError(QStringLiteral("--bind takes an IP address"));
    static const QRegularExpression portPair(QStringLiteral(R"(^(\d{1,5})=(\d{1,5})$)"));
    for (const QString &value : parser.values(portOption)) {
        const QRegularExpressionMatch match = portPair.match(value);
        const uint gateway = match.captured(1).toUInt();
        const uint local = match.captured(2).toUInt();
        if (!match.hasMatch() || gateway == 0 || gateway > 65535 || local > 65535)
            return usageError(
                QStringLiteral("--port takes GWPORT=LOCALPORT, got \"%1\"").arg(value));
        request.ports.append({gateway, quint16(local)});
    }
    for (const QString &value : parser.values(upstreamOption)) {
        const qsizetype equals = value.indexOf(QLatin1Char('='));
        if (equals <= 0)
            return usageError(
                QStringLiteral("--upstream takes DEST=HOST:PORT, got \"%1\"").arg(value));
        Environment::LocalEnvironment probe;
        QString error;
        if (!probe.overrideUpstream(value.left(equals), value.mid(equals + 1), &error))
            return usageError(QStringLiteral("--upstream: %1").arg(error));
        request.upstreams.append({value.left(equals), value.mid(equals + 1)});
    }
    Proxy::ProxyOptions options;
    if (parser.isSet(workersOption)) {
        bool ok = false;
        options.workers = parser.value(workersOption).toInt(&ok);
        if (!ok || options.workers < 1 || options.workers > 64)
            return usageError(QStringLiteral("--workers takes a number from 1 to 64"));
    }
    options.tlsSessionResumption = !parser.isSet(resumptionOption);
    request.accessLog = parser.value(logOption);
    options.accessLog = !request.accessLog.isEmpty();

    ServeSession session(request, options, streams);
    if (!session.start())
        return EXIT_FINDINGS;
    quitOnTerminationSignals();
    onHangupSignal([&session] { session.load(false); });
    QCoreApplication::exec();
    return EXIT_OK;
}

} // namespace Cli
