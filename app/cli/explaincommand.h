#pragma once

#include "consolestreams.h"

#include <QStringList>

namespace Cli {

QString explainHelp();
int runExplain(const QStringList &arguments, ConsoleStreams streams);

} // namespace Cli
