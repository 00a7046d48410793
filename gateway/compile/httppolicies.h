#pragma once

#include "model/virtualservice.h"
#include "runtime/httppolicies.h"

// VirtualService retries and corsPolicy → the runtime's compiled forms (semantics doc §3.7).
namespace Compile {

// Istio's translation: no `retries` gives its default policy; `attempts` 0 or unset disables
// retries; numbers in retryOn are status codes and imply retriable-status-codes.
Runtime::RetryPolicy compileRetries(const std::optional<Istio::HTTPRetry> &retries);

std::optional<Runtime::CorsFilter> compileCors(const std::optional<Istio::CorsPolicy> &cors);

} // namespace Compile
