#pragma once

#include "diagnostic.h"

#include <QByteArray>
#include <QString>
#include <variant>

namespace Core {

// A whole file's bytes, or the UnreadableFile diagnostic saying why they cannot be read.
// `what` names the file for the message: "the file", "the test file", ...
std::variant<QByteArray, Diagnostic> readWholeFile(const QString &path, const QString &what);

} // namespace Core
