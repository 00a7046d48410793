#pragma once

#include <QString>

namespace ToGatewayApi {

// What the target cluster's Gateway API installation offers. The defaults suit a current Istio
// with the Gateway API experimental channel CRDs; switch features off for older or
// standard-channel installations and the report says what is lost instead.
struct Options {
    // Kubernetes cluster domain: destination hosts <name>.<ns>.svc.<domainSuffix> are Services.
    QString domainSuffix = QStringLiteral("cluster.local");
    QString gatewayClassName = QStringLiteral("istio");
    // apiVersion suffix of TLSRoute and TCPRoute: "v1alpha2" (every release that has them) or
    // "v1" (the newest releases).
    QString l4RouteVersion = QStringLiteral("v1alpha2");
    // HTTPRoute features of the experimental channel.
    bool corsFilter = true; // the CORS filter
    bool retryField = true; // rules[].retry
    // Istio-specific extensions of Gateway API: backendRefs of kind networking.istio.io/Hostname
    // for hosts that are not Services (ServiceEntries), and the listener TLS option
    // gateway.istio.io/tls-terminate-mode for client-certificate verification.
    bool istioExtensions = true;
};

} // namespace ToGatewayApi
