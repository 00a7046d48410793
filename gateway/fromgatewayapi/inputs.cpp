#include "inputs.h"

#include "core/diagnosticcodes.h"
#include "workspace/workspace.h"
#include "yaml/fieldreader.h"

#include <algorithm>

namespace FromGatewayApi {
namespace {

const QString GROUP_PREFIX = QStringLiteral("gateway.networking.k8s.io/");
const QString EXPERIMENTAL_GROUP_PREFIX = QStringLiteral("gateway.networking.x-k8s.io/");
const QString INFERENCE_GROUP_PREFIX = QStringLiteral("inference.networking.k8s.io/");
const QStringList VERSIONS = {QStringLiteral("v1"), QStringLiteral("v1beta1"),
                              QStringLiteral("v1alpha2")};

SourceInfo sourceOf(const Project::Document &document)
{
    SourceInfo source;
    source.apiVersion = document.apiVersion();
    source.kind = document.kind();
    source.nameSpace = document.nameSpace();
    source.name = document.name();
    source.file = document.filePath();
    source.documentNumber = document.number();
    // Where the document's content begins (after any comments and the "---" marker).
    source.start = Yaml::ReadContext(document.startLine()).position(document.node());
    if (!source.start.isValid())
        source.start = {document.startLine() + 1, 1};
    return source;
}

// Reads one document as T with the project's field reader; its findings join `out`.
template <class T>
void readDocument(const Project::Document &document, std::vector<Read<T>> &into,
                  Core::Diagnostics &out)
{
    Read<T> read;
    read.source = sourceOf(document);
    Yaml::ReadContext context(document.startLine());
    try {
        Yaml::readValue(context, document.node(), read.object, Istio::NoFlags);
    } catch (const std::exception &error) {
        // The reader does not throw; this guards against a yaml-cpp misuse all the same, so a
        // document can never take the translation down.
        out.append(makeNote(read.source, Core::Codes::YAML_SYNTAX, QString(),
                            QStringLiteral("the document could not be read: %1")
                                .arg(QString::fromUtf8(error.what()))));
    }
    read.source.fields = context.positions();
    read.source.creationTimestamp = read.object.metadata.creationTimestamp.value_or(QString());
    for (Core::Diagnostic diagnostic : context.diagnostics()) {
        diagnostic.subject.kind = read.source.kind;
        diagnostic.subject.nameSpace = read.source.nameSpace;
        diagnostic.subject.name = read.source.name;
        diagnostic.subject.file = read.source.file;
        diagnostic.documentNumber = read.source.documentNumber;
        if (!diagnostic.subject.position.isValid())
            diagnostic.subject.position = read.source.start;
        out.append(diagnostic);
    }
    into.push_back(std::move(read));
}

QHash<QString, QString> labelsOf(const Project::Document &document)
{
    QHash<QString, QString> labels;
    const YAML::Node &root = document.node();
    if (!root.IsMap())
        return labels;
    const YAML::Node metadata = root["metadata"];
    if (!metadata.IsDefined() || !metadata.IsMap())
        return labels;
    // The Namespace's own findings are the workspace's business: read it quietly.
    Yaml::ReadContext quiet(0, true);
    Istio::ObjectMeta meta;
    Yaml::readValue(quiet, metadata, meta, Istio::NoFlags);
    for (const auto &[key, value] : meta.labels.entries)
        labels.insert(key, value);
    return labels;
}

void noteNotTranslated(const Project::Document &document, const QString &why, Core::Level level,
                       Core::Diagnostics &out)
{
    Core::Diagnostic note =
        makeNote(sourceOf(document), Core::Codes::GATEWAY_API_NOT_TRANSLATED, QString(), why);
    note.level = level;
    out.append(note);
}

} // namespace

Core::SourcePosition SourceInfo::positionOf(const QString &fieldPath) const
{
    QString path = fieldPath;
    while (!path.isEmpty()) {
        const auto it = fields.constFind(path);
        if (it != fields.constEnd())
            return *it;
        const qsizetype cut =
            std::max(path.lastIndexOf(QLatin1Char('.')), path.lastIndexOf(QLatin1Char('[')));
        path = cut > 0 ? path.left(cut) : QString();
    }
    return start;
}

Core::Diagnostic makeNote(const SourceInfo &source, const char *code, const QString &fieldPath,
                          const QString &message)
{
    Core::Diagnostic diagnostic = Core::makeDiagnostic(code, message);
    diagnostic.subject.kind = source.kind;
    diagnostic.subject.nameSpace = source.nameSpace;
    diagnostic.subject.name = source.name;
    diagnostic.subject.file = source.file;
    diagnostic.subject.position = source.positionOf(fieldPath);
    diagnostic.documentNumber = source.documentNumber;
    diagnostic.fieldPath = fieldPath;
    return diagnostic;
}

bool isGatewayApiGroup(const QString &apiVersion)
{
    return apiVersion.startsWith(GROUP_PREFIX);
}

Inputs readInputs(const Project::Workspace &workspace)
{
    Inputs inputs;
    for (const Project::DocumentRef &ref : workspace.documents()) {
        const Project::Document &document = workspace.document(ref);
        if (!document.isParsed() || !document.node().IsMap())
            continue;
        const QString &apiVersion = document.apiVersion();
        const QString &kind = document.kind();
        if (apiVersion == QLatin1String("v1") && kind == QLatin1String("Service")) {
            inputs.servicesKnown = true;
            inputs.services.insert(document.nameSpace() + QLatin1Char('/') + document.name());
            continue;
        }
        if (apiVersion == QLatin1String("v1") && kind == QLatin1String("Namespace")) {
            inputs.namespacesKnown = true;
            inputs.namespaces.insert(document.name(), labelsOf(document));
            continue;
        }
        if (apiVersion.startsWith(EXPERIMENTAL_GROUP_PREFIX)) {
            noteNotTranslated(document,
                              QStringLiteral("%1 (%2) is an experimental Gateway API kind that "
                                             "is not translated; nothing is served for it")
                                  .arg(kind, apiVersion),
                              Core::Level::Warning, inputs.diagnostics);
            continue;
        }
        if (apiVersion.startsWith(INFERENCE_GROUP_PREFIX)) {
            noteNotTranslated(document,
                              QStringLiteral("%1 is not translated: istiod serves inference "
                                             "pools through generated Services this tool does "
                                             "not reproduce")
                                  .arg(kind),
                              Core::Level::Info, inputs.diagnostics);
            continue;
        }
        if (!isGatewayApiGroup(apiVersion))
            continue;
        const QString version = apiVersion.mid(GROUP_PREFIX.size());
        if (!VERSIONS.contains(version)) {
            noteNotTranslated(document,
                              QStringLiteral("%1 %2 is a version this tool does not read (it "
                                             "reads %3); the object is not translated")
                                  .arg(kind, apiVersion, VERSIONS.join(QStringLiteral(", "))),
                              Core::Level::Warning, inputs.diagnostics);
            continue;
        }
        if (kind == QLatin1String("GatewayClass"))
            readDocument(document, inputs.gatewayClasses, inputs.diagnostics);
        else if (kind == QLatin1String("Gateway"))
            readDocument(document, inputs.gateways, inputs.diagnostics);
        else if (kind == QLatin1String("HTTPRoute"))
            readDocument(document, inputs.httpRoutes, inputs.diagnostics);
        else if (kind == QLatin1String("GRPCRoute"))
            readDocument(document, inputs.grpcRoutes, inputs.diagnostics);
        else if (kind == QLatin1String("TLSRoute"))
            readDocument(document, inputs.tlsRoutes, inputs.diagnostics);
        else if (kind == QLatin1String("TCPRoute"))
            readDocument(document, inputs.tcpRoutes, inputs.diagnostics);
        else if (kind == QLatin1String("ReferenceGrant"))
            readDocument(document, inputs.referenceGrants, inputs.diagnostics);
        else
            noteNotTranslated(document,
                              QStringLiteral("%1 is not translated to Istio resources (Istio "
                                             "translates Gateways, HTTPRoutes, GRPCRoutes, "
                                             "TLSRoutes and TCPRoutes); nothing is served for it")
                                  .arg(kind),
                              Core::Level::Warning, inputs.diagnostics);
    }
    // TCPRoutes have no hostnames in any version; the shared rule model accepts the key.
    for (const Read<L4Route> &route : inputs.tcpRoutes) {
        if (!route.object.spec.hostnames.empty())
            inputs.diagnostics.append(makeNote(
                route.source, Core::Codes::UNKNOWN_FIELD, QStringLiteral("spec.hostnames"),
                QStringLiteral("unknown field \"hostnames\" in spec: a TCPRoute is matched by "
                               "the listener's port only")));
    }
    return inputs;
}

} // namespace FromGatewayApi
