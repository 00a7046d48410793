#pragma once

#include "consolestreams.h"

#include <QStringList>

namespace Cli {

QString traceHelp();
int runTrace(const QStringList &arguments, ConsoleStreams streams);

} // namespace Cli
