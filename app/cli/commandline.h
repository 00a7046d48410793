#pragma once

#include "consolestreams.h"

#include <QStringList>

namespace Cli {

// Exit codes shared by every command.
// EXIT_KUBECTL: kubectl was not found, failed, timed out or printed what it never prints.
enum ExitCode { EXIT_OK = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 2, EXIT_KUBECTL = 3 };

// True when the arguments (without the program name) ask for the command-line tool rather than
// the desktop app: a subcommand, --help or --version, or anything that is not an existing path.
bool wantsCommandLine(const QStringList &arguments);

// Runs `gatehouse <arguments>` headless and returns the process exit code.
int run(const QStringList &arguments, ConsoleStreams streams);

QString usage();
QString versionText();

} // namespace Cli
