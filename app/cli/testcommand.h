#pragma once

#include "consolestreams.h"

#include <QStringList>

namespace Cli {

QString testHelp();
int runTest(const QStringList &arguments, ConsoleStreams streams);

} // namespace Cli
