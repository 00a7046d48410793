#include "httproutebuilder.h"

#include "httpmatches.h"
#include "names.h"
#include "regexsample.h"
#include "ruleactions.h"
#include "yamlnodes.h"

#include <map>
#include <tuple>

namespace ToGatewayApi {
namespace {

constexpr int MAX_RULES = 16;
constexpr int MAX_MATCHES = 128; // across all rules of a route

// Istio's catch-all (§3.10): nothing but a uri that matches every path.
bool isCatchAll(const Istio::HTTPMatchRequest &match)
{
    const bool anyUri = !match.uri ||
                        (match.uri->prefix && *match.uri->prefix == QLatin1String("/")) ||
                        (match.uri->regex && *match.uri->regex == QLatin1String(".*"));
    return anyUri && !match.scheme && !match.method && !match.authority && match.headers.empty() &&
           match.withoutHeaders.empty() && match.queryParams.empty() && match.sourceLabels.empty();
}

bool stringMatches(const Istio::StringMatch &match, const QString &value)
{
    if (match.exact)
        return *match.exact == value;
    if (match.prefix)
        return value.startsWith(*match.prefix);
    if (match.regex)
        return regexFullMatch(match.regex->toStdString(), value.toStdString());
    return true;
}

bool selects(const Istio::Labels &selector, const Istio::Labels &labels)
{
    return std::all_of(labels.begin(), labels.end(), [&](const auto &label) {
        const QString *value = selector.value(label.first);
        return value && *value == label.second;
    });
}

// Routes generated from Gateway API carry Istio's route-semantics annotation: their prefixes
// already match whole path elements.
bool hasGatewaySemantics(const Istio::VirtualService &vs)
{
    const QString *semantics =
        vs.metadata.annotations.value(QStringLiteral("internal.istio.io/route-semantics"));
    return semantics && *semantics == QLatin1String("gateway");
}

} // namespace

// One place a match block binds to: a Gateway, maybe limited to a port or listener protocol.
struct HttpRouteBuilder::Binding {
    QString gateway;
    quint32 port = 0;
    QString protocol;
    bool operator==(const Binding &) const = default;
    bool operator<(const Binding &other) const
    {
        return std::tie(gateway, port, protocol) <
               std::tie(other.gateway, other.port, other.protocol);
    }
};

// An Istio match block (or a route without matches, matchIndex -1) as converted.
struct HttpRouteBuilder::Block {
    int httpIndex = 0;
    int matchIndex = -1;
    PrecedenceUnit::Phase phase = PrecedenceUnit::Phase::Ordered;
    BindingKey bindings;
    std::vector<ConvertedMatch> matches;
};

struct HttpRouteBuilder::BuiltRule {
    YAML::Node node;
    QString name;
    int matchCount = 0;
    std::vector<PrecedenceUnit> units;
};

void HttpRouteBuilder::convert(const VirtualServiceSource &vs, RouteBinding &binding, int vsOrder,
                               std::vector<OutputObject> &routes,
                               std::vector<PrecedenceUnit> &units)
{
    const Istio::VirtualServiceSpec &spec = vs.resource->spec;
    if (spec.http.empty())
        return;
    LossReport &report = m_context.report;
    const bool gatewaySemantics = hasGatewaySemantics(*vs.resource);
    MatchConverter matchConverter(m_context, vs.source, gatewaySemantics);
    RuleActionBuilder actionBuilder(m_context, m_backends, vs.source, gatewaySemantics);

    std::vector<RuleAction> actions;
    QStringList renamed;
    for (int i = 0; i < int(spec.http.size()); ++i) {
        const Istio::HTTPRoute &route = spec.http[i];
        actions.push_back(actionBuilder.build(route, QStringLiteral("spec.http[%1]").arg(i)));
        if (route.name && actions.back().name != *route.name)
            renamed << QStringLiteral("%1 → %2").arg(*route.name, actions.back().name.isEmpty()
                                                                      ? QStringLiteral("(none)")
                                                                      : actions.back().name);
    }
    if (!renamed.isEmpty())
        report.add(Severity::Note, QStringLiteral("rule-name"), vs.source,
                   QStringLiteral("spec.http"),
                   QStringLiteral("route names that are not valid rule names: %1")
                       .arg(renamed.join(QStringLiteral(", "))),
                   QStringLiteral("the rules are named as shown (names appear in logs and "
                                  "statistics only)"));
    const std::vector<Block> blocks = collectBlocks(vs, binding, matchConverter);

    // Blocks that bind alike share HTTPRoutes, in order of first appearance.
    std::vector<BindingKey> keys;
    for (const Block &block : blocks) {
        if (!block.bindings.empty() &&
            std::find(keys.begin(), keys.end(), block.bindings) == keys.end())
            keys.push_back(block.bindings);
    }
    const QStringList hostnames = binding.hostnames();
    int generated = 0;
    for (const BindingKey &key : keys) {
        YAML::Node parentRefs = Nodes::list();
        QStringList vhosts;
        QStringList seenParents;
        for (const Binding &b : key) {
            const RouteBinding::Attachment attachment =
                binding.attach(b.gateway, RouteBinding::Kind::Http, hostnames, b.port, b.protocol);
            for (const YAML::Node &parent : attachment.parentRefs) {
                const QString text = QString::fromStdString(YAML::Dump(parent));
                if (!seenParents.contains(text)) {
                    seenParents << text;
                    parentRefs.push_back(parent);
                }
            }
            for (const QString &vhost : attachment.vhosts) {
                if (!vhosts.contains(vhost))
                    vhosts << vhost;
            }
        }
        if (parentRefs.size() == 0) {
            report.add(Severity::Note, QStringLiteral("no-listener"), vs.source,
                       QStringLiteral("spec.gateways"),
                       QStringLiteral("the http routes reach no listener of the Gateways they "
                                      "name (no host, namespace or port in common)"),
                       QStringLiteral("Istio did not route them either; no HTTPRoute is "
                                      "generated for them"));
            continue;
        }
        std::vector<BuiltRule> rules = buildRules(vs, vsOrder, blocks, actions, key);
        generated += emitRoutes(vs, rules, parentRefs, hostnames, vhosts, routes, units);
    }
    if (generated > 1)
        report.add(Severity::Note, QStringLiteral("route-split"), vs.source,
                   QStringLiteral("spec.http"),
                   QStringLiteral("the http routes become %1 HTTPRoutes").arg(generated),
                   QStringLiteral("match blocks bind to different listeners (port, gateways, "
                                  "scheme or source conditions), or there are more than 16 "
                                  "rules; apply them in the order written, as Gateway API "
                                  "breaks ties by creation time"));
}

std::vector<HttpRouteBuilder::Block> HttpRouteBuilder::collectBlocks(const VirtualServiceSource &vs,
                                                                     RouteBinding &binding,
                                                                     MatchConverter &matches)
{
    LossReport &report = m_context.report;
    const Istio::VirtualServiceSpec &spec = vs.resource->spec;
    std::vector<Block> blocks;
    bool caughtAll = false;
    const Istio::HTTPMatchRequest matchAll;
    for (int i = 0; i < int(spec.http.size()); ++i) {
        const Istio::HTTPRoute &route = spec.http[i];
        const int blockCount = std::max<int>(1, int(route.match.size()));
        for (int j = 0; j < blockCount; ++j) {
            Block block;
            block.httpIndex = i;
            block.matchIndex = route.match.empty() ? -1 : j;
            const Istio::HTTPMatchRequest &match = route.match.empty() ? matchAll : route.match[j];
            const QString matchPath = QStringLiteral("spec.http[%1].match[%2]").arg(i).arg(j);
            block.phase = caughtAll           ? PrecedenceUnit::Phase::Unreachable
                          : isCatchAll(match) ? PrecedenceUnit::Phase::CatchAll
                                              : PrecedenceUnit::Phase::Ordered;
            caughtAll = caughtAll || isCatchAll(match);

            // Binding conditions: evaluated per Gateway, as Istio does when it builds each one.
            QString protocol;
            if (match.scheme) {
                const bool http = stringMatches(*match.scheme, QStringLiteral("http"));
                const bool https = stringMatches(*match.scheme, QStringLiteral("https"));
                if (http != https)
                    protocol = https ? QStringLiteral("HTTPS") : QStringLiteral("HTTP");
                report.add(Severity::Note, QStringLiteral("scheme-match"), vs.source,
                           matchPath + QStringLiteral(".scheme"),
                           QStringLiteral("a match on the request scheme"),
                           !http && !https ? QStringLiteral("it matches neither http nor https: "
                                                            "the block is left out")
                           : protocol.isEmpty()
                               ? QStringLiteral("it matches both schemes: the condition is "
                                                "dropped")
                               : QStringLiteral("expressed by attaching the block to %1 "
                                                "listeners only")
                                     .arg(protocol));
                if (!http && !https)
                    continue;
            }
            const QStringList gateways =
                match.gateways.empty() ? binding.gateways() : binding.resolve(match.gateways);
            QStringList kept;
            QStringList left;
            for (const QString &gateway : gateways) {
                const GatewayPlan *plan = m_context.gateway(gateway);
                bool applies = true;
                if (!match.sourceLabels.empty())
                    applies = plan && selects(plan->resource->spec.selector, match.sourceLabels);
                if (match.sourceNamespace)
                    applies = applies && plan && plan->workloadNamespace == *match.sourceNamespace;
                (applies ? kept : left) << gateway;
                if (applies)
                    block.bindings.push_back({gateway, match.port.value_or(0), protocol});
            }
            if (!match.sourceLabels.empty() || match.sourceNamespace)
                report.add(Severity::Note, QStringLiteral("source-selector"), vs.source,
                           matchPath + (match.sourceLabels.empty()
                                            ? QStringLiteral(".sourceNamespace")
                                            : QStringLiteral(".sourceLabels")),
                           QStringLiteral("a match on the gateway pods' labels or namespace "
                                          "(decided when Istio builds each gateway)"),
                           QStringLiteral("decided here against each Gateway's selector: kept "
                                          "for %1, left out for %2; the generated Gateways run "
                                          "new pods, so the condition itself is gone")
                               .arg(kept.isEmpty() ? QStringLiteral("none")
                                                   : kept.join(QStringLiteral(", ")),
                                    left.isEmpty() ? QStringLiteral("none")
                                                   : left.join(QStringLiteral(", "))));
            std::sort(block.bindings.begin(), block.bindings.end());
            if (block.matchIndex >= 0)
                block.matches = matches.convert(match, matchPath);
            blocks.push_back(std::move(block));
        }
    }
    return blocks;
}

std::vector<HttpRouteBuilder::BuiltRule>
HttpRouteBuilder::buildRules(const VirtualServiceSource &vs, int vsOrder,
                             const std::vector<Block> &blocks,
                             const std::vector<RuleAction> &actions, const BindingKey &key)
{
    const Istio::VirtualServiceSpec &spec = vs.resource->spec;
    // A rewrite of a route without matches needs a PathPrefix match to replace.
    ConvertedMatch rootPrefix;
    rootPrefix.node = Nodes::map();
    rootPrefix.node["path"]["type"] = Nodes::text(QStringLiteral("PathPrefix"));
    rootPrefix.node["path"]["value"] = Nodes::text(QStringLiteral("/"));

    std::vector<BuiltRule> rules;
    for (int i = 0; i < int(spec.http.size()); ++i) {
        std::vector<Entry> entries;
        bool hadBlocks = false;
        const Block *noMatch = nullptr;
        for (const Block &block : blocks) {
            if (block.httpIndex != i || block.bindings != key)
                continue;
            if (block.matchIndex < 0)
                noMatch = &block;
            hadBlocks = hadBlocks || block.matchIndex >= 0;
            for (const ConvertedMatch &match : block.matches)
                entries.emplace_back(&block, &match);
        }
        // Every block left out (reported where): no rule, rather than a catch-all.
        if ((hadBlocks && entries.empty()) || (!hadBlocks && !noMatch))
            continue;
        const RuleAction &action = actions[i];
        if (entries.empty() && action.needsOwnRulePerMatch())
            entries.emplace_back(noMatch, &rootPrefix);

        // ReplacePrefixMatch is only valid in a rule with a single PathPrefix match.
        std::vector<std::vector<Entry>> split;
        if (action.needsOwnRulePerMatch() && entries.size() > 1) {
            for (const Entry &entry : entries)
                split.push_back({entry});
        } else {
            split.push_back(entries);
        }
        for (const std::vector<Entry> &ruleEntries : split) {
            BuiltRule rule;
            rule.node = Nodes::map();
            rule.name = action.name;
            const auto unitFor = [&](const Block *block, int gatewayMatchIndex) {
                PrecedenceUnit unit; // without a match: PathPrefix "/" once admitted
                unit.vs = vs.source;
                unit.httpIndex = i;
                unit.matchIndex = block->matchIndex;
                unit.routeName = spec.http[i].name.value_or(QString());
                unit.vsOrder = vsOrder;
                unit.phase = block->phase;
                unit.gatewayMatchIndex = gatewayMatchIndex;
                return unit;
            };
            YAML::Node matches = Nodes::list();
            for (int k = 0; k < int(ruleEntries.size()); ++k) {
                const auto &[block, match] = ruleEntries[k];
                matches.push_back(YAML::Clone(match->node));
                rule.units.push_back(unitFor(block, k));
                rule.units.back().match = match->match;
            }
            if (ruleEntries.empty())
                rule.units.push_back(unitFor(noMatch, 0));
            else
                rule.node["matches"] = matches;
            rule.matchCount = std::max<int>(1, int(ruleEntries.size()));
            const YAML::Node filters = action.filtersFor(
                ruleEntries.empty() ? nullptr : &ruleEntries.front().second->match);
            if (filters.size() > 0)
                rule.node["filters"] = filters;
            if (Nodes::isSet(action.backendRefs))
                rule.node["backendRefs"] = YAML::Clone(action.backendRefs);
            if (Nodes::isSet(action.timeouts))
                rule.node["timeouts"] = YAML::Clone(action.timeouts);
            if (Nodes::isSet(action.retry))
                rule.node["retry"] = YAML::Clone(action.retry);
            rules.push_back(std::move(rule));
        }
    }
    return rules;
}

int HttpRouteBuilder::emitRoutes(const VirtualServiceSource &vs, std::vector<BuiltRule> &rules,
                                 const YAML::Node &parentRefs, const QStringList &hostnames,
                                 const QStringList &vhosts, std::vector<OutputObject> &routes,
                                 std::vector<PrecedenceUnit> &units)
{
    int emitted = 0;
    std::size_t next = 0;
    while (next < rules.size()) {
        std::size_t end = next;
        int matchTotal = 0;
        while (end < rules.size() && int(end - next) < MAX_RULES &&
               matchTotal + rules[end].matchCount <= MAX_MATCHES) {
            matchTotal += rules[end].matchCount;
            ++end;
        }
        end = std::max(end, next + 1);
        const QString kind = QStringLiteral("HTTPRoute");
        const QString &nameSpace = vs.source.id.nameSpace;
        OutputObject route = makeOutputObject(
            QStringLiteral("gateway.networking.k8s.io/v1"), kind, nameSpace,
            m_context.claimObjectName(kind, nameSpace, vs.source.id.name), vs.source.id);
        YAML::Node node = route.node;
        node["spec"]["parentRefs"] = YAML::Clone(parentRefs);
        if (!hostnames.isEmpty())
            node["spec"]["hostnames"] = Nodes::textList(hostnames);
        YAML::Node ruleNodes = Nodes::list();
        NameRegistry ruleNames;
        for (std::size_t r = next; r < end; ++r) {
            BuiltRule &rule = rules[r];
            if (!rule.name.isEmpty()) {
                // The name goes first, as people write it.
                YAML::Node named = Nodes::map();
                named["name"] = Nodes::text(ruleNames.claim(QString(), rule.name));
                for (auto it = rule.node.begin(); it != rule.node.end(); ++it)
                    named[it->first] = it->second;
                rule.node = named;
            }
            ruleNodes.push_back(rule.node);
            for (PrecedenceUnit &unit : rule.units) {
                unit.routeOrder = int(routes.size());
                unit.ruleIndex = int(r - next);
                unit.vhosts = vhosts;
                units.push_back(unit);
            }
        }
        node["spec"]["rules"] = ruleNodes;
        routes.push_back(std::move(route));
        ++emitted;
        next = end;
    }
    return emitted;
}

} // namespace ToGatewayApi
