#include "filereading.h"

#include "diagnosticcodes.h"

#include <QFile>

namespace Core {

std::variant<QByteArray, Diagnostic> readWholeFile(const QString &path, const QString &what)
{
    QFile file(path);
    if (file.open(QIODevice::ReadOnly))
        return file.readAll();
    Diagnostic diagnostic = makeDiagnostic(
        Codes::UNREADABLE_FILE, QStringLiteral("cannot read %1: %2").arg(what, file.errorString()));
    diagnostic.subject.file = path;
    return diagnostic;
}

} // namespace Core
