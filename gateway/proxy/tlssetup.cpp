#include "tlssetup.h"

#include "core/diagnosticcodes.h"
#include "tls/certificateauthority.h"
#include "tls/credentialresolver.h"
#include "tls/secretlookup.h"
#include "validation/analysisinput.h"

#include <QSslCertificate>
#include <QSslKey>

namespace Proxy {
namespace {

QStringList bareHosts(const QStringList &hosts)
{
    QStringList bare;
    for (const QString &host : hosts)
        bare << host.section(QLatin1Char('/'), -1);
    return bare;
}

QString describeChain(const Runtime::Listener &listener, const Runtime::FilterChain &chain)
{
    return QStringLiteral("port %1, server %2 of Gateway %3")
        .arg(listener.port)
        .arg(chain.server->portName.isEmpty() ? QStringLiteral("#%1").arg(chain.server->serverIndex)
                                              : chain.server->portName,
             chain.server->gateway.qualifiedName());
}

bool terminates(const Runtime::FilterChain &chain)
{
    const Istio::ServerTlsMode mode = chain.tls.effectiveMode();
    return chain.kind != Runtime::FilterChain::Kind::Passthrough &&
           (mode == Istio::ServerTlsMode::SIMPLE || mode == Istio::ServerTlsMode::MUTUAL ||
            mode == Istio::ServerTlsMode::OPTIONAL_MUTUAL);
}

Core::DiagnosticSubject subjectOf(const Runtime::SourceRef &gateway)
{
    Core::DiagnosticSubject subject;
    subject.kind = gateway.kind;
    subject.nameSpace = gateway.nameSpace;
    subject.name = gateway.name;
    subject.file = gateway.file;
    subject.position = gateway.position;
    return subject;
}

ChainTls prepareChain(const Runtime::Listener &listener, const Runtime::FilterChain &chain,
                      const Tls::CredentialSources &sources, const TlsInputs &inputs,
                      const TlsOptions &options, TlsSetup &setup)
{
    ChainTls tls;
    const Runtime::SourceRef &gateway = chain.server->gateway;
    const QString secretNamespace =
        inputs.credentialNamespaces.value(gateway.qualifiedName(), QStringLiteral("istio-system"));
    const Tls::ServerCredentials credentials = Tls::resolveServerCredentials(
        chain.tls, bareHosts(chain.server->hosts), secretNamespace, sources);
    // The resolver speaks of the server's TLS block; say which Gateway and server that is.
    const QString serverPath = QStringLiteral("spec.servers[%1].").arg(chain.server->serverIndex);
    for (Core::Diagnostic diagnostic : credentials.diagnostics) {
        diagnostic.subject = subjectOf(gateway);
        diagnostic.fieldPath = serverPath + diagnostic.fieldPath;
        setup.diagnostics << diagnostic;
    }
    tls.source = credentials.source;
    TlsMaterial material;
    for (const Tls::CertificateKeyPair &pair : credentials.certificates)
        material.certificates.push_back({pair.certificateChainPem, pair.privateKeyPem});
    material.clientCaPem = credentials.clientCaPem;
    QString error;
    tls.context = buildServerContext(chain.tls, material,
                                     chain.kind == Runtime::FilterChain::Kind::TerminateHttp,
                                     options.sessionResumption, &error);
    if (!tls.context) {
        tls.refusal = QStringLiteral("%1 cannot terminate TLS: %2")
                          .arg(describeChain(listener, chain), error);
        Core::Diagnostic diagnostic;
        diagnostic.level = Core::Level::Error;
        diagnostic.code = QLatin1String(Core::Codes::NO_CERTIFICATE);
        diagnostic.message = tls.refusal + QStringLiteral("; its connections are refused");
        diagnostic.subject = subjectOf(gateway);
        diagnostic.fieldPath = serverPath + QStringLiteral("tls");
        setup.diagnostics << diagnostic;
    }
    return tls;
}

// The built-in echo behind passthrough routes presents a certificate for every SNI name the
// routes accept, issued by the local CA (which a test client trusts).
QStringList passthroughNames(const Runtime::Config &config)
{
    QStringList names;
    for (const Runtime::Listener &listener : config.listeners) {
        for (const Runtime::FilterChain &chain : listener.chains) {
            if (chain.kind == Runtime::FilterChain::Kind::Passthrough)
                names << chain.serverNames;
        }
    }
    names.removeDuplicates();
    names.removeAll(QStringLiteral("*"));
    names.sort();
    return names;
}

std::optional<QSslConfiguration> passthroughEchoTls(const QStringList &names,
                                                    const Tls::CertificateAuthority &ca)
{
    if (names.isEmpty())
        return std::nullopt;
    QString error;
    const std::optional<Tls::IssuedCertificate> issued = ca.issueServer(names, &error);
    if (!issued)
        return std::nullopt;
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    const QList<QSslCertificate> chain = QSslCertificate::fromData(issued->certificatePem);
    if (chain.isEmpty())
        return std::nullopt;
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(QSslKey(issued->privateKeyPem, QSsl::Ec));
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    return configuration;
}

} // namespace

TlsInputs TlsInputs::from(const Project::Workspace &workspace)
{
    Validation::InputOptions options;
    options.addDefaultIngressGateway = false; // no pod selected means istio-system anyway
    const Validation::AnalysisInput input = Validation::buildAnalysisInput(workspace, options);
    TlsInputs inputs;
    inputs.secrets = input.kube.secrets;
    for (const auto &gateway : input.gateways)
        inputs.credentialNamespaces.insert(
            gateway.fullName(),
            Tls::credentialNamespace(gateway.resource->spec.selector, input.kube.pods));
    return inputs;
}

TlsSetup prepareTls(const Runtime::Config &config, const Environment::LocalEnvironment &environment,
                    const TlsInputs &inputs, const TlsOptions &options)
{
    TlsSetup setup;
    setup.chainTls.resize(config.listeners.size());
    const bool anyTls = std::any_of(config.listeners.begin(), config.listeners.end(),
                                    [](const Runtime::Listener &listener) {
                                        return listener.kind == Runtime::Listener::Kind::Tls;
                                    });
    if (!anyTls)
        return setup;

    // The local CA stands in for certificates the design names but this machine lacks, and
    // serves the passthrough echo; created on first use.
    QString caError;
    const std::optional<Tls::CertificateAuthority> ca = Tls::CertificateAuthority::openOrCreate(
        options.caDirectory.isEmpty() ? Tls::CertificateAuthority::defaultDirectory()
                                      : options.caDirectory,
        &caError);
    if (!ca) {
        Core::Diagnostic diagnostic;
        diagnostic.level = Core::Level::Warning;
        diagnostic.code = QLatin1String(Core::Codes::NO_CERTIFICATE);
        diagnostic.message = QStringLiteral("the local development CA is unavailable (%1): no "
                                            "stand-in certificate can be issued")
                                 .arg(caError);
        setup.diagnostics << diagnostic;
    }
    Tls::CredentialSources sources;
    sources.environment = &environment;
    sources.secrets = inputs.secrets;
    sources.certificateRoot = environment.certificateRoot();
    sources.ca = ca ? &*ca : nullptr;

    for (std::size_t l = 0; l < config.listeners.size(); ++l) {
        const Runtime::Listener &listener = config.listeners[l];
        setup.chainTls[l].resize(listener.chains.size());
        for (std::size_t c = 0; c < listener.chains.size(); ++c) {
            if (terminates(listener.chains[c]))
                setup.chainTls[l][c] =
                    prepareChain(listener, listener.chains[c], sources, inputs, options, setup);
        }
    }
    // The same names keep the same certificate, so a reload keeps the workers' echoes.
    setup.passthroughNames = passthroughNames(config);
    if (options.previous && options.previous->passthroughNames == setup.passthroughNames)
        setup.passthroughEchoTls = options.previous->passthroughEchoTls;
    else if (ca)
        setup.passthroughEchoTls = passthroughEchoTls(setup.passthroughNames, *ca);
    return setup;
}

} // namespace Proxy
