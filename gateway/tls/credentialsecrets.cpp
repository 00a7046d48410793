#include "credentialsecrets.h"

#include "credentialresolver.h"
#include "secretlookup.h"
#include "validation/kubeobjects.h"

#include <QMap>

namespace Tls {
namespace {

// Every use of one missing Secret: the hosts it must cover and whether a client CA is needed.
struct Use {
    QString written; // the credentialName as the first server wrote it
    SecretName name;
    QStringList hosts;
    bool mutual = false;
    Core::DiagnosticSubject gateway; // the first Gateway naming it, for errors
    QString fieldPath;
};

bool terminates(Istio::ServerTlsMode mode)
{
    return mode == Istio::ServerTlsMode::SIMPLE || mode == Istio::ServerTlsMode::MUTUAL ||
           mode == Istio::ServerTlsMode::OPTIONAL_MUTUAL;
}

} // namespace

CredentialSecrets missingCredentialSecrets(const Project::Workspace &workspace,
                                           const Environment::LocalEnvironment *environment,
                                           const CertificateAuthorityProvider &ca)
{
    const Validation::KubeObjects objects = Validation::readKubeObjects(workspace);
    const SecretLookup lookup(objects.secrets, &workspace);
    QMap<QString, Use> uses; // by namespace/name, so the output order is stable
    for (const Project::DocumentRef &ref :
         workspace.documentsOfKind(Istio::ResourceKind::Gateway)) {
        const Project::Document &document = workspace.document(ref);
        const auto *gateway = std::get_if<Istio::Gateway>(&document.resource());
        if (!gateway)
            continue;
        const QString secretNamespace = credentialNamespace(gateway->spec.selector, objects.pods);
        const auto &servers = gateway->spec.servers;
        for (size_t i = 0; i < servers.size(); ++i) {
            const Istio::Server &server = servers[i];
            if (!server.tls || !terminates(server.tls->effectiveMode()))
                continue;
            QStringList names;
            if (server.tls->credentialName)
                names << *server.tls->credentialName;
            for (const QString &name : server.tls->credentialNames)
                names << name;
            for (qsizetype n = 0; n < names.size(); ++n) {
                const SecretName name = parseCredentialName(names.at(n), secretNamespace);
                if (name.name.isEmpty() || lookup.find(name))
                    continue;
                Use &use = uses[name.text()];
                if (use.written.isEmpty()) {
                    use.written = names.at(n);
                    use.name = name;
                    use.fieldPath = QStringLiteral("spec.servers[%1].tls.%2")
                                        .arg(i)
                                        .arg(server.tls->credentialName
                                                 ? QStringLiteral("credentialName")
                                                 : QStringLiteral("credentialNames[%1]").arg(n));
                    use.gateway.kind = document.kind();
                    use.gateway.nameSpace = document.nameSpace();
                    use.gateway.name = document.name();
                    use.gateway.file = document.filePath();
                    use.gateway.position = document.positionOf(use.fieldPath);
                }
                for (const QString &host : server.hosts) {
                    const QString bare = host.section(QLatin1Char('/'), -1);
                    if (!use.hosts.contains(bare))
                        use.hosts << bare;
                }
                use.mutual |= server.tls->effectiveMode() != Istio::ServerTlsMode::SIMPLE;
            }
        }
    }

    CredentialSecrets out;
    const CertificateAuthority *authority = nullptr;
    bool authorityAsked = false;
    for (const Use &use : std::as_const(uses)) {
        const Environment::Credential *local =
            environment ? environment->credential(use.written) : nullptr;
        if (!local && environment)
            local = environment->credential(use.name.name);
        // The CA is opened (and created on first use) only when something needs it.
        if ((!local || (use.mutual && local->caCertificates.isEmpty())) && !authorityAsked) {
            authority = ca ? ca() : nullptr;
            authorityAsked = true;
        }
        Istio::ServerTlsSettings tls;
        tls.mode = use.mutual ? Istio::ServerTlsMode::MUTUAL : Istio::ServerTlsMode::SIMPLE;
        tls.credentialName = use.written;
        CredentialSources sources;
        sources.environment = environment;
        sources.ca = authority;
        const ServerCredentials credentials =
            resolveServerCredentials(tls, use.hosts, use.name.nameSpace, sources);
        bool failed = credentials.certificates.empty();
        for (Core::Diagnostic diagnostic : credentials.diagnostics) {
            if (diagnostic.level != Core::Level::Error)
                continue;
            diagnostic.subject = use.gateway;
            diagnostic.fieldPath = use.fieldPath;
            out.errors.append(diagnostic);
            failed = true;
        }
        if (failed)
            continue;
        CredentialSecret secret;
        secret.origin = credentials.source;
        secret.secret.name = use.name.name;
        secret.secret.nameSpace = use.name.nameSpace;
        secret.secret.certificatePem = credentials.certificates.front().certificateChainPem;
        secret.secret.privateKeyPem = credentials.certificates.front().privateKeyPem;
        secret.secret.caPem = credentials.clientCaPem;
        secret.secret.comment =
            QStringLiteral("Added by gatehouse export --include-secrets for credentialName "
                           "%1: %2.\nIt holds a private key.")
                .arg(use.written, credentials.source);
        out.secrets.push_back(secret);
    }
    return out;
}

} // namespace Tls
