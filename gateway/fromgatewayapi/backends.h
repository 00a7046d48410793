#pragma once

#include "model/virtualservice.h"
#include "options.h"
#include "routemodel.h"

namespace FromGatewayApi {

struct Inputs;
class ReferenceGrants;

// What the translation knows about the route a backendRef belongs to.
struct BackendContext {
    const Inputs &inputs;
    const ReferenceGrants &grants;
    const Options &options;
    QString routeKind;      // "HTTPRoute", "TCPRoute", ...
    QString routeNamespace; // where the route lives
};

// A backendRef resolved the way istiod's buildDestination does it.
struct ResolvedBackend {
    enum class Status {
        Valid,
        Invalid,      // kept as a destination that answers 500 (istiod "keeps going")
        NotSupported, // InferencePool: kept like Invalid, reported as not translated
        Rejected      // istiod rejects the whole route
    };
    Status status = Status::Valid;
    Istio::Destination destination; // empty (no host) for an invalid reference
    QString problem;                // why, for the diagnostic
};

ResolvedBackend resolveBackend(const BackendObjectReference &reference,
                               const BackendContext &context);

// The sum of a rule's backend weights (unset weights count 1): 0 means "no backend with weight
// > 0", which istiod answers with 500.
qint64 sumOfWeights(const std::vector<BackendRef> &backends);

// The backendRefs that become destinations (istiod's buildHTTPDestination /
// buildTCPDestination): weight-0 ones are left out, a single remaining one carries no weight
// (0 = omitted), several keep theirs.
struct WeightedBackend {
    std::size_t index = 0; // in backendRefs
    qint32 weight = 0;
};
std::vector<WeightedBackend> weightedBackends(const std::vector<BackendRef> &backends);

} // namespace FromGatewayApi
