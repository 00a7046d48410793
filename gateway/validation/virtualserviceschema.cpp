#include "compile/hostnames.h"
#include "names.h"
#include "schemahelpers.h"
#include "schemarules.h"

#include <QSet>

// §6.5 top level and §6.6: hosts, gateways, exportTo, and the route lists.
namespace Validation {
namespace {

bool isMeshBound(const Istio::StringList &gateways)
{
    return gateways.empty() ||
           std::find(gateways.begin(), gateways.end(), QStringLiteral("mesh")) != gateways.end();
}

void checkHosts(const Istio::VirtualServiceSpec &spec, Reporter &reporter)
{
    const QString hostsPath = QStringLiteral("spec.hosts");
    const bool meshBound = isMeshBound(spec.gateways);
    for (int i = 0; i < int(spec.hosts.size()); ++i) {
        const QString &host = spec.hosts[size_t(i)];
        const QString path = at(hostsPath, i);
        if (host == QLatin1String("*") && meshBound) {
            reporter.reject(path, QStringLiteral("wildcard host * is not allowed for virtual "
                                                 "services bound to the mesh gateway"));
            continue;
        }
        // Gateways with SNI-based auto-passthrough accept the internal outbound name form.
        if (!meshBound && host.startsWith(QLatin1String("outbound_.")))
            continue;
        if (const QString problem = Names::checkWildcardDomainOrIp(host); !problem.isEmpty())
            reporter.reject(path, problem);
    }
    for (size_t i = 0; i < spec.hosts.size(); ++i) {
        for (size_t j = i + 1; j < spec.hosts.size(); ++j) {
            const QString a = spec.hosts[i].toLower();
            const QString b = spec.hosts[j].toLower();
            if (Compile::isHostSubset(a, b) || Compile::isHostSubset(b, a))
                reporter.reject(at(hostsPath, int(j)),
                                QStringLiteral("duplicate hosts in virtual service: %1 & %2")
                                    .arg(spec.hosts[i], spec.hosts[j]));
        }
    }
}

// What TLS and TCP match blocks have in common.
template <class Match>
void checkL4Match(const Match &match, const QString &matchPath, Reporter &reporter)
{
    for (int d = 0; d < int(match.destinationSubnets.size()); ++d) {
        const QString &subnet = match.destinationSubnets[size_t(d)];
        if (!Names::isCidrOrIp(subnet))
            reporter.reject(at(at(matchPath, "destinationSubnets"), d),
                            QStringLiteral("%1 is not a valid CIDR block or IP").arg(subnet));
    }
    checkPortNumber(match.port, at(matchPath, "port"), reporter);
    checkLabels(match.sourceLabels, at(matchPath, "sourceLabels"), reporter);
    checkGatewayNames(match.gateways, at(matchPath, "gateways"), reporter);
    checkSourceNamespace(match.sourceNamespace, at(matchPath, "sourceNamespace"), reporter);
}

} // namespace

void checkExportTo(const Istio::StringList &exportTo, const QString &ownNamespace,
                   const QString &path, Reporter &reporter)
{
    QSet<QString> seen;
    bool hasPublic = false;
    for (int i = 0; i < int(exportTo.size()); ++i) {
        const QString &entry = exportTo[size_t(i)];
        const QString itemPath = at(path, i);
        if (entry != QLatin1String("*") && entry != QLatin1String(".") &&
            entry != QLatin1String("~") && !Names::isDns1123Label(entry)) {
            reporter.reject(itemPath,
                            QStringLiteral("only .,* or a valid DNS 1123 label is allowed as "
                                           "exportTo entry, got \"%1\"")
                                .arg(entry));
            continue;
        }
        // "." and the resource's own namespace name the same place.
        const QString key = entry == QLatin1String(".") ? ownNamespace : entry;
        if (seen.contains(key))
            reporter.reject(itemPath,
                            QStringLiteral("duplicate entries in exportTo: \"%1\"").arg(entry));
        seen.insert(key);
        hasPublic |= entry == QLatin1String("*");
    }
    if (hasPublic && seen.size() > 1)
        reporter.reject(path, QStringLiteral("cannot have both public (*) and non-public exportTo "
                                             "values for a resource"));
}

void checkPortNumber(std::optional<quint32> port, const QString &path, Reporter &reporter)
{
    if (port && (*port == 0 || *port > 65535))
        reporter.reject(path,
                        QStringLiteral("port number %1 must be in the range 1..65535").arg(*port));
}

void checkGatewayNames(const Istio::StringList &gateways, const QString &path, Reporter &reporter)
{
    for (int i = 0; i < int(gateways.size()); ++i) {
        const QString &gateway = gateways[size_t(i)];
        const QString itemPath = at(path, i);
        const int slash = gateway.indexOf(QLatin1Char('/'));
        if (slash < 0) {
            if (gateway == QLatin1String("mesh"))
                continue;
            if (!Names::isDns1123Subdomain(gateway))
                reporter.reject(
                    itemPath,
                    QStringLiteral("invalid value for gateway name: \"%1\"").arg(gateway));
            else if (gateway.contains(QLatin1Char('.'))) {
                const int dot = gateway.indexOf(QLatin1Char('.'));
                reporter.warn(
                    itemPath,
                    QStringLiteral("using legacy gatewayName format \"%1\"; prefer the "
                                   "<namespace>/<name> format: \"%2/%3\"")
                        .arg(gateway, gateway.mid(dot + 1).section('.', 0, 0), gateway.left(dot)));
            }
            // Istio's webhook stops checking at the first entry without a slash.
            return;
        }
        const QString nameSpace = gateway.left(slash);
        const QString name = gateway.mid(slash + 1);
        if (nameSpace.isEmpty() || name.isEmpty()) {
            reporter.reject(itemPath, QStringLiteral("config namespace and gateway name cannot be "
                                                     "empty"));
            continue;
        }
        if (!Names::isDns1123Label(nameSpace))
            reporter.reject(itemPath,
                            QStringLiteral("invalid value for namespace: \"%1\"").arg(nameSpace));
        if (!Names::isDns1123Subdomain(name))
            reporter.reject(itemPath,
                            QStringLiteral("invalid value for gateway name: \"%1\"").arg(name));
    }
}

void checkLabels(const Istio::Labels &labels, const QString &path, Reporter &reporter)
{
    for (const auto &[key, value] : labels) {
        if (const QString problem = Names::checkLabel(key, value); !problem.isEmpty())
            reporter.reject(at(path, key.toUtf8().constData()), problem);
    }
}

void checkSourceNamespace(const std::optional<QString> &nameSpace, const QString &path,
                          Reporter &reporter)
{
    if (nameSpace && !Names::isDns1123Label(*nameSpace))
        reporter.reject(path,
                        QStringLiteral("sourceNamespace match %1 is invalid").arg(*nameSpace));
}

void checkVirtualServiceSchema(const Istio::VirtualService &virtualService, Reporter &reporter)
{
    const Istio::VirtualServiceSpec &spec = virtualService.spec;
    const bool delegate = spec.hosts.empty();
    if (delegate) {
        if (!spec.gateways.empty())
            reporter.reject(QStringLiteral("spec.gateways"),
                            QStringLiteral("delegate virtual service must have no gateways "
                                           "specified"));
        if (!spec.tls.empty())
            reporter.reject(QStringLiteral("spec.tls"),
                            QStringLiteral("delegate virtual service must have no tls route"));
        if (!spec.tcp.empty())
            reporter.reject(QStringLiteral("spec.tcp"),
                            QStringLiteral("delegate virtual service must have no tcp route"));
    }
    checkGatewayNames(spec.gateways, QStringLiteral("spec.gateways"), reporter);
    checkHosts(spec, reporter);
    if (spec.http.empty() && spec.tls.empty() && spec.tcp.empty())
        reporter.reject(QStringLiteral("spec"),
                        QStringLiteral("http, tcp or tls must be provided in virtual service"));
    checkExportTo(spec.exportTo, reporter.document().nameSpace(), QStringLiteral("spec.exportTo"),
                  reporter);

    const bool gatewayOnly = !isMeshBound(spec.gateways);
    for (int i = 0; i < int(spec.http.size()); ++i)
        checkHttpRoute(spec.http[size_t(i)], at(QStringLiteral("spec.http"), i), delegate,
                       gatewayOnly, reporter);
    for (int i = 0; i < int(spec.tls.size()); ++i)
        checkTlsRoute(spec.tls[size_t(i)], spec.hosts, at(QStringLiteral("spec.tls"), i), reporter);
    for (int i = 0; i < int(spec.tcp.size()); ++i)
        checkTcpRoute(spec.tcp[size_t(i)], at(QStringLiteral("spec.tcp"), i), reporter);
    checkUnreachableRules(spec, reporter);
}

void checkTlsRoute(const Istio::TLSRoute &route, const Istio::StringList &hosts,
                   const QString &path, Reporter &reporter)
{
    if (route.match.empty())
        reporter.reject(path, QStringLiteral("TLS route must have at least one match condition"));
    for (int m = 0; m < int(route.match.size()); ++m) {
        const Istio::TLSMatchAttributes &match = route.match[size_t(m)];
        const QString matchPath = at(at(path, "match"), m);
        if (match.sniHosts.empty())
            reporter.reject(matchPath, QStringLiteral("TLS match must have at least one SNI host"));
        for (int s = 0; s < int(match.sniHosts.size()); ++s) {
            const QString &sni = match.sniHosts[size_t(s)];
            const QString sniPath = at(at(matchPath, "sniHosts"), s);
            if (Names::isIpAddress(sni)) {
                reporter.warn(sniPath, QStringLiteral("using an IP address (\"%1\") goes against "
                                                      "SNI spec and most clients do not support "
                                                      "this")
                                           .arg(sni));
                continue;
            }
            if (const QString problem = Names::checkWildcardDomain(sni); !problem.isEmpty()) {
                reporter.reject(sniPath, problem);
                continue;
            }
            const bool covered = std::any_of(hosts.begin(), hosts.end(), [&](const QString &host) {
                return Compile::isHostSubset(sni.toLower(), host.toLower());
            });
            if (!covered && !hosts.empty()) {
                QStringList list;
                for (const QString &host : hosts)
                    list << host;
                reporter.reject(sniPath, QStringLiteral("SNI host \"%1\" is not a compatible "
                                                        "subset of any of the virtual service "
                                                        "hosts: [%2]")
                                             .arg(sni, list.join(QStringLiteral(", "))));
            }
        }
        checkL4Match(match, matchPath, reporter);
    }
    if (route.route.empty())
        reporter.reject(path, QStringLiteral("TLS route is required"));
    checkWeights(route.route, at(path, "route"), reporter);
}

void checkTcpRoute(const Istio::TCPRoute &route, const QString &path, Reporter &reporter)
{
    for (int m = 0; m < int(route.match.size()); ++m) {
        const Istio::L4MatchAttributes &match = route.match[size_t(m)];
        const QString matchPath = at(at(path, "match"), m);
        if (match.sourceSubnet && !Names::isCidrOrIp(*match.sourceSubnet))
            reporter.reject(
                at(matchPath, "sourceSubnet"),
                QStringLiteral("%1 is not a valid CIDR block or IP").arg(*match.sourceSubnet));
        checkL4Match(match, matchPath, reporter);
    }
    if (route.route.empty())
        reporter.reject(path, QStringLiteral("TCP route is required"));
    checkWeights(route.route, at(path, "route"), reporter);
}

} // namespace Validation
