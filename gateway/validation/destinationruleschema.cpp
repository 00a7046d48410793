#include "names.h"
#include "schemahelpers.h"
#include "schemarules.h"

#include <QSet>

// §6.7: DestinationRule host, subsets, exportTo and traffic policies.
namespace Validation {
namespace {

bool isPrime(quint64 value)
{
    if (value < 2)
        return false;
    for (quint64 divisor = 2; divisor * divisor <= value; ++divisor) {
        if (value % divisor == 0)
            return false;
    }
    return true;
}

void checkConsistentHash(const Istio::ConsistentHashLB &hash, const QString &path,
                         Reporter &reporter)
{
    if (hash.httpCookie) {
        const QString cookiePath = at(path, "httpCookie");
        if (hash.httpCookie->name.value_or(QString()).isEmpty())
            reporter.reject(cookiePath, QStringLiteral("name required for HttpCookie"));
        QSet<QString> names;
        for (int i = 0; i < int(hash.httpCookie->attributes.size()); ++i) {
            const QString name = hash.httpCookie->attributes[size_t(i)].name.value_or(QString());
            if (names.contains(name))
                reporter.reject(at(at(cookiePath, "attributes"), i),
                                QStringLiteral("cookie attribute name %1 is duplicated").arg(name));
            names.insert(name);
        }
    }
    if (hash.minimumRingSize) {
        reporter.warn(at(path, "minimumRingSize"),
                      QStringLiteral("consistent hash MinimumRingSize is deprecated, use "
                                     "ConsistentHashLB's RingHash configuration instead"));
        if (hash.ringHash || hash.maglev)
            reporter.reject(at(path, "minimumRingSize"),
                            QStringLiteral("only one of MinimumRingSize or Maglev/Ringhash can be "
                                           "specified"));
    }
    if (hash.maglev) {
        const quint64 size = hash.maglev->tableSize.value_or(0);
        const QString sizePath = at(at(path, "maglev"), "tableSize");
        if (size == 0)
            reporter.reject(sizePath, QStringLiteral("tableSize must be set for maglev"));
        else if (!isPrime(size))
            reporter.reject(sizePath,
                            QStringLiteral("tableSize must be a prime number for maglev"));
        else if (size >= 5000011)
            reporter.reject(sizePath,
                            QStringLiteral("tableSize must be less than 5000011 for maglev"));
    }
}

void checkLoadBalancer(const Istio::LoadBalancerSettings &lb, const QString &path,
                       Reporter &reporter)
{
    if (lb.consistentHash)
        checkConsistentHash(*lb.consistentHash, at(path, "consistentHash"), reporter);
    if (lb.localityLbSetting && lb.zoneAwareLbSetting)
        reporter.reject(path, QStringLiteral("only one of LocalityLbSetting or ZoneAwareLbSetting "
                                             "can be set"));
    if (lb.warmup) {
        const QString warmupPath = at(path, "warmup");
        if (!lb.warmup->duration)
            reporter.reject(warmupPath, QStringLiteral("warmup duration is required"));
        if (lb.warmup->minimumPercent &&
            (*lb.warmup->minimumPercent < 0 || *lb.warmup->minimumPercent > 100))
            reporter.reject(at(warmupPath, "minimumPercent"),
                            QStringLiteral("minimumPercent must be between 0 and 100"));
        if (lb.warmup->aggression && *lb.warmup->aggression <= 0)
            reporter.reject(at(warmupPath, "aggression"),
                            QStringLiteral("aggression must be greater than 0"));
    }
}

void checkConnectionPool(const Istio::ConnectionPoolSettings &pool, const QString &path,
                         Reporter &reporter)
{
    if (!pool.http && !pool.tcp)
        reporter.reject(path, QStringLiteral("must have at least one field (http or tcp)"));
    auto nonNegative = [&](const std::optional<qint32> &value, const QString &fieldPath,
                           const char *name) {
        if (value && *value < 0)
            reporter.reject(fieldPath,
                            QStringLiteral("%1 must be non-negative").arg(QLatin1String(name)));
    };
    if (pool.tcp)
        nonNegative(pool.tcp->maxConnections, at(at(path, "tcp"), "maxConnections"),
                    "maxConnections");
    if (!pool.http)
        return;
    const Istio::HTTPSettings &http = *pool.http;
    const QString httpPath = at(path, "http");
    nonNegative(http.http1MaxPendingRequests, at(httpPath, "http1MaxPendingRequests"),
                "http1MaxPendingRequests");
    nonNegative(http.http2MaxRequests, at(httpPath, "http2MaxRequests"), "http2MaxRequests");
    nonNegative(http.maxRequestsPerConnection, at(httpPath, "maxRequestsPerConnection"),
                "maxRequestsPerConnection");
    nonNegative(http.maxRetries, at(httpPath, "maxRetries"), "maxRetries");
    nonNegative(http.maxConcurrentStreams, at(httpPath, "maxConcurrentStreams"),
                "maxConcurrentStreams");
    if (http.h2UpgradePolicy == Istio::H2UpgradePolicy::UPGRADE &&
        http.useClientProtocol.value_or(false))
        reporter.reject(at(httpPath, "h2UpgradePolicy"),
                        QStringLiteral("use client protocol must not be true when H2UpgradePolicy "
                                       "is UPGRADE"));
    if (http.http2KeepAlive && (!http.http2KeepAlive->interval || !http.http2KeepAlive->timeout))
        reporter.reject(at(httpPath, "http2KeepAlive"),
                        QStringLiteral("http2KeepAlive requires both interval and timeout"));
}

void checkOutlierDetection(const Istio::OutlierDetection &outlier, const QString &path,
                           Reporter &reporter)
{
    if (outlier.consecutiveErrors)
        reporter.warn(at(path, "consecutiveErrors"),
                      QStringLiteral("outlier detection consecutive errors is deprecated, use "
                                     "consecutiveGatewayErrors or consecutive5xxErrors instead"));
    if (outlier.consecutiveLocalOriginFailures &&
        !outlier.splitExternalLocalOriginErrors.value_or(false))
        reporter.reject(at(path, "consecutiveLocalOriginFailures"),
                        QStringLiteral("consecutive local origin errors is set but split external "
                                       "local origin errors is set to false"));
    for (const auto &[value, field] : {std::pair{&outlier.maxEjectionPercent, "maxEjectionPercent"},
                                       std::pair{&outlier.minHealthPercent, "minHealthPercent"}}) {
        if (*value && (**value < 0 || **value > 100))
            reporter.reject(
                at(path, field),
                QStringLiteral("%1 must be in range [0, 100]").arg(QLatin1String(field)));
    }
    for (int i = 0; i < int(outlier.outlierDetectionHttpErrorCodes.size()); ++i) {
        const quint32 code = outlier.outlierDetectionHttpErrorCodes[size_t(i)];
        if (code < 100 || code > 599)
            reporter.reject(
                at(at(path, "outlierDetectionHttpErrorCodes"), i),
                QStringLiteral("HTTP error code %1 must be in range 100-599").arg(code));
    }
}

void checkClientTls(const Istio::ClientTLSSettings &tls, const QString &path, Reporter &reporter)
{
    using Mode = Istio::ClientTlsMode;
    const Mode mode = tls.mode.value_or(Mode::DISABLE);
    const bool fileFields = tls.clientCertificate || tls.privateKey || tls.caCertificates;
    if (tls.insecureSkipVerify.value_or(false) &&
        (tls.caCertificates || !tls.subjectAltNames.empty() || tls.caCrl))
        reporter.reject(at(path, "insecureSkipVerify"),
                        QStringLiteral("cannot specify CaCertificates, CaCrl or SubjectAltNames "
                                       "when InsecureSkipVerify is set"));
    if (mode != Mode::SIMPLE && mode != Mode::MUTUAL)
        return;
    if (tls.credentialName) {
        if (fileFields || tls.caCrl)
            reporter.reject(
                at(path, "credentialName"),
                QStringLiteral("cannot specify client certificates or CA certificate or "
                               "CA CRL If credentialName is set"));
        return;
    }
    if (mode == Mode::MUTUAL) {
        if (tls.clientCertificate.value_or(QString()).isEmpty())
            reporter.reject(path, QStringLiteral("client certificate required for mutual tls"));
        if (tls.privateKey.value_or(QString()).isEmpty())
            reporter.reject(path, QStringLiteral("private key required for mutual tls"));
    }
}

template <class Policy>
void checkPolicyParts(const Policy &policy, const QString &path, Reporter &reporter)
{
    if (policy.loadBalancer)
        checkLoadBalancer(*policy.loadBalancer, at(path, "loadBalancer"), reporter);
    if (policy.connectionPool)
        checkConnectionPool(*policy.connectionPool, at(path, "connectionPool"), reporter);
    if (policy.outlierDetection)
        checkOutlierDetection(*policy.outlierDetection, at(path, "outlierDetection"), reporter);
    if (policy.tls)
        checkClientTls(*policy.tls, at(path, "tls"), reporter);
}

void checkTrafficPolicy(const Istio::TrafficPolicy &policy, const QString &path, Reporter &reporter)
{
    if (policy == Istio::TrafficPolicy{})
        reporter.reject(path, QStringLiteral("traffic policy must have at least one field"));
    if (policy.tunnel && policy.proxyProtocol)
        reporter.reject(path, QStringLiteral("tunnel and proxyProtocol cannot both be set"));
    checkPolicyParts(policy, path, reporter);
    for (int i = 0; i < int(policy.portLevelSettings.size()); ++i) {
        const Istio::PortTrafficPolicy &portPolicy = policy.portLevelSettings[size_t(i)];
        const QString itemPath = at(at(path, "portLevelSettings"), i);
        if (portPolicy.port)
            checkPortNumber(portPolicy.port->number, at(at(itemPath, "port"), "number"), reporter);
        checkPolicyParts(portPolicy, itemPath, reporter);
    }
}

} // namespace

void checkDestinationRuleSchema(const Istio::DestinationRule &destinationRule, Reporter &reporter)
{
    const Istio::DestinationRuleSpec &spec = destinationRule.spec;
    if (spec.host) {
        if (const QString problem = Names::checkWildcardDomain(*spec.host); !problem.isEmpty())
            reporter.reject(QStringLiteral("spec.host"), problem);
    }
    if (spec.trafficPolicy)
        checkTrafficPolicy(*spec.trafficPolicy, QStringLiteral("spec.trafficPolicy"), reporter);
    QSet<QString> subsetNames;
    for (int i = 0; i < int(spec.subsets.size()); ++i) {
        const Istio::Subset &subset = spec.subsets[size_t(i)];
        const QString path = at(QStringLiteral("spec.subsets"), i);
        const QString name = subset.name.value_or(QString());
        if (subset.name && !Names::isDns1123Label(name))
            reporter.reject(at(path, "name"),
                            QStringLiteral("subset name is invalid: %1").arg(name));
        if (!name.isEmpty() && subsetNames.contains(name))
            reporter.reject(at(path, "name"),
                            QStringLiteral("duplicate subset names: %1").arg(name));
        subsetNames.insert(name);
        checkLabels(subset.labels, at(path, "labels"), reporter);
        if (subset.trafficPolicy)
            checkTrafficPolicy(*subset.trafficPolicy, at(path, "trafficPolicy"), reporter);
    }
    const QString ownNamespace = reporter.document().nameSpace();
    checkExportTo(spec.exportTo, ownNamespace, QStringLiteral("spec.exportTo"), reporter);
    if (spec.workloadSelector && !spec.exportTo.empty()) {
        const bool onlyOwn =
            std::all_of(spec.exportTo.begin(), spec.exportTo.end(), [&](const QString &e) {
                return e == QLatin1String(".") || e == ownNamespace;
            });
        if (!onlyOwn)
            reporter.reject(QStringLiteral("spec.exportTo"),
                            QStringLiteral("destination rule with workload selector can only be "
                                           "exported to its own namespace"));
    }
}

} // namespace Validation
