// The loss report as text for people and as JSON for tools.

#include "conversion.h"

#include <QDir>
#include <QJsonArray>
#include <QStringList>

namespace ToGatewayApi {
namespace {

QString entryLocation(const LossEntry &entry)
{
    if (entry.file.isEmpty())
        return QString();
    // Relative to the working directory when the file is below it, as compilers print paths.
    const QString relative = QDir::current().relativeFilePath(entry.file);
    const QString file = relative.startsWith(QLatin1String("..")) ? entry.file : relative;
    return entry.line > 0 ? QStringLiteral("%1:%2").arg(file).arg(entry.line) : file;
}

QJsonObject resourceJson(const ResourceId &id)
{
    return QJsonObject{{QStringLiteral("kind"), id.kind},
                       {QStringLiteral("namespace"), id.nameSpace},
                       {QStringLiteral("name"), id.name}};
}

} // namespace

QString lossReportText(const Conversion &conversion)
{
    QString out = QStringLiteral("Loss report: %1 lost, %2 changed behaviour, %3 notes.\n")
                      .arg(conversion.count(Severity::Lost))
                      .arg(conversion.count(Severity::ChangedBehaviour))
                      .arg(conversion.count(Severity::Note));
    // Resources in order of their first entry; conversion-wide entries first.
    std::vector<ResourceId> resources;
    for (const LossEntry &entry : conversion.entries) {
        if (std::find(resources.begin(), resources.end(), entry.resource) == resources.end())
            resources.push_back(entry.resource);
    }
    std::stable_partition(resources.begin(), resources.end(),
                          [](const ResourceId &id) { return id.isEmpty(); });
    for (const ResourceId &resource : resources) {
        out += QLatin1Char('\n');
        out += resource.isEmpty() ? QStringLiteral("Whole conversion") : resource.text();
        out += QLatin1Char('\n');
        for (const LossEntry &entry : conversion.entries) {
            if (!(entry.resource == resource))
                continue;
            out += QStringLiteral("  [%1] %2").arg(severityName(entry.severity), entry.code);
            if (!entry.fieldPath.isEmpty())
                out += QLatin1Char(' ') + entry.fieldPath;
            const QString location = entryLocation(entry);
            if (!location.isEmpty())
                out += QStringLiteral(" (%1)").arg(location);
            out += QStringLiteral("\n      %1\n").arg(entry.what);
            out += QStringLiteral("      -> %1\n").arg(entry.consequence);
            if (!entry.related.isEmpty())
                out += QStringLiteral("      other route: %1 %2\n")
                           .arg(entry.related.text(), entry.relatedFieldPath);
            if (!entry.example.isEmpty())
                out += QStringLiteral("      example: %1\n").arg(entry.example);
        }
    }
    return out;
}

QJsonObject lossReportJson(const Conversion &conversion)
{
    QJsonArray entries;
    for (const LossEntry &entry : conversion.entries) {
        QJsonObject object{{QStringLiteral("severity"), severityName(entry.severity)},
                           {QStringLiteral("code"), entry.code},
                           {QStringLiteral("field"), entry.fieldPath},
                           {QStringLiteral("what"), entry.what},
                           {QStringLiteral("consequence"), entry.consequence}};
        if (!entry.resource.isEmpty())
            object.insert(QStringLiteral("resource"), resourceJson(entry.resource));
        if (!entry.file.isEmpty()) {
            object.insert(QStringLiteral("file"), entry.file);
            object.insert(QStringLiteral("line"), entry.line);
        }
        if (!entry.related.isEmpty()) {
            QJsonObject related = resourceJson(entry.related);
            related.insert(QStringLiteral("field"), entry.relatedFieldPath);
            object.insert(QStringLiteral("related"), related);
        }
        if (!entry.example.isEmpty())
            object.insert(QStringLiteral("example"), entry.example);
        entries.append(object);
    }
    QJsonArray objects;
    for (const OutputObject &output : conversion.objects) {
        QJsonObject object{{QStringLiteral("apiVersion"), output.apiVersion},
                           {QStringLiteral("kind"), output.kind},
                           {QStringLiteral("namespace"), output.nameSpace},
                           {QStringLiteral("name"), output.name}};
        if (!output.source.isEmpty())
            object.insert(QStringLiteral("source"), resourceJson(output.source));
        objects.append(object);
    }
    const QJsonObject summary{
        {QStringLiteral("lost"), conversion.count(Severity::Lost)},
        {QStringLiteral("changedBehaviour"), conversion.count(Severity::ChangedBehaviour)},
        {QStringLiteral("note"), conversion.count(Severity::Note)}};
    return QJsonObject{{QStringLiteral("summary"), summary},
                       {QStringLiteral("entries"), entries},
                       {QStringLiteral("objects"), objects}};
}

} // namespace ToGatewayApi
