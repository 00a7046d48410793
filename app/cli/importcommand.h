#pragma once

#include "consolestreams.h"

#include <QStringList>

namespace Cli {

QString importHelp();
int runImport(const QStringList &arguments, ConsoleStreams streams);

} // namespace Cli
