#pragma once

#include <QByteArray>
#include <QString>

namespace Tls {

struct TlsSecret {
    QString name;
    QString nameSpace; // empty: no namespace (kubectl applies it to the current one)
    QByteArray certificatePem;
    QByteArray privateKeyPem;
    QByteArray caPem; // empty: no ca.crt key
    QString comment;  // optional heading comment, one or more lines, without "#"
};

// A `kubernetes.io/tls` Secret manifest (one YAML document, no "---") with base64 data
// tls.crt, tls.key and, when given, ca.crt: what a gateway's credentialName reads.
// Empty with `error` set when the name is not a DNS-1123 subdomain, the namespace not a
// DNS-1123 label, or the certificate or key is missing.
QByteArray tlsSecretManifest(const TlsSecret &secret, QString *error);

} // namespace Tls
