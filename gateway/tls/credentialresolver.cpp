#include "credentialresolver.h"

#include "certificateauthority.h"
#include "certificatechecks.h"
#include "certificateinfo.h"
#include "core/diagnosticcodes.h"
#include "secretlookup.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace Tls {
namespace {

// One certificate and key found somewhere, with where to point diagnostics about it.
struct FoundPair {
    CertificateKeyPair pair;
    QString description; // "files /x/tls.crt, /x/tls.key"
    QString fieldPath;
    std::optional<Core::DiagnosticSubject> related;
};

struct FoundCa {
    QByteArray pem;
    QString description;
    QString fieldPath;
    std::optional<Core::DiagnosticSubject> related;
};

// A file named by the Gateway, read from this machine.
struct GatewayFile {
    QString path; // where it was looked for
    std::optional<QByteArray> bytes;
    QString problem; // why bytes is empty
};

class Resolver {
public:
    Resolver(const Istio::ServerTlsSettings &tls, const QStringList &hosts,
             const QString &gatewayNamespace, const CredentialSources &sources)
        : m_tls(tls), m_namespace(gatewayNamespace), m_sources(sources),
          m_secrets(sources.secrets, sources.workspace)
    {
        for (const QString &host : hosts)
            m_hosts << host.section(QLatin1Char('/'), -1);
        const Istio::ServerTlsMode mode = tls.effectiveMode();
        m_mutual =
            mode == Istio::ServerTlsMode::MUTUAL || mode == Istio::ServerTlsMode::OPTIONAL_MUTUAL;
    }

    ServerCredentials run();

private:
    void report(const char *code, const QString &fieldPath, const QString &message,
                const std::optional<Core::DiagnosticSubject> &related = std::nullopt)
    {
        Core::Diagnostic diagnostic = Core::makeDiagnostic(code, message);
        diagnostic.fieldPath = fieldPath;
        diagnostic.related = related;
        m_out.diagnostics.append(diagnostic);
    }

    GatewayFile readGatewayFile(const QString &written) const;
    std::optional<QByteArray> readLocalFile(const QString &path, const QString &what,
                                            const QString &fieldPath);
    void fromFiles();
    void fromCredentials();
    void fromCredential(const QString &written, const QString &fieldPath);
    void overrideCa();
    void issueStandIn();
    void checkPairs();
    void settleClientCa();

    const Istio::ServerTlsSettings &m_tls;
    QStringList m_hosts;
    QString m_namespace;
    const CredentialSources &m_sources;
    SecretLookup m_secrets;
    bool m_mutual = false;

    std::vector<FoundPair> m_pairs;
    std::optional<FoundCa> m_ca;
    bool m_broken = false; // material was found but is unusable: no stand-in then
    struct Missing {
        QString reason; // "credential x is neither in ..."
        QString fieldPath;
    };
    std::vector<Missing> m_missing; // why the stand-in is needed, one entry per source
    ServerCredentials m_out;
};

GatewayFile Resolver::readGatewayFile(const QString &written) const
{
    GatewayFile file;
    const QString root = m_sources.certificateRoot;
    if (root.isEmpty())
        file.path = written;
    else if (QDir::isAbsolutePath(written))
        file.path = QDir::cleanPath(root + QLatin1Char('/') + written);
    else
        file.path = QDir::cleanPath(QDir(root).absoluteFilePath(written));
    QFile device(file.path);
    if (!QFileInfo(file.path).isFile())
        file.problem = QStringLiteral("no file %1").arg(file.path);
    else if (!device.open(QIODevice::ReadOnly))
        file.problem = QStringLiteral("cannot read %1: %2").arg(file.path, device.errorString());
    else
        file.bytes = device.readAll();
    return file;
}

// Credential files of the local environment: the user named them for this machine, so one
// that cannot be read is an error, not a reason to stand in.
std::optional<QByteArray> Resolver::readLocalFile(const QString &path, const QString &what,
                                                  const QString &fieldPath)
{
    QFile file(path);
    if (file.open(QIODevice::ReadOnly))
        return file.readAll();
    report(Core::Codes::INVALID_CERTIFICATE, fieldPath,
           QStringLiteral("%1: cannot read %2: %3").arg(what, path, file.errorString()));
    m_broken = true;
    return std::nullopt;
}

void Resolver::fromFiles()
{
    struct Named {
        std::optional<QString> certificate, key, ca;
        QString field; // "tls." or "tls.tlsCertificates[1]."
    };
    std::vector<Named> named;
    if (m_tls.serverCertificate || m_tls.privateKey)
        named.push_back({m_tls.serverCertificate, m_tls.privateKey, m_tls.caCertificates,
                         QStringLiteral("tls.")});
    for (size_t i = 0; i < m_tls.tlsCertificates.size(); ++i) {
        const Istio::ServerTlsCertificate &entry = m_tls.tlsCertificates[i];
        named.push_back({entry.serverCertificate, entry.privateKey, entry.caCertificates,
                         QStringLiteral("tls.tlsCertificates[%1].").arg(i)});
    }
    bool unavailable = false;
    for (const Named &files : named) {
        std::optional<QByteArray> contents[2];
        QString paths[2];
        const std::pair<const std::optional<QString> *, const char *> parts[2] = {
            {&files.certificate, "serverCertificate"}, {&files.key, "privateKey"}};
        for (int i = 0; i < 2; ++i) {
            const QString field = files.field + QLatin1String(parts[i].second);
            if (!*parts[i].first || parts[i].first->value().isEmpty()) {
                report(Core::Codes::CERTIFICATE_FILE_MISSING, field,
                       QStringLiteral("%1 is not set").arg(QLatin1String(parts[i].second)));
                continue;
            }
            const GatewayFile file = readGatewayFile(**parts[i].first);
            if (!file.bytes)
                report(Core::Codes::CERTIFICATE_FILE_MISSING, field,
                       QStringLiteral("%1 %2 is not on this machine (%3)")
                           .arg(QLatin1String(parts[i].second), **parts[i].first, file.problem));
            else
                contents[i] = file.bytes;
            paths[i] = file.path;
        }
        if (!contents[0] || !contents[1]) {
            unavailable = true;
            continue;
        }
        m_pairs.push_back({{*contents[0], *contents[1]},
                           QStringLiteral("files %1, %2").arg(paths[0], paths[1]),
                           files.field + QStringLiteral("serverCertificate"),
                           std::nullopt});
    }
    if (m_pairs.empty() && unavailable)
        m_missing.push_back({QStringLiteral("the certificate files the Gateway names are not "
                                            "on this machine"),
                             named.front().field + QStringLiteral("serverCertificate")});
    if (!m_mutual)
        return;
    // The server-level bundle, else the first one a tlsCertificates entry names.
    for (const Named &files : named) {
        if (!files.ca || files.ca->isEmpty())
            continue;
        const QString field = files.field + QStringLiteral("caCertificates");
        const GatewayFile file = readGatewayFile(*files.ca);
        if (file.bytes)
            m_ca = FoundCa{*file.bytes, QStringLiteral("file %1").arg(file.path), field, {}};
        else
            report(Core::Codes::CERTIFICATE_FILE_MISSING, field,
                   QStringLiteral("caCertificates %1 is not on this machine (%2)")
                       .arg(*files.ca, file.problem));
        break;
    }
}

void Resolver::fromCredential(const QString &written, const QString &fieldPath)
{
    const Environment::LocalEnvironment *environment = m_sources.environment;
    const SecretName secretName = parseCredentialName(written, m_namespace);
    const Environment::Credential *credential =
        environment ? environment->credential(written) : nullptr;
    if (!credential && environment)
        credential = environment->credential(secretName.name);
    if (credential) {
        const QString what =
            QStringLiteral("local environment credential %1").arg(credential->name);
        const auto certificate = readLocalFile(credential->certificate, what, fieldPath);
        const auto key = readLocalFile(credential->privateKey, what, fieldPath);
        if (certificate && key)
            m_pairs.push_back({{*certificate, *key}, what, fieldPath, std::nullopt});
        if (m_mutual && !m_ca && !credential->caCertificates.isEmpty()) {
            if (const auto ca = readLocalFile(credential->caCertificates, what, fieldPath))
                m_ca = FoundCa{*ca, what, fieldPath, std::nullopt};
        }
        return;
    }

    const Validation::SecretObject *secret = m_secrets.find(secretName);
    if (!secret) {
        QString reason = QStringLiteral("credential %1 is neither in the local environment nor "
                                        "a Secret %2 of the workspace")
                             .arg(written, secretName.text());
        const QStringList elsewhere = m_secrets.otherNamespaces(secretName);
        if (!elsewhere.isEmpty())
            reason += QStringLiteral(" (a Secret of that name is in %1, but the gateway reads "
                                     "its own namespace)")
                          .arg(elsewhere.join(QStringLiteral(", ")));
        m_missing.push_back({reason, fieldPath});
        return;
    }
    const QString description = m_secrets.describe(*secret);
    const Core::DiagnosticSubject subject = m_secrets.subject(*secret);
    const std::optional<SecretPair> pair = certificatePairOf(*secret);
    if (!pair) {
        QStringList keys = secret->data.keys();
        report(Core::Codes::INVALID_CERTIFICATE, fieldPath,
               QStringLiteral("%1 has no tls.crt/tls.key (or cert/key) pair; its keys: %2")
                   .arg(description,
                        keys.isEmpty() ? QStringLiteral("none") : keys.join(QStringLiteral(", "))),
               subject);
        m_broken = true;
        return;
    }
    m_pairs.push_back({{pair->certificate, pair->privateKey}, description, fieldPath, subject});
    if (!m_mutual || m_ca)
        return;
    if (const QByteArray ca = caBundleOf(*secret); !ca.isEmpty()) {
        m_ca = FoundCa{ca, description, fieldPath, subject};
    } else if (const Validation::SecretObject *caSecret = m_secrets.find(
                   {secretName.nameSpace, secretName.name + QStringLiteral("-cacert")})) {
        const QByteArray bundle = caBundleOf(*caSecret);
        if (!bundle.isEmpty())
            m_ca = FoundCa{bundle, m_secrets.describe(*caSecret), fieldPath,
                           m_secrets.subject(*caSecret)};
        else
            report(Core::Codes::INVALID_CERTIFICATE, fieldPath,
                   QStringLiteral("%1 has no ca.crt or cacert").arg(m_secrets.describe(*caSecret)),
                   m_secrets.subject(*caSecret));
    }
}

void Resolver::fromCredentials()
{
    if (m_tls.credentialName) {
        fromCredential(*m_tls.credentialName, QStringLiteral("tls.credentialName"));
    } else {
        for (size_t i = 0; i < m_tls.credentialNames.size(); ++i)
            fromCredential(m_tls.credentialNames[i],
                           QStringLiteral("tls.credentialNames[%1]").arg(i));
    }
    // Some credentials found, others not: serve what there is, say what is left out.
    if (!m_pairs.empty() || m_broken) {
        for (const Missing &missing : m_missing)
            report(Core::Codes::CREDENTIAL_NOT_FOUND_LOCALLY, missing.fieldPath,
                   missing.reason + QStringLiteral("; the server is served without it"));
        m_missing.clear();
    }
}

void Resolver::overrideCa()
{
    if (!m_mutual || !m_tls.caCertCredentialName || m_tls.caCertCredentialName->isEmpty())
        return;
    const QString written = *m_tls.caCertCredentialName;
    const QString field = QStringLiteral("tls.caCertCredentialName");
    const SecretName secretName = parseCredentialName(written, m_namespace);
    const Environment::Credential *credential =
        m_sources.environment ? m_sources.environment->credential(written) : nullptr;
    if (credential && !credential->caCertificates.isEmpty()) {
        const QString what = QStringLiteral("local environment credential %1").arg(written);
        if (const auto ca = readLocalFile(credential->caCertificates, what, field))
            m_ca = FoundCa{*ca, what, field, std::nullopt};
        return;
    }
    if (const Validation::SecretObject *secret = m_secrets.find(secretName)) {
        const QByteArray bundle = caBundleOf(*secret);
        if (!bundle.isEmpty()) {
            m_ca = FoundCa{bundle, m_secrets.describe(*secret), field, m_secrets.subject(*secret)};
            return;
        }
        report(Core::Codes::INVALID_CERTIFICATE, field,
               QStringLiteral("%1 has no ca.crt or cacert").arg(m_secrets.describe(*secret)),
               m_secrets.subject(*secret));
        return;
    }
    report(Core::Codes::CREDENTIAL_NOT_FOUND_LOCALLY, field,
           QStringLiteral("caCertCredentialName %1 is neither in the local environment (with "
                          "caCertificates) nor a Secret %2 of the workspace; %3")
               .arg(written, secretName.text(),
                    m_ca ? QStringLiteral("the CA of the credential is used")
                         : QStringLiteral("client certificates are checked against another CA")));
}

void Resolver::issueStandIn()
{
    QStringList reasons;
    for (const Missing &missing : m_missing)
        reasons << missing.reason;
    const QString reason = reasons.join(QStringLiteral("; "));
    const QString field = m_missing.empty() ? QStringLiteral("tls") : m_missing.front().fieldPath;
    if (!m_sources.ca) {
        report(Core::Codes::NO_CERTIFICATE, field,
               QStringLiteral("%1, and there is no local development CA to issue a stand-in")
                   .arg(reason));
        return;
    }
    QString error;
    const auto issued = m_sources.ca->issueServer(m_hosts, &error);
    if (!issued) {
        report(Core::Codes::NO_CERTIFICATE, field,
               QStringLiteral("%1, and the local development CA cannot issue a stand-in: %2")
                   .arg(reason, error));
        return;
    }
    // Named by what the certificate covers: hosts such as "*" have no certificate form.
    const std::vector<CertificateInfo> chain = inspectCertificates(issued->certificatePem, nullptr);
    const QStringList names =
        chain.empty() ? QStringList() : chain.front().dnsNames + chain.front().ipAddresses;
    const QString source = QStringLiteral("issued by the local development CA for %1")
                               .arg(names.join(QStringLiteral(", ")));
    m_pairs.push_back(
        {{issued->certificatePem, issued->privateKeyPem}, source, field, std::nullopt});
    m_out.generated = true;
    report(Core::Codes::STAND_IN_CERTIFICATE, field,
           QStringLiteral("%1; serving a certificate %2 (clients must trust %3)")
               .arg(reason, source, m_sources.ca->certificatePath()));
}

void Resolver::checkPairs()
{
    std::vector<FoundPair> usable;
    for (FoundPair &found : m_pairs) {
        ServerCertificateCheck check;
        check.certificateChainPem = found.pair.certificateChainPem;
        check.privateKeyPem = found.pair.privateKeyPem;
        check.hosts = m_hosts;
        check.description = found.description;
        bool unusable = false;
        for (Core::Diagnostic diagnostic : checkServerCertificate(check)) {
            unusable |= diagnostic.code == QLatin1String(Core::Codes::INVALID_CERTIFICATE) ||
                        diagnostic.code == QLatin1String(Core::Codes::PRIVATE_KEY_MISMATCH);
            diagnostic.fieldPath = found.fieldPath;
            diagnostic.related = found.related;
            m_out.diagnostics.append(diagnostic);
        }
        if (unusable)
            m_broken = true;
        else
            usable.push_back(std::move(found));
    }
    m_pairs = std::move(usable);
}

void Resolver::settleClientCa()
{
    if (!m_mutual)
        return;
    if (m_ca) {
        QString error;
        if (!inspectCertificates(m_ca->pem, &error).empty()) {
            m_out.clientCaPem = m_ca->pem;
            return;
        }
        report(Core::Codes::INVALID_CERTIFICATE, m_ca->fieldPath,
               QStringLiteral("the client CA bundle from %1: %2").arg(m_ca->description, error),
               m_ca->related);
        return;
    }
    if (!m_sources.ca) {
        report(Core::Codes::NO_CERTIFICATE, QStringLiteral("tls.mode"),
               QStringLiteral("the MUTUAL server has no client CA, and there is no local "
                              "development CA to stand in"));
        return;
    }
    m_out.clientCaPem = m_sources.ca->certificatePem();
    m_ca = FoundCa{m_out.clientCaPem, QStringLiteral("the local development CA"),
                   QStringLiteral("tls.mode"), std::nullopt};
    report(Core::Codes::STAND_IN_CLIENT_CA, QStringLiteral("tls.mode"),
           QStringLiteral("the server has no client CA; it accepts client certificates issued "
                          "by the local development CA (%1; `gatehouse certs client NAME` "
                          "issues one)")
               .arg(m_sources.ca->certificatePath()));
}

ServerCredentials Resolver::run()
{
    const bool files =
        m_tls.serverCertificate || m_tls.privateKey || !m_tls.tlsCertificates.empty();
    const bool credentials = m_tls.credentialName || !m_tls.credentialNames.empty();
    if (files)
        fromFiles();
    else if (credentials)
        fromCredentials();
    else
        m_missing.push_back(
            {QStringLiteral("the server names no certificate"), QStringLiteral("tls")});
    overrideCa();
    checkPairs();
    if (m_pairs.empty() && !m_broken)
        issueStandIn();
    settleClientCa();

    QStringList sources;
    for (FoundPair &found : m_pairs) {
        if (!sources.contains(found.description))
            sources << found.description;
        m_out.certificates.push_back(std::move(found.pair));
    }
    if (m_ca && !m_out.clientCaPem.isEmpty() && !sources.contains(m_ca->description))
        sources << QStringLiteral("client CA from %1").arg(m_ca->description);
    m_out.source = sources.join(QStringLiteral("; "));
    return std::move(m_out);
}

} // namespace

ServerCredentials resolveServerCredentials(const Istio::ServerTlsSettings &tls,
                                           const QStringList &hosts,
                                           const QString &gatewayNamespace,
                                           const CredentialSources &sources)
{
    return Resolver(tls, hosts, gatewayNamespace, sources).run();
}

} // namespace Tls
