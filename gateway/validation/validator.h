#pragma once

#include "analysisinput.h"
#include "compile/compileoptions.h"
#include "gatewaybuild.h"
#include "localproxy.h"
#include "suppression.h"

#include <QHash>

// The one validation entry point: the structural checks of the reader, Istio's admission rules
// (§6) and analyzers (§7), what istiod drops when it builds the gateway (GH2xxx) and Gatehouse's
// own findings (GH4xxx). `gatehouse validate`, the Problems panel and export all use it, so they
// always agree.
namespace Validation {

struct Options {
    InputOptions input;
    Compile::CompileOptions compile;
    QStringList analyzers; // only these (Istio's analyzer names, "schema", "gatehouse"); empty: all
    QList<Suppression> suppressions;
    LocalEnvironmentView local;
};

// Keeps each document's own findings between runs, so that re-validating after an edit only
// re-checks the edited document plus the cross-resource analyzers.
class Validator {
public:
    explicit Validator(Options options = {}) : m_options(std::move(options))
    {
        m_gatewayBuild.setOptions(m_options.compile);
    }

    const Options &options() const { return m_options; }
    void setOptions(Options options);

    // Every finding, sorted by file and position, duplicates removed, suppressions applied.
    Core::Diagnostics validate(const Project::Workspace &workspace);

private:
    const Core::Diagnostics &documentFindings(const Project::Document &document);
    bool wants(const char *analyzer) const;

    Options m_options;
    DocumentCache<Core::Diagnostics> m_findings; // each document's own findings
    GatewayBuildCheck m_gatewayBuild;
};

inline Core::Diagnostics validate(const Project::Workspace &workspace, const Options &options = {})
{
    return Validator(options).validate(workspace);
}

// Names of every analyzer a run can be restricted to.
QStringList analyzerNames();

} // namespace Validation
