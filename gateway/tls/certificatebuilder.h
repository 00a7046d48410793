#pragma once

// Building keys and X.509 certificates with OpenSSL: the mechanics behind
// CertificateAuthority. Internal to gateway/tls.

#include "opensslhandles.h"

#include <QString>
#include <QStringList>

namespace Tls::Builder {

// A fresh ECDSA key on P-256: small, fast, and accepted by every TLS client in use.
EvpPkeyPtr generateP256Key(QString *error);

struct CertificateRequest {
    QString commonName;
    QString organization;
    QStringList dnsNames;    // already checked
    QStringList ipAddresses; // already checked
    QStringList uris;
    bool isCa = false;
    int extendedKeyUsage = NID_undef; // NID_server_auth, NID_client_auth; ignored for a CA
    int validityDays = 0;             // counted from one hour ago (clock skew)
};

// A certificate for `subjectKey` signed by `issuerKey` (the same key and issuer == nullptr for
// a self-signed CA), with a random positive 128-bit serial and SHA-256 signature.
X509Ptr build(const CertificateRequest &request, EVP_PKEY *subjectKey, X509 *issuer,
              EVP_PKEY *issuerKey, QString *error);

} // namespace Tls::Builder
