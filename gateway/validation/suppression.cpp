#include "suppression.h"

#include "workspace/document.h"

#include <yaml-cpp/yaml.h>

namespace Validation {
namespace {

QRegularExpression glob(const QString &pattern)
{
    return QRegularExpression(QRegularExpression::wildcardToRegularExpression(
                                  pattern, QRegularExpression::UnanchoredWildcardConversion),
                              QRegularExpression::CaseInsensitiveOption);
}

QRegularExpression anchored(const QRegularExpression &expression)
{
    return QRegularExpression(QRegularExpression::anchoredPattern(expression.pattern()),
                              expression.patternOptions());
}

} // namespace

std::optional<Suppression> Suppression::parse(const QString &rule, QString *error)
{
    const int equals = rule.indexOf(QLatin1Char('='));
    const QString code = rule.left(equals).trimmed();
    const QString resource = rule.mid(equals + 1).trimmed();
    const int space = resource.indexOf(QLatin1Char(' '));
    if (equals <= 0 || space <= 0 || resource.mid(space + 1).trimmed().isEmpty()) {
        if (error)
            *error = QStringLiteral("suppression \"%1\" is not CODE=Kind namespace/name (for "
                                    "example IST0132=VirtualService default/reviews)")
                         .arg(rule);
        return std::nullopt;
    }
    Suppression suppression;
    suppression.m_text = rule;
    suppression.m_code = anchored(glob(code));
    suppression.m_kind = anchored(glob(resource.left(space)));
    QString name = resource.mid(space + 1).trimmed();
    // istioctl writes name.namespace; Gatehouse prints namespace/name. Accept both.
    if (!name.contains(QLatin1Char('/'))) {
        const int dot = name.lastIndexOf(QLatin1Char('.'));
        name = dot < 0 ? QStringLiteral("*/") + name
                       : name.mid(dot + 1) + QLatin1Char('/') + name.left(dot);
    }
    suppression.m_resource = anchored(glob(name));
    return suppression;
}

bool Suppression::matches(const Core::Diagnostic &diagnostic) const
{
    const Core::DiagnosticSubject &subject = diagnostic.subject;
    return m_code.match(diagnostic.code).hasMatch() && m_kind.match(subject.kind).hasMatch() &&
           m_resource.match(subject.nameSpace + QLatin1Char('/') + subject.name).hasMatch();
}

bool suppressedByAnnotation(const Project::Document &document, const QString &code)
{
    const YAML::Node &root = document.node();
    if (!document.isParsed() || !root.IsMap())
        return false;
    const YAML::Node metadata = root["metadata"];
    if (!metadata.IsDefined() || !metadata.IsMap())
        return false;
    const YAML::Node annotations = metadata["annotations"];
    if (!annotations.IsDefined() || !annotations.IsMap())
        return false;
    const YAML::Node value = annotations[SUPPRESS_ANNOTATION];
    if (!value.IsDefined() || !value.IsScalar())
        return false;
    const QStringList codes = QString::fromStdString(value.Scalar()).split(QLatin1Char(','));
    for (const QString &entry : codes) {
        const QString trimmed = entry.trimmed();
        if (trimmed == QLatin1String("*") || trimmed.compare(code, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace Validation
