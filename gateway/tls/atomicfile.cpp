#include "atomicfile.h"

#include <QFileInfo>
#include <QTemporaryFile>
#include <cerrno>
#include <cstdio>
#include <cstring>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace Tls {

bool writeFileAtomically(const QString &path, const QByteArray &bytes, FileAccess access,
                         QString *error)
{
    const QFileInfo target(path);
    // QTemporaryFile creates its file with mode 0600 on Unix.
    QTemporaryFile temporary(target.absolutePath() + QStringLiteral("/.") + target.fileName() +
                             QStringLiteral(".XXXXXX"));
    auto fail = [&](const QString &why) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, why);
        return false;
    };
    if (!temporary.open())
        return fail(temporary.errorString());
    if (temporary.write(bytes) != bytes.size() || !temporary.flush())
        return fail(temporary.errorString());
#ifdef Q_OS_UNIX
    if (::fsync(temporary.handle()) != 0)
        return fail(QStringLiteral("the data did not reach the disk"));
#endif
    QFileDevice::Permissions permissions = QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                           QFileDevice::ReadUser | QFileDevice::WriteUser;
    if (access == FileAccess::Public)
        permissions |= QFileDevice::ReadGroup | QFileDevice::ReadOther;
    if (!temporary.setPermissions(permissions))
        return fail(QStringLiteral("cannot set the file's permissions"));
    temporary.close();
#ifdef Q_OS_UNIX
    // rename(2) replaces the target in one step; QFile::rename refuses an existing target.
    if (std::rename(QFile::encodeName(temporary.fileName()).constData(),
                    QFile::encodeName(target.absoluteFilePath()).constData()) != 0)
        return fail(QString::fromLocal8Bit(strerror(errno)));
    temporary.setAutoRemove(false);
#else
    QFile::remove(target.absoluteFilePath());
    if (!temporary.rename(target.absoluteFilePath()))
        return fail(temporary.errorString());
    temporary.setAutoRemove(false);
#endif
    return true;
}

} // namespace Tls
