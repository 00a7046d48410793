#pragma once

#include "core/diagnostic.h"

#include <QRegularExpression>
#include <QString>
#include <optional>

namespace Project {
class Document;
}

// Suppressing findings as istioctl analyze does: `--suppress CODE=Kind ns/name` on the command
// line (istioctl's `Kind name.namespace` form too; `*` wildcards in both parts), and the
// `galley.istio.io/analyze-suppress` annotation on the resource (comma-separated codes, or `*`).
namespace Validation {

class Suppression {
public:
    // nullopt and an explanation in `error` when the rule is malformed.
    static std::optional<Suppression> parse(const QString &rule, QString *error);

    bool matches(const Core::Diagnostic &diagnostic) const;
    const QString &text() const { return m_text; }

private:
    QString m_text;
    QRegularExpression m_code;
    QRegularExpression m_kind;
    QRegularExpression m_resource; // against "ns/name"
};

inline constexpr const char *SUPPRESS_ANNOTATION = "galley.istio.io/analyze-suppress";

// Whether the annotation on the document suppresses this code.
bool suppressedByAnnotation(const Project::Document &document, const QString &code);

} // namespace Validation
