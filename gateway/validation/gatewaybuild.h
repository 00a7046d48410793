#pragma once

#include "analysisinput.h"
#include "compile/compileoptions.h"
#include "documentcache.h"
#include "runtime/config.h"

#include <QHash>
#include <memory>

// What istiod does when it builds the gateway from the design: the servers, routes and rules
// it drops (the compiler's GH2xxx notes) and, in merged virtual hosts, catch-alls that hide
// another VirtualService's routes (GH4005).
//
// Building is the expensive part of validation, so it runs on the design's *shape* only
// (Gateways, and VirtualServices without their actions' payload: destinations, headers,
// timeouts, retries, faults, mirrors, CORS, rewrites, bodies), none of which changes a drop
// or the route order. Because the compiler sees nothing else, its findings are a function of
// the shapes, and an edit that leaves every shape equal reuses them as they are.
namespace Validation {

class GatewayBuildCheck {
public:
    void setOptions(const Compile::CompileOptions &options);
    void run(const Project::Workspace &workspace, const AnalysisInput &input,
             Core::Diagnostics &out);

private:
    struct Shape {
        Istio::Resource resource;
        quint64 version = 0; // unique per distinct shape of one document
    };
    using Shapes = DocumentCache<Shape>;
    Shapes::Entry &shapeOf(const Project::Document &document);

    Compile::CompileOptions m_options;
    Shapes m_shapes;
    quint64 m_nextVersion = 1;
    QList<quint64> m_builtFrom; // the shape versions the current build was made from
    std::shared_ptr<const Runtime::Config> m_config;
};

} // namespace Validation
