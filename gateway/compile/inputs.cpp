#include "inputs.h"

namespace Compile {
namespace {

template <class T>
Input<T> makeInput(const Project::Document &document, const T &resource)
{
    Input<T> input;
    input.ref.kind = document.kind();
    input.ref.nameSpace = document.nameSpace();
    input.ref.name = document.name();
    input.ref.file = document.filePath();
    input.ref.position = document.positionOf(QStringLiteral("metadata.name"));
    input.creationTimestamp = resource.metadata.creationTimestamp.value_or(QString());
    input.resource = resource;
    return input;
}

} // namespace

Inputs collectInputs(const Project::Workspace &workspace)
{
    Inputs inputs;
    for (const Project::DocumentRef &ref : workspace.documents()) {
        const Project::Document &document = workspace.document(ref);
        std::visit(
            [&](const auto &resource) {
                using T = std::decay_t<decltype(resource)>;
                if constexpr (std::is_same_v<T, Istio::Gateway>)
                    inputs.gateways.push_back(makeInput(document, resource));
                else if constexpr (std::is_same_v<T, Istio::VirtualService>)
                    inputs.virtualServices.push_back(makeInput(document, resource));
                else if constexpr (std::is_same_v<T, Istio::DestinationRule>)
                    inputs.destinationRules.push_back(makeInput(document, resource));
            },
            document.resource());
    }
    return inputs;
}

} // namespace Compile
