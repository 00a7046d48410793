#pragma once

#include "lossreport.h"
#include "options.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <vector>
#include <yaml-cpp/node/impl.h> // the inline definitions too: clang emits no copy otherwise
#include <yaml-cpp/node/node.h>

namespace Project {
class Workspace;
}

// Istio Gateway + VirtualService → Kubernetes Gateway API (semantics doc §8), with a report of
// everything the conversion loses or changes. See README.md for the mapping and the report's
// vocabulary.
namespace ToGatewayApi {

// One generated Gateway API object.
struct OutputObject {
    QString apiVersion; // "gateway.networking.k8s.io/v1"
    QString kind;       // Gateway, HTTPRoute, TLSRoute, TCPRoute, ReferenceGrant
    QString nameSpace;
    QString name;
    YAML::Node node;   // the whole object, keys in the order they are written
    ResourceId source; // the Istio resource it comes from (empty for ReferenceGrants)
};

// An object whose node holds apiVersion, kind and metadata (name, namespace) so far, in that
// order; the caller adds the rest to `node` (a handle: a copy of it edits the same object).
OutputObject makeOutputObject(const QString &apiVersion, const QString &kind,
                              const QString &nameSpace, const QString &name,
                              const ResourceId &source = {});

struct Conversion {
    Options options;
    // Gateways, then HTTPRoutes in Istio's VirtualService order (Gateway API breaks ties
    // between routes by creation time, so the order matters on apply), TLSRoutes, TCPRoutes,
    // ReferenceGrants.
    std::vector<OutputObject> objects;
    std::vector<LossEntry> entries;

    int count(Severity severity) const;
    const OutputObject *find(const QString &kind, const QString &nameSpace,
                             const QString &name) const;
};

// Pure: reads the workspace's Istio Gateways and VirtualServices (and the Services, Pods,
// ServiceEntries and DestinationRules that help resolve them); the same workspace and options
// give byte-identical output.
Conversion convert(const Project::Workspace &workspace, const Options &options = {});

// Multi-document YAML for kubectl apply, with a heading that states the API versions chosen.
QByteArray toYaml(const Conversion &conversion);

// The loss report for people: entries grouped by resource, with file:line.
QString lossReportText(const Conversion &conversion);
// The same for tools: {"summary": {...}, "entries": [{severity, code, resource, field, ...}]}.
QJsonObject lossReportJson(const Conversion &conversion);

} // namespace ToGatewayApi
