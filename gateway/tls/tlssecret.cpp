#include "tlssecret.h"

#include "validation/names.h"

#include <QStringList>

namespace Tls {

QByteArray tlsSecretManifest(const TlsSecret &secret, QString *error)
{
    auto fail = [&](const QString &message) {
        if (error)
            *error = message;
        return QByteArray();
    };
    if (!Validation::Names::isDns1123Subdomain(secret.name))
        return fail(QStringLiteral("\"%1\" is not a valid Secret name (lower case letters, "
                                   "digits, '-' and '.', at most 253 characters)")
                        .arg(secret.name));
    if (!secret.nameSpace.isEmpty() && !Validation::Names::isDns1123Label(secret.nameSpace))
        return fail(QStringLiteral("\"%1\" is not a valid namespace (lower case letters, digits "
                                   "and '-', at most 63 characters)")
                        .arg(secret.nameSpace));
    if (secret.certificatePem.isEmpty() || secret.privateKeyPem.isEmpty())
        return fail(QStringLiteral("a TLS Secret needs a certificate and a private key"));

    QByteArray out;
    if (!secret.comment.isEmpty()) {
        for (const QString &line : secret.comment.split(QLatin1Char('\n')))
            out += (QStringLiteral("# ") + line).trimmed().toUtf8() + '\n';
    }
    out += "apiVersion: v1\nkind: Secret\nmetadata:\n  name: " + secret.name.toUtf8() + '\n';
    if (!secret.nameSpace.isEmpty())
        out += "  namespace: " + secret.nameSpace.toUtf8() + '\n';
    out += "type: kubernetes.io/tls\ndata:\n";
    out += "  tls.crt: " + secret.certificatePem.toBase64() + '\n';
    out += "  tls.key: " + secret.privateKeyPem.toBase64() + '\n';
    if (!secret.caPem.isEmpty())
        out += "  ca.crt: " + secret.caPem.toBase64() + '\n';
    return out;
}

} // namespace Tls
