#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <optional>

// Reads the TLS ClientHello at the start of a connection before any TLS library sees it, so a
// TLS port can pick the server (certificate, filter chain) by SNI and ALPN first, the way
// Envoy's tls_inspector does. It only looks: the caller still hands every byte to the TLS
// library afterwards, which performs the handshake and its own, complete checks.
namespace Proxy {

struct ClientHello {
    std::optional<QByteArray> serverName; // SNI host_name, as sent; nullopt: no SNI extension
    QList<QByteArray> alpn;               // protocols offered, in order
    quint16 legacyVersion = 0;            // client_version field
    QList<quint16> supportedVersions;     // supported_versions extension (TLS 1.3 clients)
};

// Stateless: call read() with everything received so far after each read from the socket,
// until the status is no longer NeedMore.
//
// Contract:
// - NeedMore: the bytes are a valid beginning of a ClientHello (every length and field seen so
//   far is consistent) and the hello, with its record headers, can still end within the first
//   MAX_HELLO_BYTES bytes of the connection.
// - Complete: `hello` is filled in. The hello spans one or more handshake records and ends
//   exactly at the end of a record (RFC 8446 §5.1: a ClientHello must not share a record with
//   what follows); bytes after that record are not looked at.
// - Malformed: `error` says what is wrong and at which byte of `bytes`. The connection should
//   be closed; more bytes cannot make it valid.
// Never reads outside `bytes`, throws nothing, and allocates only in proportion to the bytes
// that arrived, never to a length they claim. Each call costs time linear in the bytes up to the
// end of the hello (at most MAX_HELLO_BYTES), so a caller that re-reads after every tiny read
// should also bound the time a connection may take to send its hello.
class ClientHelloReader {
public:
    enum class Status { NeedMore, Complete, Malformed };
    struct Result {
        Status status = Status::NeedMore;
        ClientHello hello;
        QString error; // Malformed: why, with the byte offset
    };

    // `bytes`: everything received on the connection so far (it starts at the first record).
    static Result read(QByteArrayView bytes);
    static constexpr qsizetype MAX_HELLO_BYTES = 64 * 1024; // a longer ClientHello is Malformed
};

} // namespace Proxy
