#include "workspaceimport.h"

#include "yaml/documentsplitter.h"

#include <QDir>
#include <QFileInfo>

namespace Kube {
namespace {

std::optional<Project::DocumentRef> findDocument(const Project::Workspace &workspace,
                                                 const ResourceKey &key)
{
    for (const Project::DocumentRef &ref : workspace.documents()) {
        if (keyOf(workspace.document(ref)) == key)
            return ref;
    }
    return std::nullopt;
}

bool pathTaken(const Project::Workspace &workspace, const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    for (const Project::SourceFile &file : workspace.files()) {
        if (QFileInfo(file.path()).absoluteFilePath() == absolute)
            return true;
    }
    return QFileInfo::exists(path);
}

QString freePath(const Project::Workspace &workspace, const QString &directory,
                 const QString &nameSpace)
{
    const QDir dir(directory);
    QString path = dir.filePath(nameSpace + QStringLiteral(".yaml"));
    for (int number = 2; pathTaken(workspace, path); ++number)
        path = dir.filePath(QStringLiteral("%1-%2.yaml").arg(nameSpace).arg(number));
    return path;
}

} // namespace

ResourceKey keyOf(const Project::Document &document)
{
    return ResourceKey::fromApiVersion(document.apiVersion(), document.kind(), document.nameSpace(),
                                       document.name());
}

QList<ImportDuplicate> findDuplicates(const Project::Workspace &workspace,
                                      const QList<ImportedFile> &files)
{
    QList<ImportDuplicate> duplicates;
    for (const ImportedFile &file : files) {
        for (const ImportedDocument &document : file.documents) {
            if (const auto ref = findDocument(workspace, document.key))
                duplicates.append({document.key, *ref, workspace.document(*ref).filePath()});
        }
    }
    return duplicates;
}

MergeReport addToWorkspace(Project::Workspace &workspace, const QList<ImportedFile> &files,
                           const QString &directory, DuplicatePolicy policy)
{
    MergeReport report;
    // Looked up before anything is added, so the new files never count as duplicates.
    report.duplicates = findDuplicates(workspace, files);
    const auto duplicateOf = [&](const ResourceKey &key) -> const ImportDuplicate * {
        for (const ImportDuplicate &duplicate : report.duplicates) {
            if (duplicate.key == key)
                return &duplicate;
        }
        return nullptr;
    };

    for (const ImportedFile &file : files) {
        QByteArray text;
        int documents = 0;
        for (const ImportedDocument &document : file.documents) {
            const ImportDuplicate *duplicate = duplicateOf(document.key);
            if (!duplicate) {
                text += "---\n" + document.text;
                ++documents;
                continue;
            }
            if (policy == DuplicatePolicy::Skip)
                continue;
            const Project::Document &existing = workspace.document(duplicate->existing);
            const QByteArray trivia =
                Yaml::DocumentChunk{existing.text(), existing.startLine()}.leadingTrivia();
            if (workspace.setText(duplicate->existing, trivia + document.text))
                ++report.replaced;
        }
        if (documents == 0)
            continue;
        const QString path = freePath(workspace, directory, file.nameSpace);
        workspace.addFile(Project::SourceFile::fromBytes(path, text));
        report.addedFiles << path;
        report.addedDocuments += documents;
    }
    return report;
}

} // namespace Kube
