#include "clienthelloreader.h"

#include <QVarLengthArray>
#include <algorithm>
#include <bitset>

// Two layers, both checked on whatever prefix has arrived:
// 1. records (RFC 8446 §5.1): handshake records whose payloads, concatenated, carry the
//    ClientHello message; `collectRecords` validates their headers and notes where each payload
//    lies.
// 2. the message (RFC 8446 §4.1.2, with the TLS 1.0-1.2 shapes it still allows): HelloParser
//    walks nested length-prefixed blocks with a Cursor that knows both where a block must end
//    (its declared length) and how much of it has arrived, so an inconsistent length is an error
//    at once while a merely unfinished block asks for more.

namespace Proxy {

namespace {

constexpr quint8 CONTENT_TYPE_HANDSHAKE = 22;
constexpr qsizetype RECORD_HEADER_BYTES = 5;
// A plaintext record carries at most 2^14 bytes (RFC 8446 §5.1); OpenSSL and BoringSSL answer a
// longer one with record_overflow, so it cannot start a handshake that would succeed.
constexpr qsizetype MAX_RECORD_PAYLOAD = 16384;
// Record versions a first flight carries: 0x0301 from most clients, 0x0300 from some that want
// to reach old servers, 0x0303/0x0304 from a few. Servers look no further than the major version
// on these records, so every one of them must pass; the minor stays within what exists.
constexpr quint8 RECORD_VERSION_MAJOR = 3;
constexpr quint8 MAX_RECORD_VERSION_MINOR = 4;

constexpr quint8 HANDSHAKE_CLIENT_HELLO = 1;
constexpr qsizetype HANDSHAKE_HEADER_BYTES = 4;
constexpr qsizetype RANDOM_BYTES = 32;
constexpr qsizetype MAX_SESSION_ID_BYTES = 32;
// OpenSSL refuses a longer SNI name (TLSEXT_MAXLEN_host_name); routing on a name it will refuse
// would be pointless.
constexpr qsizetype MAX_HOST_NAME_BYTES = 255;

constexpr quint16 EXTENSION_SERVER_NAME = 0;
constexpr quint16 EXTENSION_ALPN = 16;
constexpr quint16 EXTENSION_SUPPORTED_VERSIONS = 43;
constexpr quint8 NAME_TYPE_HOST_NAME = 0;

// Where one record's received payload lies, in the connection's bytes and in the handshake
// stream (the payloads concatenated).
struct Fragment {
    qsizetype streamOffset;
    qsizetype handshakeOffset;
    qsizetype size;
};

// The handshake stream so far. Only received bytes are described: nothing here is sized by a
// length field.
struct Framing {
    QVarLengthArray<Fragment, 4> fragments;
    qsizetype received = 0;  // handshake bytes received
    qsizetype helloEnd = -1; // handshake offset just past the ClientHello, once its header is in
};

// The connection offset of a handshake-stream offset, for error messages. An offset past the
// received bytes maps past the last fragment.
qsizetype streamOffsetOf(const Framing &framing, qsizetype handshakeOffset)
{
    if (framing.fragments.isEmpty())
        return handshakeOffset;
    for (const Fragment &fragment : framing.fragments) {
        if (handshakeOffset < fragment.handshakeOffset + fragment.size)
            return fragment.streamOffset + (handshakeOffset - fragment.handshakeOffset);
    }
    const Fragment &last = framing.fragments.back();
    return last.streamOffset + (handshakeOffset - last.handshakeOffset);
}

// One handshake-stream byte; `index` must be below framing.received.
quint8 handshakeByte(QByteArrayView bytes, const Framing &framing, qsizetype index)
{
    for (const Fragment &fragment : framing.fragments) {
        if (index < fragment.handshakeOffset + fragment.size)
            return quint8(bytes[fragment.streamOffset + (index - fragment.handshakeOffset)]);
    }
    Q_ASSERT_X(false, "handshakeByte", "index past the received bytes");
    return 0;
}

QString hex(uint value, int digits)
{
    return QStringLiteral("0x%1").arg(value, digits, 16, QLatin1Char('0'));
}

enum class Step { Ok, Short, Bad };

struct Failure {
    qsizetype at = 0; // a connection offset (records) or a handshake offset (message)
    QString why;
};

Step setFailure(Failure &failure, qsizetype at, QString why)
{
    failure.at = at;
    failure.why = std::move(why);
    return Step::Bad;
}

// Walks the records at the start of `bytes` and fills `framing`. Stops at the record that ends
// the ClientHello, or where the bytes run out. Bad: `failure.at` is a connection offset.
Step collectRecords(QByteArrayView bytes, Framing &framing, Failure &failure)
{
    constexpr qsizetype max = ClientHelloReader::MAX_HELLO_BYTES;
    qsizetype offset = 0;
    qsizetype declared = 0; // handshake bytes the records so far announce
    while (offset < bytes.size()) {
        const quint8 type = quint8(bytes[offset]);
        if (type != CONTENT_TYPE_HANDSHAKE) {
            if (offset > 0)
                return setFailure(
                    failure, offset,
                    QStringLiteral("a record of content type %1 interrupts the "
                                   "ClientHello; only handshake records (22) may carry it")
                        .arg(type));
            if (type & 0x80)
                return setFailure(failure, 0,
                                  QStringLiteral("SSLv2-style ClientHello (first byte %1) is not "
                                                 "supported; the client must send a TLS record")
                                      .arg(hex(type, 2)));
            const bool text = (type >= 'A' && type <= 'Z') || (type >= 'a' && type <= 'z');
            return setFailure(
                failure, 0,
                QStringLiteral("not a TLS handshake record: content type %1, expected "
                               "22%2")
                    .arg(type)
                    .arg(text ? QStringLiteral(" (plain text, perhaps HTTP, on a TLS port)")
                              : QString()));
        }
        if (offset + RECORD_HEADER_BYTES + 1 > max)
            return setFailure(
                failure, offset,
                QStringLiteral("the ClientHello's records run past the limit of %1 bytes")
                    .arg(max));
        if (offset + 1 < bytes.size() && quint8(bytes[offset + 1]) != RECORD_VERSION_MAJOR)
            return setFailure(failure, offset + 1,
                              QStringLiteral("record version major %1 is not TLS (3)")
                                  .arg(quint8(bytes[offset + 1])));
        if (offset + 2 < bytes.size() && quint8(bytes[offset + 2]) > MAX_RECORD_VERSION_MINOR)
            return setFailure(failure, offset + 1,
                              QStringLiteral("record version %1 is not one of 0x0300-0x0304")
                                  .arg(hex(0x0300u | quint8(bytes[offset + 2]), 4)));
        if (offset + RECORD_HEADER_BYTES > bytes.size())
            break;
        const qsizetype length =
            (qsizetype(quint8(bytes[offset + 3])) << 8) | quint8(bytes[offset + 4]);
        if (length == 0)
            return setFailure(
                failure, offset + 3,
                QStringLiteral("zero-length handshake record (RFC 8446 forbids them)"));
        if (length > MAX_RECORD_PAYLOAD)
            return setFailure(failure, offset + 3,
                              QStringLiteral("record length %1 exceeds the maximum of %2")
                                  .arg(length)
                                  .arg(MAX_RECORD_PAYLOAD));
        const qsizetype payload = offset + RECORD_HEADER_BYTES;
        if (payload + length > max)
            return setFailure(
                failure, offset + 3,
                QStringLiteral("the ClientHello's records run past the limit of %1 bytes")
                    .arg(max));
        const qsizetype got = std::min(length, bytes.size() - payload);
        if (got > 0)
            framing.fragments.append(Fragment{payload, declared, got});
        framing.received += got;
        declared += length;

        if (framing.received == 0)
            break; // this record's header is in, none of its payload yet
        if (quint8 messageType = handshakeByte(bytes, framing, 0);
            messageType != HANDSHAKE_CLIENT_HELLO)
            return setFailure(failure, streamOffsetOf(framing, 0),
                              QStringLiteral("handshake message type %1 is not ClientHello (1)")
                                  .arg(messageType));
        bool lengthJustRead = false;
        if (framing.helloEnd < 0 && framing.received >= HANDSHAKE_HEADER_BYTES) {
            framing.helloEnd =
                HANDSHAKE_HEADER_BYTES + ((qsizetype(handshakeByte(bytes, framing, 1)) << 16) |
                                          (qsizetype(handshakeByte(bytes, framing, 2)) << 8) |
                                          handshakeByte(bytes, framing, 3));
            lengthJustRead = true;
        }
        if (framing.helloEnd >= 0) {
            // RFC 8446 §5.1: the ClientHello must end at a record boundary.
            if (declared > framing.helloEnd)
                return setFailure(failure, offset + 3,
                                  QStringLiteral("the record carries %1 bytes after the end of "
                                                 "the ClientHello; the hello must end its record")
                                      .arg(declared - framing.helloEnd));
            // Where the hello would end if the rest came in records as full as allowed: past
            // the limit, no continuation can be valid.
            const qsizetype rest = framing.helloEnd - declared;
            const qsizetype restRecords = (rest + MAX_RECORD_PAYLOAD - 1) / MAX_RECORD_PAYLOAD;
            if (payload + length + rest + restRecords * RECORD_HEADER_BYTES > max) {
                // Blame the hello's length when even full records from the start could not
                // carry it, else the records that were not full.
                const qsizetype records =
                    (framing.helloEnd + MAX_RECORD_PAYLOAD - 1) / MAX_RECORD_PAYLOAD;
                if (lengthJustRead && framing.helloEnd + records * RECORD_HEADER_BYTES > max)
                    return setFailure(failure, streamOffsetOf(framing, 1),
                                      QStringLiteral("a ClientHello of %1 bytes cannot fit in "
                                                     "the limit of %2 bytes with its records")
                                          .arg(framing.helloEnd - HANDSHAKE_HEADER_BYTES)
                                          .arg(max));
                return setFailure(
                    failure, offset + 3,
                    QStringLiteral("the ClientHello's records run past the limit of %1 bytes")
                        .arg(max));
            }
        }
        if (got < length)
            break;
        offset = payload + length;
        if (framing.helloEnd >= 0 && declared == framing.helloEnd)
            break;
    }
    return Step::Ok;
}

// A window on the handshake stream: `end` is where the enclosing length says the block ends,
// `available` how far the received bytes reach (at most `end`). `name` names the block in
// error messages.
struct Cursor {
    qsizetype pos;
    qsizetype end;
    qsizetype available;
    const char *name;

    qsizetype left() const { return end - pos; }
};

// Parses the ClientHello message from the handshake stream. Step::Ok means nothing inconsistent
// was found in the bytes that arrived; whether all of them arrived is the caller's question.
// Bad: `failure.at` is a handshake-stream offset.
class HelloParser {
public:
    HelloParser(QByteArrayView handshake, ClientHello &hello, Failure &failure)
        : m_bytes(handshake), m_hello(hello), m_failure(failure)
    {}

    Step parseClientHello(Cursor c);

private:
    Step parseExtensions(Cursor c);
    Step parseServerName(Cursor c);
    Step parseAlpn(Cursor c);
    Step parseSupportedVersions(Cursor c);

    Step fail(qsizetype at, QString why) { return setFailure(m_failure, at, std::move(why)); }
    // Ok when `count` bytes at c.pos have arrived; Bad when they would cross c.end.
    Step need(const Cursor &c, qsizetype count, const char *what, const char *part = "");
    Step readNumber(Cursor &c, int width, qsizetype &value, const char *what);
    // A block behind a `width`-byte length at c.pos: `inner` describes it and `outer` moves past
    // it, possibly past the received bytes (the next read from `outer` then asks for more).
    // `at` receives the length field's offset, where errors about the block's size point.
    Step readBlock(Cursor &outer, int width, const char *name, Cursor &inner, qsizetype &at);
    // The block's bytes, once they have all arrived.
    Step contents(const Cursor &block, QByteArrayView &bytes);

    QByteArrayView m_bytes;
    ClientHello &m_hello;
    Failure &m_failure;
};

Step HelloParser::need(const Cursor &c, qsizetype count, const char *what, const char *part)
{
    if (count > c.left())
        return fail(c.pos, QStringLiteral("the %1%2 (%3 bytes) runs past the end of the %4, "
                                          "which has %5 bytes left")
                               .arg(QLatin1String(what), QLatin1String(part))
                               .arg(count)
                               .arg(QLatin1String(c.name))
                               .arg(c.left()));
    if (count > c.available - c.pos)
        return Step::Short;
    return Step::Ok;
}

Step HelloParser::readNumber(Cursor &c, int width, qsizetype &value, const char *what)
{
    if (Step step = need(c, width, what); step != Step::Ok)
        return step;
    value = 0;
    for (int i = 0; i < width; ++i)
        value = (value << 8) | quint8(m_bytes[c.pos + i]);
    c.pos += width;
    return Step::Ok;
}

Step HelloParser::readBlock(Cursor &outer, int width, const char *name, Cursor &inner,
                            qsizetype &at)
{
    at = outer.pos;
    if (Step step = need(outer, width, name, " length"); step != Step::Ok)
        return step;
    qsizetype length = 0;
    for (int i = 0; i < width; ++i)
        length = (length << 8) | quint8(m_bytes[outer.pos + i]);
    outer.pos += width;
    if (length > outer.left())
        return fail(at, QStringLiteral("the %1 claims %2 bytes, but the %3 has only %4 left")
                            .arg(QLatin1String(name))
                            .arg(length)
                            .arg(QLatin1String(outer.name))
                            .arg(outer.left()));
    inner =
        Cursor{outer.pos, outer.pos + length, std::min(outer.available, outer.pos + length), name};
    outer.pos += length;
    return Step::Ok;
}

Step HelloParser::contents(const Cursor &block, QByteArrayView &bytes)
{
    if (block.available < block.end)
        return Step::Short;
    bytes = m_bytes.sliced(block.pos, block.left());
    return Step::Ok;
}

Step HelloParser::parseClientHello(Cursor c)
{
    qsizetype version = 0;
    if (Step step = readNumber(c, 2, version, "client_version"); step != Step::Ok)
        return step;
    m_hello.legacyVersion = quint16(version);
    if (Step step = need(c, RANDOM_BYTES, "random"); step != Step::Ok)
        return step;
    c.pos += RANDOM_BYTES;

    Cursor block{};
    qsizetype at = 0;
    if (Step step = readBlock(c, 1, "session id", block, at); step != Step::Ok)
        return step;
    if (block.left() > MAX_SESSION_ID_BYTES)
        return fail(at, QStringLiteral("the session id is %1 bytes; at most %2 are allowed")
                            .arg(block.left())
                            .arg(MAX_SESSION_ID_BYTES));

    if (Step step = readBlock(c, 2, "cipher suites list", block, at); step != Step::Ok)
        return step;
    if (block.left() == 0 || block.left() % 2 != 0)
        return fail(at, QStringLiteral("the cipher suites list is %1 bytes; it must be a "
                                       "non-empty list of 2-byte suites")
                            .arg(block.left()));

    if (Step step = readBlock(c, 1, "compression methods list", block, at); step != Step::Ok)
        return step;
    if (block.left() == 0)
        return fail(at, QStringLiteral("the compression methods list is empty"));

    // TLS 1.0-1.2 allow a hello that ends here, without an extensions block.
    if (c.pos == c.end)
        return Step::Ok;
    const qsizetype remaining = c.left() - 2;
    if (Step step = readBlock(c, 2, "extensions block", block, at); step != Step::Ok)
        return step;
    if (c.pos != c.end)
        return fail(at, QStringLiteral("the extensions block claims %1 bytes, but %2 remain in "
                                       "the ClientHello")
                            .arg(block.left())
                            .arg(remaining));
    return parseExtensions(block);
}

Step HelloParser::parseExtensions(Cursor c)
{
    // RFC 8446 §4.2: no extension type twice. Beyond the RFC, a second server_name could
    // otherwise route by one name while the TLS library answers for another.
    std::bitset<65536> seen;
    while (c.pos < c.end) {
        const qsizetype typeAt = c.pos;
        qsizetype type = 0;
        if (Step step = readNumber(c, 2, type, "extension type"); step != Step::Ok)
            return step;
        if (seen.test(size_t(type)))
            return fail(typeAt, QStringLiteral("extension %1 appears twice").arg(type));
        seen.set(size_t(type));

        Cursor data{};
        qsizetype at = 0;
        Step step = Step::Ok;
        switch (type) {
        case EXTENSION_SERVER_NAME:
            step = readBlock(c, 2, "server_name extension", data, at);
            if (step == Step::Ok)
                step = parseServerName(data);
            break;
        case EXTENSION_ALPN:
            step = readBlock(c, 2, "ALPN extension", data, at);
            if (step == Step::Ok)
                step = parseAlpn(data);
            break;
        case EXTENSION_SUPPORTED_VERSIONS:
            step = readBlock(c, 2, "supported_versions extension", data, at);
            if (step == Step::Ok)
                step = parseSupportedVersions(data);
            break;
        default:
            // Other extensions are the TLS library's business; only their length matters here.
            step = readBlock(c, 2, "extension", data, at);
            break;
        }
        if (step != Step::Ok)
            return step;
    }
    return Step::Ok;
}

Step HelloParser::parseServerName(Cursor c)
{
    Cursor list{};
    qsizetype at = 0;
    if (Step step = readBlock(c, 2, "server_name list", list, at); step != Step::Ok)
        return step;
    if (c.pos != c.end)
        return fail(at, QStringLiteral("the server_name list is %1 bytes, but the extension "
                                       "has %2 after its length")
                            .arg(list.left())
                            .arg(c.end - list.pos));
    if (list.left() == 0)
        return fail(at, QStringLiteral("the server_name list is empty"));

    at = list.pos;
    qsizetype nameType = 0;
    if (Step step = readNumber(list, 1, nameType, "server name type"); step != Step::Ok)
        return step;
    // Only host_name was ever deployed; OpenSSL and BoringSSL accept nothing else.
    if (nameType != NAME_TYPE_HOST_NAME)
        return fail(at, QStringLiteral("server name type %1 is not host_name (0)").arg(nameType));
    Cursor name{};
    if (Step step = readBlock(list, 2, "host_name", name, at); step != Step::Ok)
        return step;
    if (name.left() == 0)
        return fail(at, QStringLiteral("the host_name is empty"));
    if (name.left() > MAX_HOST_NAME_BYTES)
        return fail(at, QStringLiteral("the host_name is %1 bytes; at most %2 are allowed")
                            .arg(name.left())
                            .arg(MAX_HOST_NAME_BYTES));
    // RFC 6066 allows one name per type, and OpenSSL takes the list to hold exactly one; a
    // second entry could make the route and the certificate disagree.
    if (list.pos != list.end)
        return fail(list.pos, QStringLiteral("the server_name list holds more than one name"));
    QByteArrayView hostName;
    if (Step step = contents(name, hostName); step != Step::Ok)
        return step;
    if (const qsizetype nul = hostName.indexOf('\0'); nul >= 0)
        return fail(name.pos + nul, QStringLiteral("the host_name contains a NUL byte"));
    m_hello.serverName = hostName.toByteArray();
    return Step::Ok;
}

Step HelloParser::parseAlpn(Cursor c)
{
    Cursor list{};
    qsizetype at = 0;
    if (Step step = readBlock(c, 2, "ALPN list", list, at); step != Step::Ok)
        return step;
    if (c.pos != c.end)
        return fail(at, QStringLiteral("the ALPN list is %1 bytes, but the extension has %2 "
                                       "after its length")
                            .arg(list.left())
                            .arg(c.end - list.pos));
    if (list.left() == 0)
        return fail(at, QStringLiteral("the ALPN list is empty"));
    while (list.pos < list.end) {
        Cursor name{};
        if (Step step = readBlock(list, 1, "ALPN protocol name", name, at); step != Step::Ok)
            return step;
        if (name.left() == 0)
            return fail(at, QStringLiteral("an ALPN protocol name is empty"));
        QByteArrayView protocol;
        if (Step step = contents(name, protocol); step != Step::Ok)
            return step;
        m_hello.alpn.append(protocol.toByteArray());
    }
    return Step::Ok;
}

Step HelloParser::parseSupportedVersions(Cursor c)
{
    Cursor list{};
    qsizetype at = 0;
    if (Step step = readBlock(c, 1, "supported_versions list", list, at); step != Step::Ok)
        return step;
    if (c.pos != c.end)
        return fail(at, QStringLiteral("the supported_versions list is %1 bytes, but the "
                                       "extension has %2 after its length")
                            .arg(list.left())
                            .arg(c.end - list.pos));
    if (list.left() == 0 || list.left() % 2 != 0)
        return fail(at, QStringLiteral("the supported_versions list is %1 bytes; it must be a "
                                       "non-empty list of 2-byte versions")
                            .arg(list.left()));
    while (list.pos < list.end) {
        qsizetype version = 0;
        if (Step step = readNumber(list, 2, version, "version"); step != Step::Ok)
            return step;
        m_hello.supportedVersions.append(quint16(version));
    }
    return Step::Ok;
}

} // namespace

ClientHelloReader::Result ClientHelloReader::read(QByteArrayView bytes)
{
    Result result;
    Failure failure;
    const auto malformed = [&](qsizetype at) {
        result.status = Status::Malformed;
        result.error = QStringLiteral("byte %1: %2").arg(at).arg(failure.why);
        result.hello = {};
        return std::move(result);
    };

    Framing framing;
    if (collectRecords(bytes, framing, failure) == Step::Bad)
        return malformed(failure.at);
    if (framing.helloEnd < 0)
        return result; // NeedMore: the handshake header has not arrived yet

    // The common hello fits in one record and is parsed in place; a hello spread over several
    // records is joined first (from received bytes only).
    QByteArray joined;
    QByteArrayView handshake;
    if (framing.fragments.size() == 1) {
        const Fragment &only = framing.fragments.front();
        handshake = bytes.sliced(only.streamOffset, only.size);
    } else {
        joined.reserve(framing.received);
        for (const Fragment &fragment : framing.fragments)
            joined.append(bytes.sliced(fragment.streamOffset, fragment.size));
        handshake = joined;
    }

    HelloParser parser(handshake, result.hello, failure);
    const Step step = parser.parseClientHello(
        Cursor{HANDSHAKE_HEADER_BYTES, framing.helloEnd, framing.received, "ClientHello"});
    if (step == Step::Bad)
        return malformed(streamOffsetOf(framing, failure.at));
    if (step == Step::Short || framing.received < framing.helloEnd) {
        result.hello = {};
        return result;
    }
    result.status = Status::Complete;
    return result;
}

} // namespace Proxy
