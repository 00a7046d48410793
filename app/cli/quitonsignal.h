#pragma once

namespace Cli {

// SIGINT and SIGTERM end the application's event loop cleanly (long-running commands such as
// `gatehouse echo`). The handler only writes to a pipe; the event loop does the rest.
void quitOnTerminationSignals();

} // namespace Cli
