#include "kubectloutput.h"

#include "validation/names.h"

#include <QRegularExpression>
#include <QStringDecoder>

namespace Kube {
namespace {

// How much of a line that was not understood a message quotes.
const int MAX_SHOWN = 80;
const QString NAMESPACE_PREFIX = QStringLiteral("namespace/");
// "<resource>[.<group>]/<name> <action>[ (server dry run)]"
const QRegularExpression APPLY_LINE(QStringLiteral(
    "^([a-z0-9]([-a-z0-9.]*[a-z0-9])?)/([a-z0-9]([-a-z0-9.]*[a-z0-9])?) ([a-z][a-z-]*)"
    "( \\((server )?dry run\\))?$"));

// Sets `error` when given; returned by a parse that did not succeed.
std::nullopt_t fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

// Non-empty lines, without trailing CR.
std::optional<QStringList> outputLines(const QByteArray &output, QString *error)
{
    const std::optional<QString> text = outputText(output, error);
    if (!text)
        return std::nullopt;
    QStringList lines;
    for (QString line : text->split(QLatin1Char('\n'))) {
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        if (!line.trimmed().isEmpty())
            lines << line;
    }
    return lines;
}

QString quotedLine(const QString &line)
{
    return QLatin1Char('"') +
           (line.size() > MAX_SHOWN ? line.left(MAX_SHOWN) + QStringLiteral("...") : line) +
           QLatin1Char('"');
}

} // namespace

std::optional<QString> outputText(const QByteArray &output, QString *error)
{
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder(output);
    if (decoder.hasError())
        return fail(error, QStringLiteral("kubectl's output is not text (it is not UTF-8)"));
    for (const QChar c : text) {
        if (c.unicode() < 0x20 && c != QLatin1Char('\n') && c != QLatin1Char('\r') &&
            c != QLatin1Char('\t')) {
            return fail(error, QStringLiteral("kubectl's output is not text (it holds control "
                                              "character 0x%1)")
                                   .arg(c.unicode(), 2, 16, QLatin1Char('0')));
        }
    }
    return text;
}

std::optional<QStringList> parseContexts(const QByteArray &output, QString *error)
{
    std::optional<QStringList> lines = outputLines(output, error);
    if (!lines)
        return std::nullopt;
    for (QString &line : *lines)
        line = line.trimmed();
    return lines;
}

std::optional<QString> parseCurrentContext(const QByteArray &output, QString *error)
{
    const std::optional<QStringList> lines = outputLines(output, error);
    if (!lines)
        return std::nullopt;
    if (lines->size() != 1)
        return fail(error,
                    lines->isEmpty()
                        ? QStringLiteral("kubectl named no current context")
                        : QStringLiteral("kubectl printed %1 lines where one context name was "
                                         "expected")
                              .arg(lines->size()));
    return lines->first().trimmed();
}

std::optional<QStringList> parseNamespaces(const QByteArray &output, QString *error)
{
    const std::optional<QStringList> lines = outputLines(output, error);
    if (!lines)
        return std::nullopt;
    QStringList names;
    for (const QString &line : *lines) {
        const QString trimmed = line.trimmed();
        const QString name = trimmed.mid(NAMESPACE_PREFIX.size());
        if (!trimmed.startsWith(NAMESPACE_PREFIX) || !Validation::Names::isDns1123Label(name))
            return fail(error,
                        QStringLiteral("kubectl's namespace list was not understood: %1 is not "
                                       "\"namespace/NAME\"")
                            .arg(quotedLine(line)));
        names << name;
    }
    return names;
}

QString AppliedResource::line() const
{
    QString text = resource + QLatin1Char('/') + name + QLatin1Char(' ') + action;
    if (dryRun)
        text += QStringLiteral(" (server dry run)");
    return text;
}

std::optional<QList<AppliedResource>> parseApplyOutput(const QByteArray &output, QString *error)
{
    const std::optional<QStringList> lines = outputLines(output, error);
    if (!lines)
        return std::nullopt;
    QList<AppliedResource> applied;
    for (const QString &line : *lines) {
        const QRegularExpressionMatch match = APPLY_LINE.match(line.trimmed());
        if (!match.hasMatch())
            return fail(error,
                        QStringLiteral("kubectl apply's output was not understood: %1 is not "
                                       "\"RESOURCE/NAME ACTION\"")
                            .arg(quotedLine(line)));
        applied.append(
            {match.captured(1), match.captured(3), match.captured(5), match.capturedLength(6) > 0});
    }
    return applied;
}

DiffOutcome diffOutcome(const KubectlResult &result)
{
    if (!result.finished())
        return DiffOutcome::Failed;
    if (result.exitCode == 0)
        return DiffOutcome::NoDifferences;
    if (result.exitCode == 1 && !result.standardOutput.trimmed().isEmpty())
        return DiffOutcome::Differences;
    return DiffOutcome::Failed;
}

} // namespace Kube
