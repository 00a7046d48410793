#pragma once

#include "backendresolver.h"
#include "context.h"
#include "conversion.h"
#include "httpmatches.h"
#include "precedence.h"
#include "routebinding.h"
#include "ruleactions.h"

namespace ToGatewayApi {

// VirtualService http[] → HTTPRoutes (semantics doc §3.2-§3.10, §8). Each Istio route becomes
// a rule with the same matches, filters and backends; match blocks that bind differently
// (match-level port, gateways, scheme, sourceLabels) go to HTTPRoutes of their own so every
// parentRef reaches exactly the listeners Istio used. Routes are split at Gateway API's limit
// of 16 rules. Every generated match is also returned for the precedence check.
class HttpRouteBuilder {
public:
    HttpRouteBuilder(Context &context, BackendResolver &backends)
        : m_context(context), m_backends(backends)
    {}

    // Appends the VirtualService's HTTPRoutes to `routes` (whose size is the creation order of
    // the next one) and their matches to `units`. `vsOrder` is Istio's merge order.
    void convert(const VirtualServiceSource &vs, RouteBinding &binding, int vsOrder,
                 std::vector<OutputObject> &routes, std::vector<PrecedenceUnit> &units);

private:
    struct Binding;
    struct Block;
    struct BuiltRule;
    using BindingKey = std::vector<Binding>;
    using Entry = std::pair<const Block *, const ConvertedMatch *>;

    // Every match block of http[] (a route without matches is one block) with where it binds
    // and what it converts to.
    std::vector<Block> collectBlocks(const VirtualServiceSource &vs, RouteBinding &binding,
                                     MatchConverter &matches);
    // The rules of the blocks bound by `key`, in http[] order.
    std::vector<BuiltRule> buildRules(const VirtualServiceSource &vs, int vsOrder,
                                      const std::vector<Block> &blocks,
                                      const std::vector<RuleAction> &actions,
                                      const BindingKey &key);
    // HTTPRoutes of at most 16 rules (128 matches) each; returns how many.
    int emitRoutes(const VirtualServiceSource &vs, std::vector<BuiltRule> &rules,
                   const YAML::Node &parentRefs, const QStringList &hostnames,
                   const QStringList &vhosts, std::vector<OutputObject> &routes,
                   std::vector<PrecedenceUnit> &units);

    Context &m_context;
    BackendResolver &m_backends;
};

} // namespace ToGatewayApi
