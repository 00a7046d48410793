#include "inputs.h"

#include "fromgatewayapi/translation.h"
#include "yaml/scalar.h"

#include <yaml-cpp/yaml.h>

namespace Compile {
namespace {

QList<quint32> servicePorts(const YAML::Node &root)
{
    QList<quint32> ports;
    const YAML::Node spec = root["spec"];
    if (!spec.IsDefined() || !spec.IsMap())
        return ports;
    const YAML::Node list = spec["ports"];
    if (!list.IsDefined() || !list.IsSequence())
        return ports;
    for (auto it = list.begin(); it != list.end(); ++it) {
        const YAML::Node item = *it;
        if (!item.IsMap())
            continue;
        const YAML::Node port = item["port"];
        if (port.IsDefined() && port.IsScalar()) {
            if (const std::optional<long long> number = Yaml::parseInteger(port.Scalar());
                number && *number > 0)
                ports << quint32(*number);
        }
    }
    return ports;
}

// A generated resource as the compiler takes it: named as istiod names it, positioned at the
// Gateway API object it comes from.
template <class T> Input<T> translatedInput(const T &resource, const FromGatewayApi::Origin &origin)
{
    Input<T> input;
    input.ref.kind = resource.kind.value_or(QString());
    input.ref.nameSpace = resource.metadata.nameSpace.value_or(QString());
    input.ref.name = resource.metadata.name.value_or(QString());
    input.ref.file = origin.file;
    input.ref.position = origin.position;
    input.creationTimestamp = origin.creationTimestamp;
    input.resource = resource;
    return input;
}

void addGatewayApiResources(const Project::Workspace &workspace, const QString &domainSuffix,
                            Inputs &inputs)
{
    FromGatewayApi::Options options;
    options.domainSuffix = domainSuffix;
    const FromGatewayApi::Translation translation = FromGatewayApi::translate(workspace, options);
    for (const FromGatewayApi::TranslatedGateway &gateway : translation.gateways)
        inputs.gateways.push_back(translatedInput(gateway.gateway, gateway.origin));
    for (const FromGatewayApi::TranslatedVirtualService &vs : translation.virtualServices)
        inputs.virtualServices.push_back(translatedInput(vs.virtualService, vs.origin));
    inputs.notes.append(translation.diagnostics);
}

} // namespace

Inputs collectInputs(const Project::Workspace &workspace, const QString &domainSuffix)
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
        if (document.kind() == QLatin1String("Service") &&
            document.apiVersion() == QLatin1String("v1") && document.isParsed()) {
            ServiceInput service;
            service.ref.kind = document.kind();
            service.ref.nameSpace = document.nameSpace();
            service.ref.name = document.name();
            service.ref.file = document.filePath();
            const YAML::Node &root = document.node();
            service.ports = servicePorts(root);
            inputs.services.push_back(std::move(service));
        }
    }
    addGatewayApiResources(workspace, domainSuffix, inputs);
    return inputs;
}

} // namespace Compile
