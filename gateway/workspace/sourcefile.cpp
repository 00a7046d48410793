#include "sourcefile.h"

#include "core/diagnosticcodes.h"
#include "core/filereading.h"

#include <QSaveFile>

namespace Project {

SourceFile SourceFile::load(const QString &path)
{
    auto bytes = Core::readWholeFile(path, QStringLiteral("the file"));
    if (auto *diagnostic = std::get_if<Core::Diagnostic>(&bytes)) {
        SourceFile result;
        result.m_path = path;
        result.m_fileDiagnostics.append(*diagnostic);
        return result;
    }
    return fromBytes(path, std::get<QByteArray>(bytes));
}

SourceFile SourceFile::fromBytes(const QString &path, const QByteArray &bytes)
{
    SourceFile result;
    result.m_path = path;
    if (bytes.contains('\0')) {
        Core::Diagnostic diagnostic = Core::makeDiagnostic(
            Core::Codes::UNREADABLE_FILE,
            QStringLiteral("the file is binary, not YAML text (it contains NUL bytes)"));
        diagnostic.subject.file = path;
        diagnostic.subject.position = {1, 1};
        result.m_fileDiagnostics.append(diagnostic);
        return result;
    }
    const QList<Yaml::DocumentChunk> chunks = Yaml::splitDocuments(bytes);
    result.m_documents.reserve(chunks.size());
    int number = 0;
    for (const Yaml::DocumentChunk &chunk : chunks)
        result.m_documents.emplace_back(chunk, ++number, path);
    return result;
}

QByteArray SourceFile::bytes() const
{
    QByteArray out;
    for (const Document &document : m_documents)
        out += document.text();
    return out;
}

void SourceFile::markSaved()
{
    m_replaced = false;
    for (Document &document : m_documents)
        document.markSaved();
}

bool SourceFile::isModified() const
{
    return m_replaced || std::any_of(m_documents.begin(), m_documents.end(),
                                     [](const Document &d) { return d.isEdited(); });
}

void SourceFile::relayout()
{
    int line = 0;
    for (Document &document : m_documents) {
        document.setStartLine(line);
        line += document.text().count('\n');
    }
}

bool SourceFile::save(QString *error) const
{
    return saveAs(m_path, error);
}

bool SourceFile::saveAs(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    const QByteArray content = bytes();
    if (file.write(content) != content.size() || !file.commit()) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        file.cancelWriting();
        return false;
    }
    return true;
}

} // namespace Project
