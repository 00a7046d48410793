#include "workspace.h"

#include "apiversion.h"
#include "core/diagnosticcodes.h"

#include <QDirIterator>
#include <QFileInfo>

namespace Project {

Workspace::Workspace(QObject *parent) : QObject(parent) {}

bool Workspace::addPath(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        SourceFile missing = SourceFile::load(path);
        addFile(std::move(missing));
        return false;
    }
    if (!info.isDir()) {
        addFile(SourceFile::load(path));
        return true;
    }
    QStringList found;
    QDirIterator it(path, {QStringLiteral("*.yaml"), QStringLiteral("*.yml")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        found << it.next();
    found.sort();
    for (const QString &file : std::as_const(found))
        m_files.push_back(SourceFile::load(file));
    emit filesChanged();
    return true;
}

void Workspace::addFile(SourceFile file)
{
    m_files.push_back(std::move(file));
    emit filesChanged();
}

void Workspace::clear()
{
    m_files.clear();
    emit filesChanged();
}

const Document &Workspace::document(DocumentRef ref) const
{
    return m_files.at(ref.file).documents().at(ref.document);
}

QList<DocumentRef> Workspace::documents() const
{
    QList<DocumentRef> refs;
    for (int f = 0; f < static_cast<int>(m_files.size()); ++f) {
        const auto &docs = m_files[f].documents();
        for (int d = 0; d < static_cast<int>(docs.size()); ++d) {
            if (!docs[d].isBlank())
                refs.append({f, d});
        }
    }
    return refs;
}

QList<DocumentRef> Workspace::documentsOfKind(Istio::ResourceKind kind) const
{
    QList<DocumentRef> refs;
    for (const DocumentRef &ref : documents()) {
        if (document(ref).modelledKind() == kind)
            refs.append(ref);
    }
    return refs;
}

Core::Diagnostics Workspace::diagnostics() const
{
    Core::Diagnostics all;
    for (const SourceFile &file : m_files) {
        all += file.fileDiagnostics();
        for (const Document &document : file.documents())
            all += document.diagnostics();
    }
    return all;
}

bool Workspace::setResource(DocumentRef ref, const Istio::Resource &resource)
{
    SourceFile &file = m_files.at(ref.file);
    if (!file.document(ref.document).setResource(resource))
        return false;
    file.relayout();
    emit documentChanged(ref);
    return true;
}

bool Workspace::setText(DocumentRef ref, const QByteArray &text)
{
    SourceFile &file = m_files.at(ref.file);
    if (!file.document(ref.document).setText(text))
        return false;
    file.relayout();
    emit documentChanged(ref);
    return true;
}

bool Workspace::isModified() const
{
    return std::any_of(m_files.begin(), m_files.end(),
                       [](const SourceFile &f) { return f.isModified(); });
}

int Workspace::fileIndex(const QString &path) const
{
    for (int f = 0; f < int(m_files.size()); ++f) {
        if (m_files[f].path() == path)
            return f;
    }
    return -1;
}

DocumentRef Workspace::documentAt(const QString &path, int document) const
{
    const int file = fileIndex(path);
    if (file < 0 || document < 0 || document >= int(m_files[file].documents().size()))
        return {};
    return {file, document};
}

DocumentRef Workspace::documentAtLine(const QString &path, int line) const
{
    const int file = fileIndex(path);
    if (file < 0)
        return {};
    int found = -1;
    const auto &documents = m_files[file].documents();
    for (int d = 0; d < int(documents.size()); ++d) {
        if (documents[d].startLine() < line)
            found = d;
    }
    return found < 0 ? DocumentRef{} : DocumentRef{file, found};
}

bool Workspace::saveAll(QString *error)
{
    for (SourceFile &file : m_files) {
        if (!file.isModified())
            continue;
        if (!file.save(error))
            return false;
        file.markSaved();
    }
    emit saved();
    return true;
}

void Workspace::replaceFileContent(int file, const QByteArray &bytes)
{
    SourceFile replaced = SourceFile::fromBytes(m_files.at(file).path(), bytes);
    replaced.markModified();
    m_files.at(file) = std::move(replaced);
    emit filesChanged();
}

namespace {

bool startsWithSeparator(const QByteArray &text)
{
    for (const QByteArray &line : text.split('\n')) {
        const QByteArray trimmed = line.trimmed();
        if (trimmed.startsWith("---"))
            return true;
        if (!trimmed.isEmpty() && !trimmed.startsWith('#') && !trimmed.startsWith('%'))
            return false;
    }
    return false;
}

} // namespace

QByteArray Workspace::exportStream(const QString &networkingVersion, QStringList *notes) const
{
    QByteArray out;
    for (const DocumentRef &ref : documents()) {
        const Document &source = document(ref);
        QByteArray text = source.text();
        if (!networkingVersion.isEmpty()) {
            ApiVersionChange change = withNetworkingVersion(source, networkingVersion);
            if (!change.skipped.isEmpty() && notes)
                *notes << QStringLiteral("%1:%2: %3 %4/%5: %6")
                              .arg(source.filePath())
                              .arg(source.startLine())
                              .arg(source.kind(), source.nameSpace(), source.name(),
                                   change.skipped);
            text = std::move(change.text);
        }
        if (!startsWithSeparator(text))
            out += "---\n";
        out += text;
        if (!out.endsWith('\n'))
            out += '\n';
    }
    return out;
}

} // namespace Project
