#include "reporter.h"

#include "core/diagnosticcodes.h"

namespace Validation {

Core::DiagnosticSubject subjectOf(const Project::Document &document, const QString &fieldPath)
{
    Core::DiagnosticSubject subject;
    subject.kind = document.kind();
    subject.nameSpace = document.nameSpace();
    subject.name = document.name();
    subject.file = document.filePath();
    subject.position = document.positionOf(fieldPath);
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
