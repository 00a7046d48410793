#pragma once

#include "accesslog.h"
#include "route/request.h"
#include "runtime/config.h"

namespace Proxy {

// The request an access-log entry stands for, rebuilt for the pure decision (the Traffic dock's
// "why"). The log keeps method, Host, path and the gateway port, not the headers, the SNI or
// the scheme: TLS is inferred from the listener `config` has on that port and the SNI is taken
// to be the Host's name, so a decision that depends on headers can differ from what happened.
// `complete` is set false when anything had to be guessed.
Route::Request requestFor(const AccessLogEntry &entry, const Runtime::Config &config,
                          bool *complete = nullptr);

} // namespace Proxy
