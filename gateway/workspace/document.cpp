#include "document.h"

#include "core/diagnosticcodes.h"
#include "yaml/resourceio.h"
#include "yaml/scalar.h"
#include "yaml/yamlwriter.h"

#include <algorithm>
#include <yaml-cpp/yaml.h>

namespace Project {
namespace {

const QString DEFAULT_NAMESPACE = QStringLiteral("default");

QString scalarText(const YAML::Node &map, const char *key)
{
    if (!map.IsDefined() || !map.IsMap())
        return QString();
    const YAML::Node value = map[key];
    if (!value.IsDefined() || !value.IsScalar())
        return QString();
    return QString::fromStdString(value.Scalar());
}

} // namespace

Document::Document(const Yaml::DocumentChunk &chunk, int number, const QString &filePath)
    : m_filePath(filePath), m_number(number), m_startLine(chunk.startLine), m_text(chunk.text)
{
    parse();
}

void Document::parse()
{
    m_diagnostics.clear();
    m_positions.clear();
    m_resource = std::monostate{};
    m_node = YAML::Node();
    m_apiVersion.clear();
    m_kind.clear();
    m_name.clear();
    m_nameSpace = DEFAULT_NAMESPACE;
    m_parsed = false;
    m_blank = Yaml::DocumentChunk{m_text, m_startLine}.isBlank();

    Yaml::ReadContext context(m_startLine);
    try {
        m_node = YAML::Load(m_text.toStdString());
        m_parsed = true;
    } catch (const YAML::Exception &error) {
        // yaml-cpp's exceptions stop here: the document becomes a diagnostic, the file's other
        // documents are unaffected.
        context.report(Core::Codes::YAML_SYNTAX, error.mark,
                       QStringLiteral("not valid YAML: %1").arg(QString::fromStdString(error.msg)),
                       QString());
    } catch (const std::exception &error) {
        context.report(Core::Codes::YAML_SYNTAX, YAML::Mark::null_mark(),
                       QStringLiteral("not valid YAML: %1").arg(QString::fromUtf8(error.what())),
                       QString());
    }

    try {
        readTypedContent(context);
    } catch (const std::exception &error) {
        // A last line of defence: yaml-cpp throws on misuse, and nothing may escape the
        // library. Reaching this is a bug in Gatehouse, reported instead of crashing.
        context.report(Core::Codes::YAML_SYNTAX, YAML::Mark::null_mark(),
                       QStringLiteral("the document could not be read: %1")
                           .arg(QString::fromUtf8(error.what())),
                       QString());
    }
    m_diagnostics = context.diagnostics();
    std::stable_sort(m_diagnostics.begin(), m_diagnostics.end(), [](const auto &a, const auto &b) {
        return std::pair(a.subject.position.line, a.subject.position.column) <
               std::pair(b.subject.position.line, b.subject.position.column);
    });
    m_positions = context.positions();
    describeDiagnostics();
}

void Document::readTypedContent(Yaml::ReadContext &context)
{
    const YAML::Node &root = m_node; // const access: lookups must never add keys
    if (!m_parsed || m_blank || root.IsNull())
        return;
    Yaml::reportDuplicateKeys(context, root);
    if (!root.IsMap()) {
        context.report(Core::Codes::NOT_AN_OBJECT, root,
                       QStringLiteral("a manifest document must be an object with apiVersion "
                                      "and kind, not %1")
                           .arg(Yaml::describeNode(root)));
        return;
    }
    m_apiVersion = scalarText(root, "apiVersion");
    m_kind = scalarText(root, "kind");
    const YAML::Node metadata = root["metadata"];
    const bool hasMetadata = metadata.IsDefined() && metadata.IsMap();
    m_name = scalarText(metadata, "name");
    const QString ns = scalarText(metadata, "namespace");
    if (!ns.isEmpty())
        m_nameSpace = ns;
    if (m_apiVersion.isEmpty() || m_kind.isEmpty()) {
        const QString missing = m_apiVersion.isEmpty() && m_kind.isEmpty()
                                    ? QStringLiteral("apiVersion and kind")
                                : m_apiVersion.isEmpty() ? QStringLiteral("apiVersion")
                                                         : QStringLiteral("kind");
        context.report(Core::Codes::MISSING_TYPE_META, root,
                       QStringLiteral("the document has no %1").arg(missing));
    }
    const Istio::ResourceKind kind = Istio::modelledKind(m_apiVersion, m_kind);
    m_resource = Yaml::readResource(context, root, kind);
    if (kind != Istio::ResourceKind::Other && m_name.isEmpty()) {
        context.report(Core::Codes::MISSING_REQUIRED, hasMetadata ? metadata.Mark() : root.Mark(),
                       QStringLiteral("missing required field \"metadata.name\""),
                       QStringLiteral("metadata.name"));
    }
}

void Document::describeDiagnostics()
{
    for (Core::Diagnostic &diagnostic : m_diagnostics) {
        diagnostic.subject.kind = m_kind;
        diagnostic.subject.nameSpace = m_nameSpace;
        diagnostic.subject.name = m_name;
        diagnostic.subject.file = m_filePath;
        diagnostic.documentNumber = m_number;
        if (!diagnostic.subject.position.isValid())
            diagnostic.subject.position = {m_startLine + 1, 1};
    }
}

Core::SourcePosition Document::positionOf(const QString &fieldPath) const
{
    QString path = fieldPath;
    while (!path.isEmpty()) {
        const auto it = m_positions.constFind(path);
        if (it != m_positions.constEnd())
            return *it;
        const int cut =
            std::max(path.lastIndexOf(QLatin1Char('.')), path.lastIndexOf(QLatin1Char('[')));
        path = cut > 0 ? path.left(cut) : QString();
    }
    return {m_startLine + 1, 1};
}

bool Document::setResource(const Istio::Resource &resource)
{
    if (!m_parsed || !m_node.IsMap() || resource.index() != m_resource.index() ||
        resource == m_resource)
        return false;
    YAML::Node edited = YAML::Clone(m_node);
    Yaml::writeResource(edited, resource);
    const Yaml::DocumentChunk chunk{m_text, m_startLine};
    QByteArray text = chunk.leadingTrivia();
    const Yaml::CommentMap comments = Yaml::collectComments(m_text, m_node);
    text += QByteArray::fromStdString(
        Yaml::writeYaml(edited, Yaml::detectWriteStyle(m_node), &comments));
    return setText(text);
}

bool Document::setText(const QByteArray &text)
{
    if (text == m_text)
        return false;
    m_text = text;
    m_edited = true;
    parse();
    return true;
}

void Document::setStartLine(int line)
{
    if (line == m_startLine)
        return;
    // The tree's marks are relative to this document's own text, so moving the document only
    // shifts the file positions derived from them; nothing needs parsing again.
    const int delta = line - m_startLine;
    m_startLine = line;
    for (Core::SourcePosition &position : m_positions)
        position.line += delta;
    for (Core::Diagnostic &diagnostic : m_diagnostics)
        diagnostic.subject.position.line += delta;
}

} // namespace Project
