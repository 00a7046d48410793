#pragma once

#include "analysisinput.h"

#include <span>

// The cross-resource analyzers of `istioctl analyze` (semantics doc §7), each named as Istio
// names it so a run can be restricted to one, plus Gatehouse's own (GH4xxx).
namespace Validation {

struct Analyzer {
    const char *name; // "gateway.ConflictingGatewayAnalyzer"
    void (*run)(const AnalysisInput &input, Core::Diagnostics &out);
};

std::span<const Analyzer> allAnalyzers();

// Gateway analyzers (gatewayanalyzers.cpp).
void analyzeIngressGatewayPorts(const AnalysisInput &input, Core::Diagnostics &out);
void analyzeConflictingGateways(const AnalysisInput &input, Core::Diagnostics &out);
void analyzeGatewaySecrets(const AnalysisInput &input, Core::Diagnostics &out);
void analyzeDuplicateCertificates(const AnalysisInput &input, Core::Diagnostics &out);
// VirtualService analyzers (virtualserviceanalyzers.cpp).
void analyzeVirtualServiceGateways(const AnalysisInput &input, Core::Diagnostics &out);
void analyzeDestinationHosts(const AnalysisInput &input, Core::Diagnostics &out);
void analyzeDestinationSubsets(const AnalysisInput &input, Core::Diagnostics &out);
void analyzeConflictingMeshHosts(const AnalysisInput &input, Core::Diagnostics &out);
void analyzeJwtClaimRoutes(const AnalysisInput &input, Core::Diagnostics &out);
// DestinationRule analyzers (destinationruleanalyzers.cpp).
void analyzeCaCertificates(const AnalysisInput &input, Core::Diagnostics &out);
void analyzeDestinationRuleHosts(const AnalysisInput &input, Core::Diagnostics &out);
// Other kinds (otheranalyzers.cpp).
void analyzeDeprecations(const AnalysisInput &input, Core::Diagnostics &out);
void analyzeConditions(const AnalysisInput &input, Core::Diagnostics &out);
void analyzeKubernetesGatewaySelectors(const AnalysisInput &input, Core::Diagnostics &out);
// Gatehouse's classic-mistake checks (gatehouseanalyzers.cpp).
void analyzeClassicMistakes(const AnalysisInput &input, Core::Diagnostics &out);

// A finding about another resource than the one reported on.
Core::DiagnosticSubject relatedSubject(const Project::Document &document,
                                       const QString &fieldPath = QStringLiteral("metadata.name"));

} // namespace Validation
