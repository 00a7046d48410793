#pragma once

#include <QByteArray>
#include <QString>

namespace Tls {

enum class FileAccess {
    Public,   // 0644: certificates
    OwnerOnly // 0600 from the first byte on: private keys
};

// Writes `bytes` to `path` so that readers see either the old file or the whole new one: the
// bytes go to a temporary file beside it (created 0600), are flushed to disk, get their final
// mode and are renamed over `path`. A private key is therefore never readable by others, not
// even while it is being written. False with `error` set on failure; `path` is then untouched.
bool writeFileAtomically(const QString &path, const QByteArray &bytes, FileAccess access,
                         QString *error);

} // namespace Tls
