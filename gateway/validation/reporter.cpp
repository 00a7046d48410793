#include "reporter.h"

#include "core/diagnosticcodes.h"

#include <QRegularExpression>
#include <yaml-cpp/yaml.h>

namespace Validation {
namespace {

// Where a field path ("spec.selector.app", "status.parents[0]") stands in the YAML tree, for
// kinds whose fields the reader does not record (Kubernetes objects, other Istio kinds).
std::optional<Core::SourcePosition> nodePosition(const Project::Document &document,
                                                 const QString &fieldPath)
{
    if (!document.isParsed())
        return std::nullopt;
    static const QRegularExpression segment(QStringLiteral(R"(([^.\[\]]+)|\[(\d+)\])"));
    // reset() rebinds a handle; operator= would write into the document's tree.
    YAML::Node node;
    node.reset(document.node());
    std::optional<YAML::Mark> mark;
    for (auto it = segment.globalMatch(fieldPath); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        if (!match.captured(2).isEmpty()) {
            const size_t index = match.captured(2).toULong();
            if (!node.IsSequence() || index >= node.size())
                break;
            const YAML::Node item = node[index];
            node.reset(item);
            mark = node.Mark();
            continue;
        }
        if (!node.IsMap())
            break;
        const std::string key = match.captured(1).toStdString();
        bool found = false;
        for (auto entry = node.begin(); entry != node.end(); ++entry) {
            if (entry->first.IsScalar() && entry->first.Scalar() == key) {
                mark = entry->first.Mark();
                node.reset(entry->second);
                found = true;
                break;
            }
        }
        if (!found)
            break;
    }
    if (!mark || mark->line < 0)
        return std::nullopt;
    return Core::SourcePosition{document.startLine() + mark->line + 1, mark->column + 1};
}

} // namespace

Core::DiagnosticSubject subjectOf(const Project::Document &document, const QString &fieldPath)
{
    Core::DiagnosticSubject subject;
    subject.kind = document.kind();
    subject.nameSpace = document.nameSpace();
    subject.name = document.name();
    subject.file = document.filePath();
    subject.position = document.positionOf(fieldPath);
    // The reader records positions for the modelled Istio kinds; other kinds are walked.
    if (!document.positions().contains(fieldPath) &&
        document.modelledKind() == Istio::ResourceKind::Other) {
        if (const auto position = nodePosition(document, fieldPath))
            subject.position = *position;
    }
    return subject;
}

Core::Diagnostic &Reporter::report(const char *code, const QString &fieldPath,
                                   const QString &message)
{
    Core::Diagnostic diagnostic = Core::makeDiagnostic(code, message);
    diagnostic.subject = subjectOf(m_document, fieldPath);
    diagnostic.documentNumber = m_document.number();
    diagnostic.fieldPath = fieldPath;
    m_out.append(std::move(diagnostic));
    return m_out.back();
}

void Reporter::reject(const QString &fieldPath, const QString &message)
{
    report(Core::Codes::SCHEMA_VALIDATION_ERROR, fieldPath, message);
}

void Reporter::warn(const QString &fieldPath, const QString &message)
{
    report(Core::Codes::SCHEMA_WARNING, fieldPath, message);
}

} // namespace Validation
