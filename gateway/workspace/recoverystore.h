#pragma once

#include "workspace.h"

#include <QDateTime>
#include <optional>

namespace Project {

// Unsaved edits kept aside so that a crash loses at most one autosave interval. Each modified
// file's current content is written (atomically, owner-only: it may hold Secrets) to
// `directory`, named by a hash of the file's absolute path, with the path beside it. A file
// that is saved, or whose edits are undone, loses its entry at the next write.
class RecoveryStore {
public:
    // "" = the user's data directory (QStandardPaths::AppDataLocation) + "/recovery".
    explicit RecoveryStore(QString directory = {});

    const QString &directory() const { return m_directory; }

    // Writes an entry per modified file; removes the entries of the workspace's other files.
    bool write(const Workspace &workspace, QString *error);

    struct Entry {
        QString path; // the original file
        QByteArray content;
        QDateTime written;
    };
    // The entry for `path`, when there is one and it differs from the file on disk.
    std::optional<Entry> find(const QString &path) const;
    void discard(const QString &path);

private:
    QString entryPath(const QString &filePath) const;

    QString m_directory;
};

} // namespace Project
