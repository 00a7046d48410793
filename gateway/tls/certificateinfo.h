#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>
#include <vector>

namespace Tls {

// What a certificate says about itself, as text a user can read and compare with openssl's
// output.
struct CertificateInfo {
    QString subject; // "O=Gatehouse development, CN=uk.bookinfo.com", in certificate order
    QString issuer;
    QStringList dnsNames; // subjectAltName entries, as written (may hold "*.example.com")
    QStringList ipAddresses;
    QStringList uris;
    QDateTime notBefore; // UTC
    QDateTime notAfter;  // UTC
    QString serialHex;   // upper case, no separators (openssl x509 -serial)
    // SHA-256 of the DER certificate, "AB:CD:..." (openssl x509 -fingerprint -sha256).
    QString sha256Fingerprint;
    // Base64 SHA-256 of the DER SubjectPublicKeyInfo: the value Istio's
    // verifyCertificateSpki lists.
    QString spkiSha256Base64;
    QString keyDescription; // "EC P-256", "RSA 2048", "ED25519"
    bool isCa = false;      // basicConstraints CA:TRUE
};

// Every certificate of a PEM bundle, in order (other blocks such as keys are skipped). Empty,
// with `error` saying where and why, when the text is not PEM, a block does not decode, or
// there is no certificate at all.
std::vector<CertificateInfo> inspectCertificates(const QByteArray &pem, QString *error);

// Whether a certificate is valid for `host` under RFC 6125 (subjectAltName only: the subject
// CN is ignored, as browsers and Go do). Case-insensitive; a trailing dot is ignored. A SAN
// "*.a.com" covers exactly one label in its place: b.a.com, not a.com nor c.b.a.com, and it
// needs two labels after the star. A wildcard `host` ("*.a.com", as Gateway servers write them)
// is covered only by the same wildcard SAN. An IP literal is compared with the IP SANs. The
// host "*" is never covered.
bool coversHost(const CertificateInfo &info, const QString &host);

} // namespace Tls
