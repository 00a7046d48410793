#pragma once

#include "core/diagnostic.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

// Checks of certificate material that feed diagnostics: does the key belong to the certificate,
// does the chain lead to a CA, is it valid now, does it cover the hosts it is served for.
namespace Tls {

// Whether the private key is the one whose public half the (first) certificate carries. False
// with `error` set when either does not decode or they do not belong together.
bool privateKeyMatches(const QByteArray &certificatePem, const QByteArray &privateKeyPem,
                       QString *error);

// Whether the first certificate of `chainPem` verifies against the CA certificates of `caPem`,
// using the chain's other certificates as intermediates. Only signatures and the chain's shape
// are checked here, not the validity dates (checkServerCertificate reports those on their own).
// A CA bundle that holds an intermediate is trusted as the anchor, as the user gave it.
bool verifiesAgainst(const QByteArray &chainPem, const QByteArray &caPem, QString *error);

struct ServerCertificateCheck {
    QByteArray certificateChainPem; // leaf first, then intermediates
    QByteArray privateKeyPem;       // empty: the key is not checked
    QByteArray caPem;               // empty: the chain is not verified
    QStringList hosts;              // hosts the leaf must cover; "*" (any host) is skipped
    QString description;            // starts each message: "files /x/tls.crt, ..."; empty: nothing
    QDateTime now;                  // null: the current time
};

// Everything wrong with a server certificate, as diagnostics (codes GH6001-GH6006): material
// that does not decode, a certificate of the chain expired or not yet valid, a host the leaf
// does not cover, a key that does not match, a chain the CA does not verify. Empty when fine.
// The diagnostics carry no subject or field path: the caller knows what they are about.
Core::Diagnostics checkServerCertificate(const ServerCertificateCheck &check);

} // namespace Tls
