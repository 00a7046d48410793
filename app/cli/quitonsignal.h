#pragma once

#include <functional>

namespace Cli {

// SIGINT and SIGTERM end the application's event loop cleanly (long-running commands such as
// `gatehouse echo`). The handler only writes to a pipe; the event loop does the rest.
void quitOnTerminationSignals();

// SIGHUP calls `reload` on the event loop's thread (`gatehouse serve`). Call after
// quitOnTerminationSignals().
void onHangupSignal(std::function<void()> reload);

} // namespace Cli
