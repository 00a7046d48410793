#include "diagnostic.h"

#include <algorithm>

namespace Core {

QString levelName(Level level)
{
    switch (level) {
    case Level::Error:
        return QStringLiteral("ERROR");
    case Level::Warning:
        return QStringLiteral("WARNING");
    case Level::Info:
        return QStringLiteral("INFO");
    }
    return QStringLiteral("ERROR");
}

QString DiagnosticSubject::describe(int documentNumber) const
{
    if (kind.isEmpty() && name.isEmpty())
        return documentNumber > 0 ? QStringLiteral("document %1").arg(documentNumber)
                                  : QStringLiteral("file");
    const QString shownKind = kind.isEmpty() ? QStringLiteral("<no kind>") : kind;
    const QString shownName = name.isEmpty() ? QStringLiteral("<unnamed>") : name;
    return QStringLiteral("%1 %2/%3").arg(shownKind, nameSpace, shownName);
}

QString Diagnostic::toText() const
{
    QString where = subject.file;
    if (subject.position.isValid())
        where += QStringLiteral(":%1:%2").arg(subject.position.line).arg(subject.position.column);
    return QStringLiteral("%1 %2 %3: %4")
        .arg(levelName(level), where, subject.describe(documentNumber), message);
}

bool hasErrors(const Diagnostics &diagnostics)
{
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic &d) { return d.level == Level::Error; });
}

} // namespace Core
