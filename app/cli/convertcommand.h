#pragma once

#include "consolestreams.h"

#include <QStringList>

namespace Cli {

QString convertHelp();
int runConvert(const QStringList &arguments, ConsoleStreams streams);

} // namespace Cli
