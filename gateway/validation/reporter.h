#pragma once

#include "core/diagnostic.h"
#include "workspace/document.h"

namespace Validation {

// Names the resource a document holds and points at one of its fields.
Core::DiagnosticSubject subjectOf(const Project::Document &document, const QString &fieldPath);

// Collects findings about one document, each positioned at the field it concerns.
class Reporter {
public:
    Reporter(const Project::Document &document, Core::Diagnostics &out)
        : m_document(document), m_out(out)
    {}

    const Project::Document &document() const { return m_document; }

    Core::Diagnostic &report(const char *code, const QString &fieldPath, const QString &message);
    // Admission rules (§6): the webhook rejects (IST0106) or admits with a warning (IST0133).
    void reject(const QString &fieldPath, const QString &message);
    void warn(const QString &fieldPath, const QString &message);

private:
    const Project::Document &m_document;
    Core::Diagnostics &m_out;
};

// "spec.http[2].match[0]" without string building noise at every call site.
inline QString at(const QString &path, int index)
{
    return path + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}
inline QString at(const QString &path, const char *field)
{
    return path + QLatin1Char('.') + QLatin1String(field);
}

} // namespace Validation
