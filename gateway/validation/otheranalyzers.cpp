#include "analyzers.h"
#include "core/diagnosticcodes.h"

// Analyzers over other kinds: deprecated fields, negative status conditions, and policies that
// select Kubernetes Gateway pods by label.
namespace Validation {

void analyzeDeprecations(const AnalysisInput &input, Core::Diagnostics &out)
{
    for (const auto &vs : input.virtualServices) {
        const auto &http = vs.resource->spec.http;
        for (int i = 0; i < int(http.size()); ++i) {
            const auto &fault = http[size_t(i)].fault;
            if (!fault || !fault->delay || fault->delay->percent.value_or(0) <= 0)
                continue;
            Reporter reporter = vs.reporter(out);
            reporter.report(Core::Codes::DEPRECATED,
                            at(QStringLiteral("spec.http"), i) +
                                QStringLiteral(".fault.delay.percent"),
                            QStringLiteral("Deprecated: HTTPRoute.fault.delay.percent is "
                                           "deprecated; use HTTPRoute.fault.delay.percentage"));
        }
    }
}

void analyzeConditions(const AnalysisInput &input, Core::Diagnostics &out)
{
    for (const NegativeCondition &condition : input.kube.negativeConditions) {
        const Project::Document *document = input.documentOf(condition.ref);
        if (!document)
            continue;
        Reporter reporter(*document, out);
        reporter.report(Core::Codes::NEGATIVE_CONDITION, QStringLiteral("status"),
                        QStringLiteral("A condition with a negative status is present: type=%1, "
                                       "reason=%2, message=%3.")
                            .arg(condition.type, condition.reason, condition.message));
    }
}

void analyzeKubernetesGatewaySelectors(const AnalysisInput &input, Core::Diagnostics &out)
{
    const QString gatewayLabel = QStringLiteral("gateway.networking.k8s.io/gateway-name");
    for (const PolicyObject &policy : input.kube.policies) {
        static const QStringList kinds = {
            QStringLiteral("AuthorizationPolicy"), QStringLiteral("RequestAuthentication"),
            QStringLiteral("Telemetry"), QStringLiteral("WasmPlugin")};
        if (!kinds.contains(policy.ref.kind) || policy.hasTargetRef || !policy.selector)
            continue;
        for (const PodObject &pod : input.kube.pods) {
            if (pod.ref.nameSpace != policy.ref.nameSpace || !pod.labels.contains(gatewayLabel) ||
                !selectorMatches(*policy.selector, pod.labels))
                continue;
            const Project::Document *document = input.documentOf(policy.ref);
            if (!document)
                continue;
            Reporter reporter(*document, out);
            reporter.report(Core::Codes::INEFFECTIVE_SELECTOR, QStringLiteral("spec.selector"),
                            QStringLiteral("Ineffective selector on Kubernetes Gateway %1. Use the "
                                           "TargetRef field instead.")
                                .arg(pod.labels.value(gatewayLabel)));
        }
    }
}

} // namespace Validation
