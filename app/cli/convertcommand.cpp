#include "convertcommand.h"

#include "argumentparser.h"
#include "commandline.h"
#include "fromgatewayapi/translation.h"
#include "tls/atomicfile.h"
#include "togatewayapi/conversion.h"
#include "validationformat.h"
#include "workspaceloader.h"

#include <QJsonDocument>

namespace Cli {
namespace {

const QString TO_GATEWAY_API = QStringLiteral("gateway-api");
const QString TO_ISTIO = QStringLiteral("istio");

// Writes `bytes` to `path` atomically, or to standard output when `path` is empty.
bool writeOutput(const QString &path, const QByteArray &bytes, ConsoleStreams streams)
{
    if (path.isEmpty()) {
        writeRaw(streams.out, bytes);
        return true;
    }
    QString error;
    if (Tls::writeFileAtomically(path, bytes, Tls::FileAccess::Public, &error))
        return true;
    streams.err << QStringLiteral("gatehouse convert: %1\n").arg(error);
    return false;
}

int convertToGatewayApi(const Project::Workspace &workspace, const QCommandLineParser &parser,
                        ConsoleStreams streams)
{
    ToGatewayApi::Options options;
    if (parser.isSet(QStringLiteral("domain-suffix")))
        options.domainSuffix = parser.value(QStringLiteral("domain-suffix"));
    if (parser.isSet(QStringLiteral("l4-route-version")))
        options.l4RouteVersion = parser.value(QStringLiteral("l4-route-version"));
    if (parser.isSet(QStringLiteral("standard-channel"))) {
        options.corsFilter = false;
        options.retryField = false;
    }
    if (parser.isSet(QStringLiteral("no-istio-extensions")))
        options.istioExtensions = false;

    const ToGatewayApi::Conversion conversion = ToGatewayApi::convert(workspace, options);
    if (conversion.objects.empty()) {
        streams.err << QStringLiteral("gatehouse convert: the files hold no Istio Gateway or "
                                      "VirtualService to convert\n");
        return EXIT_FINDINGS;
    }
    if (!writeOutput(parser.value(QStringLiteral("output")), ToGatewayApi::toYaml(conversion),
                     streams))
        return EXIT_USAGE;

    // The loss report: on standard error unless a file is named, so the YAML on standard
    // output stays clean for kubectl.
    const QString reportPath = parser.value(QStringLiteral("report"));
    const bool json = parser.value(QStringLiteral("report-format")) == QLatin1String("json");
    const QByteArray report = json
                                  ? QJsonDocument(ToGatewayApi::lossReportJson(conversion)).toJson()
                                  : ToGatewayApi::lossReportText(conversion).toUtf8();
    if (reportPath.isEmpty()) {
        writeRaw(streams.err, report);
        return EXIT_OK;
    }
    return writeOutput(reportPath, report, streams) ? EXIT_OK : EXIT_USAGE;
}

int convertToIstio(const Project::Workspace &workspace, const QCommandLineParser &parser,
                   ConsoleStreams streams)
{
    FromGatewayApi::Options options;
    if (parser.isSet(QStringLiteral("domain-suffix")))
        options.domainSuffix = parser.value(QStringLiteral("domain-suffix"));
    const FromGatewayApi::Translation translation = FromGatewayApi::translate(workspace, options);
    bool errors = false;
    for (const Core::Diagnostic &diagnostic : translation.diagnostics) {
        streams.err << findingText(diagnostic) << '\n';
        errors |= diagnostic.level == Core::Level::Error;
    }
    if (translation.isEmpty()) {
        streams.err << QStringLiteral("gatehouse convert: the files hold no Gateway API Gateway "
                                      "or route that istiod would translate\n");
        return EXIT_FINDINGS;
    }
    if (!writeOutput(parser.value(QStringLiteral("output")), FromGatewayApi::toYaml(translation),
                     streams))
        return EXIT_USAGE;
    return errors ? EXIT_FINDINGS : EXIT_OK;
}

} // namespace

QString convertHelp()
{
    return QStringLiteral(
        "Usage: gatehouse convert --to gateway-api|istio PATH... [-o FILE] [options]\n\n"
        "--to gateway-api: Istio Gateways and VirtualServices become Kubernetes Gateway API\n"
        "resources (Gateway of class istio, HTTPRoute, TLSRoute, TCPRoute, ReferenceGrant).\n"
        "A loss report names every field with no Gateway API equivalent (fault, delegate,\n"
        "subsets, retry details, ...) and every place where Gateway API's match precedence\n"
        "would take a request to another route than the VirtualService's first match. It goes\n"
        "to standard error, or to --report FILE.\n\n"
        "--to istio: Gateway API resources become the Istio Gateways and VirtualServices\n"
        "istiod generates from them (names, annotations and route order as istiod makes\n"
        "them). What istiod would not translate is reported on standard error.\n\n"
        "The YAML goes to standard output, or atomically to -o FILE.\n\n"
        "Exit status: 0 when converted; 1 when there was nothing to convert (or, --to istio,\n"
        "a resource istiod would reject); 2 on a usage error or an unreadable path.\n\n"
        "Options:\n"
        "  --to API                 gateway-api or istio (required)\n"
        "  -o, --output FILE        write the YAML to FILE instead of standard output\n"
        "  --domain-suffix SUFFIX   cluster domain of service hosts (default cluster.local)\n"
        "  --report FILE            --to gateway-api: write the loss report to FILE\n"
        "  --report-format FORMAT   text (default) or json\n"
        "  --l4-route-version V     apiVersion of TLSRoute/TCPRoute: v1alpha2 (default) or v1\n"
        "  --standard-channel       the cluster has Gateway API's standard channel only: no\n"
        "                           CORS filter and no rules[].retry (reported as lost)\n"
        "  --no-istio-extensions    no Istio-specific Gateway API extensions (Hostname\n"
        "                           backends, client-certificate verification option)\n"
        "  -h, --help               show this help\n");
}

int runConvert(const QStringList &arguments, ConsoleStreams streams)
{
    QCommandLineParser parser;
    parser.addOptions({
        {QStringLiteral("to"), QStringLiteral("Target API."), QStringLiteral("API")},
        {{QStringLiteral("o"), QStringLiteral("output")},
         QStringLiteral("Output file."),
         QStringLiteral("FILE")},
        {QStringLiteral("domain-suffix"), QStringLiteral("Cluster domain."),
         QStringLiteral("SUFFIX")},
        {QStringLiteral("report"), QStringLiteral("Loss report file."), QStringLiteral("FILE")},
        {QStringLiteral("report-format"), QStringLiteral("Report format."),
         QStringLiteral("FORMAT"), QStringLiteral("text")},
        {QStringLiteral("l4-route-version"), QStringLiteral("TLSRoute/TCPRoute version."),
         QStringLiteral("V")},
        {QStringLiteral("standard-channel"), QStringLiteral("Standard channel only.")},
        {QStringLiteral("no-istio-extensions"), QStringLiteral("No Istio extensions.")},
    });
    const ParseResult parsed =
        parseArguments(parser, QStringLiteral("convert"), arguments, convertHelp(), streams);
    if (parsed != ParseResult::Proceed)
        return exitCodeFor(parsed);

    const auto usageError = [&](const QString &message) {
        streams.err << QStringLiteral("gatehouse convert: %1\n\n").arg(message) << convertHelp();
        return EXIT_USAGE;
    };
    const QString to = parser.value(QStringLiteral("to"));
    if (to != TO_GATEWAY_API && to != TO_ISTIO)
        return usageError(to.isEmpty() ? QStringLiteral("--to gateway-api or --to istio is "
                                                        "required")
                                       : QStringLiteral("--to %1: expected gateway-api or "
                                                        "istio")
                                             .arg(to));
    const QString format = parser.value(QStringLiteral("report-format"));
    if (format != QLatin1String("text") && format != QLatin1String("json"))
        return usageError(QStringLiteral("--report-format %1: expected text or json").arg(format));
    const QString l4Version = parser.value(QStringLiteral("l4-route-version"));
    if (parser.isSet(QStringLiteral("l4-route-version")) && l4Version != QLatin1String("v1") &&
        l4Version != QLatin1String("v1alpha2"))
        return usageError(
            QStringLiteral("--l4-route-version %1: expected v1alpha2 or v1").arg(l4Version));
    const QStringList paths = parser.positionalArguments();
    if (paths.isEmpty())
        return usageError(QStringLiteral("no PATH given"));

    Project::Workspace workspace;
    if (!loadPaths(workspace, paths, streams))
        return EXIT_USAGE;
    return to == TO_GATEWAY_API ? convertToGatewayApi(workspace, parser, streams)
                                : convertToIstio(workspace, parser, streams);
}

} // namespace Cli
