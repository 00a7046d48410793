#include "validator.h"

#include "analyzers.h"
#include "core/diagnosticcodes.h"
#include "schemarules.h"

#include <QSet>

namespace Validation {
namespace {

// The analyzers, under the names istioctl uses (so `--analyzer` and the corpus agreement test
// can pick one), then Gatehouse's own.
constexpr Analyzer ANALYZERS[] = {
    {"gateway.IngressGatewayPortAnalyzer", analyzeIngressGatewayPorts},
    {"gateway.ConflictingGatewayAnalyzer", analyzeConflictingGateways},
    {"gateway.SecretAnalyzer", analyzeGatewaySecrets},
    {"gateway.CertificateAnalyzer", analyzeDuplicateCertificates},
    {"virtualservice.GatewayAnalyzer", analyzeVirtualServiceGateways},
    {"virtualservice.DestinationHostAnalyzer", analyzeDestinationHosts},
    {"virtualservice.DestinationRuleAnalyzer", analyzeDestinationSubsets},
    {"virtualservice.ConflictingMeshGatewayHostsAnalyzer", analyzeConflictingMeshHosts},
    {"virtualservice.JWTClaimRouteAnalyzer", analyzeJwtClaimRoutes},
    {"destinationrule.CaCertificateAnalyzer", analyzeCaCertificates},
    {"destinationrule.SubsetSelectPodAnalyzer", analyzeDestinationRuleHosts},
    {"deprecation.FieldAnalyzer", analyzeDeprecations},
    {"conditions.ConditionAnalyzer", analyzeConditions},
    {"k8sgateway.SelectorAnalyzer", analyzeKubernetesGatewaySelectors},
    {"gatehouse.ClassicMistakes", analyzeClassicMistakes},
};

constexpr const char *SCHEMA = "schema.ValidationAnalyzer";
constexpr const char *COMPILE = "gatehouse.GatewayBuild";
constexpr const char *LOCAL = "gatehouse.LocalProxy";

void checkSchema(const Project::Document &document, Core::Diagnostics &out)
{
    Reporter reporter(document, out);
    std::visit(
        [&](const auto &resource) {
            using T = std::decay_t<decltype(resource)>;
            if constexpr (std::is_same_v<T, Istio::Gateway>)
                checkGatewaySchema(resource, reporter);
            else if constexpr (std::is_same_v<T, Istio::VirtualService>)
                checkVirtualServiceSchema(resource, reporter);
            else if constexpr (std::is_same_v<T, Istio::DestinationRule>)
                checkDestinationRuleSchema(resource, reporter);
        },
        document.resource());
}

bool lessByPosition(const Core::Diagnostic &a, const Core::Diagnostic &b)
{
    return std::tie(a.subject.file, a.subject.position.line, a.subject.position.column, a.code,
                    a.message) < std::tie(b.subject.file, b.subject.position.line,
                                          b.subject.position.column, b.code, b.message);
}

bool sameFinding(const Core::Diagnostic &a, const Core::Diagnostic &b)
{
    return a.code == b.code && a.message == b.message && a.subject.file == b.subject.file &&
           a.subject.position == b.subject.position && a.subject.name == b.subject.name &&
           a.subject.kind == b.subject.kind;
}

} // namespace

std::span<const Analyzer> allAnalyzers()
{
    return ANALYZERS;
}

QStringList analyzerNames()
{
    QStringList names = {QLatin1String(SCHEMA)};
    for (const Analyzer &analyzer : ANALYZERS)
        names << QLatin1String(analyzer.name);
    names << QLatin1String(COMPILE) << QLatin1String(LOCAL);
    return names;
}

void Validator::setOptions(Options options)
{
    m_options = std::move(options);
    m_findings.clear();
    m_gatewayBuild.setOptions(m_options.compile);
}

bool Validator::wants(const char *analyzer) const
{
    return m_options.analyzers.isEmpty() ||
           m_options.analyzers.contains(QLatin1String(analyzer), Qt::CaseInsensitive);
}

const Core::Diagnostics &Validator::documentFindings(const Project::Document &document)
{
    auto &entry = m_findings.entryFor(document);
    // Same text at the same place: same findings (positions are absolute lines).
    if (entry.isFor(document))
        return entry.value;
    entry.value = document.diagnostics();
    if (wants(SCHEMA))
        checkSchema(document, entry.value);
    entry.markFor(document);
    return entry.value;
}

Core::Diagnostics Validator::validate(const Project::Workspace &workspace)
{
    Core::Diagnostics findings;
    // File-level problems first (unreadable files), then each document's own findings.
    for (const Project::SourceFile &file : workspace.files())
        findings.append(file.fileDiagnostics());
    for (const Project::DocumentRef &ref : workspace.documents()) {
        const Project::Document &document = workspace.document(ref);
        const Core::Diagnostics &own = documentFindings(document);
        if (m_options.analyzers.isEmpty())
            findings.append(own);
        else
            for (const Core::Diagnostic &diagnostic : own) {
                // A run restricted to some analyzers keeps the schema findings only if asked.
                if (wants(SCHEMA) && diagnostic.code.startsWith(QLatin1String("IST")))
                    findings.append(diagnostic);
            }
    }
    m_findings.prune(workspace);

    const AnalysisInput input = buildAnalysisInput(workspace, m_options.input);
    for (const Analyzer &analyzer : ANALYZERS) {
        if (wants(analyzer.name))
            analyzer.run(input, findings);
    }
    if (wants(COMPILE))
        m_gatewayBuild.run(workspace, input, findings);
    if (m_options.local.enabled && wants(LOCAL))
        checkLocalEnvironment(input, m_options.local, findings);

    // A field the reader could not read (GH1xxx) holds a placeholder value: findings about it
    // would only repeat the structural error in a confusing way.
    QSet<QString> unreadable;
    auto fieldKey = [](const Core::Diagnostic &d) {
        return d.subject.file + QLatin1Char('#') + QString::number(d.documentNumber) +
               QLatin1Char('#') + d.fieldPath;
    };
    for (const Core::Diagnostic &diagnostic : findings) {
        if (diagnostic.code.startsWith(QLatin1String("GH1")) && !diagnostic.fieldPath.isEmpty())
            unreadable.insert(fieldKey(diagnostic));
    }
    if (!unreadable.isEmpty())
        findings.removeIf([&](const Core::Diagnostic &d) {
            return !d.code.startsWith(QLatin1String("GH1")) && !d.fieldPath.isEmpty() &&
                   unreadable.contains(fieldKey(d));
        });

    // Suppressions: command-line rules, then the resource's own annotation.
    QHash<QString, const Project::Document *> documentsByResource;
    for (const Project::DocumentRef &ref :
         findings.isEmpty() ? QList<Project::DocumentRef>() : workspace.documents()) {
        const Project::Document &document = workspace.document(ref);
        documentsByResource.insert(document.kind() + QLatin1Char(' ') + document.nameSpace() +
                                       QLatin1Char('/') + document.name(),
                                   &document);
    }
    findings.removeIf([&](const Core::Diagnostic &diagnostic) {
        for (const Suppression &suppression : m_options.suppressions) {
            if (suppression.matches(diagnostic))
                return true;
        }
        const Project::Document *document = documentsByResource.value(
            diagnostic.subject.kind + QLatin1Char(' ') + diagnostic.subject.nameSpace +
            QLatin1Char('/') + diagnostic.subject.name);
        return document && suppressedByAnnotation(*document, diagnostic.code);
    });
    std::stable_sort(findings.begin(), findings.end(), lessByPosition);
    findings.erase(std::unique(findings.begin(), findings.end(), sameFinding), findings.end());
    return findings;
}

} // namespace Validation
