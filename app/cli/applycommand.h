#pragma once

#include "consolestreams.h"

#include <QStringList>

namespace Cli {

QString applyHelp();
int runApply(const QStringList &arguments, ConsoleStreams streams);

} // namespace Cli
