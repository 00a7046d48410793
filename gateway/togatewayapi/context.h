#pragma once

#include "lossreport.h"
#include "model/resource.h"
#include "names.h"
#include "options.h"
#include "referencegrants.h"
#include "validation/kubeobjects.h"

#include <QString>
#include <QStringList>
#include <vector>

// State shared by the steps of one conversion (internal to togatewayapi/).
namespace ToGatewayApi {

// A listener of a generated Gateway: one per Istio server and host.
struct ListenerPlan {
    enum class From { All, Same, Selector };

    QString name; // sectionName
    quint32 port = 0;
    QString protocol;       // HTTP, HTTPS, TLS, TCP
    bool terminate = false; // tls.mode Terminate (HTTPS, TLS)
    QString hostname;       // empty: any host
    From from = From::All;
    QStringList namespaces; // for Selector
    int serverIndex = -1;
    bool httpsRedirect = false; // Istio answers every request on it with a redirect

    bool allowsNamespace(const QString &routeNamespace, const QString &gatewayNamespace) const;
    // Which route kinds attach: HTTPRoute to HTTP and HTTPS (terminated), TLSRoute to TLS
    // passthrough, and Istio's tcp[] routes to TCP and terminated TLS.
    bool carriesHttp() const;
    bool carriesPassthrough() const;
    bool carriesTcp() const;
};

// An Istio Gateway and the Gateway API Gateway made from it.
struct GatewayPlan {
    Source source;
    const Istio::Gateway *resource = nullptr;
    QString reference; // "ns/name" as VirtualServices name the Istio Gateway
    QString name;      // of the generated Gateway
    QString nameSpace;
    // Where Istio's gateway pods run: credentialName Secrets and exportTo are read there.
    QString workloadNamespace;
    std::vector<ListenerPlan> listeners;
};

struct VirtualServiceSource {
    Source source;
    const Istio::VirtualService *resource = nullptr;
    QString creationTimestamp;
};

struct Context {
    Options options;
    LossReport report;
    Validation::KubeObjects kube;
    std::vector<const Istio::DestinationRule *> destinationRules;
    std::vector<QString> destinationRuleNamespaces; // parallel to destinationRules
    std::vector<GatewayPlan> gateways;
    ReferenceGrants grants;
    NameRegistry objectNames; // scope: "<kind>/<namespace>"

    const GatewayPlan *gateway(const QString &reference) const;
    QString claimObjectName(const QString &kind, const QString &nameSpace, const QString &wanted);
};

} // namespace ToGatewayApi
