#pragma once

#include "consolestreams.h"

#include <QStringList>

namespace Cli {

QString serveHelp();
int runServe(const QStringList &arguments, ConsoleStreams streams);

} // namespace Cli
