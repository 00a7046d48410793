#pragma once

#include <QTextStream>

namespace Cli {

// Where a command writes: normal output and errors. Tests hand in string-backed streams.
struct ConsoleStreams {
    QTextStream &out;
    QTextStream &err;
};

} // namespace Cli
