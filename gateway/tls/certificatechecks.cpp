#include "certificatechecks.h"

#include "certificateinfo.h"
#include "core/diagnosticcodes.h"
#include "opensslhandles.h"
#include "pem.h"

namespace Tls {
namespace {

QString dateText(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

// "the certificate" for the leaf, "certificate 2 of the chain (CN=x)" for the others.
QString whichCertificate(const std::vector<CertificateInfo> &chain, size_t index)
{
    if (index == 0)
        return QStringLiteral("the certificate");
    return QStringLiteral("certificate %1 of the chain (%2)")
        .arg(index + 1)
        .arg(chain[index].subject);
}

QString namesOf(const CertificateInfo &info)
{
    const QStringList names = info.dnsNames + info.ipAddresses;
    if (names.isEmpty())
        return QStringLiteral("it has no DNS or IP subjectAltName; clients ignore the subject "
                              "CN");
    return QStringLiteral("it covers %1").arg(names.join(QStringLiteral(", ")));
}

} // namespace

bool privateKeyMatches(const QByteArray &certificatePem, const QByteArray &privateKeyPem,
                       QString *error)
{
    QString problem;
    const std::vector<X509Ptr> certificates = Pem::readCertificates(certificatePem, &problem);
    if (certificates.empty()) {
        Pem::setError(error, QStringLiteral("the certificate: %1").arg(problem));
        return false;
    }
    const EvpPkeyPtr key = Pem::readPrivateKey(privateKeyPem, &problem);
    if (!key) {
        Pem::setError(error, QStringLiteral("the private key: %1").arg(problem));
        return false;
    }
    if (EVP_PKEY_eq(X509_get0_pubkey(certificates.front().get()), key.get()) != 1) {
        Pem::setError(error, QStringLiteral("the private key does not belong to the certificate "
                                            "(their public keys differ)"));
        ERR_clear_error();
        return false;
    }
    return true;
}

bool verifiesAgainst(const QByteArray &chainPem, const QByteArray &caPem, QString *error)
{
    QString problem;
    std::vector<X509Ptr> chain = Pem::readCertificates(chainPem, &problem);
    if (chain.empty()) {
        Pem::setError(error, QStringLiteral("the certificate: %1").arg(problem));
        return false;
    }
    std::vector<X509Ptr> authorities = Pem::readCertificates(caPem, &problem);
    if (authorities.empty()) {
        Pem::setError(error, QStringLiteral("the CA bundle: %1").arg(problem));
        return false;
    }
    X509StorePtr store(X509_STORE_new());
    for (const X509Ptr &authority : authorities)
        X509_STORE_add_cert(store.get(), authority.get()); // takes its own reference
    X509_STORE_set_flags(store.get(), X509_V_FLAG_NO_CHECK_TIME | X509_V_FLAG_PARTIAL_CHAIN);
    X509StackPtr intermediates(sk_X509_new_null());
    for (size_t i = 1; i < chain.size(); ++i) {
        if (sk_X509_push(intermediates.get(), chain[i].get()) > 0)
            chain[i].release(); // the stack owns it now
    }
    X509StoreCtxPtr context(X509_STORE_CTX_new());
    if (!store || !intermediates || !context ||
        X509_STORE_CTX_init(context.get(), store.get(), chain.front().get(), intermediates.get()) !=
            1) {
        Pem::setError(error,
                      QStringLiteral("cannot set up verification: %1").arg(takeOpenSslError()));
        return false;
    }
    if (X509_verify_cert(context.get()) == 1)
        return true;
    const int code = X509_STORE_CTX_get_error(context.get());
    X509 *failing = X509_STORE_CTX_get_current_cert(context.get());
    // Described through its PEM: an error path, where clarity beats a second code path.
    const std::vector<CertificateInfo> described =
        failing ? inspectCertificates(Pem::write(failing), nullptr)
                : std::vector<CertificateInfo>();
    const QString subject = described.empty() ? QString() : described.front().subject;
    Pem::setError(error,
                  QStringLiteral("%1%2").arg(
                      QString::fromLatin1(X509_verify_cert_error_string(code)),
                      subject.isEmpty() ? QString() : QStringLiteral(" (at %1)").arg(subject)));
    ERR_clear_error();
    return false;
}

Core::Diagnostics checkServerCertificate(const ServerCertificateCheck &check)
{
    Core::Diagnostics out;
    // Messages start with the material's name when the caller gave one ("files x, y: ...").
    const QString prefix =
        check.description.isEmpty() ? QString() : check.description + QStringLiteral(": ");
    auto report = [&](const char *code, const QString &message) {
        out.append(Core::makeDiagnostic(code, prefix + message));
    };
    QString error;
    const std::vector<CertificateInfo> chain =
        inspectCertificates(check.certificateChainPem, &error);
    if (chain.empty()) {
        report(Core::Codes::INVALID_CERTIFICATE, error);
        return out;
    }

    const QDateTime now = check.now.isValid() ? check.now.toUTC() : QDateTime::currentDateTimeUtc();
    for (size_t i = 0; i < chain.size(); ++i) {
        const CertificateInfo &info = chain[i];
        if (info.notAfter.isValid() && info.notAfter < now)
            report(Core::Codes::CERTIFICATE_EXPIRED,
                   QStringLiteral("%1 expired on %2")
                       .arg(whichCertificate(chain, i), dateText(info.notAfter)));
        else if (info.notBefore.isValid() && info.notBefore > now)
            report(Core::Codes::CERTIFICATE_NOT_YET_VALID,
                   QStringLiteral("%1 is not valid before %2")
                       .arg(whichCertificate(chain, i), dateText(info.notBefore)));
    }

    for (const QString &host : check.hosts) {
        if (host.trimmed() == QLatin1String("*") || coversHost(chain.front(), host))
            continue;
        report(Core::Codes::CERTIFICATE_HOST_NOT_COVERED,
               QStringLiteral("the certificate does not cover host %1; %2")
                   .arg(host, namesOf(chain.front())));
    }

    if (!check.privateKeyPem.isEmpty() &&
        !privateKeyMatches(check.certificateChainPem, check.privateKeyPem, &error)) {
        const bool mismatch = Pem::readPrivateKey(check.privateKeyPem, nullptr) != nullptr;
        report(mismatch ? Core::Codes::PRIVATE_KEY_MISMATCH : Core::Codes::INVALID_CERTIFICATE,
               error);
    }

    if (check.caPem.isEmpty())
        return out;
    if (inspectCertificates(check.caPem, &error).empty())
        report(Core::Codes::INVALID_CERTIFICATE, QStringLiteral("the CA bundle: %1").arg(error));
    else if (!verifiesAgainst(check.certificateChainPem, check.caPem, &error))
        report(Core::Codes::CERTIFICATE_NOT_VERIFIED,
               QStringLiteral("the CA does not verify the certificate: %1").arg(error));
    return out;
}

} // namespace Tls
