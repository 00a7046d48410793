#include "lossreport.h"

#include "workspace/document.h"

namespace ToGatewayApi {

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::Lost:
        return QStringLiteral("lost");
    case Severity::ChangedBehaviour:
        return QStringLiteral("changed-behaviour");
    case Severity::Note:
        break;
    }
    return QStringLiteral("note");
}

QString ResourceId::text() const
{
    return QStringLiteral("%1 %2/%3").arg(kind, nameSpace, name);
}

LossEntry &LossReport::add(Severity severity, const QString &code, const Source &source,
                           const QString &fieldPath, const QString &what,
                           const QString &consequence)
{
    LossEntry entry;
    entry.severity = severity;
    entry.code = code;
    entry.resource = source.id;
    entry.fieldPath = fieldPath;
    entry.what = what;
    entry.consequence = consequence;
    if (source.document) {
        entry.file = source.document->filePath();
        entry.line = source.document->positionOf(fieldPath).line;
    }
    m_entries.push_back(std::move(entry));
    return m_entries.back();
}

LossEntry &LossReport::addGeneral(Severity severity, const QString &code, const QString &what,
                                  const QString &consequence)
{
    LossEntry entry;
    entry.severity = severity;
    entry.code = code;
    entry.what = what;
    entry.consequence = consequence;
    m_entries.push_back(std::move(entry));
    return m_entries.back();
}

} // namespace ToGatewayApi
