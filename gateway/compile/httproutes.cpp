// VirtualService http[] → runtime routes for one gateway server (semantics doc §3.2-§3.8).

#include "compilerstate.h"
#include "core/diagnosticcodes.h"
#include "httppolicies.h"

#include <re2/re2.h>

namespace Compile {
namespace {

std::optional<Runtime::StringMatcher> compileMatch(const std::optional<Istio::StringMatch> &match,
                                                   bool ignoreCase = false)
{
    if (!match)
        return std::nullopt;
    if (match->exact)
        return Runtime::StringMatcher::exact(*match->exact, ignoreCase);
    if (match->prefix)
        return Runtime::StringMatcher::prefix(*match->prefix, ignoreCase);
    if (match->regex)
        return Runtime::StringMatcher::regex(*match->regex);
    return std::nullopt;
}

// Header and query matches: {} and regex "*" mean "present".
std::optional<Runtime::StringMatcher> compileValueMatch(const Istio::StringMatch &match)
{
    if (!match.exact && !match.prefix && (!match.regex || *match.regex == QLatin1String("*")))
        return std::nullopt;
    return compileMatch(match);
}

// Gateway API semantics (semantics doc §8): a uri prefix other than "/" matches whole path
// segments, as Envoy's path_separated_prefix does for istiod's generated routes.
// Gateway API ReplacePrefixMatch "/" (a uri rewrite "/" on a prefix match): the matched segments
// go and the rest stays a path ("/prefix/x" → "/x", "/prefix" → "/", "/prefix//x" → "/x"), as
// istiod's regex rewrite for gateway routes does. Compiled to that regex rewrite here so the
// route engine keeps one rewrite rule.
void rewriteMatchedSegmentsAway(Runtime::HttpRoute &route)
{
    if (!route.rewrite || !route.rewrite->uri || *route.rewrite->uri != QLatin1String("/") ||
        !route.match.uri || route.match.uri->kind() != Runtime::StringMatcher::Kind::Prefix)
        return;
    const Runtime::StringMatcher &prefix = *route.match.uri;
    const std::string pattern = std::string(prefix.ignoresCase() ? "(?i)^" : "^") +
                                RE2::QuoteMeta(prefix.value().toStdString()) + "/*";
    route.rewrite->uri.reset();
    route.rewrite->regexMatch = Runtime::StringMatcher::regex(QString::fromStdString(pattern));
    route.rewrite->regexRewrite = QStringLiteral("/");
}

Runtime::MatchBlock compileBlock(const Istio::HTTPMatchRequest &match, bool gatewaySemantics)
{
    Runtime::MatchBlock block;
    block.name = match.name.value_or(QString());
    const bool ignoreCase = match.ignoreUriCase.value_or(false);
    if (gatewaySemantics && match.uri && match.uri->prefix &&
        *match.uri->prefix != QLatin1String("/"))
        block.uri = Runtime::StringMatcher::pathPrefix(*match.uri->prefix, ignoreCase);
    else
        block.uri = compileMatch(match.uri, ignoreCase);
    block.scheme = compileMatch(match.scheme);
    block.method = compileMatch(match.method);
    block.authority = compileMatch(match.authority);
    for (const auto &[name, value] : match.headers.entries)
        block.headers.push_back({name.toLower(), compileValueMatch(value), false});
    for (const auto &[name, value] : match.withoutHeaders.entries)
        block.headers.push_back({name.toLower(), compileValueMatch(value), true});
    for (const auto &[name, value] : match.queryParams.entries)
        block.queryParams.push_back({name, compileValueMatch(value)});
    return block;
}

// A catch-all: no match, or uri prefix "/" / regex ".*" with no other condition (§3.10).
bool isCatchAll(const Istio::HTTPMatchRequest &match)
{
    const bool uriMatchesAll = !match.uri ||
                               (match.uri->prefix && *match.uri->prefix == QLatin1String("/")) ||
                               (match.uri->regex && *match.uri->regex == QLatin1String(".*"));
    return uriMatchesAll && !match.scheme && !match.method && !match.authority &&
           match.headers.empty() && match.withoutHeaders.empty() && match.queryParams.empty() &&
           match.sourceLabels.empty();
}

Runtime::HeaderOperations headerOperations(const std::optional<Istio::HeaderOperations> &ops)
{
    Runtime::HeaderOperations result;
    if (!ops)
        return result;
    for (const auto &[name, value] : ops->set.entries) {
        const QString lower = name.toLower();
        if (lower == QLatin1String(":authority") || lower == QLatin1String("host"))
            result.authority = value;
        else
            result.set.emplace_back(lower, value);
    }
    for (const auto &[name, value] : ops->add.entries)
        result.add.emplace_back(name.toLower(), value);
    for (const QString &name : ops->remove)
        result.remove << name.toLower();
    return result;
}

double percentOf(const std::optional<Istio::Percent> &percent, double unset)
{
    return percent && percent->value ? *percent->value : unset;
}

// Whether a delegate's match condition stays inside the root's (§3.8); regex on either side
// conflicts with any condition on the other.
bool conditionWithin(const std::optional<Istio::StringMatch> &root,
                     const std::optional<Istio::StringMatch> &child)
{
    if (!root || !child)
        return true;
    if (root->regex || child->regex)
        return false;
    if (root->exact)
        return child->exact && *child->exact == *root->exact;
    const QString prefix = root->prefix.value_or(QString());
    const QString value = child->exact ? *child->exact : child->prefix.value_or(QString());
    return value.startsWith(prefix);
}

std::optional<Istio::HTTPMatchRequest> mergeMatch(const Istio::HTTPMatchRequest &root,
                                                  const Istio::HTTPMatchRequest &child)
{
    if (!conditionWithin(root.uri, child.uri) || !conditionWithin(root.scheme, child.scheme) ||
        !conditionWithin(root.method, child.method) ||
        !conditionWithin(root.authority, child.authority))
        return std::nullopt;
    Istio::HTTPMatchRequest merged = root;
    if (child.name)
        merged.name = child.name;
    if (child.uri)
        merged.uri = child.uri;
    if (child.scheme)
        merged.scheme = child.scheme;
    if (child.method)
        merged.method = child.method;
    if (child.authority)
        merged.authority = child.authority;
    if (child.ignoreUriCase)
        merged.ignoreUriCase = child.ignoreUriCase;
    for (const auto &[name, value] : child.headers.entries) {
        if (const Istio::StringMatch *existing = root.headers.value(name);
            existing && !(*existing == value))
            return std::nullopt;
        merged.headers.set(name, value);
    }
    for (const auto &[name, value] : child.withoutHeaders.entries)
        merged.withoutHeaders.set(name, value);
    for (const auto &[name, value] : child.queryParams.entries) {
        if (const Istio::StringMatch *existing = root.queryParams.value(name);
            existing && !(*existing == value))
            return std::nullopt;
        merged.queryParams.set(name, value);
    }
    return merged;
}

} // namespace

std::vector<Runtime::HttpRoute> Compiler::httpRoutesFor(const BoundVirtualService &vs,
                                                        const AcceptedServer &server)
{
    std::vector<Runtime::HttpRoute> routes;
    const Istio::VirtualService &resource = vs.input->resource;
    const QString *semantics =
        resource.metadata.annotations.value(QStringLiteral("internal.istio.io/route-semantics"));
    const bool gatewaySemantics = semantics && *semantics == QLatin1String("gateway");

    // Expands one Istio route (root or merged delegate) into runtime routes, one per match
    // block that applies to this server. Returns true when the route is a catch-all.
    auto expand = [&](const Istio::HTTPRoute &route, int httpIndex, const QString &vsNamespace,
                      const Runtime::SourceRef *delegate, int delegateIndex) {
        Runtime::HttpRoute base;
        base.virtualService = vs.source;
        base.httpIndex = httpIndex;
        base.indexLabel = QStringLiteral("http[%1]").arg(httpIndex);
        base.name = route.name.value_or(QString());
        base.gatewaySemantics = gatewaySemantics;
        if (delegate) {
            base.delegate = std::make_shared<const Runtime::SourceRef>(*delegate);
            base.delegateIndex = delegateIndex;
        }
        if (route.redirect) {
            const Istio::HTTPRedirect &redirect = *route.redirect;
            base.action = Runtime::HttpRoute::Action::Redirect;
            base.redirect.uri = redirect.uri.value_or(QString());
            base.redirect.prefixRewrite = redirect.prefixRewrite.value_or(QString());
            base.redirect.authority = redirect.authority.value_or(QString());
            base.redirect.port = redirect.port;
            base.redirect.derivePort = redirect.derivePort;
            base.redirect.scheme = redirect.scheme.value_or(QString());
            base.redirect.code = redirect.redirectCode.value_or(301);
            static const QList<quint32> produced{301, 302, 303, 307, 308};
            if (!produced.contains(base.redirect.code)) {
                note(
                    Core::Level::Warning, QLatin1String(Core::Codes::REDIRECT_CODE_NOT_PRODUCED),
                    vs.input->ref,
                    QStringLiteral("route %1 redirects with code %2, which Envoy does not produce; "
                                   "the route has no action and is left out")
                        .arg(base.label())
                        .arg(base.redirect.code));
                return false;
            }
        } else if (route.directResponse) {
            base.action = Runtime::HttpRoute::Action::DirectResponse;
            base.directStatus = route.directResponse->status.value_or(200);
            if (route.directResponse->body) {
                if (route.directResponse->body->string)
                    base.directBody = route.directResponse->body->string->toUtf8();
                else if (route.directResponse->body->bytes)
                    base.directBody =
                        QByteArray::fromBase64(route.directResponse->body->bytes->toLatin1());
            }
        } else {
            base.action = Runtime::HttpRoute::Action::Forward;
            for (const Istio::HTTPRouteDestination &destination : route.route) {
                if (!destination.destination)
                    continue;
                Runtime::WeightedCluster weighted;
                weighted.cluster = cluster(*destination.destination, vsNamespace, server.ref.port);
                if (gatewaySemantics)
                    checkGatewayBackend(weighted.cluster);
                weighted.weight = route.route.size() == 1
                                      ? 100
                                      : quint32(std::max(0, destination.weight.value_or(0)));
                if (destination.headers) {
                    weighted.requestHeaders = headerOperations(destination.headers->request);
                    weighted.responseHeaders = headerOperations(destination.headers->response);
                }
                base.clusters.push_back(std::move(weighted));
            }
        }
        if (route.rewrite) {
            Runtime::Rewrite rewrite;
            rewrite.uri = route.rewrite->uri;
            rewrite.authority = route.rewrite->authority;
            if (route.rewrite->uriRegexRewrite && route.rewrite->uriRegexRewrite->match) {
                rewrite.regexMatch =
                    Runtime::StringMatcher::regex(*route.rewrite->uriRegexRewrite->match);
                rewrite.regexRewrite = route.rewrite->uriRegexRewrite->rewrite.value_or(QString());
            }
            base.rewrite = rewrite;
        }
        if (route.headers) {
            base.requestHeaders = headerOperations(route.headers->request);
            base.responseHeaders = headerOperations(route.headers->response);
        }
        if (route.fault) {
            Runtime::Fault fault;
            if (route.fault->abort) {
                if (route.fault->abort->httpStatus)
                    fault.abortStatus = quint32(*route.fault->abort->httpStatus);
                fault.abortGrpcStatus = route.fault->abort->grpcStatus.value_or(QString());
                fault.abortPercent = percentOf(route.fault->abort->percentage, 0);
            }
            if (route.fault->delay && route.fault->delay->fixedDelay) {
                fault.delayMs = route.fault->delay->fixedDelay->milliseconds();
                // The deprecated integer percent counts only when percentage is absent.
                fault.delayPercent = route.fault->delay->percentage
                                         ? percentOf(route.fault->delay->percentage, 0)
                                         : double(route.fault->delay->percent.value_or(0));
            }
            base.fault = fault;
        }
        if (route.timeout)
            base.timeoutMs = route.timeout->milliseconds();
        base.retries = compileRetries(route.retries);
        if (route.mirror) {
            const double percent = route.mirrorPercentage ? percentOf(route.mirrorPercentage, 100)
                                   : route.mirrorPercent  ? double(*route.mirrorPercent)
                                                          : 100.0;
            base.mirrors.emplace_back(cluster(*route.mirror, vsNamespace, server.ref.port),
                                      percent);
        }
        for (const Istio::HTTPMirrorPolicy &mirror : route.mirrors) {
            if (mirror.destination)
                base.mirrors.emplace_back(
                    cluster(*mirror.destination, vsNamespace, server.ref.port),
                    percentOf(mirror.percentage, 100));
        }
        base.cors = compileCors(route.corsPolicy);

        if (route.match.empty()) {
            base.catchAll = true;
            routes.push_back(std::move(base));
            return true;
        }
        bool catchAll = false;
        for (int m = 0; m < int(route.match.size()); ++m) {
            const Istio::HTTPMatchRequest &match = route.match[m];
            // Config-time conditions: the server port, the gateway, the proxy's labels.
            if (match.port && *match.port != server.ref.port)
                continue;
            if (!match.gateways.empty()) {
                bool listed = false;
                for (const QString &gateway : match.gateways)
                    listed = listed ||
                             resolveGatewayReference(gateway, vs.nameSpace) == server.gatewayKey;
                if (!listed)
                    continue;
            } else if (!sourceMatches(match.sourceLabels, match.sourceNamespace)) {
                continue;
            }
            Runtime::HttpRoute copy = base;
            copy.matchIndex = m;
            copy.match = compileBlock(match, gatewaySemantics);
            if (gatewaySemantics)
                rewriteMatchedSegmentsAway(copy);
            copy.catchAll = isCatchAll(match);
            catchAll = catchAll || copy.catchAll;
            routes.push_back(std::move(copy));
        }
        return catchAll;
    };

    for (int i = 0; i < int(resource.spec.http.size()); ++i) {
        const Istio::HTTPRoute &route = resource.spec.http[i];
        if (!route.delegate) {
            if (expand(route, i, vs.nameSpace, nullptr, -1))
                break; // the first catch-all ends this VirtualService (§3.10)
            continue;
        }
        const QString delegateName = route.delegate->nameSpace.value_or(vs.nameSpace) +
                                     QLatin1Char('/') + route.delegate->name.value_or(QString());
        const BoundVirtualService *child = m_byName.value(delegateName);
        const bool exported =
            child && (child->input->resource.spec.exportTo.empty() || [&] {
                const auto &to = child->input->resource.spec.exportTo;
                return std::find(to.begin(), to.end(), QStringLiteral("*")) != to.end() ||
                       std::find(to.begin(), to.end(), vs.nameSpace) != to.end() ||
                       (child->nameSpace == vs.nameSpace &&
                        std::find(to.begin(), to.end(), QStringLiteral(".")) != to.end());
            }());
        if (!child || !child->input->resource.spec.hosts.empty() || !exported || child->rejected) {
            note(
                Core::Level::Warning, QLatin1String(Core::Codes::DELEGATE_NOT_FOUND), vs.input->ref,
                QStringLiteral("http[%1] delegates to %2, which %3; the route is skipped")
                    .arg(i)
                    .arg(delegateName, !child ? QStringLiteral("does not exist")
                                       : !child->input->resource.spec.hosts.empty()
                                           ? QStringLiteral("has hosts (a delegate must have none)")
                                       : child->rejected
                                           ? QStringLiteral("is rejected")
                                           : QStringLiteral("is not exported to ") + vs.nameSpace));
            continue;
        }
        bool stop = false;
        const auto &childRoutes = child->input->resource.spec.http;
        for (int c = 0; c < int(childRoutes.size()) && !stop; ++c) {
            Istio::HTTPRoute merged = childRoutes[c];
            // Inherited from the root when the delegate leaves them unset (§3.8).
            if (!merged.rewrite)
                merged.rewrite = route.rewrite;
            if (!merged.timeout)
                merged.timeout = route.timeout;
            if (!merged.retries)
                merged.retries = route.retries;
            if (!merged.fault)
                merged.fault = route.fault;
            if (!merged.mirror && merged.mirrors.empty()) {
                merged.mirror = route.mirror;
                merged.mirrors = route.mirrors;
                merged.mirrorPercentage = route.mirrorPercentage;
            }
            if (!merged.corsPolicy)
                merged.corsPolicy = route.corsPolicy;
            if (!merged.headers)
                merged.headers = route.headers;
            if (route.name && merged.name)
                merged.name = *route.name + QLatin1Char('-') + *merged.name;
            else if (route.name)
                merged.name = route.name;
            if (!route.match.empty()) {
                std::vector<Istio::HTTPMatchRequest> matches;
                const std::vector<Istio::HTTPMatchRequest> childMatches =
                    childRoutes[c].match.empty()
                        ? std::vector<Istio::HTTPMatchRequest>{Istio::HTTPMatchRequest{}}
                        : childRoutes[c].match;
                for (const Istio::HTTPMatchRequest &rootMatch : route.match) {
                    for (const Istio::HTTPMatchRequest &childMatch : childMatches) {
                        if (std::optional<Istio::HTTPMatchRequest> m =
                                mergeMatch(rootMatch, childMatch))
                            matches.push_back(*m);
                    }
                }
                if (matches.empty()) {
                    note(Core::Level::Warning,
                         QLatin1String(Core::Codes::DELEGATE_ROUTE_OUTSIDE_ROOT), child->input->ref,
                         QStringLiteral("http[%1] of delegate %2 does not fall inside the match of "
                                        "%3 http[%4]; it is dropped")
                             .arg(c)
                             .arg(delegateName, vs.input->ref.qualifiedName())
                             .arg(i));
                    continue;
                }
                merged.match = matches;
            }
            stop = expand(merged, i, child->nameSpace, &child->input->ref, c);
        }
        if (stop)
            break;
    }
    return routes;
}

} // namespace Compile
