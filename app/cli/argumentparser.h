#pragma once

#include "consolestreams.h"

#include <QCommandLineParser>

namespace Cli {

enum class ParseResult { Proceed, HelpShown, UsageError };

// Parses one subcommand's arguments. --help prints the command's help to out; a usage error
// prints the message and the help to err.
ParseResult parseArguments(QCommandLineParser &parser, const QString &command,
                           const QStringList &arguments, const QString &help,
                           ConsoleStreams streams);

// The exit code for a parse that should not proceed.
int exitCodeFor(ParseResult result);

// Writes bytes to out unchanged (no text re-encoding when out is backed by a device).
void writeRaw(QTextStream &out, const QByteArray &bytes);

} // namespace Cli
