#pragma once

#include "document.h"

#include <QString>
#include <vector>

namespace Project {

// A manifest file as loaded: its documents in file order. Saving writes the documents' text
// back in the same order; a file whose documents were not edited is written byte-identical.
class SourceFile {
public:
    // Reads and splits the file. An unreadable file gives one UnreadableFile diagnostic and no
    // documents.
    static SourceFile load(const QString &path);
    static SourceFile fromBytes(const QString &path, const QByteArray &bytes);

    const QString &path() const { return m_path; }
    const std::vector<Document> &documents() const { return m_documents; }
    Document &document(int index) { return m_documents.at(index); }
    const Core::Diagnostics &fileDiagnostics() const { return m_fileDiagnostics; }

    QByteArray bytes() const; // current content, edits included
    bool isModified() const;
    // After a save: nothing is modified any more.
    void markSaved();
    // The content did not come from the file on disk (a recovered autosave): saving must
    // write it even though no document was edited since.
    void markModified() { m_replaced = true; }

    // Recomputes document start lines after an edit changed a document's line count.
    void relayout();

    // Atomic write (QSaveFile): the old content stays intact if anything fails.
    bool save(QString *error) const;
    bool saveAs(const QString &path, QString *error) const;

private:
    QString m_path;
    std::vector<Document> m_documents;
    Core::Diagnostics m_fileDiagnostics;
    bool m_replaced = false;
};

} // namespace Project
