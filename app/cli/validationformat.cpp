#include "validationformat.h"

#include "core/diagnosticcodes.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QUrl>

namespace Cli {
namespace {

QString where(const Core::DiagnosticSubject &subject)
{
    QString text = subject.file;
    if (subject.position.isValid())
        text += QStringLiteral(":%1:%2").arg(subject.position.line).arg(subject.position.column);
    return text;
}

QString resourceText(const Core::Diagnostic &diagnostic)
{
    const Core::DiagnosticSubject &subject = diagnostic.subject;
    if (subject.kind.isEmpty() && subject.name.isEmpty())
        return diagnostic.documentNumber > 0
                   ? QStringLiteral("document %1").arg(diagnostic.documentNumber)
                   : QString();
    return subject.describe(diagnostic.documentNumber);
}

QJsonObject subjectJson(const Core::DiagnosticSubject &subject)
{
    QJsonObject resource;
    resource.insert(QStringLiteral("kind"), subject.kind);
    resource.insert(QStringLiteral("namespace"), subject.nameSpace);
    resource.insert(QStringLiteral("name"), subject.name);
    QJsonObject object;
    object.insert(QStringLiteral("resource"), resource);
    object.insert(QStringLiteral("file"), subject.file);
    object.insert(QStringLiteral("line"), subject.position.line);
    object.insert(QStringLiteral("column"), subject.position.column);
    return object;
}

QString sarifLevel(Core::Level level)
{
    switch (level) {
    case Core::Level::Error:
        return QStringLiteral("error");
    case Core::Level::Warning:
        return QStringLiteral("warning");
    case Core::Level::Info:
        return QStringLiteral("note");
    }
    return QStringLiteral("error");
}

QJsonObject sarifLocation(const Core::DiagnosticSubject &subject)
{
    QJsonObject artifact;
    const QString relative = QDir::current().relativeFilePath(subject.file);
    artifact.insert(QStringLiteral("uri"),
                    QString::fromUtf8(QUrl::toPercentEncoding(
                        relative.startsWith(QLatin1String("..")) ? subject.file : relative, "/")));
    QJsonObject physical;
    physical.insert(QStringLiteral("artifactLocation"), artifact);
    if (subject.position.isValid()) {
        QJsonObject region;
        region.insert(QStringLiteral("startLine"), subject.position.line);
        region.insert(QStringLiteral("startColumn"), std::max(1, subject.position.column));
        physical.insert(QStringLiteral("region"), region);
    }
    QJsonObject location;
    location.insert(QStringLiteral("physicalLocation"), physical);
    if (!subject.kind.isEmpty()) {
        QJsonObject logical;
        logical.insert(QStringLiteral("kind"), subject.kind);
        logical.insert(QStringLiteral("fullyQualifiedName"), subject.kind + QLatin1Char(' ') +
                                                                 subject.nameSpace +
                                                                 QLatin1Char('/') + subject.name);
        location.insert(QStringLiteral("logicalLocations"), QJsonArray{logical});
    }
    return location;
}

} // namespace

QString levelTitle(Core::Level level)
{
    switch (level) {
    case Core::Level::Error:
        return QStringLiteral("Error");
    case Core::Level::Warning:
        return QStringLiteral("Warning");
    case Core::Level::Info:
        return QStringLiteral("Info");
    }
    return QStringLiteral("Error");
}

QString findingText(const Core::Diagnostic &diagnostic)
{
    const QString resource = resourceText(diagnostic);
    const QString place = resource.isEmpty()
                              ? where(diagnostic.subject)
                              : resource + QLatin1Char(' ') + where(diagnostic.subject);
    QString line =
        QStringLiteral("%1 [%2] (%3) %4")
            .arg(levelTitle(diagnostic.level), diagnostic.code, place, diagnostic.message);
    if (diagnostic.related)
        line += QStringLiteral(" [see %1 %2]")
                    .arg(diagnostic.related->describe(), where(*diagnostic.related));
    return line;
}

QByteArray findingsJson(const Core::Diagnostics &diagnostics)
{
    QJsonArray array;
    for (const Core::Diagnostic &diagnostic : diagnostics) {
        QJsonObject object = subjectJson(diagnostic.subject);
        object.insert(QStringLiteral("level"), levelTitle(diagnostic.level));
        object.insert(QStringLiteral("code"), diagnostic.code);
        object.insert(QStringLiteral("type"), diagnostic.messageType);
        object.insert(QStringLiteral("message"), diagnostic.message);
        if (!diagnostic.fieldPath.isEmpty())
            object.insert(QStringLiteral("field"), diagnostic.fieldPath);
        object.insert(QStringLiteral("related"), diagnostic.related
                                                     ? QJsonValue(subjectJson(*diagnostic.related))
                                                     : QJsonValue());
        array.append(object);
    }
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

QByteArray findingsSarif(const Core::Diagnostics &diagnostics, const QString &toolVersion)
{
    QJsonArray rules;
    QHash<QString, int> ruleIndex;
    QJsonArray results;
    for (const Core::Diagnostic &diagnostic : diagnostics) {
        if (!ruleIndex.contains(diagnostic.code)) {
            ruleIndex.insert(diagnostic.code, int(rules.size()));
            QJsonObject rule;
            rule.insert(QStringLiteral("id"), diagnostic.code);
            rule.insert(QStringLiteral("name"), diagnostic.messageType);
            if (const Core::DiagnosticCode *code = Core::findDiagnosticCode(diagnostic.code)) {
                rule.insert(QStringLiteral("shortDescription"),
                            QJsonObject{{QStringLiteral("text"), QLatin1String(code->summary)}});
                rule.insert(
                    QStringLiteral("fullDescription"),
                    QJsonObject{{QStringLiteral("text"), QLatin1String(code->explanation)}});
                rule.insert(QStringLiteral("defaultConfiguration"),
                            QJsonObject{{QStringLiteral("level"), sarifLevel(code->defaultLevel)}});
            }
            rules.append(rule);
        }
        QJsonObject result;
        result.insert(QStringLiteral("ruleId"), diagnostic.code);
        result.insert(QStringLiteral("ruleIndex"), ruleIndex.value(diagnostic.code));
        result.insert(QStringLiteral("level"), sarifLevel(diagnostic.level));
        result.insert(QStringLiteral("message"),
                      QJsonObject{{QStringLiteral("text"), diagnostic.message}});
        result.insert(QStringLiteral("locations"), QJsonArray{sarifLocation(diagnostic.subject)});
        if (diagnostic.related) {
            QJsonObject related = sarifLocation(*diagnostic.related);
            related.insert(QStringLiteral("id"), 0);
            related.insert(QStringLiteral("message"),
                           QJsonObject{{QStringLiteral("text"), diagnostic.related->describe()}});
            result.insert(QStringLiteral("relatedLocations"), QJsonArray{related});
        }
        results.append(result);
    }
    QJsonObject driver;
    driver.insert(QStringLiteral("name"), QStringLiteral("gatehouse"));
    driver.insert(QStringLiteral("version"), toolVersion);
    driver.insert(QStringLiteral("rules"), rules);
    QJsonObject run;
    run.insert(QStringLiteral("tool"), QJsonObject{{QStringLiteral("driver"), driver}});
    run.insert(QStringLiteral("results"), results);
    QJsonObject log;
    log.insert(QStringLiteral("$schema"),
               QStringLiteral("https://json.schemastore.org/sarif-2.1.0.json"));
    log.insert(QStringLiteral("version"), QStringLiteral("2.1.0"));
    log.insert(QStringLiteral("runs"), QJsonArray{run});
    return QJsonDocument(log).toJson(QJsonDocument::Indented);
}

} // namespace Cli
