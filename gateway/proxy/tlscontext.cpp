#include "tlscontext.h"

#include "tls/opensslhandles.h"

#include <QStringList>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

namespace Proxy {
namespace {

// The client-certificate rules of one chain, kept in the context's ex_data for the verify
// callback.
struct ClientPolicy {
    QStringList subjectAltNames;
    QList<QByteArray> spkiSha256Base64;
    QList<QByteArray> certificateSha256Hex; // lower case, no colons
    bool insecureSkipVerify = false;
};

// The policy lives exactly as long as the context: connections keep their context alive
// after the snapshot that built it is gone (a reload during a handshake).
void freePolicy(void *, void *policy, CRYPTO_EX_DATA *, int, long, void *)
{
    delete static_cast<ClientPolicy *>(policy);
}

int policyIndex()
{
    static const int index = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, freePolicy);
    return index;
}

QString lastError()
{
    const QString reason = Tls::takeOpenSslError();
    return reason.isEmpty() ? QStringLiteral("unknown error") : reason;
}

QByteArray sha256(const unsigned char *data, int length)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    EVP_Digest(data, size_t(length), digest, &size, EVP_sha256(), nullptr);
    return QByteArray(reinterpret_cast<const char *>(digest), int(size));
}

QStringList subjectAltNamesOf(X509 *certificate)
{
    QStringList names;
    auto *sans = static_cast<GENERAL_NAMES *>(
        X509_get_ext_d2i(certificate, NID_subject_alt_name, nullptr, nullptr));
    for (int i = 0; sans && i < sk_GENERAL_NAME_num(sans); ++i) {
        const GENERAL_NAME *name = sk_GENERAL_NAME_value(sans, i);
        if (name->type == GEN_DNS || name->type == GEN_URI || name->type == GEN_EMAIL) {
            const ASN1_STRING *text = name->d.ia5;
            names << QString::fromLatin1(
                reinterpret_cast<const char *>(ASN1_STRING_get0_data(text)),
                ASN1_STRING_length(text));
        } else if (name->type == GEN_IPADD) {
            const ASN1_OCTET_STRING *ip = name->d.iPAddress;
            const QByteArray bytes(reinterpret_cast<const char *>(ASN1_STRING_get0_data(ip)),
                                   ASN1_STRING_length(ip));
            if (bytes.size() == 4)
                names << QStringLiteral("%1.%2.%3.%4")
                             .arg(quint8(bytes[0]))
                             .arg(quint8(bytes[1]))
                             .arg(quint8(bytes[2]))
                             .arg(quint8(bytes[3]));
        }
    }
    GENERAL_NAMES_free(sans);
    return names;
}

// Istio: the SAN list must match when set; when both pin lists are set, matching either is
// enough.
bool clientAllowed(const ClientPolicy &policy, X509 *certificate)
{
    if (!policy.subjectAltNames.isEmpty()) {
        const QStringList names = subjectAltNamesOf(certificate);
        const bool any = std::any_of(names.begin(), names.end(), [&](const QString &name) {
            return policy.subjectAltNames.contains(name);
        });
        if (!any)
            return false;
    }
    if (policy.spkiSha256Base64.isEmpty() && policy.certificateSha256Hex.isEmpty())
        return true;
    unsigned char *der = nullptr;
    const int spkiLength = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(certificate), &der);
    const QByteArray spki = spkiLength > 0 ? sha256(der, spkiLength).toBase64() : QByteArray();
    OPENSSL_free(der);
    der = nullptr;
    const int certificateLength = i2d_X509(certificate, &der);
    const QByteArray hash =
        certificateLength > 0 ? sha256(der, certificateLength).toHex() : QByteArray();
    OPENSSL_free(der);
    return policy.spkiSha256Base64.contains(spki) || policy.certificateSha256Hex.contains(hash);
}

int verifyClient(int preverified, X509_STORE_CTX *store)
{
    auto *ssl =
        static_cast<SSL *>(X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
    const auto *policy =
        static_cast<const ClientPolicy *>(SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), policyIndex()));
    if (policy->insecureSkipVerify)
        return 1; // validated, but let through whatever the outcome
    if (!preverified || X509_STORE_CTX_get_error_depth(store) != 0)
        return preverified;
    if (clientAllowed(*policy, X509_STORE_CTX_get_current_cert(store)))
        return 1;
    X509_STORE_CTX_set_error(store, X509_V_ERR_APPLICATION_VERIFICATION);
    return 0;
}

int selectHttp11(SSL *, const unsigned char **out, unsigned char *outLength,
                 const unsigned char *offered, unsigned int offeredLength, void *)
{
    static const unsigned char HTTP11[] = {8, 'h', 't', 't', 'p', '/', '1', '.', '1'};
    unsigned char *chosen = nullptr;
    if (SSL_select_next_proto(&chosen, outLength, HTTP11, sizeof HTTP11, offered, offeredLength) !=
        OPENSSL_NPN_NEGOTIATED)
        return SSL_TLSEXT_ERR_NOACK;
    *out = chosen;
    return SSL_TLSEXT_ERR_OK;
}

int versionOf(Istio::TlsProtocolVersion version)
{
    switch (version) {
    case Istio::TlsProtocolVersion::TLSV1_0:
        return TLS1_VERSION;
    case Istio::TlsProtocolVersion::TLSV1_1:
        return TLS1_1_VERSION;
    case Istio::TlsProtocolVersion::TLSV1_2:
        return TLS1_2_VERSION;
    case Istio::TlsProtocolVersion::TLSV1_3:
        return TLS1_3_VERSION;
    case Istio::TlsProtocolVersion::TLS_AUTO:
        break;
    }
    return 0;
}

// Every certificate of a PEM bundle, in order.
std::vector<X509 *> readCertificates(const QByteArray &pem)
{
    std::vector<X509 *> certificates;
    BIO *bio = BIO_new_mem_buf(pem.constData(), int(pem.size()));
    while (X509 *certificate = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr))
        certificates.push_back(certificate);
    ERR_clear_error(); // the end of the bundle reads as an error
    BIO_free(bio);
    return certificates;
}

bool useCertificate(SSL_CTX *context, const TlsMaterial::Pair &pair, QString *error)
{
    std::vector<X509 *> chain = readCertificates(pair.certificateChainPem);
    BIO *bio = BIO_new_mem_buf(pair.privateKeyPem.constData(), int(pair.privateKeyPem.size()));
    EVP_PKEY *key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    bool ok = false;
    if (chain.empty()) {
        *error = QStringLiteral("no certificate in the PEM data");
    } else if (!key) {
        *error = QStringLiteral("unreadable private key: ") + lastError();
    } else {
        STACK_OF(X509) *intermediates = sk_X509_new_null();
        for (std::size_t i = 1; i < chain.size(); ++i)
            sk_X509_push(intermediates, chain[i]);
        ok = SSL_CTX_use_cert_and_key(context, chain.front(), key, intermediates, 1) == 1;
        if (!ok)
            *error = QStringLiteral("the certificate and key do not fit: ") + lastError();
        sk_X509_free(intermediates);
    }
    for (X509 *certificate : chain)
        X509_free(certificate);
    EVP_PKEY_free(key);
    return ok;
}

bool trustClientCas(SSL_CTX *context, const QByteArray &pem, QString *error)
{
    const std::vector<X509 *> cas = readCertificates(pem);
    if (cas.empty()) {
        *error = QStringLiteral("no CA certificate to verify client certificates with");
        return false;
    }
    X509_STORE *store = SSL_CTX_get_cert_store(context);
    STACK_OF(X509_NAME) *names = sk_X509_NAME_new_null();
    for (X509 *ca : cas) {
        X509_STORE_add_cert(store, ca);
        sk_X509_NAME_push(names, X509_NAME_dup(X509_get_subject_name(ca)));
        X509_free(ca);
    }
    SSL_CTX_set_client_CA_list(context, names); // takes the names
    return true;
}

} // namespace

std::shared_ptr<SSL_CTX> buildServerContext(const Istio::ServerTlsSettings &settings,
                                            const TlsMaterial &material, bool http, bool resumption,
                                            QString *error)
{
    ERR_clear_error();
    SSL_CTX *raw = SSL_CTX_new(TLS_server_method());
    if (!raw) {
        *error = lastError();
        return nullptr;
    }
    std::shared_ptr<SSL_CTX> context(raw, SSL_CTX_free);
    auto *policy = new ClientPolicy;
    SSL_CTX_set_ex_data(raw, policyIndex(), policy); // owned by the context from now on
    // Idle connections keep no record buffers; a peer vanishing without close_notify is an
    // ordinary end; no renegotiation (Envoy refuses it too).
    SSL_CTX_set_mode(raw, SSL_MODE_RELEASE_BUFFERS | SSL_MODE_ENABLE_PARTIAL_WRITE |
                              SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    SSL_CTX_set_options(raw, SSL_OP_IGNORE_UNEXPECTED_EOF | SSL_OP_NO_RENEGOTIATION |
                                 SSL_OP_CIPHER_SERVER_PREFERENCE);
    // Read-ahead: one recv() takes whatever the kernel has (not a header, then a record body);
    // TlsStream::read() drains what OpenSSL buffered.
    SSL_CTX_set_read_ahead(raw, 1);
    SSL_CTX_set_session_cache_mode(raw, SSL_SESS_CACHE_OFF); // tickets resume, if any
    if (!resumption) {
        SSL_CTX_set_options(raw, SSL_OP_NO_TICKET);
        SSL_CTX_set_num_tickets(raw, 0);
    }

    const int minimum =
        versionOf(settings.minProtocolVersion.value_or(Istio::TlsProtocolVersion::TLSV1_2));
    const int maximum =
        versionOf(settings.maxProtocolVersion.value_or(Istio::TlsProtocolVersion::TLS_AUTO));
    if (minimum && minimum < TLS1_2_VERSION)
        SSL_CTX_set_security_level(raw, 0); // OpenSSL 3 refuses TLS 1.0/1.1 above level 0
    SSL_CTX_set_min_proto_version(raw, minimum ? minimum : TLS1_2_VERSION);
    SSL_CTX_set_max_proto_version(raw, maximum);
    if (!settings.cipherSuites.empty()) {
        QStringList suites(settings.cipherSuites.begin(), settings.cipherSuites.end());
        const QByteArray list = suites.join(QLatin1Char(':')).toLatin1();
        if (SSL_CTX_set_cipher_list(raw, list.constData()) != 1) {
            *error = QStringLiteral("none of the cipherSuites is known: ") + lastError();
            return nullptr;
        }
    }

    if (material.certificates.empty()) {
        *error = QStringLiteral("no server certificate");
        return nullptr;
    }
    for (const TlsMaterial::Pair &pair : material.certificates) {
        if (!useCertificate(raw, pair, error))
            return nullptr;
    }

    const Istio::ServerTlsMode mode = settings.effectiveMode();
    if (mode == Istio::ServerTlsMode::MUTUAL || mode == Istio::ServerTlsMode::OPTIONAL_MUTUAL) {
        if (!trustClientCas(raw, material.clientCaPem, error))
            return nullptr;
        policy->subjectAltNames =
            QStringList(settings.subjectAltNames.begin(), settings.subjectAltNames.end());
        for (const QString &spki : settings.verifyCertificateSpki)
            policy->spkiSha256Base64 << spki.trimmed().toLatin1();
        for (const QString &hash : settings.verifyCertificateHash)
            policy->certificateSha256Hex
                << hash.trimmed().remove(QLatin1Char(':')).toLower().toLatin1();
        policy->insecureSkipVerify = settings.insecureSkipVerify.value_or(false);
        const int flags = mode == Istio::ServerTlsMode::MUTUAL
                              ? SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT
                              : SSL_VERIFY_PEER;
        SSL_CTX_set_verify(raw, flags, verifyClient);
        SSL_CTX_set_verify_depth(raw, 8);
        // A context id is needed for session resumption when client certificates are asked for.
        static const unsigned char ID[] = "gatehouse";
        SSL_CTX_set_session_id_context(raw, ID, sizeof ID - 1);
    }
    if (http)
        SSL_CTX_set_alpn_select_cb(raw, selectHttp11, nullptr);
    return context;
}

} // namespace Proxy
