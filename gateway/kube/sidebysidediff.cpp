#include "sidebysidediff.h"

#include <QRegularExpression>

namespace Kube {
namespace {

// "@@ -12,7 +12,9 @@" (a count of 1 may be left out).
const QRegularExpression
    HUNK_HEADER(QStringLiteral(R"(^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@)"));
const QRegularExpression API_VERSION_SEGMENT(QStringLiteral(R"(^v\d+((alpha|beta)\d+)?$)"));

// The path in a "--- PATH<tab>TIME" or "+++ PATH<tab>TIME" line.
QString headerPath(const QString &line)
{
    const QString rest = line.mid(4);
    const qsizetype tab = rest.indexOf(QLatin1Char('\t'));
    return (tab < 0 ? rest : rest.left(tab)).trimmed();
}

// Reads the hunks of one file pair into rows, pairing each run of removed lines with the
// added lines that follow it, as a side-by-side view shows a replacement.
class HunkReader {
public:
    explicit HunkReader(QString label) { m_diff.label = std::move(label); }

    ResourceDiff take()
    {
        flush();
        return std::move(m_diff);
    }

    void startHunk(int liveStart, int proposedStart)
    {
        flush();
        if (!m_diff.rows.isEmpty() || liveStart > 1 || proposedStart > 1)
            m_diff.rows.append({DiffRow::Change::Skipped, {}, {}, 0, 0});
        m_liveLine = liveStart;
        m_proposedLine = proposedStart;
    }

    void line(QChar marker, const QString &text)
    {
        if (marker == QLatin1Char('-')) {
            if (!m_added.isEmpty())
                flush();
            m_removed.append(text);
            ++m_diff.removedLines;
        } else if (marker == QLatin1Char('+')) {
            m_added.append(text);
            ++m_diff.addedLines;
        } else {
            flush();
            m_diff.rows.append({DiffRow::Change::Same, text, text, m_liveLine++, m_proposedLine++});
        }
    }

    void flush()
    {
        const qsizetype paired = std::max(m_removed.size(), m_added.size());
        for (qsizetype i = 0; i < paired; ++i) {
            DiffRow row;
            const bool hasLive = i < m_removed.size();
            const bool hasProposed = i < m_added.size();
            row.change = hasLive && hasProposed ? DiffRow::Change::Changed
                         : hasLive              ? DiffRow::Change::Removed
                                                : DiffRow::Change::Added;
            if (hasLive) {
                row.live = m_removed.at(i);
                row.liveLine = m_liveLine++;
            }
            if (hasProposed) {
                row.proposed = m_added.at(i);
                row.proposedLine = m_proposedLine++;
            }
            m_diff.rows.append(row);
        }
        m_removed.clear();
        m_added.clear();
    }

private:
    ResourceDiff m_diff;
    QStringList m_removed;
    QStringList m_added;
    int m_liveLine = 0;
    int m_proposedLine = 0;
};

} // namespace

bool ResourceDiff::hasLiveContext() const
{
    for (const DiffRow &row : rows) {
        if (row.liveLine > 0)
            return true;
    }
    return false;
}

QString resourceLabel(const QString &diffFilePath)
{
    const QString fileName = diffFilePath.section(QLatin1Char('/'), -1);
    const QStringList parts = fileName.split(QLatin1Char('.'));
    // group.parts.version.Kind.namespace.name.parts: the version is the first v1/v1beta1/...
    // segment followed by a capitalised kind; names may hold dots, so they take the rest.
    for (qsizetype i = 0; i + 3 < parts.size(); ++i) {
        if (!API_VERSION_SEGMENT.match(parts.at(i)).hasMatch() || parts.at(i + 1).isEmpty() ||
            !parts.at(i + 1).front().isUpper())
            continue;
        return QStringLiteral("%1 %2/%3")
            .arg(parts.at(i + 1), parts.at(i + 2), parts.mid(i + 3).join(QLatin1Char('.')));
    }
    return fileName;
}

std::optional<QList<ResourceDiff>> parseUnifiedDiff(const QString &output, QString *error)
{
    QList<ResourceDiff> diffs;
    std::optional<HunkReader> reader;
    int liveLeft = 0; // lines still expected in the current hunk, per side
    int proposedLeft = 0;
    QStringList lines = output.split(QLatin1Char('\n'));
    if (output.endsWith(QLatin1Char('\n')))
        lines.removeLast(); // what follows the last newline is no line
    for (qsizetype index = 0; index < lines.size(); ++index) {
        QString line = lines.at(index);
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        const auto fail = [&](const QString &why) {
            if (error)
                *error = QStringLiteral("line %1: %2").arg(index + 1).arg(why);
            return std::nullopt;
        };
        if (liveLeft > 0 || proposedLeft > 0) {
            const QChar marker = line.isEmpty() ? QLatin1Char(' ') : line.front();
            const QString text = line.mid(1);
            if (marker == QLatin1Char('-') && liveLeft > 0) {
                --liveLeft;
            } else if (marker == QLatin1Char('+') && proposedLeft > 0) {
                --proposedLeft;
            } else if (marker == QLatin1Char(' ') && liveLeft > 0 && proposedLeft > 0) {
                --liveLeft;
                --proposedLeft;
            } else if (marker == QLatin1Char('\\')) {
                continue; // "\ No newline at end of file"
            } else {
                return fail(QStringLiteral("the hunk ends before its counted lines"));
            }
            reader->line(marker, text);
            continue;
        }
        if (line.isEmpty() || line.startsWith(QLatin1String("\\ ")))
            continue;
        if (line.startsWith(QLatin1String("diff ")))
            continue; // the command line of the diff program; the --- line names the file
        if (line.startsWith(QLatin1String("--- "))) {
            if (index + 1 >= lines.size() || !lines.at(index + 1).startsWith(QLatin1String("+++ ")))
                return fail(QStringLiteral("a \"---\" line without its \"+++\" line"));
            if (reader)
                diffs.append(reader->take());
            reader.emplace(resourceLabel(headerPath(lines.at(index + 1))));
            ++index;
            continue;
        }
        const QRegularExpressionMatch hunk = HUNK_HEADER.match(line);
        if (hunk.hasMatch() && reader) {
            liveLeft = hunk.captured(2).isEmpty() ? 1 : hunk.captured(2).toInt();
            proposedLeft = hunk.captured(4).isEmpty() ? 1 : hunk.captured(4).toInt();
            reader->startHunk(hunk.captured(1).toInt(), hunk.captured(3).toInt());
            continue;
        }
        return fail(QStringLiteral("\"%1\" is not part of a unified diff").arg(line.left(80)));
    }
    if (reader)
        diffs.append(reader->take());
    return diffs;
}

} // namespace Kube
