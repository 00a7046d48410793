#pragma once

// Owning handles for the OpenSSL objects gateway/tls works with, and the few conversions
// between them and Qt byte arrays. Internal to the gateway library: OpenSSL is a private
// dependency, so public headers of gateway/tls never include this one.

#include <QByteArray>
#include <QString>
#include <memory>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace Tls {

template <auto FreeFunction> struct OpenSslDeleter {
    template <class T> void operator()(T *object) const { FreeFunction(object); }
};

template <class T, auto FreeFunction>
using OpenSslHandle = std::unique_ptr<T, OpenSslDeleter<FreeFunction>>;

using X509Ptr = OpenSslHandle<X509, X509_free>;
using EvpPkeyPtr = OpenSslHandle<EVP_PKEY, EVP_PKEY_free>;
using EvpPkeyCtxPtr = OpenSslHandle<EVP_PKEY_CTX, EVP_PKEY_CTX_free>;
using BioPtr = OpenSslHandle<BIO, BIO_free_all>;
using X509StorePtr = OpenSslHandle<X509_STORE, X509_STORE_free>;
using X509StoreCtxPtr = OpenSslHandle<X509_STORE_CTX, X509_STORE_CTX_free>;
using X509NamePtr = OpenSslHandle<X509_NAME, X509_NAME_free>;
using X509ExtensionPtr = OpenSslHandle<X509_EXTENSION, X509_EXTENSION_free>;
using GeneralNamesPtr = OpenSslHandle<GENERAL_NAMES, GENERAL_NAMES_free>;
using GeneralNamePtr = OpenSslHandle<GENERAL_NAME, GENERAL_NAME_free>;
using Asn1IntegerPtr = OpenSslHandle<ASN1_INTEGER, ASN1_INTEGER_free>;
using Asn1ObjectPtr = OpenSslHandle<ASN1_OBJECT, ASN1_OBJECT_free>;
using BignumPtr = OpenSslHandle<BIGNUM, BN_free>;

// Frees the stack and drops one reference of every certificate in it.
inline void freeCertificateStack(STACK_OF(X509) * stack)
{
    sk_X509_pop_free(stack, X509_free);
}
using X509StackPtr = OpenSslHandle<STACK_OF(X509), freeCertificateStack>;

// A read-only memory BIO over bytes the caller keeps alive while the BIO is used.
inline BioPtr readBio(const QByteArray &bytes)
{
    return BioPtr(BIO_new_mem_buf(bytes.constData(), int(bytes.size())));
}

// Everything written to a memory BIO.
inline QByteArray bioBytes(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return size > 0 ? QByteArray(data, qsizetype(size)) : QByteArray();
}

// The oldest queued OpenSSL error as text ("" when none), emptying the thread's queue so a
// stale reason never explains a later failure.
inline QString takeOpenSslError()
{
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0)
        return {};
    const char *reason = ERR_reason_error_string(code);
    return reason ? QString::fromLatin1(reason)
                  : QStringLiteral("OpenSSL error %1").arg(code, 0, 16);
}

} // namespace Tls
