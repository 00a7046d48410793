#include "validator.h"

#include "analyzers.h"
#include "compile/compiler.h"
#include "core/diagnosticcodes.h"
#include "schemarules.h"

#include <QSet>

namespace Validation {
namespace {

// The analyzers, under the names istioctl uses (so `--analyzer` and the corpus agreement test
// can pick one), then Gatehouse's own.
constexpr Analyzer ANALYZERS[] = {
    {"gateway.IngressGatewayPortAnalyzer", analyzeIngressGatewayPorts},
    {"gateway.ConflictingGatewayAnalyzer", analyzeConflictingGateways},
    {"gateway.SecretAnalyzer", analyzeGatewaySecrets},
    {"gateway.CertificateAnalyzer", analyzeDuplicateCertificates},
    {"virtualservice.GatewayAnalyzer", analyzeVirtualServiceGateways},
    {"virtualservice.DestinationHostAnalyzer", analyzeDestinationHosts},
    {"virtualservice.DestinationRuleAnalyzer", analyzeDestinationSubsets},
    {"virtualservice.ConflictingMeshGatewayHostsAnalyzer", analyzeConflictingMeshHosts},
    {"virtualservice.JWTClaimRouteAnalyzer", analyzeJwtClaimRoutes},
    {"destinationrule.CaCertificateAnalyzer", analyzeCaCertificates},
    {"destinationrule.SubsetSelectPodAnalyzer", analyzeDestinationRuleHosts},
    {"deprecation.FieldAnalyzer", analyzeDeprecations},
    {"conditions.ConditionAnalyzer", analyzeConditions},
    {"k8sgateway.SelectorAnalyzer", analyzeKubernetesGatewaySelectors},
    {"gatehouse.ClassicMistakes", analyzeClassicMistakes},
};

constexpr const char *SCHEMA = "schema.ValidationAnalyzer";
constexpr const char *COMPILE = "gatehouse.GatewayBuild";
constexpr const char *LOCAL = "gatehouse.LocalProxy";

void checkSchema(const Project::Document &document, Core::Diagnostics &out)
{
    Reporter reporter(document, out);
    std::visit(
        [&](const auto &resource) {
            using T = std::decay_t<decltype(resource)>;
            if constexpr (std::is_same_v<T, Istio::Gateway>)
                checkGatewaySchema(resource, reporter);
            else if constexpr (std::is_same_v<T, Istio::VirtualService>)
                checkVirtualServiceSchema(resource, reporter);
            else if constexpr (std::is_same_v<T, Istio::DestinationRule>)
                checkDestinationRuleSchema(resource, reporter);
        },
        document.resource());
}

// GH4005: in a merged virtual host, a catch-all route of one VirtualService ahead of another
// VirtualService's routes.
void checkMergedCatchAlls(const Runtime::Config &config, const AnalysisInput &input,
                          Core::Diagnostics &out)
{
    QSet<QString> reported;
    for (const Runtime::RouteTable &table : config.routeTables) {
        for (const Runtime::VirtualHost &vhost : table.virtualHosts) {
            const Runtime::HttpRoute *catchAll = nullptr;
            for (const Runtime::HttpRoute &route : vhost.routes) {
                if (catchAll && route.virtualService && catchAll->virtualService &&
                    route.virtualService->qualifiedName() != catchAll->virtualService->qualifiedName()) {
                    const QString key = vhost.name + route.virtualService->qualifiedName();
                    const auto shadowed = std::find_if(
                        input.virtualServices.begin(), input.virtualServices.end(),
                        [&](const auto &vs) { return vs.fullName() == route.virtualService->qualifiedName(); });
                    const auto shadowing = std::find_if(
                        input.virtualServices.begin(), input.virtualServices.end(),
                        [&](const auto &vs) { return vs.fullName() == catchAll->virtualService->qualifiedName(); });
                    if (reported.contains(key) || shadowed == input.virtualServices.end() ||
                        shadowing == input.virtualServices.end())
                        continue;
                    reported.insert(key);
                    Reporter reporter = shadowed->reporter(out);
                    Core::Diagnostic &finding = reporter.report(
                        Core::Codes::CATCH_ALL_SHADOWS_MERGED_ROUTES,
                        at(QStringLiteral("spec.http"), route.httpIndex),
                        QStringLiteral("on %1 the routes of this VirtualService come after %2 of "
                                       "VirtualService %3, which matches every request, so they "
                                       "never run")
                            .arg(vhost.name, catchAll->indexLabel,
                                 catchAll->virtualService->qualifiedName()));
                    finding.related = relatedSubject(
                        *shadowing->document, at(QStringLiteral("spec.http"), catchAll->httpIndex));
                    continue;
                }
                if (!catchAll && route.catchAll)
                    catchAll = &route;
            }
        }
    }
}

// The local proxy: destinations without an upstream and credentials without a certificate.
void checkLocalEnvironment(const AnalysisInput &input, const LocalEnvironmentView &local,
                           Core::Diagnostics &out)
{
    const QSet<QString> upstreams(local.upstreams.begin(), local.upstreams.end());
    for (const auto &vs : input.virtualServices) {
        // The local gateway serves only what is bound to a gateway.
        const auto &gateways = vs.resource->spec.gateways;
        if (std::all_of(gateways.begin(), gateways.end(),
                        [](const QString &g) { return g == QLatin1String("mesh"); }))
            continue;
        QSet<QString> reported;
        auto checkDestination = [&](const Istio::Destination &destination, const QString &path) {
            const QString host = destination.host.value_or(QString());
            if (host.isEmpty())
                return;
            const QString port = destination.port && destination.port->number
                                     ? QString::number(*destination.port->number)
                                     : QString();
            const QString subset = destination.subset.value_or(QString());
            QStringList keys = {host};
            if (!port.isEmpty())
                keys << host + QLatin1Char(':') + port;
            if (!subset.isEmpty()) {
                keys << host + QLatin1Char('/') + subset;
                if (!port.isEmpty())
                    keys << host + QLatin1Char(':') + port + QLatin1Char('/') + subset;
            }
            const bool mapped = std::any_of(keys.begin(), keys.end(),
                                            [&](const QString &k) { return upstreams.contains(k); });
            if (mapped || reported.contains(keys.back()))
                return;
            reported.insert(keys.back());
            Reporter reporter = vs.reporter(out);
            reporter.report(Core::Codes::DESTINATION_NOT_MAPPED, path,
                            QStringLiteral("destination %1 has no local upstream; the built-in "
                                           "echo upstream will answer it")
                                .arg(keys.back()));
        };
        const auto &spec = vs.resource->spec;
        auto visitRoutes = [&](const auto &routes, const char *list) {
            for (int i = 0; i < int(routes.size()); ++i) {
                const auto &route = routes[size_t(i)].route;
                for (int j = 0; j < int(route.size()); ++j) {
                    if (route[size_t(j)].destination)
                        checkDestination(*route[size_t(j)].destination,
                                         at(at(at(QLatin1String("spec.") + QLatin1String(list), i),
                                               "route"),
                                            j) + QStringLiteral(".destination"));
                }
            }
        };
        visitRoutes(spec.http, "http");
        visitRoutes(spec.tls, "tls");
        visitRoutes(spec.tcp, "tcp");
    }
    const QSet<QString> credentials(local.credentials.begin(), local.credentials.end());
    for (const auto &gateway : input.gateways) {
        const auto &servers = gateway.resource->spec.servers;
        for (int i = 0; i < int(servers.size()); ++i) {
            const auto &tls = servers[size_t(i)].tls;
            if (!tls)
                continue;
            QStringList names;
            if (tls->credentialName)
                names << *tls->credentialName;
            for (const QString &name : tls->credentialNames)
                names << name;
            for (const QString &name : names) {
                const QString bare = name.section(QLatin1Char('/'), -1);
                const bool inSecrets =
                    std::any_of(input.kube.secrets.begin(), input.kube.secrets.end(),
                                [&](const SecretObject &s) { return s.ref.name == bare; });
                if (credentials.contains(name) || inSecrets)
                    continue;
                Reporter reporter = gateway.reporter(out);
                reporter.report(Core::Codes::CREDENTIAL_NOT_LOCAL,
                                at(at(at(QStringLiteral("spec.servers"), i), "tls"),
                                   "credentialName"),
                                QStringLiteral("credential \"%1\" is neither in the local "
                                               "environment nor in a Secret of the workspace; the "
                                               "local proxy will issue a development certificate "
                                               "for the server's hosts")
                                    .arg(name));
            }
        }
    }
}

bool lessByPosition(const Core::Diagnostic &a, const Core::Diagnostic &b)
{
    return std::tie(a.subject.file, a.subject.position.line, a.subject.position.column, a.code,
                    a.message) < std::tie(b.subject.file, b.subject.position.line,
                                          b.subject.position.column, b.code, b.message);
}

bool sameFinding(const Core::Diagnostic &a, const Core::Diagnostic &b)
{
    return a.code == b.code && a.message == b.message && a.subject.file == b.subject.file &&
           a.subject.position == b.subject.position && a.subject.name == b.subject.name &&
           a.subject.kind == b.subject.kind;
}

} // namespace

std::span<const Analyzer> allAnalyzers()
{
    return ANALYZERS;
}

QStringList analyzerNames()
{
    QStringList names = {QLatin1String(SCHEMA)};
    for (const Analyzer &analyzer : ANALYZERS)
        names << QLatin1String(analyzer.name);
    names << QLatin1String(COMPILE) << QLatin1String(LOCAL);
    return names;
}

void Validator::setOptions(Options options)
{
    m_options = std::move(options);
    m_cache.clear();
}

bool Validator::wants(const char *analyzer) const
{
    return m_options.analyzers.isEmpty() ||
           m_options.analyzers.contains(QLatin1String(analyzer), Qt::CaseInsensitive);
}

const Core::Diagnostics &Validator::documentFindings(const Project::Document &document)
{
    const QString key = document.filePath() + QLatin1Char('#') + QString::number(document.number());
    CachedDocument &cached = m_cache[key];
    // Same text at the same place: same findings (positions are absolute lines).
    if (cached.startLine == document.startLine() && cached.text == document.text() &&
        !cached.text.isNull())
        return cached.findings;
    cached.text = document.text();
    cached.startLine = document.startLine();
    cached.findings = document.diagnostics();
    if (wants(SCHEMA))
        checkSchema(document, cached.findings);
    return cached.findings;
}

Core::Diagnostics Validator::validate(const Project::Workspace &workspace)
{
    Core::Diagnostics findings;
    // File-level problems first (unreadable files), then each document's own findings.
    for (const Core::Diagnostic &diagnostic : workspace.diagnostics()) {
        if (diagnostic.documentNumber == 0)
            findings.append(diagnostic);
    }
    QSet<QString> live;
    for (const Project::DocumentRef &ref : workspace.documents()) {
        const Project::Document &document = workspace.document(ref);
        live.insert(document.filePath() + QLatin1Char('#') + QString::number(document.number()));
        const Core::Diagnostics &own = documentFindings(document);
        if (m_options.analyzers.isEmpty())
            findings.append(own);
        else
            for (const Core::Diagnostic &diagnostic : own) {
                // A run restricted to some analyzers keeps the schema findings only if asked.
                if (wants(SCHEMA) && diagnostic.code.startsWith(QLatin1String("IST")))
                    findings.append(diagnostic);
            }
    }
    for (auto it = m_cache.begin(); it != m_cache.end();)
        it = live.contains(it.key()) ? std::next(it) : m_cache.erase(it);

    const AnalysisInput input = buildAnalysisInput(workspace, m_options.input);
    for (const Analyzer &analyzer : ANALYZERS) {
        if (wants(analyzer.name))
            analyzer.run(input, findings);
    }
    if (wants(COMPILE)) {
        const auto config = Compile::compile(workspace, m_options.compile);
        for (const Core::Diagnostic &note : config->notes) {
            // An invalid regex is already the admission error IST0106.
            if (note.code != QLatin1String(Core::Codes::INVALID_REGEX))
                findings.append(note);
        }
        checkMergedCatchAlls(*config, input, findings);
    }
    if (m_options.local.enabled && wants(LOCAL))
        checkLocalEnvironment(input, m_options.local, findings);

    // A field the reader could not read (GH1xxx) holds a placeholder value: findings about it
    // would only repeat the structural error in a confusing way.
    QSet<QString> unreadable;
    auto fieldKey = [](const Core::Diagnostic &d) {
        return d.subject.file + QLatin1Char('#') + QString::number(d.documentNumber) +
               QLatin1Char('#') + d.fieldPath;
    };
    for (const Core::Diagnostic &diagnostic : findings) {
        if (diagnostic.code.startsWith(QLatin1String("GH1")) && !diagnostic.fieldPath.isEmpty())
            unreadable.insert(fieldKey(diagnostic));
    }
    if (!unreadable.isEmpty())
        findings.removeIf([&](const Core::Diagnostic &d) {
            return !d.code.startsWith(QLatin1String("GH1")) && !d.fieldPath.isEmpty() &&
                   unreadable.contains(fieldKey(d));
        });

    // Suppressions: command-line rules, then the resource's own annotation.
    QHash<QString, const Project::Document *> documentsByResource;
    for (const Project::DocumentRef &ref : workspace.documents()) {
        const Project::Document &document = workspace.document(ref);
        documentsByResource.insert(document.kind() + QLatin1Char(' ') + document.nameSpace() +
                                       QLatin1Char('/') + document.name(),
                                   &document);
    }
    findings.removeIf([&](const Core::Diagnostic &diagnostic) {
        for (const Suppression &suppression : m_options.suppressions) {
            if (suppression.matches(diagnostic))
                return true;
        }
        const Project::Document *document = documentsByResource.value(
            diagnostic.subject.kind + QLatin1Char(' ') + diagnostic.subject.nameSpace +
            QLatin1Char('/') + diagnostic.subject.name);
        return document && suppressedByAnnotation(*document, diagnostic.code);
    });
    std::stable_sort(findings.begin(), findings.end(), lessByPosition);
    findings.erase(std::unique(findings.begin(), findings.end(), sameFinding), findings.end());
    return findings;
}

} // namespace Validation
