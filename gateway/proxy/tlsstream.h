#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

typedef struct ssl_st SSL;
typedef struct x509_st X509;

// The server side of one TLS connection on the proxy's data path: OpenSSL on a non-blocking
// descriptor, with no extra copy of the ciphertext. The bytes the TLS listener already read to
// look at the ClientHello are handed back to OpenSSL first, as if still in the kernel, so the
// handshake sees the whole stream.
//
// Used only by FdSocket, on its thread. The handshake runs inside the first reads.
namespace Proxy {

class TlsStream {
public:
    enum : qsizetype { WouldBlock = -1, Failed = -2 };

    // Takes `ssl` (created from the chosen filter chain's context). `alreadyRead`: the bytes read
    // off `fd` before TLS started (the ClientHello, perhaps more).
    TlsStream(SSL *ssl, int fd, QByteArray alreadyRead);
    ~TlsStream();
    TlsStream(const TlsStream &) = delete;
    TlsStream &operator=(const TlsStream &) = delete;

    // Appends all the plaintext available now to `buffer` (never leaving decrypted bytes inside
    // OpenSSL, where no readiness event would announce them). Returns the count, 0 when the peer
    // closed, WouldBlock or Failed (errorText() says why).
    qsizetype read(QByteArray &buffer);
    // Encrypts and sends a prefix of `data`; returns how many bytes were taken, WouldBlock or
    // Failed. After WouldBlock the caller retries with the same bytes first.
    qsizetype write(QByteArrayView data);
    // Sends close_notify (best effort, once).
    void shutdown();

    // An end of stream or a failure arrived together with the data the last read() returned;
    // the next read() returns it (the owner calls it again: no readiness event will).
    bool hasPendingEnd() const { return m_pendingEnd != 0; }
    // True when the last WouldBlock waits for the socket to become writable (a handshake flight
    // or a record the kernel did not take), so the owner also watches for writability.
    bool wantsWrite() const { return m_wantsWrite; }
    bool handshakeDone() const;
    const QString &errorText() const { return m_error; }
    // What Istio's gateway puts in x-forwarded-client-cert for a client that presented a
    // certificate (forward_client_cert_details SANITIZE_SET with subject, URI and DNS):
    // `Hash=<sha256>;Subject="<RFC 2253>";URI=<uri>;DNS=<name>...`; "" without one.
    QString forwardedClientCert() const;

private:
    qsizetype failure(int result, const char *operation);

public:
    struct Source; // what the BIO reads from: the bytes already read, then the descriptor

private:
    SSL *m_ssl;
    Source *m_source;
    static constexpr qsizetype PENDING_CLOSE = -3;
    qsizetype m_pendingEnd = 0; // 0 none; PENDING_CLOSE (read() returns 0) or Failed
    bool m_wantsWrite = false;
    bool m_shutdownSent = false;
    bool m_fatal = false;
    QString m_error;
};

} // namespace Proxy
