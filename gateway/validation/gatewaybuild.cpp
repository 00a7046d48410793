#include "gatewaybuild.h"

#include "analyzers.h"
#include "compile/compiler.h"
#include "compile/inputs.h"
#include "core/diagnosticcodes.h"

#include <QSet>

namespace Validation {
namespace {

// Everything of a VirtualService that can change how the gateway is assembled: hosts,
// gateways, exportTo, creation time, and each route's matches, delegate and redirect. The
// rest (what a matched route then does) cannot make istiod drop anything or reorder routes.
Istio::VirtualService shapeOf(Istio::VirtualService vs)
{
    vs.metadata.labels = {};
    vs.metadata.annotations = {};
    for (Istio::HTTPRoute &route : vs.spec.http) {
        route.route.clear();
        route.rewrite.reset();
        route.timeout.reset();
        route.retries.reset();
        route.fault.reset();
        route.mirror.reset();
        route.mirrorPercent.reset();
        route.mirrorPercentage.reset();
        route.mirrors.clear();
        route.corsPolicy.reset();
        route.headers.reset();
        if (route.directResponse)
            route.directResponse->body.reset();
    }
    for (Istio::TLSRoute &route : vs.spec.tls)
        route.route.clear();
    for (Istio::TCPRoute &route : vs.spec.tcp)
        route.route.clear();
    return vs;
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
                    route.virtualService->qualifiedName() !=
                        catchAll->virtualService->qualifiedName()) {
                    const QString key = vhost.name + route.virtualService->qualifiedName();
                    const auto shadowed = std::find_if(
                        input.virtualServices.begin(), input.virtualServices.end(),
                        [&](const auto &vs) {
                            return vs.fullName() == route.virtualService->qualifiedName();
                        });
                    const auto shadowing = std::find_if(
                        input.virtualServices.begin(), input.virtualServices.end(),
                        [&](const auto &vs) {
                            return vs.fullName() == catchAll->virtualService->qualifiedName();
                        });
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

} // namespace

void GatewayBuildCheck::setOptions(const Compile::CompileOptions &options)
{
    m_options = options;
    m_shapes.clear();
    m_builtFrom.clear();
    m_config.reset();
}

GatewayBuildCheck::Shapes::Entry &GatewayBuildCheck::shapeOf(const Project::Document &document)
{
    Shapes::Entry &entry = m_shapes.entryFor(document);
    if (entry.isFor(document))
        return entry;
    Istio::Resource resource = document.resource();
    if (auto *vs = std::get_if<Istio::VirtualService>(&resource))
        *vs = Validation::shapeOf(std::move(*vs));
    // Only a changed shape gets a new version: the build is redone only then.
    if (!entry.filled || !(resource == entry.value.resource)) {
        entry.value.resource = std::move(resource);
        entry.value.version = m_nextVersion++;
    }
    entry.markFor(document);
    return entry;
}

void GatewayBuildCheck::run(const Project::Workspace &workspace, const AnalysisInput &input,
                            Core::Diagnostics &out)
{
    QList<quint64> builtFrom;
    std::vector<const Project::Document *> documents;
    for (const Project::DocumentRef &ref : workspace.documents()) {
        const Project::Document &document = workspace.document(ref);
        const Istio::ResourceKind kind = document.modelledKind();
        if (kind != Istio::ResourceKind::Gateway && kind != Istio::ResourceKind::VirtualService)
            continue;
        builtFrom.append(shapeOf(document).value.version);
        documents.push_back(&document);
    }
    m_shapes.prune(workspace);
    // References into the cache only now: filling it may move its entries.
    std::vector<std::pair<const Project::Document *, const Shape *>> shapes;
    for (const Project::Document *document : documents)
        shapes.emplace_back(document, &m_shapes.entryFor(*document).value);

    if (!m_config || builtFrom != m_builtFrom) {
        Compile::Inputs inputs;
        for (const auto &[document, shape] : shapes) {
            if (const auto *gateway = std::get_if<Istio::Gateway>(&shape->resource))
                inputs.gateways.push_back(Compile::makeInput(*document, *gateway));
            else if (const auto *vs = std::get_if<Istio::VirtualService>(&shape->resource))
                inputs.virtualServices.push_back(Compile::makeInput(*document, *vs));
        }
        m_config = Compile::compile(inputs, m_options);
        m_builtFrom = builtFrom;
    }

    // The notes name their resource at metadata.name; documents may have moved since the build.
    QHash<QString, const Project::Document *> byResource;
    if (!m_config->notes.isEmpty())
        for (const auto &[document, shape] : shapes)
            byResource.insert(document->kind() + QLatin1Char(' ') + document->nameSpace() +
                                  QLatin1Char('/') + document->name() + QLatin1Char(' ') +
                                  document->filePath(),
                              document);
    for (Core::Diagnostic note : m_config->notes) {
        // An invalid regex is already the admission error IST0106.
        if (note.code == QLatin1String(Core::Codes::INVALID_REGEX))
            continue;
        const Core::DiagnosticSubject &subject = note.subject;
        if (const Project::Document *document = byResource.value(
                subject.kind + QLatin1Char(' ') + subject.nameSpace + QLatin1Char('/') +
                subject.name + QLatin1Char(' ') + subject.file)) {
            note.subject.position = document->positionOf(QStringLiteral("metadata.name"));
            note.documentNumber = document->number();
            note.fieldPath = QStringLiteral("metadata.name");
        }
        out.append(note);
    }
    checkMergedCatchAlls(*m_config, input, out);
}

} // namespace Validation
