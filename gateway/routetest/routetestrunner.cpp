#include "routetestrunner.h"

#include "compile/compiler.h"
#include "core/diagnosticcodes.h"
#include "liverunner.h"
#include "route/decide.h"
#include "route/nearmisses.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

namespace RouteTest {
namespace {

QString orNone(const QString &value)
{
    return value.isEmpty() ? QStringLiteral("(none)") : value;
}

void check(std::vector<Failure> &failures, const QString &key,
           const std::optional<QString> &expected, const QString &actual)
{
    if (expected && *expected != actual)
        failures.push_back({key, *expected, orNone(actual)});
}

std::optional<QString> headerValue(const std::vector<std::pair<QString, QString>> &headers,
                                   const QString &name)
{
    for (const auto &[key, value] : headers) {
        if (key == name)
            return value;
    }
    return std::nullopt;
}

void checkHeaders(std::vector<Failure> &failures, const QString &key,
                  const Istio::OrderedMap<std::optional<QString>> &expected,
                  const std::vector<std::pair<QString, QString>> &actual, bool available)
{
    for (const auto &[name, value] : expected.entries) {
        const QString lower = name.toLower();
        const std::optional<QString> got = available ? headerValue(actual, lower) : std::nullopt;
        const QString label = key + QLatin1Char('.') + lower;
        if (!available) {
            failures.push_back({label, value.value_or(QStringLiteral("(absent)")),
                                QStringLiteral("(the request was not forwarded)")});
        } else if (!value && got) {
            failures.push_back({label, QStringLiteral("(absent)"), *got});
        } else if (value && got != value) {
            failures.push_back({label, *value, got.value_or(QStringLiteral("(absent)"))});
        }
    }
}

// host[:port][/subset]: the port is compared only when the expectation names one.
bool destinationMatches(const QString &expected, const Runtime::Cluster &cluster)
{
    QString rest = expected;
    QString subset;
    const qsizetype slash = rest.indexOf(QLatin1Char('/'));
    if (slash >= 0) {
        subset = rest.mid(slash + 1);
        rest = rest.left(slash);
    }
    std::optional<quint32> port;
    const qsizetype colon = rest.lastIndexOf(QLatin1Char(':'));
    if (colon > 0) {
        port = rest.mid(colon + 1).toUInt();
        rest = rest.left(colon);
    }
    return rest.toLower() == cluster.host && subset == cluster.subset &&
           (!port || port == cluster.port);
}

Route::Request buildRequest(const RequestSpec &spec, const std::optional<RequestSpec> &defaults)
{
    RequestSpec merged = defaults.value_or(RequestSpec{});
    if (spec.url)
        merged.url = spec.url;
    if (spec.method)
        merged.method = spec.method;
    if (spec.body)
        merged.body = spec.body;
    if (spec.sni)
        merged.sni = spec.sni;
    if (spec.protocol)
        merged.protocol = spec.protocol;
    if (spec.sample)
        merged.sample = spec.sample;
    for (const auto &[name, value] : spec.headers.entries)
        merged.headers.set(name, value);

    QString error;
    Route::Request request = Route::Request::fromUrl(merged.method.value_or(QStringLiteral("GET")),
                                                     merged.url.value_or(QString()), &error)
                                 .value_or(Route::Request{});
    const Protocol protocol = merged.protocol.value_or(Protocol::Http);
    if (protocol == Protocol::Tls) {
        request.protocol = Route::Request::Protocol::Tls;
        request.tls = true;
    } else if (protocol == Protocol::Tcp) {
        request.protocol = Route::Request::Protocol::Tcp;
        request.tls = false;
        request.sni.reset();
    }
    if (request.tls && !request.sni) {
        QString host = request.authority;
        const qsizetype colon = host.lastIndexOf(QLatin1Char(':'));
        request.sni = colon > 0 ? host.left(colon) : host;
    }
    if (merged.sni)
        request.sni = merged.sni->isEmpty() ? std::nullopt : merged.sni;
    for (const auto &[name, value] : merged.headers.entries) {
        const QString lower = name.toLower();
        if (lower == QLatin1String("host") || lower == QLatin1String(":authority"))
            request.authority = value;
        else
            request.setHeader(lower, value);
    }
    request.sample = merged.sample.value_or(0);
    return request;
}

bool sameVerdict(const Route::Decision &pure, const Route::Decision &live)
{
    using Outcome = Route::Decision::Outcome;
    if (pure.outcome != live.outcome)
        return false;
    switch (pure.outcome) {
    case Outcome::Forward:
    case Outcome::TcpForward:
        return pure.cluster && live.cluster && pure.cluster->describe() == live.cluster->describe();
    case Outcome::Redirect:
        return pure.status == live.status && pure.location == live.location;
    case Outcome::ConnectionClosed:
        return true;
    default:
        return pure.status == live.status;
    }
}

// The test through the real gateway: expectations are checked against what it did, and it must
// agree with the pure decision.
void runLive(LiveRunner &live, const Route::Request &request, const TestCase &test,
             TestResult &result)
{
    const QByteArray body =
        test.request && test.request->body ? test.request->body->toUtf8() : QByteArray();
    Route::Decision decision = live.observe(request, body, result.decision);
    decision.trace = result.decision.trace;
    if (test.expect)
        result.failures = compare(*test.expect, decision);
    if (!sameVerdict(result.decision, decision))
        result.failures.push_back(
            {QStringLiteral("live"), result.decision.summary(), decision.summary()});
    result.decision = std::move(decision);
}

QString routeKey(const Runtime::SourceRef &vs, const QString &label)
{
    return vs.qualifiedName() + QLatin1Char(' ') + label;
}

} // namespace

std::vector<Failure> compare(const Expectation &expect, const Route::Decision &decision)
{
    std::vector<Failure> failures;
    check(failures, QStringLiteral("gateway"), expect.gateway,
          decision.server ? decision.server->gateway.qualifiedName() : QString());
    check(failures, QStringLiteral("server"), expect.server,
          decision.server ? decision.server->portName : QString());
    check(failures, QStringLiteral("virtualService"), expect.virtualService,
          decision.virtualService ? decision.virtualService->qualifiedName() : QString());
    if (expect.route && *expect.route != decision.routeName && *expect.route != decision.routeLabel)
        failures.push_back(
            {QStringLiteral("route"), *expect.route,
             orNone(decision.routeName.isEmpty() ? decision.routeLabel
                                                 : decision.routeName + QStringLiteral(" (") +
                                                       decision.routeLabel + QLatin1Char(')'))});
    const bool forwarded = decision.outcome == Route::Decision::Outcome::Forward ||
                           decision.outcome == Route::Decision::Outcome::TcpForward;
    if (expect.destination && (!forwarded || !decision.cluster ||
                               !destinationMatches(*expect.destination, *decision.cluster)))
        failures.push_back(
            {QStringLiteral("destination"), *expect.destination,
             forwarded && decision.cluster ? decision.cluster->describe() : decision.summary()});
    if (expect.status && (decision.status == 0 || forwarded || *expect.status != decision.status))
        failures.push_back({QStringLiteral("status"), QString::number(*expect.status),
                            decision.status && !forwarded ? QString::number(decision.status)
                                                          : decision.summary()});
    if (expect.redirect && (decision.outcome != Route::Decision::Outcome::Redirect ||
                            *expect.redirect != decision.location))
        failures.push_back({QStringLiteral("redirect"), *expect.redirect,
                            decision.location.isEmpty() ? decision.summary() : decision.location});
    if (expect.path && (decision.outcome != Route::Decision::Outcome::Forward ||
                        *expect.path != decision.upstreamPath))
        failures.push_back({QStringLiteral("path"), *expect.path,
                            decision.outcome == Route::Decision::Outcome::Forward
                                ? decision.upstreamPath
                                : decision.summary()});
    if (expect.authority && (decision.outcome != Route::Decision::Outcome::Forward ||
                             *expect.authority != decision.upstreamAuthority))
        failures.push_back({QStringLiteral("authority"), *expect.authority,
                            decision.outcome == Route::Decision::Outcome::Forward
                                ? decision.upstreamAuthority
                                : decision.summary()});
    checkHeaders(failures, QStringLiteral("requestHeaders"), expect.requestHeaders,
                 decision.upstreamHeaders, decision.outcome == Route::Decision::Outcome::Forward);
    std::vector<std::pair<QString, QString>> response = decision.responseHeaders;
    checkHeaders(failures, QStringLiteral("responseHeaders"), expect.responseHeaders, response,
                 decision.outcome != Route::Decision::Outcome::ConnectionClosed &&
                     decision.outcome != Route::Decision::Outcome::TcpForward);
    if (expect.closed && *expect.closed != decision.isClosed())
        failures.push_back({QStringLiteral("closed"),
                            *expect.closed ? QStringLiteral("true") : QStringLiteral("false"),
                            decision.isClosed()
                                ? QStringLiteral("true (%1)").arg(decision.closeReason)
                                : QStringLiteral("false (%1)").arg(decision.summary())});
    return failures;
}

QStringList Coverage::uncovered() const
{
    QStringList result;
    for (const QString &route : routes) {
        if (!covered.contains(route))
            result << route;
    }
    return result;
}

double Coverage::percent() const
{
    return routes.isEmpty()
               ? 100.0
               : 100.0 * double(routes.size() - uncovered().size()) / double(routes.size());
}

int RunResult::passed() const
{
    return int(
        std::count_if(tests.begin(), tests.end(), [](const TestResult &t) { return t.passed(); }));
}

int RunResult::failed() const
{
    return int(tests.size()) - passed();
}

RunResult runTestFile(const LoadedFile &file, const QStringList &configOverride,
                      const Compile::CompileOptions &options, LiveRunner *live)
{
    RunResult result;
    const QDir base = QFileInfo(file.path).absoluteDir();
    QStringList paths;
    if (!configOverride.isEmpty()) {
        paths = configOverride;
    } else {
        for (const QString &path : file.file.config)
            paths << (QFileInfo(path).isAbsolute() ? path : base.filePath(path));
    }
    Project::Workspace workspace;
    for (const QString &path : std::as_const(paths)) {
        if (!workspace.addPath(path)) {
            Core::Diagnostic diagnostic =
                Core::makeDiagnostic(Core::Codes::UNREADABLE_FILE,
                                     QStringLiteral("config path %1 does not exist").arg(path));
            diagnostic.subject.file = file.path;
            diagnostic.subject.position = file.positions.value(QStringLiteral("config"), {1, 1});
            result.loadErrors.append(diagnostic);
        }
    }
    for (const Core::Diagnostic &diagnostic : workspace.diagnostics()) {
        if (Core::isUnreadableInput(diagnostic))
            result.loadErrors.append(diagnostic);
    }
    if (paths.isEmpty()) {
        Core::Diagnostic diagnostic = Core::makeDiagnostic(
            Core::Codes::INVALID_ROUTE_TEST,
            QStringLiteral("no config: add a `config` list or pass --config PATH"));
        diagnostic.subject.file = file.path;
        diagnostic.subject.position = {1, 1};
        result.loadErrors.append(diagnostic);
    }
    if (!result.loadErrors.isEmpty())
        return result;
    return runTestsOn(file, workspace, options, live);
}

RunResult runTestsOn(const LoadedFile &file, const Project::Workspace &workspace,
                     const Compile::CompileOptions &options, LiveRunner *live)
{
    RunResult result;
    // Collected once: compiled here and read again below for the coverage universe.
    const Compile::Inputs inputs = Compile::collectInputs(workspace, options.domainSuffix);
    const auto config = Compile::compile(inputs, options);
    result.configNotes = config->notes;
    if (live) {
        QString error;
        if (!live->start(config, &error)) {
            Core::Diagnostic diagnostic = Core::makeDiagnostic(
                Core::Codes::INVALID_ROUTE_TEST,
                QStringLiteral("the local gateway cannot serve this config: %1").arg(error));
            diagnostic.subject.file = file.path;
            diagnostic.subject.position = {1, 1};
            result.loadErrors.append(diagnostic);
            return result;
        }
    }

    // Coverage universe: the routes of every VirtualService bound to an existing Gateway, the
    // ones istiod generates from Gateway API routes included.
    QSet<QString> gateways;
    for (const auto &gateway : inputs.gateways)
        gateways.insert(gateway.ref.nameSpace + QLatin1Char('/') + gateway.ref.name);
    for (const auto &input : inputs.virtualServices) {
        const Istio::VirtualService &vs = input.resource;
        bool bound = false;
        for (const QString &gateway : vs.spec.gateways)
            bound = bound || gateways.contains(
                                 Compile::resolveGatewayReference(gateway, input.ref.nameSpace));
        if (!bound)
            continue;
        const QString name = input.ref.nameSpace + QLatin1Char('/') + input.ref.name;
        for (std::size_t i = 0; i < vs.spec.http.size(); ++i)
            result.coverage.routes << QStringLiteral("%1 http[%2]").arg(name).arg(i);
        for (std::size_t i = 0; i < vs.spec.tls.size(); ++i)
            result.coverage.routes << QStringLiteral("%1 tls[%2]").arg(name).arg(i);
        for (std::size_t i = 0; i < vs.spec.tcp.size(); ++i)
            result.coverage.routes << QStringLiteral("%1 tcp[%2]").arg(name).arg(i);
    }

    for (const TestCase &test : file.file.tests) {
        QElapsedTimer timer;
        timer.start();
        TestResult testResult;
        testResult.name = test.name.value_or(QString());
        testResult.file = file.path;
        const Route::Request request =
            buildRequest(test.request.value_or(RequestSpec{}), file.file.defaults);
        testResult.decision = Route::decide(*config, request);
        if (live)
            runLive(*live, request, test, testResult);
        else if (test.expect)
            testResult.failures = compare(*test.expect, testResult.decision);
        if (testResult.decision.virtualService && !testResult.decision.routeLabel.isEmpty()) {
            const QString key =
                routeKey(*testResult.decision.virtualService, testResult.decision.routeLabel);
            if (!result.coverage.covered.contains(key))
                result.coverage.covered << key;
            result.coverage.testsByRoute[key] << testResult.name;
        }
        testResult.durationUs = timer.nsecsElapsed() / 1000;
        if (!testResult.passed()) // why the expected route lost, for the report
            testResult.decision.nearMisses =
                Route::nearMisses(*config, request, Route::decide(*config, request, false));
        result.tests.push_back(std::move(testResult));
    }
    return result;
}

} // namespace RouteTest
