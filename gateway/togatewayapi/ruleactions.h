#pragma once

#include "backendresolver.h"
#include "context.h"
#include "httpmatches.h"

#include <optional>
#include <yaml-cpp/yaml.h>

namespace ToGatewayApi {

// What one generated rule does, apart from its matches.
struct RuleAction {
    // A path change whose form depends on the match: Istio rewrites a matched prefix but
    // replaces the whole path after an exact or regex match (semantics doc §3.6).
    struct PathChange {
        bool redirect = false; // RequestRedirect, else URLRewrite
        YAML::Node body;       // requestRedirect / urlRewrite without its path
        std::optional<QString> fullPath;
        std::optional<QString> prefix; // the replacement of a matched prefix
        bool prefixMatchOnly = false;  // redirect prefixRewrite: Istio allows prefix matches only
    };

    QString name;       // rule name: the Istio route's name as a DNS label
    YAML::Node filters; // header modifiers, mirrors, CORS
    std::optional<PathChange> pathChange;
    YAML::Node backendRefs; // null: no backend (Gateway API answers 500)
    YAML::Node timeouts;    // null: none
    YAML::Node retry;       // null: none

    // A rule with a prefix rewrite needs a PathPrefix match of its own per rule.
    bool needsOwnRulePerMatch() const { return pathChange && pathChange->prefix.has_value(); }
    // The filters for a rule whose (only) match is `match` (null: the rule has no match).
    YAML::Node filtersFor(const GatewayMatch *match) const;
};

// An Istio HTTPRoute's actions and policies → a Gateway API rule's filters, backendRefs,
// timeouts and retry (semantics doc §3.5-§3.8, §8), reporting what has no equivalent (fault,
// delegate, directResponse, retry details, ...). One report per Istio route, however many
// rules it becomes.
class RuleActionBuilder {
public:
    RuleActionBuilder(Context &context, BackendResolver &backends, const Source &vs,
                      bool gatewaySemantics)
        : m_context(context), m_backends(backends), m_vs(vs), m_gatewaySemantics(gatewaySemantics)
    {}

    RuleAction build(const Istio::HTTPRoute &route, const QString &path);

private:
    // ruleactions.cpp
    void addBackends(const Istio::HTTPRoute &route, const QString &path, RuleAction &action);
    void addHeaderFilters(const std::optional<Istio::Headers> &headers, const QString &path,
                          YAML::Node &filters, QString *authority);
    void addRewrite(const Istio::HTTPRoute &route, const QString &path, const QString &authority,
                    RuleAction &action);
    void addRedirect(const Istio::HTTPRedirect &redirect, const QString &path, RuleAction &action);
    void addMirrors(const Istio::HTTPRoute &route, const QString &path, RuleAction &action);
    // rulepolicies.cpp
    void addTimeouts(const Istio::HTTPRoute &route, const QString &path, RuleAction &action);
    void addCors(const Istio::CorsPolicy &cors, const QString &path, RuleAction &action);
    void reportFault(const Istio::HTTPFaultInjection &fault, const QString &path);
    void reportUnroutable(const Istio::HTTPRoute &route, const QString &path);

    Context &m_context;
    BackendResolver &m_backends;
    Source m_vs;
    bool m_gatewaySemantics;
};

} // namespace ToGatewayApi
