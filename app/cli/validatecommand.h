#pragma once

#include "consolestreams.h"

#include <QStringList>

namespace Cli {

QString validateHelp();
int runValidate(const QStringList &arguments, ConsoleStreams streams);

} // namespace Cli
