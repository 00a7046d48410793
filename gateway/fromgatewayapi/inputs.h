#pragma once

#include "core/diagnostic.h"
#include "gatewaymodel.h"
#include "routemodel.h"
#include "yaml/readcontext.h"

#include <QHash>
#include <QSet>
#include <vector>

namespace Project {
class Workspace;
} // namespace Project

namespace FromGatewayApi {

// Where a Gateway API object came from: enough to position any finding about one of its fields
// and to name it in the translated resources' origin.
struct SourceInfo {
    QString apiVersion;
    QString kind;
    QString nameSpace;
    QString name;
    QString file;
    int documentNumber = 0;
    Core::SourcePosition start;  // the document's first line
    Yaml::FieldPositions fields; // "spec.rules[0].matches[0]" → position
    QString creationTimestamp;

    // The field's position, else its nearest recorded ancestor's, else the document's start.
    Core::SourcePosition positionOf(const QString &fieldPath) const;
    // "HTTPRoute default/http"
    QString describe() const
    {
        return kind + QLatin1Char(' ') + nameSpace + QLatin1Char('/') + name;
    }
};

template <class T> struct Read {
    SourceInfo source;
    T object;
};

// Everything the translation reads from a workspace. Services and Namespaces are only known
// when the workspace has at least one of them; otherwise backends and namespace selectors
// cannot be checked, and the translation says so instead of guessing.
struct Inputs {
    std::vector<Read<GatewayClass>> gatewayClasses;
    std::vector<Read<Gateway>> gateways;
    std::vector<Read<HttpRoute>> httpRoutes;
    std::vector<Read<GrpcRoute>> grpcRoutes;
    std::vector<Read<L4Route>> tlsRoutes;
    std::vector<Read<L4Route>> tcpRoutes;
    std::vector<Read<ReferenceGrant>> referenceGrants;
    QSet<QString> services; // "namespace/name" of the core Services
    bool servicesKnown = false;
    QHash<QString, QHash<QString, QString>> namespaces; // name → labels
    bool namespacesKnown = false;
    // Malformed fields (positioned), kinds and versions that are not translated.
    Core::Diagnostics diagnostics;
};

// True for gateway.networking.k8s.io/<any version>.
bool isGatewayApiGroup(const QString &apiVersion);

// Reads every Gateway API document of the workspace with the project's field reader: a wrong
// type, an unknown field or a missing required field is a positioned diagnostic and the rest
// of the object is still read. Never throws.
Inputs readInputs(const Project::Workspace &workspace);

// A diagnostic about a field of a Gateway API object (code from core/diagnosticcodes.h).
Core::Diagnostic makeNote(const SourceInfo &source, const char *code, const QString &fieldPath,
                          const QString &message);

} // namespace FromGatewayApi
