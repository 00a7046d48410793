#include "recoverystore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace Project {
namespace {

bool writeOwnerOnly(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() ||
        !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) || !file.commit()) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

QByteArray readAll(const QString &path, bool *ok)
{
    QFile file(path);
    *ok = file.open(QIODevice::ReadOnly);
    return *ok ? file.readAll() : QByteArray();
}

} // namespace

RecoveryStore::RecoveryStore(QString directory) : m_directory(std::move(directory))
{
    if (m_directory.isEmpty())
        m_directory = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                      QStringLiteral("/recovery");
}

QString RecoveryStore::entryPath(const QString &filePath) const
{
    const QByteArray hash =
        QCryptographicHash::hash(QFileInfo(filePath).absoluteFilePath().toUtf8(),
                                 QCryptographicHash::Sha256)
            .toHex()
            .left(32);
    return m_directory + QLatin1Char('/') + QString::fromLatin1(hash);
}

bool RecoveryStore::write(const Workspace &workspace, QString *error)
{
    if (!QDir().mkpath(m_directory)) {
        if (error)
            *error = QStringLiteral("%1: cannot create the folder").arg(m_directory);
        return false;
    }
    for (const SourceFile &file : workspace.files()) {
        const QString entry = entryPath(file.path());
        if (!file.isModified()) {
            discard(file.path());
            continue;
        }
        if (!writeOwnerOnly(entry + QStringLiteral(".yaml"), file.bytes(), error) ||
            !writeOwnerOnly(entry + QStringLiteral(".path"),
                            QFileInfo(file.path()).absoluteFilePath().toUtf8(), error))
            return false;
    }
    return true;
}

std::optional<RecoveryStore::Entry> RecoveryStore::find(const QString &path) const
{
    const QString entry = entryPath(path);
    bool ok = false;
    const QByteArray recordedPath = readAll(entry + QStringLiteral(".path"), &ok);
    if (!ok || QString::fromUtf8(recordedPath) != QFileInfo(path).absoluteFilePath())
        return std::nullopt;
    Entry result;
    result.path = QFileInfo(path).absoluteFilePath();
    result.content = readAll(entry + QStringLiteral(".yaml"), &ok);
    if (!ok)
        return std::nullopt;
    bool onDisk = false;
    if (readAll(path, &onDisk) == result.content && onDisk)
        return std::nullopt; // saved after all: nothing to recover
    result.written = QFileInfo(entry + QStringLiteral(".yaml")).lastModified();
    return result;
}

void RecoveryStore::discard(const QString &path)
{
    const QString entry = entryPath(path);
    QFile::remove(entry + QStringLiteral(".yaml"));
    QFile::remove(entry + QStringLiteral(".path"));
}

} // namespace Project
