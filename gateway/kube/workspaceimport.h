#pragma once

// Putting imported resources into a workspace: as the files of a new workspace, or merged into
// the one the user has open without duplicating what it already holds.

#include "importedresources.h"
#include "workspace/workspace.h"

namespace Kube {

// What to do with an imported resource the workspace already has (same API group, kind,
// namespace and name).
enum class DuplicatePolicy {
    Skip,    // the workspace keeps its document; the imported one is left out
    Replace, // the workspace's document takes the imported text (its heading comment stays)
};

struct ImportDuplicate {
    ResourceKey key;
    Project::DocumentRef existing;
    QString existingFile;
};

struct MergeReport {
    QStringList addedFiles; // workspace paths of the new files, in namespace order
    int addedDocuments = 0;
    QList<ImportDuplicate> duplicates; // each skipped or replaced, as the policy said
    int replaced = 0;                  // duplicates whose text changed
};

// The key the API server would know a workspace document by ("default" when it names no
// namespace, as kubectl would apply it).
ResourceKey keyOf(const Project::Document &document);

// The imported resources the workspace already holds, so a caller can ask the user before
// merging. Each points at the first workspace document with that key.
QList<ImportDuplicate> findDuplicates(const Project::Workspace &workspace,
                                      const QList<ImportedFile> &files);

// Adds the imported files as new workspace files "<directory>/<namespace>.yaml" (then
// "<namespace>-2.yaml", ... when the workspace or the disk already has that path); a file left
// with no document is not added. Duplicates (see findDuplicates) follow `policy`. Nothing is
// written to disk: the new files are unsaved until the caller saves them.
MergeReport addToWorkspace(Project::Workspace &workspace, const QList<ImportedFile> &files,
                           const QString &directory, DuplicatePolicy policy);

} // namespace Kube
