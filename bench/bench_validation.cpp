// Validation: a full run over a 1,000-resource workspace, and re-validation after a one-field
// edit (what the GUI does on every keystroke).
//
// Targets (issue: validation): full validation of 1,000 resources <= 100 ms; re-validation after
// a one-field edit <= 10 ms.

#include "validation/validator.h"
#include "workspace/workspace.h"

#include <benchmark/benchmark.h>

namespace {

// `count` resources in groups of ten sharing a namespace: a Gateway every other group, then a
// DestinationRule, its Service and two Deployments (subsets v1 and v2), the rest
// VirtualServices bound to the gateway, with subsets, weights and several match kinds. The
// workspace is valid: the benchmark measures checking, not reporting.
QByteArray manifests(int count)
{
    QByteArray text;
    for (int i = 0; i < count; ++i) {
        const QByteArray n = QByteArray::number(i);
        const QByteArray ns = "team-" + QByteArray::number(i / 10 % 13);
        const QByteArray backend = "svc-" + QByteArray::number(i / 10 * 10 + 1);
        text += "---\n";
        if (i % 20 == 0) {
            text += "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: gw-" + n +
                    ", namespace: istio-system}\nspec:\n  selector: {istio: ingressgateway}\n"
                    "  servers:\n  - port: {number: 80, name: http, protocol: HTTP}\n"
                    "    hosts: [\"*/*.zone" +
                    n +
                    ".example.com\"]\n"
                    "  - port: {number: 443, name: https, protocol: HTTPS}\n"
                    "    hosts: [\"*/*.zone" +
                    n +
                    ".example.com\"]\n"
                    "    tls: {mode: SIMPLE, credentialName: cert-" +
                    n + "}\n";
        } else if (i % 10 == 1) {
            text += "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: "
                    "svc-" +
                    n + ", namespace: " + ns + "}\nspec:\n  host: svc-" + n +
                    "\n  trafficPolicy:\n    connectionPool: {http: {maxRetries: 3}}\n"
                    "  subsets:\n  - name: v1\n    labels: {version: v1}\n"
                    "  - name: v2\n    labels: {version: v2}\n";
        } else if (i % 10 == 2) {
            text += "apiVersion: v1\nkind: Service\nmetadata: {name: " + backend +
                    ", namespace: " + ns + "}\nspec:\n  selector: {app: " + backend +
                    "}\n  ports: [{name: http, port: 8080}]\n";
        } else if (i % 10 == 3 || i % 10 == 4) {
            const QByteArray version = i % 10 == 3 ? "v1" : "v2";
            text += "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: " + backend + "-" +
                    version + ", namespace: " + ns +
                    "}\nspec:\n  selector: {matchLabels: {app: " + backend +
                    "}}\n  template:\n    metadata: {labels: {app: " + backend +
                    ", version: " + version +
                    "}}\n    spec: {containers: [{name: app, image: app}]}\n";
        } else {
            const QByteArray gateway = "istio-system/gw-" + QByteArray::number(i / 20 * 20);
            text +=
                "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: vs-" +
                n + ", namespace: " + ns + "}\nspec:\n  hosts: [app" + n + ".zone" +
                QByteArray::number(i / 20 * 20) + ".example.com]\n  gateways: [" + gateway +
                "]\n  http:\n"
                "  - name: canary\n    match:\n    - uri: {prefix: /api}\n      headers: "
                "{x-canary: {exact: \"1\"}}\n"
                "    route:\n    - destination: {host: " +
                backend +
                ", subset: v2}\n"
                "  - name: items\n    match:\n    - uri: {regex: \"/items/[0-9]+\"}\n    route:\n"
                "    - destination: {host: " +
                backend +
                ", subset: v1}\n      weight: 90\n"
                "    - destination: {host: " +
                backend +
                ", subset: v2}\n      weight: 10\n"
                "    retries: {attempts: 3, perTryTimeout: 2s, retryOn: \"5xx,connect-failure\"}\n"
                "  - name: api\n    match:\n    - uri: {prefix: /api}\n    route:\n"
                "    - destination: {host: " +
                backend +
                "}\n"
                "  - name: default\n    route:\n    - destination: {host: " +
                backend +
                "}\n"
                "    timeout: 5s\n";
        }
    }
    return text;
}

Project::Workspace *workspaceFor(int count)
{
    auto *workspace = new Project::Workspace;
    workspace->addFile(
        Project::SourceFile::fromBytes(QStringLiteral("bench.yaml"), manifests(count)));
    return workspace;
}

void validateWorkspace(benchmark::State &state)
{
    std::unique_ptr<Project::Workspace> workspace(workspaceFor(int(state.range(0))));
    size_t findings = 0;
    for (auto _ : state) {
        Validation::Validator validator; // nothing cached: a full run
        findings = validator.validate(*workspace).size();
    }
    state.counters["resources"] = double(workspace->documents().size());
    state.counters["findings"] = double(findings);
}
BENCHMARK(validateWorkspace)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);

// One field of one VirtualService changes, then the workspace is validated again: `field` is
// the text to toggle. A timeout leaves the design's shape alone; a match prefix changes it, so
// the gateway build runs again.
void revalidate(benchmark::State &state, const QByteArray &field, const QByteArray &other)
{
    std::unique_ptr<Project::Workspace> workspace(workspaceFor(int(state.range(0))));
    Validation::Validator validator;
    validator.validate(*workspace);
    const QList<Project::DocumentRef> documents = workspace->documents();
    const Project::DocumentRef edited = documents.at(documents.size() / 2 + 3);
    QByteArray text = workspace->document(edited).text();
    const int at = text.indexOf(field);
    int round = 0;
    for (auto _ : state) {
        state.PauseTiming(); // the editor's reparse of the edited document is not validation
        text.replace(at, field.size(), round++ % 2 ? field : other);
        workspace->setText(edited, text);
        state.ResumeTiming();
        benchmark::DoNotOptimize(validator.validate(*workspace));
    }
}
void revalidateAfterEdit(benchmark::State &state)
{
    revalidate(state, "timeout: 5s", "timeout: 7s");
}
BENCHMARK(revalidateAfterEdit)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);

void revalidateAfterMatchEdit(benchmark::State &state)
{
    revalidate(state, "prefix: /api}\n    route", "prefix: /apx}\n    route");
}
BENCHMARK(revalidateAfterMatchEdit)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
