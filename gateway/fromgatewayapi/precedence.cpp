#include "precedence.h"

#include <algorithm>

namespace FromGatewayApi {
namespace {

int pathRank(const Istio::HTTPMatchRequest &match)
{
    if (!match.uri)
        return -1;
    if (match.uri->exact)
        return 3;
    if (match.uri->prefix)
        return 2;
    if (match.uri->regex)
        return 1;
    return -1;
}

// In bytes, as istiod measures it.
qsizetype pathLength(const Istio::HTTPMatchRequest &match)
{
    if (!match.uri)
        return 0;
    const std::optional<QString> &value = match.uri->exact    ? match.uri->exact
                                          : match.uri->prefix ? match.uri->prefix
                                                              : match.uri->regex;
    return value ? value->toUtf8().size() : 0;
}

} // namespace

bool precedes(const Istio::HTTPRoute &a, const Istio::HTTPRoute &b)
{
    if (a.match.empty())
        return false;
    if (b.match.empty())
        return true;
    // Generated routes carry one match each; the first decides.
    const Istio::HTTPMatchRequest &m1 = a.match.front();
    const Istio::HTTPMatchRequest &m2 = b.match.front();
    if (pathRank(m1) != pathRank(m2))
        return pathRank(m1) > pathRank(m2);
    if (pathLength(m1) != pathLength(m2))
        return pathLength(m1) > pathLength(m2);
    if (m1.method.has_value() != m2.method.has_value())
        return m1.method.has_value();
    if (m1.headers.size() != m2.headers.size())
        return m1.headers.size() > m2.headers.size();
    return m1.queryParams.size() > m2.queryParams.size();
}

void sortByPrecedence(std::vector<Istio::HTTPRoute> &routes)
{
    std::stable_sort(routes.begin(), routes.end(), precedes);
}

} // namespace FromGatewayApi
