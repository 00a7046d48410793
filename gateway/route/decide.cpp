#include "decide.h"

#include "cors.h"
#include "matchblock.h"
#include "tracer.h"

#include <re2/re2.h>

namespace Route {
namespace {

QString pathOnly(const QString &pathAndQuery)
{
    const qsizetype query = pathAndQuery.indexOf(QLatin1Char('?'));
    return query < 0 ? pathAndQuery : pathAndQuery.left(query);
}

QString queryOf(const QString &pathAndQuery)
{
    const qsizetype query = pathAndQuery.indexOf(QLatin1Char('?'));
    return query < 0 ? QString() : pathAndQuery.mid(query); // with the '?'
}

void localReply(Decision &decision, int status, const QString &flag, const QByteArray &body = {})
{
    decision.outcome = Decision::Outcome::LocalReply;
    decision.status = status;
    decision.responseFlag = flag;
    decision.body = body;
    if (!body.isEmpty())
        decision.responseHeaders.emplace_back(QStringLiteral("content-type"),
                                              QStringLiteral("text/plain"));
}

void close(Decision &decision, Tracer &tracer, const QString &stage, const QString &reason,
           const QStringList &candidates = {})
{
    decision.outcome = Decision::Outcome::ConnectionClosed;
    decision.closeReason = reason;
    if (tracer.enabled())
        tracer.step(stage, reason, candidates);
}

QString describeServer(const Runtime::ServerRef &server)
{
    return QStringLiteral("%1 server %2 (port %3)")
        .arg(server.gateway.qualifiedName(), server.portName)
        .arg(server.port);
}

// Picks among weighted destinations: laid out in order over [0,1) by weight (§route-tests).
const Runtime::WeightedCluster *pickWeighted(const std::vector<Runtime::WeightedCluster> &clusters,
                                             double sample, Tracer &tracer)
{
    quint64 total = 0;
    for (const auto &cluster : clusters)
        total += cluster.weight;
    if (total == 0)
        return nullptr;
    double start = 0;
    const Runtime::WeightedCluster *chosen = nullptr;
    QStringList candidates;
    for (const auto &cluster : clusters) {
        const double share = double(cluster.weight) / double(total);
        const bool hit = !chosen && cluster.weight > 0 && sample >= start && sample < start + share;
        if (hit)
            chosen = &cluster;
        if (tracer.enabled())
            candidates << QStringLiteral("%1 weight %2: [%3, %4)%5")
                              .arg(cluster.cluster.describe())
                              .arg(cluster.weight)
                              .arg(start, 0, 'g', 4)
                              .arg(start + share, 0, 'g', 4)
                              .arg(hit ? QStringLiteral(" ← sample %1").arg(sample) : QString());
        start += share;
    }
    if (!chosen) { // sample at the very top of the range: the last non-zero destination
        for (auto it = clusters.rbegin(); it != clusters.rend() && !chosen; ++it)
            if (it->weight > 0)
                chosen = &*it;
    }
    if (clusters.size() > 1)
        if (tracer.enabled())
            tracer.step(QStringLiteral("weighted destination"), chosen->cluster.describe(),
                        candidates);
    return chosen;
}

QString redirectLocation(const Runtime::HttpRoute &route, const Request &request,
                         const QString &path)
{
    const Runtime::Redirect &redirect = route.redirect;
    const QString oldScheme = request.scheme();
    const QString scheme = redirect.scheme.isEmpty() ? oldScheme : redirect.scheme.toLower();

    QString hostPort = redirect.authority.isEmpty() ? request.authority : redirect.authority;
    QString host = hostPort;
    std::optional<QString> port;
    const qsizetype colon = hostPort.lastIndexOf(QLatin1Char(':'));
    if (colon > 0 && hostPort.indexOf(QLatin1Char(']')) < colon) {
        host = hostPort.left(colon);
        port = hostPort.mid(colon + 1);
    }
    std::optional<quint32> explicitPort = redirect.port;
    if (!explicitPort && redirect.derivePort == Istio::RedirectPortSelection::FROM_REQUEST_PORT)
        explicitPort = request.port;
    if (explicitPort) {
        // Istio leaves out :80 with http and :443 with https.
        const bool isDefault = (scheme == QLatin1String("http") && *explicitPort == 80) ||
                               (scheme == QLatin1String("https") && *explicitPort == 443);
        port = isDefault ? std::nullopt : std::optional<QString>(QString::number(*explicitPort));
    } else if (port && scheme != oldScheme) {
        // [Envoy] the request's port goes only when it is the old scheme's default.
        const bool oldDefault =
            (oldScheme == QLatin1String("http") && *port == QLatin1String("80")) ||
            (oldScheme == QLatin1String("https") && *port == QLatin1String("443"));
        if (oldDefault)
            port.reset();
    }

    QString pathAndQuery = path;
    if (!redirect.uri.isEmpty()) {
        pathAndQuery =
            redirect.uri.contains(QLatin1Char('?')) ? redirect.uri : redirect.uri + queryOf(path);
    } else if (!redirect.prefixRewrite.isEmpty() && route.match.uri) {
        pathAndQuery = redirect.prefixRewrite + path.mid(route.match.uri->prefixLength());
    }
    return scheme + QStringLiteral("://") + host + (port ? QLatin1Char(':') + *port : QString()) +
           pathAndQuery;
}

QString rewritePath(const Runtime::HttpRoute &route, const QString &path, Tracer &tracer)
{
    if (!route.rewrite)
        return path;
    const Runtime::Rewrite &rewrite = *route.rewrite;
    QString result = path;
    if (rewrite.uri) {
        if (route.match.uri && route.match.uri->kind() == Runtime::StringMatcher::Kind::Prefix)
            result = *rewrite.uri + path.mid(route.match.uri->prefixLength());
        else
            result = *rewrite.uri + queryOf(path); // exact / regex / no uri match: whole path
        if (tracer.enabled())
            tracer.step(QStringLiteral("rewrite"),
                        QStringLiteral("uri \"%1\" → \"%2\"").arg(path, result));
    } else if (rewrite.regexMatch && rewrite.regexMatch->isValid()) {
        std::string onlyPath = pathOnly(path).toStdString();
        RE2::GlobalReplace(&onlyPath, *rewrite.regexMatch->compiledRegex(),
                           rewrite.regexRewrite.toStdString());
        result = QString::fromStdString(onlyPath) + queryOf(path);
        if (tracer.enabled())
            tracer.step(QStringLiteral("rewrite"),
                        QStringLiteral("uriRegexRewrite \"%1\" → \"%2\"").arg(path, result));
    }
    return result;
}

void routeHttp(const Runtime::RouteTable &table, const Request &request, Decision &decision,
               Tracer &tracer)
{
    decision.routeTable = table.name;
    if (request.httpVersion == QLatin1String("1.0")) {
        localReply(decision, 426, QString());
        if (tracer.enabled())
            tracer.step(QStringLiteral("http"),
                        QStringLiteral(
                            "HTTP/1.0 is not accepted by Istio's gateway: 426 Upgrade Required"));
        return;
    }
    const int vhostIndex = table.findVirtualHost(request.authority);
    if (tracer.enabled()) {
        QStringList candidates;
        for (const Runtime::VirtualHost &host : table.virtualHosts)
            candidates << host.domain;
        if (tracer.enabled())
            tracer.step(
                QStringLiteral("virtual host"),
                vhostIndex < 0
                    ? QStringLiteral("no virtual host matches Host \"%1\" (port ignored): 404")
                          .arg(request.authority)
                    : QStringLiteral("\"%1\" for Host \"%2\"%3")
                          .arg(table.virtualHosts[vhostIndex].domain, request.authority,
                               table.blackhole
                                   ? QStringLiteral(" (blackhole: nothing bound to this port)")
                               : table.virtualHosts[vhostIndex].virtualServices.isEmpty()
                                   ? QString()
                                   : QStringLiteral(" (routes of %1, merged in that order)")
                                         .arg(table.virtualHosts[vhostIndex].virtualServices.join(
                                             QStringLiteral(", ")))),
                candidates);
    }
    if (vhostIndex < 0) {
        localReply(decision, 404, QStringLiteral("NR"));
        return;
    }
    const Runtime::VirtualHost &host = table.virtualHosts[vhostIndex];
    decision.virtualHost = host.domain;
    if (!host.servers.empty())
        decision.server = host.servers.front();

    if (host.requireTls && !request.tls) {
        decision.outcome = Decision::Outcome::Redirect;
        decision.status = 301;
        decision.location = QStringLiteral("https://") + request.authority + request.pathAndQuery;
        decision.responseHeaders.emplace_back(QStringLiteral("location"), decision.location);
        for (const Runtime::ServerPtr &server : host.servers) {
            if (server->port == request.port)
                decision.server = server;
        }
        if (tracer.enabled())
            tracer.step(QStringLiteral("httpsRedirect"),
                        QStringLiteral("the server has httpsRedirect: 301 to %1 before any route")
                            .arg(decision.location));
        return;
    }

    const QString path = normalizePath(request.pathAndQuery);
    if (path != request.pathAndQuery)
        if (tracer.enabled())
            tracer.step(QStringLiteral("path normalisation"),
                        QStringLiteral("\"%1\" → \"%2\"").arg(request.pathAndQuery, path));

    const Runtime::HttpRoute *chosen = nullptr;
    QStringList candidates;
    for (const Runtime::HttpRoute &route : host.routes) {
        const bool matches = blockMatches(route.match, request, path);
        if (matches) {
            chosen = &route;
            if (tracer.enabled())
                candidates << QStringLiteral("%1 %2: matches")
                                  .arg(route.virtualService->qualifiedName(), route.label());
            break;
        }
        if (tracer.enabled())
            candidates << QStringLiteral("%1 route '%2'%3 %4")
                              .arg(route.virtualService->qualifiedName(), route.label(),
                                   route.matchIndex >= 0
                                       ? QStringLiteral(" match[%1]").arg(route.matchIndex)
                                       : QString(),
                                   explainMismatch(route.match, request, path));
    }
    if (!chosen) {
        if (tracer.enabled())
            tracer.step(QStringLiteral("route"), QStringLiteral("no route matches: 404"),
                        candidates);
        localReply(decision, 404, QStringLiteral("NR"));
        return;
    }
    if (tracer.enabled())
        tracer.step(QStringLiteral("route"),
                    QStringLiteral("'%1' of %2%3")
                        .arg(chosen->label(), chosen->virtualService->qualifiedName(),
                             chosen->gatewaySemantics
                                 ? QStringLiteral(" (Gateway API semantics: path prefixes match "
                                                  "whole segments, invalid backends answer 500)")
                                 : QString()),
                    candidates);

    decision.virtualService = chosen->virtualService;
    decision.delegate = chosen->delegate;
    decision.routeName = chosen->name;
    decision.routeLabel = chosen->indexLabel;
    decision.matchIndex = chosen->matchIndex;
    decision.timeoutMs = chosen->timeoutMs;
    if (chosen->cors && answerPreflight(*chosen->cors, request, decision, tracer))
        return;
    for (const auto &[cluster, percent] : chosen->mirrors) {
        if (request.mirrorSample * 100 < percent)
            decision.mirrors.push_back(cluster);
    }
    // [Envoy] the CORS filter sets its headers on whatever answers the request.
    Runtime::HeaderOperations cors;
    if (chosen->cors)
        addCorsResponseHeaders(*chosen->cors, request, cors.set);
    std::vector<std::pair<QString, QString>> responseHeaders{
        {QStringLiteral("server"), QStringLiteral("istio-envoy")}};
    responseHeaders.insert(responseHeaders.end(), cors.set.begin(), cors.set.end());

    if (chosen->action == Runtime::HttpRoute::Action::Redirect) {
        decision.outcome = Decision::Outcome::Redirect;
        decision.status = int(chosen->redirect.code);
        decision.location = redirectLocation(*chosen, request, path);
        responseHeaders.emplace_back(QStringLiteral("location"), decision.location);
        applyHeaderOperations(responseHeaders, chosen->responseHeaders);
        decision.responseHeaders = std::move(responseHeaders);
        decision.removedResponseHeaders = chosen->responseHeaders.remove;
        if (tracer.enabled())
            tracer.step(
                QStringLiteral("action"),
                QStringLiteral("redirect %1 to %2").arg(decision.status).arg(decision.location));
        return;
    }
    if (chosen->fault) {
        const Runtime::Fault &fault = *chosen->fault;
        if (fault.delayMs && request.faultSample * 100 < fault.delayPercent) {
            decision.delayMs = fault.delayMs;
            if (tracer.enabled())
                tracer.step(QStringLiteral("fault"), QStringLiteral("delay %1 ms (%2%)")
                                                         .arg(*fault.delayMs)
                                                         .arg(fault.delayPercent));
        }
        if ((fault.abortStatus || !fault.abortGrpcStatus.isEmpty()) &&
            request.faultSample * 100 < fault.abortPercent) {
            decision.outcome = Decision::Outcome::FaultAbort;
            decision.status = fault.abortStatus ? int(*fault.abortStatus) : 200;
            decision.responseFlag = QStringLiteral("FI");
            decision.body = "fault filter abort";
            responseHeaders.emplace_back(QStringLiteral("content-type"),
                                         QStringLiteral("text/plain"));
            if (!fault.abortGrpcStatus.isEmpty())
                responseHeaders.emplace_back(QStringLiteral("grpc-status"), fault.abortGrpcStatus);
            decision.responseHeaders = std::move(responseHeaders);
            if (tracer.enabled())
                tracer.step(QStringLiteral("fault"),
                            QStringLiteral("abort with %1 (%2% of requests)")
                                .arg(fault.abortStatus ? QString::number(*fault.abortStatus)
                                                       : fault.abortGrpcStatus)
                                .arg(fault.abortPercent));
            return;
        }
    }
    if (chosen->action == Runtime::HttpRoute::Action::DirectResponse) {
        decision.outcome = Decision::Outcome::DirectResponse;
        decision.status = int(chosen->directStatus);
        decision.body = chosen->directBody;
        applyHeaderOperations(responseHeaders, chosen->responseHeaders);
        decision.responseHeaders = std::move(responseHeaders);
        decision.removedResponseHeaders = chosen->responseHeaders.remove;
        if (tracer.enabled())
            tracer.step(QStringLiteral("action"),
                        QStringLiteral("direct response %1").arg(decision.status));
        return;
    }

    const Runtime::WeightedCluster *weighted =
        pickWeighted(chosen->clusters, request.sample, tracer);
    if (!weighted) {
        localReply(decision, 503, QStringLiteral("NC"));
        if (tracer.enabled())
            tracer.step(QStringLiteral("cluster"),
                        QStringLiteral("the route has no destination with weight > 0: 503"));
        return;
    }
    decision.cluster = weighted->cluster;
    if (!weighted->cluster.exists) {
        // Istio sets cluster_not_found_response_code to 500 on Gateway API routes.
        const int status = chosen->gatewaySemantics ? 500 : 503;
        localReply(decision, status, QStringLiteral("NC"));
        decision.responseHeaders.emplace_back(QStringLiteral("server"),
                                              QStringLiteral("istio-envoy"));
        if (tracer.enabled())
            tracer.step(QStringLiteral("cluster"),
                        QStringLiteral("%1 does not exist (%2): %3%4")
                            .arg(weighted->cluster.envoyName(), weighted->cluster.missingReason)
                            .arg(status)
                            .arg(chosen->gatewaySemantics
                                     ? QStringLiteral(" (Gateway API route: 500, not 503)")
                                     : QString()));
        return;
    }
    decision.outcome = Decision::Outcome::Forward;
    decision.retries = chosen->retries;
    decision.upstreamPath = rewritePath(*chosen, path, tracer);

    // Authority: rewrite.authority, else a route-level :authority/host set, else the
    // destination's, else the request's (§3.5, §3.6).
    QString authority = request.authority;
    if (weighted->requestHeaders.authority)
        authority = *weighted->requestHeaders.authority;
    if (chosen->requestHeaders.authority)
        authority = *chosen->requestHeaders.authority;
    if (chosen->rewrite && chosen->rewrite->authority)
        authority = *chosen->rewrite->authority;
    decision.upstreamAuthority = authority;

    // [Envoy] destination-level operations first, then the route's (which win on conflicts).
    decision.upstreamHeaders = request.headers;
    applyHeaderOperations(decision.upstreamHeaders, weighted->requestHeaders);
    applyHeaderOperations(decision.upstreamHeaders, chosen->requestHeaders);
    applyHeaderOperations(responseHeaders, weighted->responseHeaders);
    applyHeaderOperations(responseHeaders, chosen->responseHeaders);
    decision.responseHeaders = std::move(responseHeaders);
    decision.removedResponseHeaders =
        weighted->responseHeaders.remove + chosen->responseHeaders.remove;
    // Empty operation sets change nothing: most routes have none, and then nothing is copied.
    for (const Runtime::HeaderOperations *ops :
         {&weighted->responseHeaders, &chosen->responseHeaders})
        if (!ops->empty())
            decision.responseOperations.push_back(*ops);
    if (!cors.empty())
        decision.responseOperations.push_back(std::move(cors));
    if (tracer.enabled())
        tracer.step(QStringLiteral("action"),
                    QStringLiteral("forward to %1 as %2%3; %4%5")
                        .arg(weighted->cluster.envoyName(), authority, decision.upstreamPath,
                             chosen->retries.describe(),
                             chosen->timeoutMs
                                 ? QStringLiteral("; timeout %1 ms").arg(*chosen->timeoutMs)
                                 : QString()));
}

// SNI → filter chain: exact name, then the most specific wildcard, then a chain without an SNI
// condition (§4.3).
const Runtime::FilterChain *chooseChain(const Runtime::Listener &listener,
                                        const std::optional<QString> &sni, QStringList &candidates,
                                        bool trace)
{
    const Runtime::FilterChain *exact = nullptr;
    const Runtime::FilterChain *fallback = nullptr;
    const Runtime::FilterChain *bestWildcard = nullptr;
    qsizetype bestLength = -1;
    const QString name = sni.value_or(QString()).toLower();
    for (const Runtime::FilterChain &chain : listener.chains) {
        if (chain.serverNames.isEmpty()) {
            if (!fallback)
                fallback = &chain;
            continue;
        }
        if (name.isEmpty())
            continue;
        for (const QString &serverName : chain.serverNames) {
            if (serverName == name && !exact)
                exact = &chain;
            if (serverName.startsWith(QLatin1String("*.")) &&
                name.endsWith(QStringView(serverName).mid(1)) &&
                name.size() > serverName.size() - 1 && serverName.size() > bestLength) {
                bestWildcard = &chain;
                bestLength = serverName.size();
            }
        }
    }
    const Runtime::FilterChain *chosen = exact ? exact : bestWildcard ? bestWildcard : fallback;
    if (trace) {
        const QString sent =
            name.isEmpty() ? QStringLiteral("no SNI") : QStringLiteral("SNI \"%1\"").arg(name);
        for (const Runtime::FilterChain &chain : listener.chains) {
            QString why;
            if (&chain == chosen)
                why = exact == &chain          ? QStringLiteral("chosen: exact name")
                      : bestWildcard == &chain ? QStringLiteral("chosen: most specific wildcard")
                                               : QStringLiteral("chosen: no SNI condition");
            else if (chain.serverNames.isEmpty())
                why = QStringLiteral("no SNI condition; used only when no name matches");
            else if (!name.isEmpty() &&
                     std::any_of(chain.serverNames.begin(), chain.serverNames.end(),
                                 [&](const QString &serverName) {
                                     return serverName.startsWith(QLatin1String("*.")) &&
                                            name.endsWith(QStringView(serverName).mid(1));
                                 }))
                why = QStringLiteral("matches %1 by wildcard, but a more specific name wins")
                          .arg(sent);
            else
                why = QStringLiteral("does not serve %1").arg(sent);
            candidates << QStringLiteral("%1: %2").arg(chain.description, why);
        }
    }
    return chosen;
}

void forwardTcp(const Runtime::TcpRoute &route, const Request &request, Decision &decision,
                Tracer &tracer)
{
    decision.virtualService = route.virtualService;
    decision.routeLabel = route.label;
    const Runtime::WeightedCluster *weighted = pickWeighted(route.clusters, request.sample, tracer);
    if (!weighted) {
        close(decision, tracer, QStringLiteral("tcp route"),
              QStringLiteral("the route has no destination: closed"));
        return;
    }
    decision.cluster = weighted->cluster;
    if (!weighted->cluster.exists) {
        close(decision, tracer, QStringLiteral("tcp route"),
              QStringLiteral("%1 does not exist (%2): the connection is closed")
                  .arg(weighted->cluster.envoyName(), weighted->cluster.missingReason));
        return;
    }
    decision.outcome = Decision::Outcome::TcpForward;
    if (tracer.enabled())
        tracer.step(QStringLiteral("tcp route"),
                    QStringLiteral("%1 of %2 → %3")
                        .arg(route.label, route.virtualService->qualifiedName(),
                             weighted->cluster.describe()));
}

} // namespace

void applyHeaderOperations(std::vector<std::pair<QString, QString>> &headers,
                           const Runtime::HeaderOperations &ops)
{
    // Plain pairs, not structured bindings: clang 14 cannot capture those in a lambda.
    for (const std::pair<QString, QString> &operation : ops.set) {
        const QString &name = operation.first;
        std::erase_if(headers, [&](const auto &h) { return h.first == name; });
        headers.emplace_back(name, operation.second);
    }
    for (const std::pair<QString, QString> &operation : ops.add) {
        const QString &name = operation.first;
        auto it = std::find_if(headers.begin(), headers.end(),
                               [&](const auto &h) { return h.first == name; });
        if (it != headers.end())
            it->second += QLatin1Char(',') + operation.second;
        else
            headers.emplace_back(name, operation.second);
    }
    for (const QString &name : ops.remove)
        std::erase_if(headers, [&](const auto &h) { return h.first == name; });
}

QString normalizePath(const QString &pathAndQuery)
{
    const qsizetype queryStart = pathAndQuery.indexOf(QLatin1Char('?'));
    const QString path = queryStart < 0 ? pathAndQuery : pathAndQuery.left(queryStart);
    if (!path.contains(QLatin1String("/.")))
        return pathAndQuery;
    QStringList output;
    const QStringList segments = path.split(QLatin1Char('/'));
    for (int i = 1; i < segments.size(); ++i) {
        const QString &segment = segments[i];
        const bool last = i == segments.size() - 1;
        if (segment == QLatin1String(".")) {
            if (last)
                output << QString();
        } else if (segment == QLatin1String("..")) {
            if (!output.isEmpty())
                output.removeLast();
            if (last)
                output << QString();
        } else {
            output << segment;
        }
    }
    const QString normalized = QLatin1Char('/') + output.join(QLatin1Char('/'));
    return queryStart < 0 ? normalized : normalized + pathAndQuery.mid(queryStart);
}

Decision decide(const Runtime::Config &config, const Request &request, bool withTrace)
{
    Decision decision;
    Tracer tracer(decision, withTrace);
    const Runtime::Listener *listener = config.findListener(request.port, request.bind);
    if (!listener) {
        QStringList candidates;
        if (withTrace)
            for (const Runtime::Listener &l : config.listeners)
                candidates << l.name();
        close(decision, tracer, QStringLiteral("listener"),
              QStringLiteral("no Gateway server listens on port %1: connection refused")
                  .arg(request.port),
              candidates);
        return decision;
    }
    decision.listener = listener->label;
    if (tracer.enabled())
        tracer.step(QStringLiteral("listener"), listener->name());

    switch (listener->kind) {
    case Runtime::Listener::Kind::PlainHttp:
        if (request.tls) {
            close(decision, tracer, QStringLiteral("listener"),
                  QStringLiteral("port %1 is plaintext HTTP; a TLS handshake fails")
                      .arg(request.port));
            return decision;
        }
        if (request.protocol != Request::Protocol::Http) {
            decision.outcome = Decision::Outcome::Accepted;
            decision.routeTable = config.routeTables[listener->routeTable].name;
            if (tracer.enabled())
                tracer.step(QStringLiteral("listener"),
                            QStringLiteral(
                                "port %1 speaks plaintext HTTP: the connection is accepted and its "
                                "requests are routed by %2")
                                .arg(request.port)
                                .arg(decision.routeTable));
            return decision;
        }
        routeHttp(config.routeTables[listener->routeTable], request, decision, tracer);
        if (!decision.server && !listener->servers.empty())
            decision.server = listener->servers.front(); // no virtual host: the port's first server
        return decision;

    case Runtime::Listener::Kind::PlainTcp:
        decision.server = listener->servers.front();
        if (!listener->tcp) {
            close(decision, tracer, QStringLiteral("tcp route"),
                  QStringLiteral("no VirtualService tcp route applies to %1: Istio builds no "
                                 "listener, the connection is refused")
                      .arg(describeServer(*listener->servers.front())));
            return decision;
        }
        forwardTcp(*listener->tcp, request, decision, tracer);
        return decision;

    case Runtime::Listener::Kind::Tls:
        break;
    }

    if (!request.tls) {
        close(
            decision, tracer, QStringLiteral("filter chain"),
            QStringLiteral(
                "port %1 expects TLS; a plaintext client gets no answer and the connection closes")
                .arg(request.port));
        return decision;
    }
    QStringList candidates;
    const Runtime::FilterChain *chain = chooseChain(*listener, request.sni, candidates, withTrace);
    if (!chain) {
        close(decision, tracer, QStringLiteral("filter chain"),
              request.sni ? QStringLiteral(
                                "no filter chain for SNI \"%1\" and none without an SNI condition: "
                                "closed during the handshake")
                                .arg(*request.sni)
                          : QStringLiteral("the client sent no SNI and no chain accepts that: "
                                           "closed during the handshake"),
              candidates);
        return decision;
    }
    decision.server = chain->server;
    decision.filterChain = chain->description;
    decision.filterChainIndex = int(chain - listener->chains.data());
    if (tracer.enabled())
        tracer.step(QStringLiteral("filter chain"), chain->describe(), candidates);

    const Istio::ServerTlsMode mode = chain->tls.effectiveMode();
    if (chain->kind != Runtime::FilterChain::Kind::Passthrough &&
        (mode == Istio::ServerTlsMode::ISTIO_MUTUAL ||
         mode == Istio::ServerTlsMode::AUTO_PASSTHROUGH)) {
        close(decision, tracer, QStringLiteral("tls"),
              QStringLiteral("%1 needs mesh certificates; off the mesh the handshake fails")
                  .arg(Istio::enumName(mode)));
        return decision;
    }
    switch (chain->kind) {
    case Runtime::FilterChain::Kind::Passthrough:
    case Runtime::FilterChain::Kind::TerminateTcp:
        if (!chain->tcp) {
            close(decision, tracer, QStringLiteral("tcp route"),
                  QStringLiteral("no tcp route for this server: closed"));
            return decision;
        }
        forwardTcp(*chain->tcp, request, decision, tracer);
        return decision;
    case Runtime::FilterChain::Kind::TerminateHttp:
        if (request.protocol != Request::Protocol::Http) {
            decision.outcome = Decision::Outcome::Accepted;
            decision.routeTable = config.routeTables[chain->routeTable].name;
            if (tracer.enabled())
                tracer.step(QStringLiteral("tls"),
                            QStringLiteral("TLS terminated; HTTP requests inside are routed by %1")
                                .arg(decision.routeTable));
            return decision;
        }
        routeHttp(config.routeTables[chain->routeTable], request, decision, tracer);
        return decision;
    }
    return decision;
}

QString Decision::outcomeName() const
{
    switch (outcome) {
    case Outcome::Forward:
        return QStringLiteral("forward");
    case Outcome::Redirect:
        return QStringLiteral("redirect");
    case Outcome::DirectResponse:
        return QStringLiteral("direct response");
    case Outcome::FaultAbort:
        return QStringLiteral("fault abort");
    case Outcome::LocalReply:
        return QStringLiteral("local reply");
    case Outcome::TcpForward:
        return QStringLiteral("tcp forward");
    case Outcome::Accepted:
        return QStringLiteral("accepted");
    case Outcome::ConnectionClosed:
        return QStringLiteral("connection closed");
    }
    return QString();
}

QString Decision::summary() const
{
    switch (outcome) {
    case Outcome::Forward:
        return QStringLiteral("forward to %1 (path %2, authority %3)")
            .arg(cluster->describe(), upstreamPath, upstreamAuthority);
    case Outcome::TcpForward:
        return QStringLiteral("relay to %1").arg(cluster->describe());
    case Outcome::Redirect:
        return QStringLiteral("%1 redirect to %2").arg(status).arg(location);
    case Outcome::DirectResponse:
    case Outcome::FaultAbort:
    case Outcome::LocalReply:
        return QStringLiteral("%1%2%3").arg(status).arg(
            responseFlag.isEmpty() ? QString() : QStringLiteral(" [%1]").arg(responseFlag),
            body.isEmpty() ? QString()
                           : QStringLiteral(" \"%1\"").arg(
                                 QString::fromUtf8(body.left(80))
                                     .replace(QLatin1Char('\n'), QLatin1String("\\n"))));
    case Outcome::Accepted:
        return QStringLiteral("connection accepted (requests routed by %1)").arg(routeTable);
    case Outcome::ConnectionClosed:
        return QStringLiteral("connection closed: %1").arg(closeReason);
    }
    return QString();
}

} // namespace Route
