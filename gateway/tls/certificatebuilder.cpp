#include "certificatebuilder.h"

#include "pem.h"

#include <QHostAddress>
#include <ctime>
#include <openssl/bn.h>
#include <openssl/rand.h>

namespace Tls::Builder {
namespace {

constexpr int SERIAL_BYTES = 16;
constexpr long CLOCK_SKEW_SECONDS = 3600;

Asn1IntegerPtr randomSerial()
{
    unsigned char bytes[SERIAL_BYTES];
    if (RAND_bytes(bytes, SERIAL_BYTES) != 1)
        return {};
    // Positive (DER integers are signed) and always 16 bytes long.
    bytes[0] = (bytes[0] & 0x7f) | 0x40;
    BignumPtr number(BN_bin2bn(bytes, SERIAL_BYTES, nullptr));
    return Asn1IntegerPtr(number ? BN_to_ASN1_INTEGER(number.get(), nullptr) : nullptr);
}

bool addNameEntry(X509_NAME *name, const char *field, const QString &value)
{
    if (value.isEmpty())
        return true;
    const QByteArray utf8 = value.toUtf8();
    return X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                      reinterpret_cast<const unsigned char *>(utf8.constData()),
                                      int(utf8.size()), -1, 0) == 1;
}

bool addExtension(X509 *certificate, X509V3_CTX *context, int nid, const char *value)
{
    X509ExtensionPtr extension(X509V3_EXT_nconf_nid(nullptr, context, nid, value));
    return extension && X509_add_ext(certificate, extension.get(), -1) == 1;
}

bool pushName(GENERAL_NAMES *names, int type, const QByteArray &value)
{
    GeneralNamePtr name(GENERAL_NAME_new());
    if (!name)
        return false;
    if (type == GEN_IPADD) {
        ASN1_OCTET_STRING *octets = ASN1_OCTET_STRING_new();
        if (!octets || ASN1_OCTET_STRING_set(
                           octets, reinterpret_cast<const unsigned char *>(value.constData()),
                           int(value.size())) != 1) {
            ASN1_OCTET_STRING_free(octets);
            return false;
        }
        GENERAL_NAME_set0_value(name.get(), GEN_IPADD, octets);
    } else {
        ASN1_IA5STRING *text = ASN1_IA5STRING_new();
        if (!text || ASN1_STRING_set(text, value.constData(), int(value.size())) != 1) {
            ASN1_IA5STRING_free(text);
            return false;
        }
        GENERAL_NAME_set0_value(name.get(), type, text);
    }
    if (sk_GENERAL_NAME_push(names, name.get()) <= 0)
        return false;
    name.release(); // the stack owns it now
    return true;
}

QByteArray addressBytes(const QString &text)
{
    const QHostAddress address(text);
    if (address.protocol() == QAbstractSocket::IPv4Protocol) {
        const quint32 v4 = address.toIPv4Address();
        const char bytes[4] = {char(v4 >> 24), char(v4 >> 16), char(v4 >> 8), char(v4)};
        return QByteArray(bytes, 4);
    }
    const Q_IPV6ADDR v6 = address.toIPv6Address();
    return QByteArray(reinterpret_cast<const char *>(v6.c), 16);
}

bool addAltNames(X509 *certificate, const CertificateRequest &request)
{
    if (request.dnsNames.isEmpty() && request.ipAddresses.isEmpty() && request.uris.isEmpty())
        return true;
    GeneralNamesPtr names(GENERAL_NAMES_new());
    if (!names)
        return false;
    for (const QString &dns : request.dnsNames) {
        if (!pushName(names.get(), GEN_DNS, dns.toLatin1()))
            return false;
    }
    for (const QString &ip : request.ipAddresses) {
        if (!pushName(names.get(), GEN_IPADD, addressBytes(ip)))
            return false;
    }
    for (const QString &uri : request.uris) {
        if (!pushName(names.get(), GEN_URI, uri.toUtf8()))
            return false;
    }
    return X509_add1_ext_i2d(certificate, NID_subject_alt_name, names.get(), 0,
                             X509V3_ADD_DEFAULT) == 1;
}

} // namespace

EvpPkeyPtr generateP256Key(QString *error)
{
    ERR_clear_error();
    EvpPkeyPtr key(EVP_EC_gen("P-256"));
    if (!key)
        Pem::setError(error,
                      QStringLiteral("cannot generate a P-256 key: %1").arg(takeOpenSslError()));
    return key;
}

X509Ptr build(const CertificateRequest &request, EVP_PKEY *subjectKey, X509 *issuer,
              EVP_PKEY *issuerKey, QString *error)
{
    ERR_clear_error();
    X509Ptr certificate(X509_new());
    auto fail = [&](const char *step) {
        Pem::setError(error, QStringLiteral("cannot build the certificate (%1): %2")
                                 .arg(QLatin1String(step), takeOpenSslError()));
        return X509Ptr();
    };
    if (!certificate)
        return fail("allocation");
    const Asn1IntegerPtr serial = randomSerial();
    if (!serial || X509_set_version(certificate.get(), X509_VERSION_3) != 1 ||
        X509_set_serialNumber(certificate.get(), serial.get()) != 1)
        return fail("serial number");
    // One reading of the clock for both ends, so the validity is exactly validityDays long.
    time_t now = time(nullptr);
    if (!X509_time_adj_ex(X509_getm_notBefore(certificate.get()), 0, -CLOCK_SKEW_SECONDS, &now) ||
        !X509_time_adj_ex(X509_getm_notAfter(certificate.get()), request.validityDays,
                          -CLOCK_SKEW_SECONDS, &now))
        return fail("validity");
    X509_NAME *subject = X509_get_subject_name(certificate.get());
    if (!addNameEntry(subject, "O", request.organization) ||
        !addNameEntry(subject, "CN", request.commonName))
        return fail("subject");
    const X509_NAME *issuerName = issuer ? X509_get_subject_name(issuer) : subject;
    if (X509_set_issuer_name(certificate.get(), issuerName) != 1 ||
        X509_set_pubkey(certificate.get(), subjectKey) != 1)
        return fail("issuer");

    X509V3_CTX context;
    X509V3_set_ctx(&context, issuer ? issuer : certificate.get(), certificate.get(), nullptr,
                   nullptr, 0);
    const bool extensionsAdded =
        request.isCa ? addExtension(certificate.get(), &context, NID_basic_constraints,
                                    "critical,CA:TRUE,pathlen:0") &&
                           addExtension(certificate.get(), &context, NID_key_usage,
                                        "critical,keyCertSign,cRLSign")
                     : addExtension(certificate.get(), &context, NID_basic_constraints,
                                    "critical,CA:FALSE") &&
                           addExtension(certificate.get(), &context, NID_key_usage,
                                        "critical,digitalSignature") &&
                           addExtension(certificate.get(), &context, NID_ext_key_usage,
                                        OBJ_nid2sn(request.extendedKeyUsage));
    if (!extensionsAdded ||
        !addExtension(certificate.get(), &context, NID_subject_key_identifier, "hash") ||
        !addExtension(certificate.get(), &context, NID_authority_key_identifier, "keyid:always") ||
        !addAltNames(certificate.get(), request))
        return fail("extensions");
    if (X509_sign(certificate.get(), issuerKey, EVP_sha256()) <= 0)
        return fail("signature");
    return certificate;
}

} // namespace Tls::Builder
