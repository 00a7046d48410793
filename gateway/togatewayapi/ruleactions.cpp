#include "ruleactions.h"

#include "names.h"
#include "validation/names.h"
#include "yamlnodes.h"

#include <cmath>

namespace ToGatewayApi {
namespace {

// RFC 7230 token: what Gateway API accepts as a header name (no HTTP/2 pseudo-header).
bool isHeaderName(const QString &name)
{
    return !name.startsWith(QLatin1Char(':')) && Validation::Names::isHeaderName(name);
}

// A Gateway API PreciseHostname: a DNS name, no wildcard, no port, no IP address.
bool isPreciseHostname(const QString &host)
{
    if (host.isEmpty() || host.contains(QLatin1Char('*')) || host.contains(QLatin1Char(':')) ||
        Validation::Names::isIpAddress(host))
        return false;
    return isDnsSubdomain(host.toLower());
}

YAML::Node filter(const QString &type, const char *key, const YAML::Node &body)
{
    YAML::Node node = Nodes::map();
    node["type"] = Nodes::text(type);
    node[key] = body;
    return node;
}

YAML::Node percentNode(double value)
{
    YAML::Node node = Nodes::map();
    if (std::abs(value - std::round(value)) < 1e-9) {
        node["percent"] = Nodes::number(qint64(std::llround(value)));
    } else {
        node["fraction"]["numerator"] = Nodes::number(std::llround(value * 10000));
        node["fraction"]["denominator"] = Nodes::number(1000000);
    }
    return node;
}

} // namespace

YAML::Node RuleAction::filtersFor(const GatewayMatch *match) const
{
    YAML::Node out = YAML::Clone(filters);
    if (!out.IsSequence())
        out = Nodes::list();
    if (!pathChange)
        return out;
    YAML::Node body = YAML::Clone(pathChange->body);
    const bool prefixMatch = !match || match->pathType == GatewayMatch::PathType::Prefix;
    if (pathChange->fullPath) {
        body["path"]["type"] = Nodes::text(QStringLiteral("ReplaceFullPath"));
        body["path"]["replaceFullPath"] = Nodes::text(*pathChange->fullPath);
    } else if (pathChange->prefix && prefixMatch) {
        body["path"]["type"] = Nodes::text(QStringLiteral("ReplacePrefixMatch"));
        body["path"]["replacePrefixMatch"] = Nodes::text(*pathChange->prefix);
    } else if (pathChange->prefix && !pathChange->prefixMatchOnly) {
        body["path"]["type"] = Nodes::text(QStringLiteral("ReplaceFullPath"));
        body["path"]["replaceFullPath"] = Nodes::text(*pathChange->prefix);
    }
    if (body.size() == 0 && !pathChange->redirect)
        return out;
    out.push_back(pathChange->redirect
                      ? filter(QStringLiteral("RequestRedirect"), "requestRedirect", body)
                      : filter(QStringLiteral("URLRewrite"), "urlRewrite", body));
    return out;
}

RuleAction RuleActionBuilder::build(const Istio::HTTPRoute &route, const QString &path)
{
    RuleAction action;
    action.filters = Nodes::list();
    if (route.name)
        action.name = toDnsLabel(*route.name, QString());
    QString authority;
    addHeaderFilters(route.headers, path + QStringLiteral(".headers"), action.filters, &authority);
    if (route.redirect)
        addRedirect(*route.redirect, path + QStringLiteral(".redirect"), action);
    else
        addRewrite(route, path, authority, action);
    addMirrors(route, path, action);
    if (route.corsPolicy)
        addCors(*route.corsPolicy, path + QStringLiteral(".corsPolicy"), action);
    if (route.fault)
        reportFault(*route.fault, path + QStringLiteral(".fault"));
    addTimeouts(route, path, action);
    if (route.delegate || route.directResponse || (route.route.empty() && !route.redirect))
        reportUnroutable(route, path);
    else if (!route.redirect)
        addBackends(route, path, action);
    return action;
}

void RuleActionBuilder::addHeaderFilters(const std::optional<Istio::Headers> &headers,
                                         const QString &path, YAML::Node &filters,
                                         QString *authority)
{
    if (!headers)
        return;
    const auto modifier = [&](const std::optional<Istio::HeaderOperations> &ops, bool request,
                              const QString &opsPath) {
        YAML::Node body = Nodes::map();
        if (!ops)
            return body;
        const auto add = [&](const char *key, const QString &name, const QString &value,
                             const QString &fieldPath) {
            const QString lower = name.toLower();
            if (request &&
                (lower == QLatin1String(":authority") || lower == QLatin1String("host")) &&
                authority) {
                *authority = value; // an authority rewrite (semantics doc §3.6)
                return;
            }
            if (!isHeaderName(name)) {
                m_context.report.add(Severity::Lost, QStringLiteral("header-invalid-name"), m_vs,
                                     fieldPath, QStringLiteral("header operation on %1").arg(name),
                                     QStringLiteral("not a header name Gateway API accepts; "
                                                    "the operation is left out"));
                return;
            }
            YAML::Node item = Nodes::map();
            item["name"] = Nodes::text(name);
            item["value"] = Nodes::text(value);
            body[key].push_back(item);
        };
        for (const auto &[name, value] : ops->set.entries)
            add("set", name, value, opsPath + QStringLiteral(".set.") + name);
        for (const auto &[name, value] : ops->add.entries)
            add("add", name, value, opsPath + QStringLiteral(".add.") + name);
        for (const QString &name : ops->remove) {
            if (isHeaderName(name))
                body["remove"].push_back(Nodes::text(name));
            else
                m_context.report.add(Severity::Lost, QStringLiteral("header-invalid-name"), m_vs,
                                     opsPath + QStringLiteral(".remove"),
                                     QStringLiteral("removal of header %1").arg(name),
                                     QStringLiteral("not a header name Gateway API accepts; "
                                                    "the operation is left out"));
        }
        return body;
    };
    const YAML::Node request = modifier(headers->request, true, path + QStringLiteral(".request"));
    if (request.size() > 0)
        filters.push_back(
            filter(QStringLiteral("RequestHeaderModifier"), "requestHeaderModifier", request));
    const YAML::Node response =
        modifier(headers->response, false, path + QStringLiteral(".response"));
    if (response.size() > 0)
        filters.push_back(
            filter(QStringLiteral("ResponseHeaderModifier"), "responseHeaderModifier", response));
}

void RuleActionBuilder::addRewrite(const Istio::HTTPRoute &route, const QString &path,
                                   const QString &authority, RuleAction &action)
{
    LossReport &report = m_context.report;
    const std::optional<Istio::HTTPRewrite> &rewrite = route.rewrite;
    RuleAction::PathChange change;
    change.body = Nodes::map();
    const QString hostname = rewrite && rewrite->authority ? *rewrite->authority : authority;
    if (!hostname.isEmpty()) {
        if (isPreciseHostname(hostname))
            change.body["hostname"] = Nodes::text(hostname.toLower());
        else
            report.add(Severity::Lost, QStringLiteral("rewrite-authority"), m_vs,
                       rewrite && rewrite->authority ? path + QStringLiteral(".rewrite.authority")
                                                     : path + QStringLiteral(".headers"),
                       QStringLiteral("authority rewrite to \"%1\"").arg(hostname),
                       QStringLiteral("Gateway API rewrites to a plain host name only (no port, "
                                      "no IP address); the Host header is left as sent"));
    }
    if (rewrite && rewrite->uri) {
        change.prefix = *rewrite->uri;
        // Istio replaces the matched prefix as raw text, Gateway API path element-wise: they
        // differ when one of the two ends with "/" and the other does not.
        std::vector<QString> prefixes;
        for (const Istio::HTTPMatchRequest &match : route.match) {
            if (match.uri && match.uri->prefix)
                prefixes.push_back(*match.uri->prefix);
        }
        if (route.match.empty())
            prefixes.push_back(QStringLiteral("/"));
        for (const QString &prefix : prefixes) {
            const QString &uri = *rewrite->uri;
            if (m_gatewaySemantics || uri.isEmpty() ||
                prefix.endsWith(QLatin1Char('/')) == uri.endsWith(QLatin1Char('/')))
                continue;
            LossEntry &entry = report.add(
                Severity::ChangedBehaviour, QStringLiteral("rewrite-prefix"), m_vs,
                path + QStringLiteral(".rewrite.uri"),
                QStringLiteral("prefix \"%1\" rewritten to \"%2\"").arg(prefix, uri),
                QStringLiteral("Istio replaces the prefix as text, Gateway API by path "
                               "elements: the \"/\" between the new prefix and the rest of "
                               "the path comes out differently"));
            const QString sample = prefix.endsWith(QLatin1Char('/'))
                                       ? prefix + QStringLiteral("x")
                                       : prefix + QStringLiteral("/x");
            entry.example =
                QStringLiteral("GET %1 → Istio %2").arg(sample, uri + sample.mid(prefix.size()));
            break;
        }
    } else if (rewrite && rewrite->uriRegexRewrite) {
        const QString match = rewrite->uriRegexRewrite->match.value_or(QString());
        const QString replacement = rewrite->uriRegexRewrite->rewrite.value_or(QString());
        static const QStringList WHOLE_PATH = {QStringLiteral(".*"), QStringLiteral("^.*$"),
                                               QStringLiteral("/.*"), QStringLiteral("^/.*$")};
        if (WHOLE_PATH.contains(match) && !replacement.contains(QLatin1Char('\\'))) {
            change.fullPath = replacement;
        } else {
            report.add(
                Severity::Lost, QStringLiteral("rewrite-regex"), m_vs,
                path + QStringLiteral(".rewrite.uriRegexRewrite"),
                QStringLiteral("regex rewrite of the path (%1 → %2)").arg(match, replacement),
                QStringLiteral("Gateway API rewrites a path prefix or the whole path "
                               "only: the path is forwarded unchanged"));
        }
    }
    if (change.body.size() > 0 || change.prefix || change.fullPath)
        action.pathChange = change;
}

void RuleActionBuilder::addRedirect(const Istio::HTTPRedirect &redirect, const QString &path,
                                    RuleAction &action)
{
    LossReport &report = m_context.report;
    RuleAction::PathChange change;
    change.redirect = true;
    change.body = Nodes::map();
    if (redirect.scheme)
        change.body["scheme"] = Nodes::text(*redirect.scheme);
    if (redirect.authority) {
        if (isPreciseHostname(*redirect.authority))
            change.body["hostname"] = Nodes::text(redirect.authority->toLower());
        else
            report.add(Severity::Lost, QStringLiteral("redirect-authority"), m_vs,
                       path + QStringLiteral(".authority"),
                       QStringLiteral("redirect to authority \"%1\"").arg(*redirect.authority),
                       QStringLiteral("Gateway API redirects to a plain host name only; the "
                                      "Location keeps the request's host"));
    }
    using Derive = Istio::RedirectPortSelection;
    if (redirect.port) {
        change.body["port"] = Nodes::number(*redirect.port);
    } else if (redirect.derivePort == Derive::FROM_PROTOCOL_DEFAULT && !redirect.scheme) {
        report.add(Severity::ChangedBehaviour, QStringLiteral("redirect-port"), m_vs,
                   path + QStringLiteral(".derivePort"),
                   QStringLiteral("derivePort FROM_PROTOCOL_DEFAULT without a scheme"),
                   QStringLiteral("Gateway API uses the listener's port when neither port nor "
                                  "scheme is set: the Location may name a port Istio left out; "
                                  "set scheme to get the protocol's default port"));
    } else if (redirect.derivePort == Derive::FROM_REQUEST_PORT && redirect.scheme) {
        report.add(
            Severity::ChangedBehaviour, QStringLiteral("redirect-port"), m_vs,
            path + QStringLiteral(".derivePort"),
            QStringLiteral("derivePort FROM_REQUEST_PORT with scheme %1").arg(*redirect.scheme),
            QStringLiteral("Gateway API uses the scheme's default port when a scheme "
                           "is set: the Location loses the request's port; set port "
                           "explicitly"));
    } else if (!redirect.derivePort && redirect.scheme) {
        LossEntry &entry =
            report.add(Severity::ChangedBehaviour, QStringLiteral("redirect-port"), m_vs,
                       path + QStringLiteral(".scheme"),
                       QStringLiteral("redirect to scheme %1 without a port").arg(*redirect.scheme),
                       QStringLiteral("Gateway API uses the scheme's default port, Istio keeps a "
                                      "non-default port written in the Host header"));
        entry.example = QStringLiteral("Host: a.example.com:8080 → Istio %1://a.example.com:8080, "
                                       "Gateway API %1://a.example.com")
                            .arg(*redirect.scheme);
    }
    const quint32 code = redirect.redirectCode.value_or(301);
    if (code == 301 || code == 302 || code == 303 || code == 307 || code == 308) {
        change.body["statusCode"] = Nodes::number(code); // Gateway API defaults to 302
        if (code > 302)
            report.add(Severity::Note, QStringLiteral("redirect-code"), m_vs,
                       path + QStringLiteral(".redirectCode"),
                       QStringLiteral("redirect code %1").arg(code),
                       QStringLiteral("Gateway API releases before the 303/307/308 extension "
                                      "accept only 301 and 302"));
    } else {
        report.add(Severity::Lost, QStringLiteral("redirect-code"), m_vs,
                   path + QStringLiteral(".redirectCode"),
                   QStringLiteral("redirect code %1 (Istio leaves such a route without an "
                                  "action)")
                       .arg(code),
                   QStringLiteral("Gateway API has no such code; the redirect uses 302"));
    }
    if (redirect.uri) {
        change.fullPath = *redirect.uri;
        if (redirect.uri->contains(QLatin1Char('?')))
            report.add(Severity::ChangedBehaviour, QStringLiteral("redirect-query"), m_vs,
                       path + QStringLiteral(".uri"),
                       QStringLiteral("redirect uri \"%1\" carries a query").arg(*redirect.uri),
                       QStringLiteral("Gateway API replaces the path only; the request's query "
                                      "is kept where Istio replaced it"));
    } else if (redirect.prefixRewrite) {
        change.prefix = *redirect.prefixRewrite;
        change.prefixMatchOnly = true;
    }
    action.pathChange = change;
}

void RuleActionBuilder::addMirrors(const Istio::HTTPRoute &route, const QString &path,
                                   RuleAction &action)
{
    const auto mirror = [&](const Istio::Destination &destination, std::optional<double> percent,
                            const QString &fieldPath) {
        const BackendResolver::Origin origin{QStringLiteral("HTTPRoute"), m_vs.id.nameSpace, m_vs,
                                             fieldPath};
        const YAML::Node ref = m_backends.backendRef(destination, origin);
        if (!Nodes::isSet(ref))
            return;
        YAML::Node body = percent ? percentNode(*percent) : Nodes::map();
        body["backendRef"] = ref;
        action.filters.push_back(filter(QStringLiteral("RequestMirror"), "requestMirror", body));
    };
    if (route.mirror) {
        std::optional<double> percent;
        if (route.mirrorPercentage && route.mirrorPercentage->value)
            percent = *route.mirrorPercentage->value;
        else if (route.mirrorPercent)
            percent = double(*route.mirrorPercent);
        mirror(*route.mirror, percent, path + QStringLiteral(".mirror"));
    }
    for (int i = 0; i < int(route.mirrors.size()); ++i) {
        const Istio::HTTPMirrorPolicy &policy = route.mirrors[i];
        if (!policy.destination)
            continue;
        std::optional<double> percent;
        if (policy.percentage && policy.percentage->value)
            percent = *policy.percentage->value;
        mirror(*policy.destination, percent,
               path + QStringLiteral(".mirrors[%1].destination").arg(i));
    }
}

void RuleActionBuilder::addBackends(const Istio::HTTPRoute &route, const QString &path,
                                    RuleAction &action)
{
    YAML::Node refs = Nodes::list();
    const bool weighted = route.route.size() > 1; // a single destination's weight is ignored
    qint64 total = 0;
    for (int i = 0; i < int(route.route.size()); ++i) {
        const Istio::HTTPRouteDestination &destination = route.route[i];
        if (!destination.destination)
            continue;
        const QString fieldPath = path + QStringLiteral(".route[%1]").arg(i);
        const BackendResolver::Origin origin{QStringLiteral("HTTPRoute"), m_vs.id.nameSpace, m_vs,
                                             fieldPath + QStringLiteral(".destination")};
        YAML::Node ref = m_backends.backendRef(*destination.destination, origin);
        if (!Nodes::isSet(ref))
            continue;
        if (weighted) {
            const qint64 weight = std::max(0, destination.weight.value_or(0));
            ref["weight"] = Nodes::number(weight);
            total += weight;
        }
        YAML::Node filters = Nodes::list();
        QString authority;
        addHeaderFilters(destination.headers, fieldPath + QStringLiteral(".headers"), filters,
                         &authority);
        if (!authority.isEmpty())
            m_context.report.add(
                Severity::Lost, QStringLiteral("rewrite-authority"), m_vs,
                fieldPath + QStringLiteral(".headers"),
                QStringLiteral("authority rewrite to \"%1\" for one destination").arg(authority),
                QStringLiteral("Gateway API rewrites the host per rule, not per "
                               "backend; the Host header is left as sent"));
        if (filters.size() > 0)
            ref["filters"] = filters;
        refs.push_back(ref);
    }
    if (weighted && total == 0 && refs.size() > 0)
        m_context.report.add(Severity::ChangedBehaviour, QStringLiteral("weights"), m_vs,
                             path + QStringLiteral(".route"),
                             QStringLiteral("every destination has weight 0 (Istio rejects "
                                            "such a route)"),
                             QStringLiteral("Gateway API answers 500 for the rule's requests"));
    if (refs.size() > 0)
        action.backendRefs = refs;
}

} // namespace ToGatewayApi
