#pragma once

#include "consolestreams.h"

#include <QStringList>

namespace Cli {

QString certsHelp();
int runCerts(const QStringList &arguments, ConsoleStreams streams);

} // namespace Cli
