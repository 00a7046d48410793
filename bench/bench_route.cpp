// Route engine: compile time and decision time for growing numbers of VirtualServices that mix
// exact and wildcard hosts with prefix, regex and header matches.
//
// Targets (issue: route engine): median decision <= 1 us at 1,000 VirtualServices; compile of
// 1,000 VirtualServices <= 50 ms.

#include "compile/compiler.h"
#include "route/decide.h"

#include <benchmark/benchmark.h>
#include <random>

namespace {

// VirtualService i: exact host svc<i>.example.com, or wildcard *.team<i>.example.com every third.
QByteArray manifests(int count)
{
    QByteArray text = "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: public, "
                      "namespace: istio-system}\n"
                      "spec:\n  servers:\n  - port: {number: 80, name: http, protocol: HTTP}\n    "
                      "hosts: [\"*\"]\n";
    for (int i = 0; i < count; ++i) {
        const QByteArray n = QByteArray::number(i);
        const QByteArray host =
            i % 3 == 1 ? "\"*.team" + n + ".example.com\"" : "svc" + n + ".example.com";
        text += "---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: "
                "vs-" +
                n + "\n  namespace: team-" + QByteArray::number(i % 17) + "\nspec:\n  hosts: [" +
                host +
                "]\n  gateways: [istio-system/public]\n  http:\n"
                "  - name: canary\n    match:\n    - headers: {x-canary: {exact: \"1\"}}\n      "
                "uri: {prefix: /api}\n"
                "    route:\n    - destination: {host: api, subset: v2}\n"
                "  - name: items\n    match:\n    - uri: {regex: \"/items/[0-9]+\"}\n    route:\n"
                "    - destination: {host: items}\n      weight: 90\n    - destination: {host: "
                "items-next}\n      weight: 10\n"
                "  - name: api\n    match:\n    - uri: {prefix: /api}\n    route:\n    - "
                "destination: {host: api}\n"
                "  - name: default\n    route:\n    - destination: {host: web}\n";
    }
    return text;
}

Compile::Inputs inputsFor(int count)
{
    Project::Workspace workspace;
    workspace.addFile(
        Project::SourceFile::fromBytes(QStringLiteral("bench.yaml"), manifests(count)));
    return Compile::collectInputs(workspace);
}

std::vector<Route::Request> requestsFor(int count)
{
    std::mt19937 random(42);
    std::vector<Route::Request> requests;
    static const char *paths[] = {"/api/orders", "/items/1234", "/index.html", "/api/users?page=2"};
    for (int r = 0; r < 1024; ++r) {
        const int i = int(random() % count);
        Route::Request request;
        request.port = 80;
        request.authority = i % 3 == 1 ? QStringLiteral("app.team%1.example.com").arg(i)
                                       : QStringLiteral("svc%1.example.com").arg(i);
        request.pathAndQuery = QString::fromLatin1(paths[r % 4]);
        request.headers = {{QStringLiteral("user-agent"), QStringLiteral("bench")}};
        if (r % 8 == 0)
            request.headers.emplace_back(QStringLiteral("x-canary"), QStringLiteral("1"));
        request.sample = double(random() % 1000) / 1000.0;
        requests.push_back(std::move(request));
    }
    return requests;
}

void compileVirtualServices(benchmark::State &state)
{
    const Compile::Inputs inputs = inputsFor(int(state.range(0)));
    for (auto _ : state)
        benchmark::DoNotOptimize(Compile::compile(inputs));
    state.SetItemsProcessed(int64_t(state.iterations()) * state.range(0));
}
BENCHMARK(compileVirtualServices)
    ->Arg(10)
    ->Arg(100)
    ->Arg(1000)
    ->Arg(10000)
    ->Unit(benchmark::kMillisecond);

void decide(benchmark::State &state)
{
    const int count = int(state.range(0));
    const auto config = Compile::compile(inputsFor(count));
    const std::vector<Route::Request> requests = requestsFor(count);
    std::size_t next = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(Route::decide(*config, requests[next], false));
        next = (next + 1) & 1023;
    }
}
BENCHMARK(decide)->Arg(10)->Arg(100)->Arg(1000)->Arg(10000)->Repetitions(5)->ReportAggregatesOnly(
    true);

void decideWithTrace(benchmark::State &state)
{
    const int count = int(state.range(0));
    const auto config = Compile::compile(inputsFor(count));
    const std::vector<Route::Request> requests = requestsFor(count);
    std::size_t next = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(Route::decide(*config, requests[next], true));
        next = (next + 1) & 1023;
    }
}
BENCHMARK(decideWithTrace)->Arg(1000);

} // namespace

BENCHMARK_MAIN();
