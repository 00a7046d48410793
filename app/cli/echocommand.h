#pragma once

#include "consolestreams.h"

#include <QStringList>

namespace Cli {

QString echoHelp();
int runEcho(const QStringList &arguments, ConsoleStreams streams);

} // namespace Cli
