#pragma once

#include "model/destinationrule.h"
#include "model/gateway.h"
#include "model/virtualservice.h"
#include "reporter.h"

// Istio's admission webhook (semantics doc §6), run offline over one resource at a time.
// Each rule reports at Istio's own level: IST0106 where the webhook rejects the object,
// IST0133 where it admits it with a warning; unreachable rules and ineffective matches are
// IST0130 / IST0131.
namespace Validation {

void checkGatewaySchema(const Istio::Gateway &gateway, Reporter &reporter);
void checkVirtualServiceSchema(const Istio::VirtualService &virtualService, Reporter &reporter);
void checkDestinationRuleSchema(const Istio::DestinationRule &destinationRule, Reporter &reporter);

} // namespace Validation
