#include "certificateinfo.h"

#include "opensslhandles.h"
#include "pem.h"
#include "validation/names.h"

#include <QCryptographicHash>
#include <QHostAddress>
#include <QtEndian>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/objects.h>

namespace Tls {
namespace {

QString nameText(const X509_NAME *name)
{
    // Certificate order, "CN=a, O=b", UTF-8 kept as is (openssl's RFC 2253 escaping minus the
    // escaping of non-ASCII bytes).
    constexpr unsigned long FLAGS =
        XN_FLAG_SEP_CPLUS_SPC | XN_FLAG_FN_SN | (ASN1_STRFLGS_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
    BioPtr bio(BIO_new(BIO_s_mem()));
    X509_NAME_print_ex(bio.get(), name, 0, FLAGS);
    return QString::fromUtf8(bioBytes(bio.get()));
}

QString asn1Text(const ASN1_STRING *text)
{
    return QString::fromUtf8(reinterpret_cast<const char *>(ASN1_STRING_get0_data(text)),
                             ASN1_STRING_length(text));
}

QDateTime timeOf(const ASN1_TIME *time)
{
    struct tm parts = {};
    if (!time || ASN1_TIME_to_tm(time, &parts) != 1)
        return {};
    return QDateTime(QDate(parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday),
                     QTime(parts.tm_hour, parts.tm_min, parts.tm_sec), Qt::UTC);
}

QString serialText(const ASN1_INTEGER *serial)
{
    BignumPtr number(ASN1_INTEGER_to_BN(serial, nullptr));
    if (!number)
        return {};
    char *hex = BN_bn2hex(number.get());
    const QString text = QString::fromLatin1(hex);
    OPENSSL_free(hex);
    return text;
}

QString keyText(EVP_PKEY *key)
{
    if (!key)
        return QStringLiteral("unknown key");
    switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_EC: {
        char group[80] = {};
        size_t length = 0;
        if (EVP_PKEY_get_group_name(key, group, sizeof group, &length) != 1)
            return QStringLiteral("EC");
        const char *nist = EC_curve_nid2nist(OBJ_txt2nid(group));
        return QStringLiteral("EC %1").arg(QString::fromLatin1(nist ? nist : group));
    }
    case EVP_PKEY_RSA:
    case EVP_PKEY_RSA_PSS:
        return QStringLiteral("RSA %1").arg(EVP_PKEY_get_bits(key));
    default:
        break;
    }
    const char *name = EVP_PKEY_get0_type_name(key);
    return name ? QString::fromLatin1(name).toUpper() : QStringLiteral("unknown key");
}

void readAltNames(X509 *certificate, CertificateInfo &info)
{
    GeneralNamesPtr names(static_cast<GENERAL_NAMES *>(
        X509_get_ext_d2i(certificate, NID_subject_alt_name, nullptr, nullptr)));
    if (!names)
        return;
    for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) {
        const GENERAL_NAME *name = sk_GENERAL_NAME_value(names.get(), i);
        switch (name->type) {
        case GEN_DNS:
            info.dnsNames << asn1Text(name->d.dNSName);
            break;
        case GEN_URI:
            info.uris << asn1Text(name->d.uniformResourceIdentifier);
            break;
        case GEN_IPADD: {
            const ASN1_OCTET_STRING *bytes = name->d.iPAddress;
            const auto *data = ASN1_STRING_get0_data(bytes);
            if (ASN1_STRING_length(bytes) == 4)
                info.ipAddresses << QHostAddress(qFromBigEndian<quint32>(data)).toString();
            else if (ASN1_STRING_length(bytes) == 16)
                info.ipAddresses << QHostAddress(data).toString();
            break;
        }
        default:
            break;
        }
    }
}

CertificateInfo describe(X509 *certificate)
{
    CertificateInfo info;
    info.subject = nameText(X509_get_subject_name(certificate));
    info.issuer = nameText(X509_get_issuer_name(certificate));
    readAltNames(certificate, info);
    info.notBefore = timeOf(X509_get0_notBefore(certificate));
    info.notAfter = timeOf(X509_get0_notAfter(certificate));
    info.serialHex = serialText(X509_get0_serialNumber(certificate));

    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (X509_digest(certificate, EVP_sha256(), digest, &length) == 1)
        info.sha256Fingerprint = QString::fromLatin1(
            QByteArray(reinterpret_cast<const char *>(digest), int(length)).toHex(':').toUpper());

    unsigned char *spki = nullptr;
    const int spkiLength = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(certificate), &spki);
    if (spkiLength > 0) {
        const QByteArray der(reinterpret_cast<const char *>(spki), spkiLength);
        info.spkiSha256Base64 = QString::fromLatin1(
            QCryptographicHash::hash(der, QCryptographicHash::Sha256).toBase64());
    }
    OPENSSL_free(spki);

    info.keyDescription = keyText(X509_get0_pubkey(certificate));
    info.isCa = (X509_get_extension_flags(certificate) & EXFLAG_CA) != 0;
    return info;
}

QString normalizedHost(const QString &host)
{
    QString normalized = host.trimmed().toLower();
    if (normalized.size() > 1 && normalized.endsWith(QLatin1Char('.')))
        normalized.chop(1);
    return normalized;
}

// "*.a.com" against a concrete host: exactly one non-empty label in place of the star, and at
// least two labels after it (OpenSSL and browsers refuse "*.com").
bool wildcardCovers(const QString &pattern, const QString &host)
{
    const QString suffix = pattern.mid(1); // ".a.com"
    if (suffix.indexOf(QLatin1Char('.'), 1) < 0)
        return false;
    if (!host.endsWith(suffix) || host.size() <= suffix.size())
        return false;
    const QString label = host.left(host.size() - suffix.size());
    return !label.contains(QLatin1Char('.')) && !label.contains(QLatin1Char('*'));
}

} // namespace

std::vector<CertificateInfo> inspectCertificates(const QByteArray &pem, QString *error)
{
    std::vector<CertificateInfo> infos;
    for (const X509Ptr &certificate : Pem::readCertificates(pem, error))
        infos.push_back(describe(certificate.get()));
    return infos;
}

bool coversHost(const CertificateInfo &info, const QString &host)
{
    const QString wanted = normalizedHost(host);
    if (wanted.isEmpty() || wanted == QLatin1String("*"))
        return false;
    if (Validation::Names::isIpAddress(wanted)) {
        const QHostAddress address(wanted);
        return std::any_of(info.ipAddresses.begin(), info.ipAddresses.end(),
                           [&](const QString &ip) { return QHostAddress(ip) == address; });
    }
    const bool wantedIsWildcard = wanted.startsWith(QLatin1Char('*'));
    for (const QString &dnsName : info.dnsNames) {
        const QString name = normalizedHost(dnsName);
        if (name == wanted)
            return true;
        if (!wantedIsWildcard && name.startsWith(QLatin1String("*.")) &&
            wildcardCovers(name, wanted))
            return true;
    }
    return false;
}

} // namespace Tls
