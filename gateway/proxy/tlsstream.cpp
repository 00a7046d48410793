#include "tlsstream.h"

#include "tls/opensslhandles.h"

#include <QStringList>
#include <cerrno>
#include <cstring>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <sys/socket.h>

namespace Proxy {

struct TlsStream::Source {
    int fd;
    QByteArray prefix;
    qsizetype prefixOffset = 0;
};

namespace {

bool isTransient(int error)
{
    return error == EAGAIN || error == EWOULDBLOCK || error == EINTR;
}

int sourceRead(BIO *bio, char *out, size_t size, size_t *readBytes)
{
    auto *source = static_cast<TlsStream::Source *>(BIO_get_data(bio));
    BIO_clear_retry_flags(bio);
    const qsizetype left = source->prefix.size() - source->prefixOffset;
    if (left > 0) {
        const size_t count = std::min(size, size_t(left));
        memcpy(out, source->prefix.constData() + source->prefixOffset, count);
        source->prefixOffset += qsizetype(count);
        if (source->prefixOffset == source->prefix.size()) {
            source->prefix = QByteArray();
            source->prefixOffset = 0;
        }
        *readBytes = count;
        return 1;
    }
    const ssize_t count = ::recv(source->fd, out, size, 0);
    if (count > 0) {
        *readBytes = size_t(count);
        return 1;
    }
    if (count < 0 && isTransient(errno))
        BIO_set_retry_read(bio);
    *readBytes = 0;
    return 0; // 0 without a retry flag: end of stream or a broken connection
}

int sourceWrite(BIO *bio, const char *data, size_t size, size_t *written)
{
    auto *source = static_cast<TlsStream::Source *>(BIO_get_data(bio));
    BIO_clear_retry_flags(bio);
    const ssize_t count = ::send(source->fd, data, size, MSG_NOSIGNAL);
    if (count >= 0) {
        *written = size_t(count);
        return 1;
    }
    if (isTransient(errno))
        BIO_set_retry_write(bio);
    *written = 0;
    return 0;
}

long sourceControl(BIO *, int command, long, void *)
{
    return command == BIO_CTRL_FLUSH ? 1 : 0; // writes go straight to the kernel
}

int sourceCreate(BIO *bio)
{
    BIO_set_init(bio, 1);
    return 1;
}

// Created once for the process; OpenSSL's method tables are immutable after set-up.
BIO_METHOD *sourceMethod()
{
    static BIO_METHOD *method = [] {
        BIO_METHOD *m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "gatehouse fd");
        BIO_meth_set_read_ex(m, sourceRead);
        BIO_meth_set_write_ex(m, sourceWrite);
        BIO_meth_set_ctrl(m, sourceControl);
        BIO_meth_set_create(m, sourceCreate);
        return m;
    }();
    return method;
}

} // namespace

TlsStream::TlsStream(SSL *ssl, int fd, QByteArray alreadyRead)
    : m_ssl(ssl), m_source(new Source{fd, std::move(alreadyRead)})
{
    BIO *bio = BIO_new(sourceMethod());
    BIO_set_data(bio, m_source);
    SSL_set_bio(m_ssl, bio, bio); // one BIO, both directions; the SSL owns it
    SSL_set_accept_state(m_ssl);
}

TlsStream::~TlsStream()
{
    SSL_free(m_ssl);
    delete m_source;
}

qsizetype TlsStream::failure(int result, const char *operation)
{
    const int error = SSL_get_error(m_ssl, result);
    switch (error) {
    case SSL_ERROR_WANT_READ:
        m_wantsWrite = false;
        return WouldBlock;
    case SSL_ERROR_WANT_WRITE:
        m_wantsWrite = true;
        return WouldBlock;
    case SSL_ERROR_ZERO_RETURN:
        if (handshakeDone())
            return 0;
        m_error = QStringLiteral("the client closed during the handshake");
        return Failed;
    case SSL_ERROR_SYSCALL:
        if (ERR_peek_error() == 0) {
            // The peer went away without close_notify (or reset the connection).
            m_error = handshakeDone() ? QString()
                                      : QStringLiteral("the client closed during the handshake");
            ERR_clear_error();
            return handshakeDone() ? 0 : qsizetype(Failed);
        }
        break;
    default:
        break;
    }
    m_fatal = true; // OpenSSL must not be asked to send close_notify after this
    const QString detail = Tls::takeOpenSslError();
    m_error = QStringLiteral("TLS %1 failed: %2")
                  .arg(QLatin1String(operation),
                       detail.isEmpty() ? QStringLiteral("connection broken") : detail);
    return Failed;
}

qsizetype TlsStream::read(QByteArray &buffer)
{
    constexpr qsizetype RECORD = 16 * 1024;
    if (m_pendingEnd) { // an end (or a failure) that came right behind the last data
        const qsizetype end = std::exchange(m_pendingEnd, 0);
        return end == PENDING_CLOSE ? 0 : end;
    }
    qsizetype total = 0;
    ERR_clear_error(); // another connection's leftovers would confuse SSL_get_error
    for (;;) {
        const qsizetype before = buffer.size();
        buffer.resize(before + RECORD); // room at the end, whatever remove() left at the front
        size_t got = 0;
        const int result = SSL_read_ex(m_ssl, buffer.data() + before, size_t(RECORD), &got);
        buffer.resize(before + (result == 1 ? qsizetype(got) : 0));
        if (result == 1) {
            total += qsizetype(got);
            // Stop when nothing is buffered here any more: what is still in the kernel wakes
            // the poller again, and asking the kernel now would cost a system call for nothing.
            if (!SSL_has_pending(m_ssl) && m_source->prefixOffset == m_source->prefix.size())
                return total;
            continue;
        }
        const qsizetype outcome = failure(result, "read");
        if (total > 0 && outcome != WouldBlock) // kept for the next read (hasPendingEnd())
            m_pendingEnd = outcome == 0 ? PENDING_CLOSE : qsizetype(Failed);
        return total > 0 ? total : outcome;
    }
}

qsizetype TlsStream::write(QByteArrayView data)
{
    size_t written = 0;
    ERR_clear_error();
    const int result = SSL_write_ex(m_ssl, data.data(), size_t(data.size()), &written);
    if (result == 1) {
        m_wantsWrite = false;
        return qsizetype(written);
    }
    const qsizetype outcome = failure(result, "write");
    return outcome == 0 ? Failed : outcome; // writing after the peer's close_notify
}

void TlsStream::shutdown()
{
    if (m_shutdownSent || m_fatal || !handshakeDone())
        return;
    m_shutdownSent = true;
    SSL_shutdown(m_ssl);
    ERR_clear_error();
}

bool TlsStream::handshakeDone() const
{
    return SSL_is_init_finished(m_ssl);
}

QString TlsStream::forwardedClientCert() const
{
    X509 *certificate = SSL_get0_peer_certificate(m_ssl);
    if (!certificate)
        return QString();
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    X509_digest(certificate, EVP_sha256(), digest, &size);
    QString value =
        QStringLiteral("Hash=") +
        QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(digest), int(size)).toHex());
    const Tls::BioPtr subject(BIO_new(BIO_s_mem()));
    X509_NAME_print_ex(subject.get(), X509_get_subject_name(certificate), 0, XN_FLAG_RFC2253);
    // Envoy quotes the subject and escapes the quotes inside it.
    value += QStringLiteral(";Subject=\"%1\"")
                 .arg(QString::fromUtf8(Tls::bioBytes(subject.get()))
                          .replace(QLatin1Char('"'), QLatin1String("\\\"")));
    const Tls::GeneralNamesPtr names(static_cast<GENERAL_NAMES *>(
        X509_get_ext_d2i(certificate, NID_subject_alt_name, nullptr, nullptr)));
    QString uri;
    QString dns;
    for (int i = 0; names && i < sk_GENERAL_NAME_num(names.get()); ++i) {
        const GENERAL_NAME *name = sk_GENERAL_NAME_value(names.get(), i);
        if (name->type != GEN_URI && name->type != GEN_DNS)
            continue;
        const QString text =
            QString::fromLatin1(reinterpret_cast<const char *>(ASN1_STRING_get0_data(name->d.ia5)),
                                ASN1_STRING_length(name->d.ia5));
        if (name->type == GEN_URI && uri.isEmpty())
            uri = QStringLiteral(";URI=") + text; // Envoy sets the first URI SAN
        else if (name->type == GEN_DNS)
            dns += QStringLiteral(";DNS=") + text;
    }
    return value + uri + dns;
}

} // namespace Proxy
