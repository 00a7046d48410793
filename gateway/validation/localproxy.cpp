#include "localproxy.h"

#include "core/diagnosticcodes.h"

#include <QSet>

namespace Validation {

// Destinations without an upstream and credentials without a certificate.
void checkLocalEnvironment(const AnalysisInput &input, const LocalEnvironmentView &local,
                           Core::Diagnostics &out)
{
    const Environment::LocalEnvironment none;
    const Environment::LocalEnvironment &environment =
        local.environment ? *local.environment : none;
    for (const auto &vs : input.virtualServices) {
        // The local gateway serves only what is bound to a gateway.
        const auto &gateways = vs.resource->spec.gateways;
        if (std::all_of(gateways.begin(), gateways.end(),
                        [](const QString &g) { return g == QLatin1String("mesh"); }))
            continue;
        QSet<QString> reported;
        auto checkDestination = [&](const Istio::Destination &destination, const QString &path) {
            const QString host = destination.host.value_or(QString());
            if (host.isEmpty())
                return;
            const std::optional<quint32> port =
                destination.port ? destination.port->number : std::nullopt;
            const QString subset = destination.subset.value_or(QString());
            const QString fqdn = input.fullyQualified(host, vs.nameSpace()).toLower();
            if (environment.upstreamFor(fqdn, port, subset))
                return;
            const QString described =
                fqdn + (port ? QLatin1Char(':') + QString::number(*port) : QString()) +
                (subset.isEmpty() ? QString() : QLatin1Char('/') + subset);
            if (reported.contains(described))
                return;
            reported.insert(described);
            Reporter reporter = vs.reporter(out);
            reporter.report(Core::Codes::DESTINATION_NOT_MAPPED, path,
                            QStringLiteral("destination %1 has no local upstream; the built-in "
                                           "echo upstream will answer it")
                                .arg(described));
        };
        for (const DestinationUse &use : destinationsOf(vs.resource->spec)) {
            if (!use.mirror) // mirrored copies are not answered to anyone
                checkDestination(*use.destination, use.path());
        }
    }
    for (const auto &gateway : input.gateways) {
        const auto &servers = gateway.resource->spec.servers;
        for (int i = 0; i < int(servers.size()); ++i) {
            const auto &tls = servers[size_t(i)].tls;
            if (!tls)
                continue;
            QStringList names;
            if (tls->credentialName)
                names << *tls->credentialName;
            for (const QString &name : tls->credentialNames)
                names << name;
            for (const QString &name : names) {
                const QString bare = name.section(QLatin1Char('/'), -1);
                const bool inSecrets =
                    std::any_of(input.kube.secrets.begin(), input.kube.secrets.end(),
                                [&](const SecretObject &s) { return s.ref.name == bare; });
                if (environment.credential(name) || inSecrets)
                    continue;
                Reporter reporter = gateway.reporter(out);
                reporter.report(
                    Core::Codes::CREDENTIAL_NOT_LOCAL,
                    at(at(at(QStringLiteral("spec.servers"), i), "tls"), "credentialName"),
                    QStringLiteral("credential \"%1\" is neither in the local "
                                   "environment nor in a Secret of the workspace; the "
                                   "local proxy will issue a development certificate "
                                   "for the server's hosts")
                        .arg(name));
            }
        }
    }
}

} // namespace Validation
