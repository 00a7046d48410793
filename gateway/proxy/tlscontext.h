#pragma once

#include "model/gateway.h"

#include <QByteArray>
#include <QString>
#include <memory>
#include <vector>

typedef struct ssl_ctx_st SSL_CTX;

// The server TLS context of one terminating filter chain (SIMPLE, MUTUAL, OPTIONAL_MUTUAL),
// built once per snapshot on the owner's thread and then shared read-only by every worker
// (OpenSSL contexts are safe to create connections from concurrently).
namespace Proxy {

struct TlsMaterial {
    struct Pair {
        QByteArray certificateChainPem; // leaf first
        QByteArray privateKeyPem;
    };
    std::vector<Pair> certificates; // one or two (an RSA and an ECDSA certificate)
    QByteArray clientCaPem;         // verifies client certificates; may be empty
};

// What a chain's connections get: a context, or a refusal with the reason the access log shows.
struct ChainTls {
    std::shared_ptr<SSL_CTX> context; // null: every handshake on the chain is refused
    QString refusal;
    QString source; // where the certificate came from, for the user
};

// Applies the server's TLS settings as Envoy would: certificates, TLS versions (minimum
// TLS 1.2 unless set), cipherSuites (TLS 1.2 and below; TLS 1.3 suites are fixed, as in
// BoringSSL), client certificates for MUTUAL (required) and OPTIONAL_MUTUAL (requested), with
// subjectAltNames, verifyCertificateSpki and verifyCertificateHash checked during the handshake.
// `http`: the chain serves HTTP, so ALPN offers http/1.1 (the local gateway speaks HTTP/1.1
// only; a client offering just h2 gets no ALPN and falls back). Null with `error` on failure.
// `resumption`: issue session tickets (TLS 1.2 and 1.3), so returning clients may resume.
std::shared_ptr<SSL_CTX> buildServerContext(const Istio::ServerTlsSettings &settings,
                                            const TlsMaterial &material, bool http, bool resumption,
                                            QString *error);

} // namespace Proxy
