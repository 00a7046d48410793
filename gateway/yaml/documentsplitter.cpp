#include "documentsplitter.h"

namespace Yaml {
namespace {

bool isMarkerLine(const QByteArray &bytes, qsizetype lineStart, qsizetype lineEnd, char marker)
{
    if (lineEnd - lineStart < 3)
        return false;
    for (int i = 0; i < 3; ++i) {
        if (bytes[lineStart + i] != marker)
            return false;
    }
    if (lineEnd - lineStart == 3)
        return true;
    const char next = bytes[lineStart + 3];
    return next == ' ' || next == '\t' || next == '\r' || next == '\n';
}

bool isTriviaLine(const QByteArray &line)
{
    const QByteArray trimmed = line.trimmed();
    return trimmed.isEmpty() || trimmed.startsWith('#') || trimmed == "---" || trimmed == "..." ||
           trimmed.startsWith("--- #") || trimmed.startsWith('%');
}

} // namespace

QList<DocumentChunk> splitDocuments(const QByteArray &bytes)
{
    QList<DocumentChunk> chunks;
    qsizetype chunkStart = 0;
    int chunkStartLine = 0;
    int line = 0;
    bool chunkHasSeparator = false;
    bool cutAfterThisLine = false;

    auto cut = [&](qsizetype at, int atLine) {
        if (at > chunkStart)
            chunks.append({bytes.mid(chunkStart, at - chunkStart), chunkStartLine});
        chunkStart = at;
        chunkStartLine = atLine;
    };

    qsizetype pos = 0;
    while (pos < bytes.size()) {
        qsizetype lineEnd = bytes.indexOf('\n', pos);
        const qsizetype next = lineEnd < 0 ? bytes.size() : lineEnd + 1;
        if (lineEnd < 0)
            lineEnd = bytes.size();

        if (cutAfterThisLine) {
            cut(pos, line);
            chunkHasSeparator = false;
            cutAfterThisLine = false;
        }
        if (isMarkerLine(bytes, pos, lineEnd, '-')) {
            // A separator starts a new document, unless it opens the very first one after
            // nothing but comments: then the comments are that document's heading.
            const bool onlyTriviaSoFar = !chunkHasSeparator && [&] {
                const QByteArray sofar = bytes.mid(chunkStart, pos - chunkStart);
                for (const QByteArray &l : sofar.split('\n')) {
                    if (!isTriviaLine(l))
                        return false;
                }
                return true;
            }();
            if (!onlyTriviaSoFar)
                cut(pos, line);
            chunkHasSeparator = true;
        } else if (isMarkerLine(bytes, pos, lineEnd, '.')) {
            cutAfterThisLine = true;
        }
        pos = next;
        ++line;
    }
    cut(bytes.size(), line);
    if (chunks.isEmpty())
        chunks.append({QByteArray(), 0});
    return chunks;
}

bool DocumentChunk::isBlank() const
{
    for (const QByteArray &line : text.split('\n')) {
        if (!isTriviaLine(line))
            return false;
    }
    return true;
}

QByteArray DocumentChunk::leadingTrivia() const
{
    QByteArray result;
    qsizetype pos = 0;
    while (pos < text.size()) {
        qsizetype end = text.indexOf('\n', pos);
        end = end < 0 ? text.size() : end + 1;
        const QByteArray line = text.mid(pos, end - pos);
        const QByteArray trimmed = line.trimmed();
        if (trimmed.startsWith("---") && trimmed.size() > 3 && !trimmed.startsWith("--- #")) {
            result += "---\n"; // separator carrying inline content: keep only the marker
            break;
        }
        if (!isTriviaLine(line))
            break;
        result += line;
        if (!result.endsWith('\n'))
            result += '\n';
        pos = end;
    }
    return result;
}

} // namespace Yaml
