#pragma once

#include <QByteArray>
#include <QList>

namespace Yaml {

// One YAML document of a file, cut out of the file's bytes without changing any of them:
// concatenating the chunks of a file gives the file back byte for byte. A chunk starts with its
// `---` separator line (when it has one) and ends just before the next one.
struct DocumentChunk {
    QByteArray text;
    int startLine = 0; // 0-based line of the chunk's first byte in the file

    // True when the chunk holds nothing but blank lines, comments and markers.
    bool isBlank() const;
    // The lines before the document's content: separator, comments, blank lines. Kept when the
    // document is re-emitted after an edit, so a document's heading comment survives.
    QByteArray leadingTrivia() const;
};

// Cuts at lines starting with `---` (followed by space, tab or end of line) and after lines that
// are `...` document-end markers. Works on text so that one malformed document cannot stop the
// others from loading.
QList<DocumentChunk> splitDocuments(const QByteArray &fileBytes);

} // namespace Yaml
