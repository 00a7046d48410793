#pragma once

#include "sourcefile.h"

#include <QObject>
#include <vector>

namespace Project {

// Refers to one document of the workspace by position. Valid until files are added or removed.
struct DocumentRef {
    int file = -1;
    int document = -1;

    bool isValid() const { return file >= 0 && document >= 0; }
    bool operator==(const DocumentRef &) const = default;
};

// The documents of every file the user opened. Views read it; every change goes through it and
// is announced with a past-tense signal, so editors, the topology and the problems list stay in
// step. Lives on the GUI thread; the proxy takes immutable snapshots compiled from it.
class Workspace : public QObject {
    Q_OBJECT

public:
    explicit Workspace(QObject *parent = nullptr);

    // Adds a file, or every *.yaml / *.yml file under a folder (recursively, sorted by path).
    // Unreadable paths become diagnostics. Returns false when the path does not exist.
    bool addPath(const QString &path);
    void addFile(SourceFile file);
    void clear();

    const std::vector<SourceFile> &files() const { return m_files; }
    const Document &document(DocumentRef ref) const;
    // Every document in file order, blank ones excluded.
    QList<DocumentRef> documents() const;
    QList<DocumentRef> documentsOfKind(Istio::ResourceKind kind) const;
    // Lookups by file path (as the file was opened; diagnostics and undo steps carry it):
    // the file's position, -1 when it is not open; its `document`-th document; the document
    // holding a 1-based line of the file. Invalid refs when there is none.
    int fileIndex(const QString &path) const;
    DocumentRef documentAt(const QString &path, int document) const;
    DocumentRef documentAtLine(const QString &path, int line) const;

    // File-level problems (unreadable files) plus every document's diagnostics.
    Core::Diagnostics diagnostics() const;

    bool setResource(DocumentRef ref, const Istio::Resource &resource);
    bool setText(DocumentRef ref, const QByteArray &text);

    bool isModified() const;
    // Replaces a file's content with `bytes` (an autosave being recovered); the file counts as
    // modified until saved. Announced with filesChanged().
    void replaceFileContent(int file, const QByteArray &bytes);
    // Saves modified files; stops at the first failure and reports it.
    bool saveAll(QString *error);

    // Every resource of the workspace as one multi-document YAML stream for `kubectl apply -f -`:
    // documents in file order, each with its text as it would be saved. With a
    // `networkingVersion` ("v1", "v1beta1", "v1alpha3"), the networking.istio.io documents are
    // given that apiVersion (see apiversion.h); a document that keeps its own gets a line in
    // `notes`, naming it and why.
    QByteArray exportStream(const QString &networkingVersion = {},
                            QStringList *notes = nullptr) const;

signals:
    void filesChanged();
    void documentChanged(Project::DocumentRef ref);
    void saved();

private:
    std::vector<SourceFile> m_files;
};

} // namespace Project
