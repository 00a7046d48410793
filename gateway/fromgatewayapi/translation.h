#pragma once

#include "core/diagnostic.h"
#include "model/gateway.h"
#include "model/virtualservice.h"
#include "options.h"

#include <QByteArray>
#include <vector>

namespace Project {
class Workspace;
} // namespace Project

// Kubernetes Gateway API → Istio Gateways and VirtualServices, the way istiod translates them
// (semantics doc §8). The result is what `gatehouse convert --to istio` prints and what the
// compiler serves next to the workspace's own Istio resources.
namespace FromGatewayApi {

struct Inputs;

// The Gateway API object a generated resource comes from, for positions and ordering.
struct Origin {
    QString kind; // "Gateway", "HTTPRoute", ...
    QString nameSpace;
    QString name;
    QString file;
    Core::SourcePosition position;
    QString creationTimestamp; // the source object's; Istio orders by it
};

struct TranslatedGateway {
    Istio::Gateway gateway; // one server: istiod generates one Gateway per listener
    Origin origin;
};

struct TranslatedVirtualService {
    Istio::VirtualService virtualService;
    Origin origin; // the first route (by creation, namespace, name) merged into it
};

struct Translation {
    std::vector<TranslatedGateway> gateways;               // sorted by namespace, name
    std::vector<TranslatedVirtualService> virtualServices; // sorted by namespace, name
    // Reading problems, what is not translated and why, and what istiod would reject.
    Core::Diagnostics diagnostics;

    bool isEmpty() const { return gateways.empty() && virtualServices.empty(); }
};

// Reads the workspace's Gateway API documents (and its Services, Namespaces) and translates
// them. Pure apart from reading the workspace; never throws.
Translation translate(const Project::Workspace &workspace, const Options &options = {});
Translation translate(const Inputs &inputs, const Options &options = {});

// The translated resources as one YAML stream (apiVersion networking.istio.io/v1), Gateways
// then VirtualServices, keys sorted as istiod prints them, each document followed by "---".
QByteArray toYaml(const Translation &translation);

} // namespace FromGatewayApi
