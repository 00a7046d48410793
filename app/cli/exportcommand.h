#pragma once

#include "consolestreams.h"

#include <QStringList>

namespace Cli {

QString exportHelp();
int runExport(const QStringList &arguments, ConsoleStreams streams);

} // namespace Cli
