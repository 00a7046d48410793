#include "validatecommand.h"

#include "argumentparser.h"
#include "commandline.h"
#include "core/diagnosticcodes.h"
#include "validation/validator.h"
#include "validationformat.h"
#include "workspaceloader.h"

namespace Cli {

QString validateHelp()
{
    return QStringLiteral(
        "Usage: gatehouse validate PATH... [options]\n\n"
        "Checks manifest files (and every *.yaml / *.yml under folders) the way the cluster\n"
        "would: YAML and schema errors, Istio's admission rules (IST0106/IST0133), the\n"
        "istioctl analyze checks (IST0xxx), what istiod silently drops when it builds the\n"
        "gateway (GH2xxx) and Gatehouse's own findings (GH4xxx). `gatehouse explain CODE` says\n"
        "what a code means.\n\n"
        "Text output, one line per finding:\n\n"
        "  Error [IST0101] (VirtualService default/reviews file.yaml:12:5) Referenced gateway "
        "...\n\n"
        "Exit status: 0 when every finding is below the failure threshold, 1 when one is at or\n"
        "above it, 2 on a usage error or a path that cannot be read.\n\n"
        "Options:\n"
        "  -o, --output FORMAT           text (default), json or sarif\n"
        "  --failure-threshold LEVEL     Error (default), Warning or Info\n"
        "  --output-threshold LEVEL      print only findings at or above LEVEL (default Info)\n"
        "  --suppress RULE               CODE=Kind namespace/name (or istioctl's Kind\n"
        "                                name.namespace); * wildcards; repeatable. Resources\n"
        "                                can also carry the galley.istio.io/analyze-suppress\n"
        "                                annotation (comma-separated codes)\n"
        "  --analyzer NAME               run only this analyzer (repeatable; --list-analyzers)\n"
        "  --list-analyzers              print the analyzer names and exit\n"
        "  --strict-references           report references to kinds the files do not define\n"
        "                                at all (Services, pods, Secrets), as istioctl does\n"
        "  --local                       also report what the local proxy will stand in for\n"
        "                                (echo upstreams, development certificates)\n"
        "  --env FILE                    the local environment file (checked too); implies\n"
        "                                --local\n"
        "  --cluster-domain SUFFIX       the cluster's DNS suffix (default cluster.local)\n"
        "  -h, --help                    show this help\n");
}

namespace {

std::optional<Core::Level> parseLevel(const QString &text)
{
    if (text.compare(QLatin1String("error"), Qt::CaseInsensitive) == 0)
        return Core::Level::Error;
    if (text.compare(QLatin1String("warning"), Qt::CaseInsensitive) == 0)
        return Core::Level::Warning;
    if (text.compare(QLatin1String("info"), Qt::CaseInsensitive) == 0)
        return Core::Level::Info;
    return std::nullopt;
}

// Error is the most severe: a lower enum value.
bool atOrAbove(Core::Level level, Core::Level threshold)
{
    return int(level) <= int(threshold);
}

int usageError(ConsoleStreams streams, const QString &message)
{
    streams.err << QStringLiteral("gatehouse validate: %1\n").arg(message);
    return EXIT_USAGE;
}

} // namespace

int runValidate(const QStringList &arguments, ConsoleStreams streams)
{
    QCommandLineParser parser;
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("format"), QStringLiteral("format"),
                                    QStringLiteral("text"));
    const QCommandLineOption failureThreshold(QStringLiteral("failure-threshold"),
                                              QStringLiteral("level"), QStringLiteral("level"),
                                              QStringLiteral("Error"));
    const QCommandLineOption outputThreshold(QStringLiteral("output-threshold"),
                                             QStringLiteral("level"), QStringLiteral("level"),
                                             QStringLiteral("Info"));
    const QCommandLineOption suppress(QStringLiteral("suppress"), QStringLiteral("rule"),
                                      QStringLiteral("rule"));
    const QCommandLineOption analyzer(QStringLiteral("analyzer"), QStringLiteral("name"),
                                      QStringLiteral("name"));
    const QCommandLineOption listAnalyzers(QStringLiteral("list-analyzers"),
                                           QStringLiteral("list"));
    const QCommandLineOption strict(QStringLiteral("strict-references"), QStringLiteral("strict"));
    const QCommandLineOption local(QStringLiteral("local"), QStringLiteral("local"));
    const QCommandLineOption environmentFile(QStringLiteral("env"), QStringLiteral("file"),
                                             QStringLiteral("file"));
    const QCommandLineOption clusterDomain(QStringLiteral("cluster-domain"),
                                           QStringLiteral("suffix"), QStringLiteral("suffix"),
                                           QStringLiteral("cluster.local"));
    parser.addOptions({output, failureThreshold, outputThreshold, suppress, analyzer, listAnalyzers,
                       strict, local, environmentFile, clusterDomain});
    const ParseResult parsed =
        parseArguments(parser, QStringLiteral("validate"), arguments, validateHelp(), streams);
    if (parsed != ParseResult::Proceed)
        return exitCodeFor(parsed);
    if (parser.isSet(listAnalyzers)) {
        for (const QString &name : Validation::analyzerNames())
            streams.out << name << '\n';
        return EXIT_OK;
    }

    const QString format = parser.value(output).toLower();
    if (format != QLatin1String("text") && format != QLatin1String("json") &&
        format != QLatin1String("sarif"))
        return usageError(streams, QStringLiteral("unknown output format \"%1\" (text, json or "
                                                  "sarif)")
                                       .arg(parser.value(output)));
    const std::optional<Core::Level> threshold = parseLevel(parser.value(failureThreshold));
    const std::optional<Core::Level> shown = parseLevel(parser.value(outputThreshold));
    if (!threshold || !shown)
        return usageError(streams, QStringLiteral("a threshold is Error, Warning or Info"));

    Validation::Options options;
    for (const QString &rule : parser.values(suppress)) {
        QString error;
        const auto suppression = Validation::Suppression::parse(rule, &error);
        if (!suppression)
            return usageError(streams, error);
        options.suppressions.append(*suppression);
    }
    const QStringList known = Validation::analyzerNames();
    for (const QString &name : parser.values(analyzer)) {
        if (!known.contains(name, Qt::CaseInsensitive))
            return usageError(streams, QStringLiteral("unknown analyzer \"%1\" (see "
                                                      "--list-analyzers)")
                                           .arg(name));
        options.analyzers << name;
    }
    options.input.strictReferences = parser.isSet(strict);
    options.input.domainSuffix = parser.value(clusterDomain);
    options.compile.domainSuffix = parser.value(clusterDomain);
    options.local.enabled = parser.isSet(local) || parser.isSet(environmentFile);
    if (parser.isSet(environmentFile)) {
        auto environment = std::make_shared<Environment::LocalEnvironment>(
            Environment::LocalEnvironment::load(parser.value(environmentFile)));
        const Core::Diagnostics &problems = environment->diagnostics();
        if (std::any_of(problems.begin(), problems.end(), [](const Core::Diagnostic &d) {
                return d.code == QLatin1String(Core::Codes::UNREADABLE_FILE);
            }))
            return usageError(streams, problems.front().message);
        options.local.environment = std::move(environment);
    }

    const QStringList paths = parser.positionalArguments();
    if (paths.isEmpty()) {
        streams.err << QStringLiteral("gatehouse validate: no PATH given\n\n") << validateHelp();
        return EXIT_USAGE;
    }
    Project::Workspace workspace;
    const bool readable = loadPaths(workspace, paths, streams);
    Core::Diagnostics findings = Validation::validate(workspace, options);
    if (options.local.environment)
        findings = options.local.environment->diagnostics() + findings;
    // Unreadable paths were already reported by the loader.
    findings.removeIf([](const Core::Diagnostic &d) {
        return d.documentNumber == 0 && d.subject.kind.isEmpty() && !d.subject.position.isValid();
    });
    const bool failed = std::any_of(findings.begin(), findings.end(),
                                    [&](const auto &d) { return atOrAbove(d.level, *threshold); });
    findings.removeIf([&](const Core::Diagnostic &d) { return !atOrAbove(d.level, *shown); });

    if (format == QLatin1String("json")) {
        writeRaw(streams.out, findingsJson(findings));
    } else if (format == QLatin1String("sarif")) {
        writeRaw(streams.out, findingsSarif(findings, QStringLiteral(GATEHOUSE_VERSION)));
    } else {
        for (const Core::Diagnostic &diagnostic : findings)
            streams.out << findingText(diagnostic) << '\n';
    }
    streams.out.flush();
    int counts[3] = {0, 0, 0};
    for (const Core::Diagnostic &diagnostic : findings)
        ++counts[int(diagnostic.level)];
    streams.err << QStringLiteral("%1 file(s), %2 document(s): %3 error(s), %4 warning(s), %5 "
                                  "info\n")
                       .arg(workspace.files().size())
                       .arg(workspace.documents().size())
                       .arg(counts[0])
                       .arg(counts[1])
                       .arg(counts[2]);
    if (!readable)
        return EXIT_USAGE;
    return failed ? EXIT_FINDINGS : EXIT_OK;
}

} // namespace Cli
