#include "testcommand.h"

#include "argumentparser.h"
#include "commandline.h"
#include "route/decisionformat.h"
#include "routetest/liverunner.h"
#include "routetest/routetestrunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QXmlStreamWriter>

namespace Cli {
namespace {

void writeJunit(QIODevice &device, const std::vector<RouteTest::RunResult> &runs,
                const QStringList &files)
{
    QXmlStreamWriter xml(&device);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("testsuites"));
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const RouteTest::RunResult &run = runs[i];
        xml.writeStartElement(QStringLiteral("testsuite"));
        xml.writeAttribute(QStringLiteral("name"), files.at(int(i)));
        xml.writeAttribute(QStringLiteral("tests"), QString::number(run.tests.size()));
        xml.writeAttribute(QStringLiteral("failures"), QString::number(run.failed()));
        xml.writeAttribute(QStringLiteral("errors"), QString::number(run.loadErrors.size()));
        for (const RouteTest::TestResult &test : run.tests) {
            xml.writeStartElement(QStringLiteral("testcase"));
            xml.writeAttribute(QStringLiteral("name"), test.name);
            xml.writeAttribute(QStringLiteral("classname"), files.at(int(i)));
            if (!test.passed()) {
                QStringList lines;
                for (const RouteTest::Failure &failure : test.failures)
                    lines << QStringLiteral("%1: expected %2, got %3")
                                 .arg(failure.key, failure.expected, failure.actual);
                xml.writeStartElement(QStringLiteral("failure"));
                xml.writeAttribute(QStringLiteral("message"), lines.join(QStringLiteral("; ")));
                xml.writeCharacters(Route::decisionText(test.decision));
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeEndDocument();
}

QJsonObject runJson(const RouteTest::RunResult &run, const QString &file)
{
    QJsonArray tests;
    for (const RouteTest::TestResult &test : run.tests) {
        QJsonArray failures;
        for (const RouteTest::Failure &failure : test.failures)
            failures.append(QJsonObject{{QStringLiteral("key"), failure.key},
                                        {QStringLiteral("expected"), failure.expected},
                                        {QStringLiteral("actual"), failure.actual}});
        QJsonObject entry{{QStringLiteral("name"), test.name},
                          {QStringLiteral("passed"), test.passed()},
                          {QStringLiteral("failures"), failures},
                          {QStringLiteral("decision"), Route::decisionJson(test.decision)}};
        tests.append(entry);
    }
    QJsonArray errors;
    for (const Core::Diagnostic &error : run.loadErrors)
        errors.append(error.toText());
    return QJsonObject{
        {QStringLiteral("file"), file},
        {QStringLiteral("tests"), tests},
        {QStringLiteral("errors"), errors},
        {QStringLiteral("coverage"),
         QJsonObject{
             {QStringLiteral("routes"), int(run.coverage.routes.size())},
             {QStringLiteral("covered"),
              int(run.coverage.routes.size() - run.coverage.uncovered().size())},
             {QStringLiteral("percent"), run.coverage.percent()},
             {QStringLiteral("uncovered"), QJsonArray::fromStringList(run.coverage.uncovered())}}}};
}

} // namespace

QString testHelp()
{
    return QStringLiteral(
        "Usage: gatehouse test FILE... [--config PATH]... [--fail-under PCT] [--junit FILE]\n"
        "                      [--output text|json] [--live]\n\n"
        "Runs route test files (see docs: route test file contract) through the route engine:\n"
        "each test's request is decided as the Istio ingress gateway would, and every\n"
        "expectation is checked. Prints a line per failing test with expected vs actual and the\n"
        "decision trace, the route coverage (routes no test reached), and last\n"
        "'N passed, N failed'.\n\n"
        "With --live each test also goes through the real local gateway on free loopback\n"
        "ports (the built-in echo answers every destination); a test fails when the gateway\n"
        "does not do what the pure decision says. HTTPS tests connect with the test's SNI;\n"
        "`protocol: tls` and `protocol: tcp` tests open a connection and read where the\n"
        "gateway relayed it. Stand-in certificates come from the local development CA.\n\n"
        "Options:\n"
        "  --config PATH       manifests to test (repeatable); replaces each file's `config`\n"
        "  --fail-under PCT    fail when route coverage is below PCT percent (default 0)\n"
        "  --junit FILE        also write JUnit XML to FILE\n"
        "  --output text|json  output format (default text)\n"
        "  --live              also run every test through the local gateway\n"
        "  --cluster-domain D  domain of short names (default cluster.local)\n"
        "  -h, --help          show this help\n\n"
        "Exit status: 0 when every test passes and coverage reaches --fail-under, 1 otherwise,\n"
        "2 when a test file or its config cannot be loaded.\n");
}

int runTest(const QStringList &arguments, ConsoleStreams streams)
{
    QCommandLineParser parser;
    const QCommandLineOption configOption(QStringLiteral("config"), QStringLiteral("Config."),
                                          QStringLiteral("PATH"));
    const QCommandLineOption failUnderOption(QStringLiteral("fail-under"),
                                             QStringLiteral("Coverage."), QStringLiteral("PCT"),
                                             QStringLiteral("0"));
    const QCommandLineOption junitOption(QStringLiteral("junit"), QStringLiteral("JUnit."),
                                         QStringLiteral("FILE"));
    const QCommandLineOption outputOption(QStringLiteral("output"), QStringLiteral("Format."),
                                          QStringLiteral("FORMAT"), QStringLiteral("text"));
    const QCommandLineOption liveOption(QStringLiteral("live"), QStringLiteral("Live mode."));
    const QCommandLineOption domainOption(QStringLiteral("cluster-domain"),
                                          QStringLiteral("Domain."), QStringLiteral("DOMAIN"),
                                          QStringLiteral("cluster.local"));
    parser.addOptions(
        {configOption, failUnderOption, junitOption, outputOption, liveOption, domainOption});
    const ParseResult parsed =
        parseArguments(parser, QStringLiteral("test"), arguments, testHelp(), streams);
    if (parsed != ParseResult::Proceed)
        return exitCodeFor(parsed);
    auto usageError = [&](const QString &message) {
        streams.err << QStringLiteral("gatehouse test: %1\n\n").arg(message) << testHelp();
        return EXIT_USAGE;
    };
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty())
        return usageError(QStringLiteral("no FILE given"));
    bool ok = false;
    const double failUnder = parser.value(failUnderOption).toDouble(&ok);
    if (!ok || failUnder < 0 || failUnder > 100)
        return usageError(QStringLiteral("--fail-under must be a percentage from 0 to 100"));
    const QString output = parser.value(outputOption);
    if (output != QLatin1String("text") && output != QLatin1String("json"))
        return usageError(QStringLiteral("--output must be text or json"));

    std::vector<RouteTest::RunResult> runs;
    bool loadFailed = false;
    for (const QString &path : files) {
        const RouteTest::LoadedFile loaded = RouteTest::loadTestFile(path);
        RouteTest::RunResult run;
        if (!loaded.ok()) {
            run.loadErrors = loaded.diagnostics;
        } else {
            Compile::CompileOptions options;
            options.domainSuffix = parser.value(domainOption);
            // A fresh gateway per file: each file serves its own config.
            std::unique_ptr<RouteTest::LiveRunner> live;
            if (parser.isSet(liveOption))
                live = std::make_unique<RouteTest::LiveRunner>();
            run = RouteTest::runTestFile(loaded, parser.values(configOption), options, live.get());
        }
        for (const Core::Diagnostic &error : run.loadErrors)
            streams.err << error.toText() << '\n';
        loadFailed = loadFailed || !run.loadErrors.isEmpty();
        runs.push_back(std::move(run));
    }

    int passed = 0;
    int failed = 0;
    RouteTest::Coverage total;
    for (const RouteTest::RunResult &run : runs) {
        passed += run.passed();
        failed += run.failed();
        total.routes += run.coverage.routes;
        total.covered += run.coverage.covered;
    }

    if (output == QLatin1String("json")) {
        QJsonArray array;
        for (std::size_t i = 0; i < runs.size(); ++i)
            array.append(runJson(runs[i], files.at(int(i))));
        streams.out << QJsonDocument(QJsonObject{{QStringLiteral("files"), array},
                                                 {QStringLiteral("passed"), passed},
                                                 {QStringLiteral("failed"), failed},
                                                 {QStringLiteral("coverage"), total.percent()}})
                           .toJson(QJsonDocument::Indented);
    } else {
        for (const RouteTest::RunResult &run : runs) {
            for (const RouteTest::TestResult &test : run.tests) {
                if (test.passed())
                    continue;
                streams.out << QStringLiteral("FAIL %1 (%2)\n").arg(test.name, test.file);
                for (const RouteTest::Failure &failure : test.failures)
                    streams.out << QStringLiteral("  %1: expected %2, got %3\n")
                                       .arg(failure.key, failure.expected, failure.actual);
                streams.out << Route::decisionText(test.decision, QStringLiteral("    "));
            }
        }
        const QStringList uncovered = total.uncovered();
        streams.out << QStringLiteral("coverage: %1 of %2 routes (%3%)\n")
                           .arg(total.routes.size() - uncovered.size())
                           .arg(total.routes.size())
                           .arg(total.percent(), 0, 'f', 1);
        for (const QString &route : uncovered)
            streams.out << QStringLiteral("  not reached: %1\n").arg(route);
        streams.out << QStringLiteral("%1 passed, %2 failed\n").arg(passed).arg(failed);
    }
    streams.out.flush();

    if (parser.isSet(junitOption)) {
        QSaveFile junit(parser.value(junitOption));
        if (!junit.open(QIODevice::WriteOnly)) {
            streams.err
                << QStringLiteral("gatehouse test: cannot write %1\n").arg(junit.fileName());
            return EXIT_USAGE;
        }
        writeJunit(junit, runs, files);
        junit.commit();
    }
    if (loadFailed)
        return EXIT_USAGE;
    return failed == 0 && total.percent() + 1e-9 >= failUnder ? EXIT_OK : EXIT_FINDINGS;
}

} // namespace Cli
