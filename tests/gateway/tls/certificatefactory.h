#pragma once

// Certificates made directly with OpenSSL for tests: any validity window, any key type, so the
// checks of gateway/tls can be tried on material the local CA would never issue.

#include "tls/opensslhandles.h"

#include <QByteArray>
#include <QStringList>
#include <openssl/pem.h>
#include <openssl/rsa.h>

namespace CertificateFactory {

struct Material {
    QByteArray certificatePem;
    QByteArray privateKeyPem;
};

enum class KeyType { EcP256, Rsa2048 };

// A self-signed leaf for `dnsNames` (the first is the CN), valid from `fromSeconds` to
// `toSeconds` relative to now.
inline Material selfSigned(const QStringList &dnsNames, long fromSeconds, long toSeconds,
                           KeyType type = KeyType::EcP256)
{
    Tls::EvpPkeyPtr key(type == KeyType::EcP256 ? EVP_EC_gen("P-256") : EVP_RSA_gen(2048));
    Tls::X509Ptr certificate(X509_new());
    X509_set_version(certificate.get(), X509_VERSION_3);
    ASN1_INTEGER_set(X509_get_serialNumber(certificate.get()), 4242);
    X509_gmtime_adj(X509_getm_notBefore(certificate.get()), fromSeconds);
    X509_gmtime_adj(X509_getm_notAfter(certificate.get()), toSeconds);
    X509_set_pubkey(certificate.get(), key.get());
    X509_NAME *name = X509_get_subject_name(certificate.get());
    const QByteArray commonName =
        dnsNames.isEmpty() ? QByteArray("test") : dnsNames.front().toUtf8();
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>(commonName.constData()), -1,
                               -1, 0);
    X509_set_issuer_name(certificate.get(), name);
    if (!dnsNames.isEmpty()) {
        QStringList entries;
        for (const QString &dns : dnsNames)
            entries << QStringLiteral("DNS:") + dns;
        X509V3_CTX context;
        X509V3_set_ctx(&context, certificate.get(), certificate.get(), nullptr, nullptr, 0);
        Tls::X509ExtensionPtr extension(X509V3_EXT_nconf_nid(
            nullptr, &context, NID_subject_alt_name, entries.join(',').toLatin1().constData()));
        X509_add_ext(certificate.get(), extension.get(), -1);
    }
    X509_sign(certificate.get(), key.get(), EVP_sha256());

    Material material;
    Tls::BioPtr certificateBio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(certificateBio.get(), certificate.get());
    material.certificatePem = Tls::bioBytes(certificateBio.get());
    Tls::BioPtr keyBio(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    material.privateKeyPem = Tls::bioBytes(keyBio.get());
    return material;
}

// The first certificate of a PEM text, decoded by OpenSSL (for checks the info struct does not
// expose, such as key usages).
inline Tls::X509Ptr decode(const QByteArray &pem)
{
    Tls::BioPtr bio = Tls::readBio(pem);
    return Tls::X509Ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

} // namespace CertificateFactory
