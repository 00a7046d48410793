#pragma once

// Reading and writing PEM text with positioned, plain-language errors. Internal to gateway/tls
// (it hands out OpenSSL handles).

#include "opensslhandles.h"

#include <QByteArray>
#include <QString>
#include <optional>
#include <vector>

namespace Tls::Pem {

// One -----BEGIN LABEL----- ... -----END LABEL----- block, with the line it starts on.
struct Block {
    QByteArray label; // "CERTIFICATE", "PRIVATE KEY", ...
    QByteArray text;  // the block itself, BEGIN and END lines included
    int line = 0;     // 1-based
};

// Every block of the text, in order. Text outside blocks is ignored (openssl writes
// "subject=..." lines there). A BEGIN without its END, or an END that closes nothing, is an
// error: returns nullopt and sets `error`.
std::optional<std::vector<Block>> blocks(const QByteArray &pem, QString *error);

// Every certificate of a PEM bundle, in order; other blocks (keys, parameters) are skipped.
// Empty with `error` set when a block does not decode or there is no certificate at all.
std::vector<X509Ptr> readCertificates(const QByteArray &pem, QString *error);

// The first private key of the text (PKCS#8, SEC1 "EC PRIVATE KEY" or PKCS#1 "RSA PRIVATE
// KEY"). Encrypted keys are refused: the local gateway has no way to ask for a passphrase.
EvpPkeyPtr readPrivateKey(const QByteArray &pem, QString *error);

QByteArray write(X509 *certificate);
QByteArray write(EVP_PKEY *privateKey); // unencrypted PKCS#8

// Stores a message when the caller asked for one (error may be null).
inline void setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
}

} // namespace Tls::Pem
