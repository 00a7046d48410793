#pragma once

#include "context.h"
#include "matchoverlap.h"

#include <yaml-cpp/yaml.h>

namespace ToGatewayApi {

// A generated HTTPRouteMatch and what precedence sees of it.
struct ConvertedMatch {
    YAML::Node node; // an empty map matches everything
    GatewayMatch match;
};

// The request conditions of an Istio HTTPMatchRequest → Gateway API HTTPRouteMatches (uri,
// method, headers, query parameters; semantics doc §3.3, §3.4, §8). Conditions Gateway API
// cannot state are dropped or rewritten, each with a report entry. The block's binding
// conditions (port, gateways, scheme, sourceLabels, sourceNamespace) are the route builder's.
class MatchConverter {
public:
    // `gatewaySemantics`: the VirtualService was generated from Gateway API (Istio's
    // internal.istio.io/route-semantics annotation), so its prefixes are path-element based.
    MatchConverter(Context &context, const Source &vs, bool gatewaySemantics)
        : m_context(context), m_vs(vs), m_gatewaySemantics(gatewaySemantics)
    {}

    // Usually one match; several when a method pattern expands to several methods; none when
    // the block can never match in Gateway API (reported).
    std::vector<ConvertedMatch> convert(const Istio::HTTPMatchRequest &match, const QString &path);

private:
    bool convertUri(const Istio::HTTPMatchRequest &match, const QString &path, ConvertedMatch &out);
    void convertValues(const Istio::OrderedMap<Istio::StringMatch> &values, bool headers,
                       const QString &path, ConvertedMatch &out);
    QStringList methods(const Istio::StringMatch &method, const QString &path, bool *ok);

    Context &m_context;
    Source m_vs;
    bool m_gatewaySemantics;
};

} // namespace ToGatewayApi
