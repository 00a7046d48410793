#pragma once

#include "model/virtualservice.h"
#include "reporter.h"

// Checks the VirtualService and DestinationRule rules share (semantics doc §6.5–6.7).
namespace Validation {

void checkExportTo(const Istio::StringList &exportTo, const QString &ownNamespace,
                   const QString &path, Reporter &reporter);
void checkPortNumber(std::optional<quint32> port, const QString &path, Reporter &reporter);

// A destination's host, subset and port.
void checkDestination(const Istio::Destination &destination, const QString &path,
                      Reporter &reporter);
// Weights of a route's destinations: none negative, not all zero when there are several.
template <class RouteDestinationT>
void checkWeights(const std::vector<RouteDestinationT> &route, const QString &path,
                  Reporter &reporter)
{
    qint64 total = 0;
    for (int i = 0; i < int(route.size()); ++i) {
        const auto &item = route[size_t(i)];
        const QString itemPath = at(path, i);
        if (item.destination)
            checkDestination(*item.destination, at(itemPath, "destination"), reporter);
        const qint32 weight = item.weight.value_or(0);
        if (weight < 0)
            reporter.reject(at(itemPath, "weight"), QStringLiteral("weight %1 < 0").arg(weight));
        total += std::max(weight, 0);
    }
    if (route.size() > 1 && total == 0)
        reporter.reject(path, QStringLiteral("total destination weight = 0"));
}

// A gateway reference "ns/name", "name" or "mesh" (the VirtualService and its match blocks).
void checkGatewayNames(const Istio::StringList &gateways, const QString &path, Reporter &reporter);
void checkLabels(const Istio::Labels &labels, const QString &path, Reporter &reporter);
void checkSourceNamespace(const std::optional<QString> &nameSpace, const QString &path,
                          Reporter &reporter);
// Durations Envoy takes with millisecond precision.
void checkMillisecondPrecision(const std::optional<Istio::Duration> &duration, const QString &path,
                               Reporter &reporter);
// A percentage of traffic, 0–100.
void checkPercentage(const std::optional<Istio::Percent> &percent, const QString &path,
                     const char *what, Reporter &reporter);

void checkHttpRoute(const Istio::HTTPRoute &route, const QString &path, bool delegateVirtualService,
                    bool gatewayOnly, Reporter &reporter);
void checkTlsRoute(const Istio::TLSRoute &route, const Istio::StringList &hosts,
                   const QString &path, Reporter &reporter);
void checkTcpRoute(const Istio::TCPRoute &route, const QString &path, Reporter &reporter);

// IST0130 / IST0131: rules that can never be reached, matches an earlier one already takes.
void checkUnreachableRules(const Istio::VirtualServiceSpec &spec, Reporter &reporter);

} // namespace Validation
