#include "gateways.h"
#include "inputs.h"
#include "referencegrants.h"
#include "translation.h"
#include "virtualservices.h"

#include <algorithm>

namespace FromGatewayApi {
namespace {

template <class T> void sortByName(std::vector<T> &resources, auto metadataOf)
{
    std::stable_sort(resources.begin(), resources.end(), [&](const T &a, const T &b) {
        const Istio::ObjectMeta &ma = metadataOf(a);
        const Istio::ObjectMeta &mb = metadataOf(b);
        return std::pair(ma.nameSpace.value_or(QString()), ma.name.value_or(QString())) <
               std::pair(mb.nameSpace.value_or(QString()), mb.name.value_or(QString()));
    });
}

} // namespace

Translation translate(const Inputs &inputs, const Options &options)
{
    Translation translation;
    translation.diagnostics = inputs.diagnostics;
    const ReferenceGrants grants(inputs.referenceGrants);
    GatewayTranslation gateways =
        translateGateways(inputs, grants, options, translation.diagnostics);
    translation.gateways = std::move(gateways.gateways);
    translation.virtualServices =
        translateRoutes(inputs, gateways.parents, grants, options, translation.diagnostics);
    sortByName(translation.gateways, [](const TranslatedGateway &g) -> const Istio::ObjectMeta & {
        return g.gateway.metadata;
    });
    sortByName(translation.virtualServices,
               [](const TranslatedVirtualService &v) -> const Istio::ObjectMeta & {
                   return v.virtualService.metadata;
               });
    return translation;
}

Translation translate(const Project::Workspace &workspace, const Options &options)
{
    return translate(readInputs(workspace), options);
}

} // namespace FromGatewayApi
