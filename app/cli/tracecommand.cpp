#include "tracecommand.h"

#include "argumentparser.h"
#include "commandline.h"
#include "compile/compiler.h"
#include "environment/localurl.h"
#include "route/decide.h"
#include "route/decisionformat.h"
#include "route/nearmisses.h"
#include "workspaceloader.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Cli {

QString traceHelp()
{
    return QStringLiteral(
        "Usage: gatehouse trace PATH... --request 'METHOD URL' [-H 'name: value']...\n"
        "                       [--sni NAME] [--sample X] [--output text|json]\n\n"
        "Shows what an Istio ingress gateway running the manifests in PATH would do with one\n"
        "request, and why: listener, filter chain, virtual host, every route considered and\n"
        "the reason each one lost, then the action.\n\n"
        "The URL's port is the Gateway server port (80 for http, 443 for https by default).\n"
        "Schemes: http, https (TLS with SNI = the URL host), tls and tcp (a connection only).\n\n"
        "Options:\n"
        "  --request 'METHOD URL'  the request, e.g. 'GET https://uk.bookinfo.com/productpage'\n"
        "  -H, --header 'n: v'     a request header (repeatable); 'host: x' overrides the Host\n"
        "  --sni NAME              the TLS SNI to send ('' for none); default: the URL host\n"
        "  --sample X              in [0,1): picks among weighted destinations (default 0)\n"
        "  --http-version V        1.1 (default) or 1.0\n"
        "  --env FILE              the local environment: a redirect also shows the matching\n"
        "                          URL of the local gateway (default port map without it)\n"
        "  --output text|json      output format (default text)\n"
        "  --cluster-domain D      domain of short names (default cluster.local)\n"
        "  -h, --help              show this help\n\n"
        "Exit status: 0 when the request was decided, 2 on usage or load errors.\n");
}

int runTrace(const QStringList &arguments, ConsoleStreams streams)
{
    QCommandLineParser parser;
    const QCommandLineOption requestOption(QStringLiteral("request"), QStringLiteral("Request."),
                                           QStringLiteral("METHOD URL"));
    const QCommandLineOption headerOption({QStringLiteral("H"), QStringLiteral("header")},
                                          QStringLiteral("Header."), QStringLiteral("NAME: VALUE"));
    const QCommandLineOption sniOption(QStringLiteral("sni"), QStringLiteral("SNI."),
                                       QStringLiteral("NAME"));
    const QCommandLineOption sampleOption(QStringLiteral("sample"), QStringLiteral("Sample."),
                                          QStringLiteral("X"));
    const QCommandLineOption versionOption(QStringLiteral("http-version"),
                                           QStringLiteral("HTTP version."), QStringLiteral("V"));
    const QCommandLineOption outputOption(QStringLiteral("output"), QStringLiteral("Format."),
                                          QStringLiteral("FORMAT"), QStringLiteral("text"));
    const QCommandLineOption domainOption(QStringLiteral("cluster-domain"),
                                          QStringLiteral("Domain."), QStringLiteral("DOMAIN"),
                                          QStringLiteral("cluster.local"));
    const QCommandLineOption envOption(QStringLiteral("env"), QStringLiteral("Environment."),
                                       QStringLiteral("FILE"));
    parser.addOptions({requestOption, headerOption, sniOption, sampleOption, versionOption,
                       outputOption, domainOption, envOption});
    const ParseResult parsed =
        parseArguments(parser, QStringLiteral("trace"), arguments, traceHelp(), streams);
    if (parsed != ParseResult::Proceed)
        return exitCodeFor(parsed);

    auto usageError = [&](const QString &message) {
        streams.err << QStringLiteral("gatehouse trace: %1\n\n").arg(message) << traceHelp();
        return EXIT_USAGE;
    };
    if (parser.positionalArguments().isEmpty())
        return usageError(QStringLiteral("no PATH given"));
    if (!parser.isSet(requestOption))
        return usageError(QStringLiteral("--request is required"));
    const QString output = parser.value(outputOption);
    if (output != QLatin1String("text") && output != QLatin1String("json"))
        return usageError(QStringLiteral("--output must be text or json"));

    const QString requestLine = parser.value(requestOption).trimmed();
    const qsizetype space = requestLine.indexOf(QLatin1Char(' '));
    const QString method = space < 0 ? QStringLiteral("GET") : requestLine.left(space);
    const QString url = space < 0 ? requestLine : requestLine.mid(space + 1).trimmed();
    QString error;
    std::optional<Route::Request> request = Route::Request::fromUrl(method, url, &error);
    if (!request)
        return usageError(error);
    for (const QString &header : parser.values(headerOption)) {
        const qsizetype colon = header.indexOf(QLatin1Char(':'));
        if (colon <= 0)
            return usageError(QStringLiteral("header \"%1\" is not 'name: value'").arg(header));
        const QString name = header.left(colon).trimmed().toLower();
        const QString value = header.mid(colon + 1).trimmed();
        if (name == QLatin1String("host") || name == QLatin1String(":authority"))
            request->authority = value;
        else
            request->headers.emplace_back(name, value);
    }
    if (parser.isSet(sniOption)) {
        const QString sni = parser.value(sniOption);
        request->sni = sni.isEmpty() ? std::nullopt : std::optional<QString>(sni);
    }
    if (parser.isSet(sampleOption)) {
        bool ok = false;
        request->sample = parser.value(sampleOption).toDouble(&ok);
        if (!ok || request->sample < 0 || request->sample >= 1)
            return usageError(QStringLiteral("--sample must be a number in [0,1)"));
    }
    if (parser.isSet(versionOption))
        request->httpVersion = parser.value(versionOption);

    Project::Workspace workspace;
    if (!loadPaths(workspace, parser.positionalArguments(), streams))
        return EXIT_USAGE;
    Compile::CompileOptions options;
    options.domainSuffix = parser.value(domainOption);
    const auto config = Compile::compile(workspace, options);
    const Route::Decision decision = Route::decideExplained(*config, *request);
    Environment::LocalEnvironment environment;
    if (parser.isSet(envOption)) {
        environment = Environment::LocalEnvironment::load(parser.value(envOption));
        for (const Core::Diagnostic &diagnostic : environment.diagnostics())
            streams.err << diagnostic.toText() << '\n';
    }
    // The Location is what the cluster sends; on this machine the same request goes to the
    // local port that stands for the gateway port.
    const QString local = decision.outcome == Route::Decision::Outcome::Redirect
                              ? Environment::localUrl(decision.location, environment)
                              : QString();

    if (output == QLatin1String("json")) {
        QJsonObject json = Route::decisionJson(decision);
        QJsonArray notes;
        for (const Core::Diagnostic &note : config->notes)
            notes.append(note.toText());
        json.insert(QStringLiteral("notes"), notes);
        if (!local.isEmpty())
            json.insert(QStringLiteral("localRedirect"), local);
        streams.out << QJsonDocument(json).toJson(QJsonDocument::Indented);
        return EXIT_OK;
    }
    streams.out << QStringLiteral("%1 %2\n").arg(request->method, url)
                << Route::decisionText(decision);
    if (!local.isEmpty())
        streams.out << QStringLiteral("locally: %1 (curl %2)\n")
                           .arg(local, Environment::curlResolveFor(local, environment));
    for (const Core::Diagnostic &note : config->notes)
        streams.err << note.toText() << '\n';
    return EXIT_OK;
}

} // namespace Cli
