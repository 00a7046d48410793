// Loading, editing and exporting manifests: the costs a user feels when opening a large project.

#include "workspace/workspace.h"
#include "yaml/yamlwriter.h"

#include <benchmark/benchmark.h>

namespace {

// A synthetic manifest of `count` VirtualServices, each with a few routes of mixed match kinds.
QByteArray virtualServices(int count)
{
    QByteArray text;
    for (int i = 0; i < count; ++i) {
        text +=
            "---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n"
            "  name: vs-" +
            QByteArray::number(i) + "\n  namespace: team-" + QByteArray::number(i % 17) +
            "\nspec:\n  hosts:\n  - svc" + QByteArray::number(i) +
            ".example.com\n  gateways: [istio-system/public]\n  http:\n"
            "  - name: canary\n    match:\n    - headers: {x-canary: {exact: \"1\"}}\n"
            "      uri: {prefix: /api}\n    route:\n    - destination: {host: api, subset: v2}\n"
            "  - name: regex\n    match:\n    - uri: {regex: \"/items/[0-9]+\"}\n"
            "    route:\n    - destination: {host: items}\n      weight: 90\n"
            "    - destination: {host: items-next}\n      weight: 10\n"
            "    timeout: 5s\n  - name: default\n    route:\n    - destination: {host: web}\n";
    }
    return text;
}

void loadVirtualServices(benchmark::State &state)
{
    const QByteArray text = virtualServices(int(state.range(0)));
    for (auto _ : state) {
        Project::SourceFile file = Project::SourceFile::fromBytes(QStringLiteral("vs.yaml"), text);
        benchmark::DoNotOptimize(file);
    }
    state.SetBytesProcessed(int64_t(state.iterations()) * text.size());
    state.SetItemsProcessed(int64_t(state.iterations()) * state.range(0));
}
BENCHMARK(loadVirtualServices)->Arg(10)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);

void exportStream(benchmark::State &state)
{
    Project::Workspace workspace;
    workspace.addFile(Project::SourceFile::fromBytes(QStringLiteral("vs.yaml"),
                                                     virtualServices(int(state.range(0)))));
    for (auto _ : state)
        benchmark::DoNotOptimize(workspace.exportStream());
}
BENCHMARK(exportStream)->Arg(1000)->Unit(benchmark::kMillisecond);

// One form edit: merge the typed value, re-emit the document, re-parse it, relayout the file.
void editOneResource(benchmark::State &state)
{
    Project::SourceFile file = Project::SourceFile::fromBytes(QStringLiteral("vs.yaml"),
                                                              virtualServices(int(state.range(0))));
    const int middle = int(file.documents().size()) / 2;
    auto resource = std::get<Istio::VirtualService>(file.document(middle).resource());
    int timeout = 1;
    for (auto _ : state) {
        resource.spec.http.at(1).timeout = Istio::Duration::fromMilliseconds(++timeout);
        file.document(middle).setResource(resource);
        file.relayout();
    }
}
BENCHMARK(editOneResource)->Arg(1000)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
