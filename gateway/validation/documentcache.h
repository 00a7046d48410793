#pragma once

#include "workspace/workspace.h"

#include <QHash>
#include <QSet>
#include <vector>

namespace Validation {

// Something derived from one document, kept between validation runs and looked up by file and
// document number (one hash lookup per file, not per document). Entries whose document text
// changed are the caller's to refresh: each entry remembers the text it was derived from.
template <class T> class DocumentCache {
public:
    struct Entry {
        QByteArray text;
        int startLine = -1;
        bool filled = false;
        T value{};

        // Derived from exactly this text at this place.
        bool isFor(const Project::Document &document) const
        {
            return filled && startLine == document.startLine() && text == document.text();
        }
        void markFor(const Project::Document &document)
        {
            text = document.text();
            startLine = document.startLine();
            filled = true;
        }
    };

    Entry &entryFor(const Project::Document &document)
    {
        if (document.filePath() != m_lastFile || !m_lastEntries) {
            m_lastFile = document.filePath();
            m_lastEntries = &m_files[m_lastFile];
        }
        std::vector<Entry> &entries = *m_lastEntries;
        const size_t index = size_t(document.number() - 1);
        if (entries.size() <= index)
            entries.resize(index + 1);
        return entries[index];
    }

    // Forgets files and documents the workspace no longer has.
    void prune(const Project::Workspace &workspace)
    {
        m_lastEntries = nullptr;
        QHash<QString, size_t> sizes;
        for (const Project::SourceFile &file : workspace.files())
            sizes.insert(file.path(), file.documents().size());
        for (auto it = m_files.begin(); it != m_files.end();) {
            const auto size = sizes.constFind(it.key());
            if (size == sizes.constEnd()) {
                it = m_files.erase(it);
                continue;
            }
            if (it->size() > *size)
                it->resize(*size);
            ++it;
        }
    }

    void clear()
    {
        m_files.clear();
        m_lastEntries = nullptr;
    }

private:
    QHash<QString, std::vector<Entry>> m_files;
    QString m_lastFile;
    std::vector<Entry> *m_lastEntries = nullptr; // stable until m_files changes
};

} // namespace Validation
