// The ClientHello reader that TLS ports use to choose a server before the handshake: real
// hellos written by OpenSSL at test time (TLS 1.2 and 1.3, with and without SNI and ALPN, one
// big enough to span records), the same hellos re-framed into other records, every prefix,
// each malformation with its message and byte offset, and random bytes.

#include "proxy/clienthelloreader.h"

#include <QRandomGenerator>
#include <QtTest>
#include <memory>
#include <openssl/bio.h>
#include <openssl/ssl.h>

using Proxy::ClientHello;
using Proxy::ClientHelloReader;
using Status = Proxy::ClientHelloReader::Status;

namespace {

// --- Real hellos ------------------------------------------------------------------------------

struct ClientOptions {
    QByteArray serverName; // empty: no SNI
    QList<QByteArray> alpn;
    int maxVersion = TLS1_3_VERSION;
};

// The first flight of an OpenSSL client: it writes its ClientHello into a memory BIO and stops,
// waiting for a server that never answers.
QByteArray opensslClientHello(const ClientOptions &options)
{
    const std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> context(
        SSL_CTX_new(TLS_client_method()), &SSL_CTX_free);
    if (!context)
        return {};
    SSL_CTX_set_min_proto_version(context.get(), TLS1_2_VERSION);
    SSL_CTX_set_max_proto_version(context.get(), options.maxVersion);
    const std::unique_ptr<SSL, decltype(&SSL_free)> ssl(SSL_new(context.get()), &SSL_free);
    BIO *in = BIO_new(BIO_s_mem());
    BIO *out = BIO_new(BIO_s_mem());
    SSL_set_bio(ssl.get(), in, out); // the SSL owns both from here
    SSL_set_connect_state(ssl.get());
    if (!options.serverName.isEmpty())
        SSL_set_tlsext_host_name(ssl.get(), options.serverName.constData());
    if (!options.alpn.isEmpty()) {
        QByteArray wire;
        for (const QByteArray &protocol : options.alpn)
            wire += char(protocol.size()) + protocol;
        if (SSL_set_alpn_protos(ssl.get(), reinterpret_cast<const unsigned char *>(wire.data()),
                                unsigned(wire.size())) != 0)
            return {};
    }
    if (SSL_do_handshake(ssl.get()) == 1)
        return {}; // cannot happen without a server
    QByteArray written;
    char chunk[4096];
    int n = 0;
    while ((n = BIO_read(out, chunk, int(sizeof chunk))) > 0)
        written.append(chunk, n);
    return written;
}

QByteArray defaultHello()
{
    return opensslClientHello({"bench.example.com", {"h2", "http/1.1"}});
}

// ALPN protocols long enough that OpenSSL itself spreads the hello over two records, as a
// hello with a post-quantum key share does.
QList<QByteArray> manyProtocols()
{
    QList<QByteArray> protocols;
    for (int i = 0; i < 100; ++i)
        protocols.append(QByteArray::number(i).rightJustified(200, 'p'));
    return protocols;
}

// --- Building records and hellos by hand -----------------------------------------------------

QByteArray u8(int value)
{
    return QByteArray(1, char(value));
}

QByteArray u16(int value)
{
    return u8(value >> 8) + u8(value);
}

QByteArray u24(int value)
{
    return u8(value >> 16) + u16(value);
}

QByteArray withLength8(const QByteArray &data)
{
    return u8(int(data.size())) + data;
}

QByteArray withLength16(const QByteArray &data)
{
    return u16(int(data.size())) + data;
}

QByteArray record(const QByteArray &payload, int version = 0x0301, int type = 22)
{
    return u8(type) + u16(version) + u16(int(payload.size())) + payload;
}

// The handshake bytes (message header and body) carried by the records in `bytes`.
QByteArray handshakeOf(const QByteArray &bytes)
{
    QByteArray handshake;
    qsizetype offset = 0;
    while (offset + 5 <= bytes.size()) {
        const qsizetype length = (quint8(bytes[offset + 3]) << 8) | quint8(bytes[offset + 4]);
        handshake += bytes.mid(offset + 5, length);
        offset += 5 + length;
    }
    return handshake;
}

int recordCount(const QByteArray &bytes)
{
    int count = 0;
    for (qsizetype offset = 0; offset + 5 <= bytes.size(); ++count)
        offset += 5 + ((quint8(bytes[offset + 3]) << 8) | quint8(bytes[offset + 4]));
    return count;
}

// `handshake` in records of at most `size` bytes each.
QByteArray inRecords(const QByteArray &handshake, qsizetype size, int version = 0x0301)
{
    QByteArray bytes;
    for (qsizetype offset = 0; offset < handshake.size(); offset += size)
        bytes += record(handshake.mid(offset, size), version);
    return bytes;
}

QByteArray extension(int type, const QByteArray &data)
{
    return u16(type) + withLength16(data);
}

QByteArray sni(const QByteArray &name)
{
    return extension(0, withLength16(u8(0) + withLength16(name)));
}

QByteArray alpn(const QList<QByteArray> &protocols)
{
    QByteArray list;
    for (const QByteArray &protocol : protocols)
        list += withLength8(protocol);
    return extension(16, withLength16(list));
}

QByteArray versions(const QList<int> &list)
{
    QByteArray data;
    for (int version : list)
        data += u16(version);
    return extension(43, withLength8(data));
}

// A hand-made hello with a fixed layout, so a malformation's offset is easy to state:
//   0 record header, 5 handshake header, 9 client_version, 11 random, 43 session id length,
//   44 cipher suites length, 46 two suites, 50 compression length, 51 method,
//   52 extensions length, 54 first extension type, 56 its length, 58 its data.
struct HelloParts {
    QByteArray sessionId = withLength8({});
    QByteArray cipherSuites = withLength16(u16(0x1301) + u16(0xc02b));
    QByteArray compression = withLength8(u8(0));
    QByteArray extensions =
        withLength16(sni("bench.example.com") + alpn({"h2"}) + versions({0x0304, 0x0303}));
    int messageType = 1;

    QByteArray handshake() const
    {
        const QByteArray body =
            u16(0x0303) + QByteArray(32, 'r') + sessionId + cipherSuites + compression + extensions;
        return u8(messageType) + u24(int(body.size())) + body;
    }
    QByteArray bytes() const { return record(handshake()); }
};

constexpr int FIRST_EXTENSION = 54;
constexpr int FIRST_EXTENSION_DATA = 58;

QByteArray withExtensions(const QByteArray &extensions)
{
    HelloParts parts;
    parts.extensions = withLength16(extensions);
    return parts.bytes();
}

// A hand-made hello whose records, headers included, take exactly `total` bytes: a padding
// extension (21) makes up the size, and the records are as full as RFC 8446 allows.
QByteArray helloOfTotalSize(qsizetype total)
{
    const auto build = [](qsizetype padding) {
        HelloParts parts;
        parts.extensions =
            withLength16(sni("bench.example.com") + extension(21, QByteArray(padding, '\0')));
        return inRecords(parts.handshake(), 16384);
    };
    qsizetype padding = 1000;
    for (int i = 0; i < 4; ++i) // the record count settles after a step or two
        padding += total - build(padding).size();
    return build(padding);
}

Status statusOf(const QByteArray &bytes)
{
    return ClientHelloReader::read(bytes).status;
}

const char *name(Status status)
{
    switch (status) {
    case Status::NeedMore:
        return "NeedMore";
    case Status::Complete:
        return "Complete";
    case Status::Malformed:
        return "Malformed";
    }
    return "?";
}

} // namespace

class TestClientHelloReader : public QObject {
    Q_OBJECT

private slots:
    void opensslHellos_data();
    void opensslHellos();
    void everyPrefixNeedsMore_data();
    void everyPrefixNeedsMore();
    void bytesAfterTheHelloAreNotLookedAt();
    void reframed_data();
    void reframed();
    void everyTwoRecordSplit();
    void sizeLimit();
    void handMadeHelloWithoutExtensions();
    void malformed_data();
    void malformed();
    void randomBytesNeverCrash();
    void mutatedHellosNeverCrash();
};

void TestClientHelloReader::opensslHellos_data()
{
    QTest::addColumn<QByteArray>("serverName"); // empty: no SNI
    QTest::addColumn<QList<QByteArray>>("alpn");
    QTest::addColumn<int>("maxVersion");
    QTest::addColumn<QList<quint16>>("supportedVersions");

    const QList<quint16> tls13{0x0304, 0x0303};
    QTest::newRow("TLS 1.3, SNI, h2 and http/1.1")
        << QByteArray("bench.example.com") << QList<QByteArray>{"h2", "http/1.1"} << TLS1_3_VERSION
        << tls13;
    QTest::newRow("TLS 1.2 only: no supported_versions")
        << QByteArray("bench.example.com") << QList<QByteArray>{"http/1.1"} << TLS1_2_VERSION
        << QList<quint16>{};
    QTest::newRow("TLS 1.3 without SNI")
        << QByteArray() << QList<QByteArray>{"h2"} << TLS1_3_VERSION << tls13;
    QTest::newRow("TLS 1.2 without SNI or ALPN")
        << QByteArray() << QList<QByteArray>{} << TLS1_2_VERSION << QList<quint16>{};
    QTest::newRow("SNI kept as sent, not lower-cased")
        << QByteArray("Reviews.Bookinfo.EXAMPLE") << QList<QByteArray>{} << TLS1_3_VERSION << tls13;
    QTest::newRow("hello over two records (20 KB of ALPN)")
        << QByteArray("bench.example.com") << manyProtocols() << TLS1_3_VERSION << tls13;
}

void TestClientHelloReader::opensslHellos()
{
    QFETCH(QByteArray, serverName);
    QFETCH(QList<QByteArray>, alpn);
    QFETCH(int, maxVersion);
    QFETCH(QList<quint16>, supportedVersions);

    const QByteArray bytes = opensslClientHello({serverName, alpn, maxVersion});
    QVERIFY(!bytes.isEmpty());
    if (alpn.size() > 50)
        QCOMPARE(recordCount(bytes), 2); // OpenSSL split it, not the test

    const ClientHelloReader::Result result = ClientHelloReader::read(bytes);
    QVERIFY2(result.status == Status::Complete, qPrintable(result.error));
    QVERIFY(result.error.isEmpty());
    const ClientHello &hello = result.hello;
    if (serverName.isEmpty())
        QVERIFY(!hello.serverName);
    else
        QCOMPARE(hello.serverName, std::optional<QByteArray>(serverName));
    QCOMPARE(hello.alpn, alpn);
    QCOMPARE(hello.legacyVersion, quint16(0x0303));
    QCOMPARE(hello.supportedVersions, supportedVersions);
}

void TestClientHelloReader::everyPrefixNeedsMore_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("TLS 1.3 hello in one record") << defaultHello();
    QTest::newRow("TLS 1.2 hello") << opensslClientHello({"bench.example.com", {}, TLS1_2_VERSION});
    QTest::newRow("hello over two records")
        << opensslClientHello({"bench.example.com", manyProtocols()});
    QTest::newRow("hello in 7-byte records") << inRecords(handshakeOf(defaultHello()), 7);
}

void TestClientHelloReader::everyPrefixNeedsMore()
{
    QFETCH(QByteArray, bytes);
    for (qsizetype size = 0; size < bytes.size(); ++size) {
        const ClientHelloReader::Result result = ClientHelloReader::read(bytes.first(size));
        if (result.status != Status::NeedMore)
            QFAIL(qPrintable(QStringLiteral("prefix of %1 of %2 bytes: %3 %4")
                                 .arg(size)
                                 .arg(bytes.size())
                                 .arg(QLatin1String(name(result.status)), result.error)));
    }
    QCOMPARE(statusOf(bytes), Status::Complete);
}

void TestClientHelloReader::bytesAfterTheHelloAreNotLookedAt()
{
    // A TLS 1.3 client may follow its hello with a ChangeCipherSpec and early data at once.
    const QByteArray hello = defaultHello();
    const QByteArray following = record(u8(1), 0x0303, 20) + record("early", 0x0303, 23);
    const ClientHelloReader::Result result = ClientHelloReader::read(hello + following);
    QVERIFY2(result.status == Status::Complete, qPrintable(result.error));
    QCOMPARE(result.hello.serverName, std::optional<QByteArray>("bench.example.com"));
    QCOMPARE(statusOf(hello + "\x16\x03"), Status::Complete);
}

void TestClientHelloReader::reframed_data()
{
    QTest::addColumn<qsizetype>("recordSize");
    QTest::addColumn<int>("recordVersion");
    QTest::newRow("one-byte records") << qsizetype(1) << 0x0301;
    QTest::newRow("100-byte records") << qsizetype(100) << 0x0301;
    QTest::newRow("record version 0x0300 (SSL 3.0 framing)") << qsizetype(16384) << 0x0300;
    QTest::newRow("record version 0x0303") << qsizetype(200) << 0x0303;
    QTest::newRow("record version 0x0304") << qsizetype(16384) << 0x0304;
}

void TestClientHelloReader::reframed()
{
    QFETCH(qsizetype, recordSize);
    QFETCH(int, recordVersion);
    const QByteArray handshake = handshakeOf(defaultHello());
    const ClientHelloReader::Result result =
        ClientHelloReader::read(inRecords(handshake, recordSize, recordVersion));
    QVERIFY2(result.status == Status::Complete, qPrintable(result.error));
    QCOMPARE(result.hello.serverName, std::optional<QByteArray>("bench.example.com"));
    QCOMPARE(result.hello.alpn, (QList<QByteArray>{"h2", "http/1.1"}));
    QCOMPARE(result.hello.supportedVersions, (QList<quint16>{0x0304, 0x0303}));
}

void TestClientHelloReader::everyTwoRecordSplit()
{
    // Wherever the first record ends (inside the handshake header, a length, a name), the
    // second one completes the same hello; and every prefix of every split still needs more.
    const QByteArray handshake = handshakeOf(defaultHello());
    for (qsizetype split = 1; split < handshake.size(); ++split) {
        const QByteArray bytes = record(handshake.first(split)) + record(handshake.sliced(split));
        const ClientHelloReader::Result result = ClientHelloReader::read(bytes);
        QVERIFY2(result.status == Status::Complete,
                 qPrintable(QStringLiteral("split at %1: %2").arg(split).arg(result.error)));
        QCOMPARE(result.hello.serverName, std::optional<QByteArray>("bench.example.com"));
        QCOMPARE(result.hello.alpn, (QList<QByteArray>{"h2", "http/1.1"}));
        for (qsizetype size = 0; size < bytes.size(); ++size) {
            if (statusOf(bytes.first(size)) != Status::NeedMore)
                QFAIL(qPrintable(QStringLiteral("split at %1, prefix %2").arg(split).arg(size)));
        }
    }
}

void TestClientHelloReader::sizeLimit()
{
    const qsizetype max = ClientHelloReader::MAX_HELLO_BYTES;
    const QByteArray largest = helloOfTotalSize(max);
    QCOMPARE(largest.size(), max);
    QCOMPARE(recordCount(largest), 4);
    QCOMPARE(statusOf(largest), Status::Complete);
    QCOMPARE(statusOf(largest.first(max - 1)), Status::NeedMore);

    const QByteArray tooLarge = helloOfTotalSize(max + 1);
    QCOMPARE(tooLarge.size(), max + 1);
    const ClientHelloReader::Result result = ClientHelloReader::read(tooLarge);
    QCOMPARE(result.status, Status::Malformed);
    QVERIFY2(result.error.contains(QLatin1String("limit")), qPrintable(result.error));
    // The handshake header already says it is too long: no need to wait for 64 KB.
    QCOMPARE(statusOf(tooLarge.first(9)), Status::Malformed);
    QVERIFY2(ClientHelloReader::read(tooLarge.first(9)).error.startsWith(QLatin1String("byte 6: ")),
             qPrintable(ClientHelloReader::read(tooLarge.first(9)).error));

    // The same hello in records that are not full needs more record headers than the limit
    // leaves room for, which the first record already shows.
    const QByteArray handshake = handshakeOf(largest);
    const QByteArray notFull = record(handshake.first(10)) + inRecords(handshake.sliced(10), 16384);
    QCOMPARE(statusOf(notFull.first(15)), Status::Malformed);
    QVERIFY(ClientHelloReader::read(notFull).error.startsWith(QLatin1String("byte 3: ")));

    // A record may announce its full length long before its bytes arrive.
    const QByteArray announced = largest.first(5 + 4 + 100);
    QCOMPARE(statusOf(announced), Status::NeedMore);
}

void TestClientHelloReader::handMadeHelloWithoutExtensions()
{
    // TLS 1.0-1.2 allow a hello that ends after the compression methods.
    HelloParts parts;
    parts.extensions.clear();
    const ClientHelloReader::Result result = ClientHelloReader::read(parts.bytes());
    QVERIFY2(result.status == Status::Complete, qPrintable(result.error));
    QVERIFY(!result.hello.serverName);
    QVERIFY(result.hello.alpn.isEmpty());
    QCOMPARE(result.hello.legacyVersion, quint16(0x0303));
}

void TestClientHelloReader::malformed_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message"); // a part of the error text
    QTest::addColumn<int>("offset");      // the byte the error names

    const QByteArray hello = HelloParts().bytes();
    const QByteArray handshake = HelloParts().handshake();
    const QByteArray host = "bench.example.com";

    // Records.
    QTest::newRow("SSLv2-style hello")
        << QByteArray::fromHex("802e0103010015000000100700c0") << "SSLv2" << 0;
    QTest::newRow("plain HTTP on a TLS port")
        << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n\r\n") << "content type 71" << 0;
    QTest::newRow("alert record first")
        << record(u8(2) + u8(40), 0x0301, 21) << "content type 21" << 0;
    QTest::newRow("application data first") << record("data", 0x0303, 23) << "content type 23" << 0;
    QTest::newRow("record version major 2") << record(handshake, 0x0201) << "major 2" << 1;
    QTest::newRow("record version 0x0305") << record(handshake, 0x0305) << "0x0305" << 1;
    QTest::newRow("zero-length record") << record({}) + hello << "zero-length" << 3;
    QTest::newRow("record longer than 2^14")
        << u8(22) + u16(0x0301) + u16(16385) + handshake << "exceeds the maximum" << 3;
    QTest::newRow("alert record inside the hello")
        << record(handshake.first(20)) + record(u8(2) + u8(40), 0x0301, 21) << "interrupts" << 25;
    QTest::newRow("hello shorter than its record")
        << record(handshake + "x") << "after the end of the ClientHello" << 3;
    QTest::newRow("hello ends inside its second record")
        << record(handshake.first(20)) + record(handshake.sliced(20) + "xy")
        << "2 bytes after the end" << 28;

    // The handshake message.
    HelloParts parts;
    parts.messageType = 2;
    QTest::newRow("ServerHello instead of ClientHello")
        << parts.bytes() << "type 2 is not ClientHello" << 5;
    QTest::newRow("hello longer than the limit")
        << record(u8(1) + u24(70000) + u16(0x0303)) << "cannot fit in the limit" << 6;
    QTest::newRow("empty hello") << record(u8(1) + u24(0)) << "client_version" << 9;
    QTest::newRow("hello ends inside the random")
        << record(u8(1) + u24(10) + u16(0x0303) + QByteArray(8, 'r')) << "random" << 11;

    parts = {};
    parts.sessionId = withLength8(QByteArray(33, 's'));
    QTest::newRow("session id of 33 bytes") << parts.bytes() << "session id is 33" << 43;
    QTest::newRow("session id past the hello")
        << record(u8(1) + u24(40) + u16(0x0303) + QByteArray(32, 'r') + u8(20) + "abcde")
        << "session id claims 20" << 43;
    parts = {};
    parts.cipherSuites = withLength16("abc");
    QTest::newRow("odd cipher suites length") << parts.bytes() << "cipher suites list is 3" << 44;
    parts.cipherSuites = withLength16({});
    QTest::newRow("no cipher suites") << parts.bytes() << "cipher suites list is 0" << 44;
    parts = {};
    parts.compression = withLength8({});
    QTest::newRow("no compression methods") << parts.bytes() << "compression methods" << 50;

    parts = {};
    parts.extensions = u16(200) + sni(host);
    QTest::newRow("extensions block longer than the hello")
        << parts.bytes() << "extensions block claims 200" << 52;
    parts.extensions = withLength16(sni(host)) + "xx";
    QTest::newRow("extensions block shorter than the hello")
        << parts.bytes()
        << QStringLiteral("claims %1 bytes, but %2 remain")
               .arg(sni(host).size())
               .arg(sni(host).size() + 2)
        << 52;
    parts.extensions = u8(0);
    QTest::newRow("one byte where the extensions length goes")
        << parts.bytes() << "extensions block length" << 52;
    QTest::newRow("extension header cut short")
        << withExtensions(u16(21) + u8(0)) << "extension length" << FIRST_EXTENSION + 2;
    QTest::newRow("extension longer than the block")
        << withExtensions(u16(21) + u16(10) + "abcd") << "claims 10" << FIRST_EXTENSION + 2;
    QTest::newRow("server_name twice")
        << withExtensions(sni(host) + sni(host)) << "extension 0 appears twice"
        << FIRST_EXTENSION + int(sni(host).size());

    // server_name.
    const int list = FIRST_EXTENSION_DATA;
    QTest::newRow("empty server_name extension")
        << withExtensions(extension(0, {})) << "server_name list length" << list;
    QTest::newRow("server_name list shorter than the extension")
        << withExtensions(extension(0, withLength16(u8(0) + withLength16(host)) + "x"))
        << "server_name list is" << list;
    QTest::newRow("server_name list longer than the extension")
        << withExtensions(extension(0, u16(100) + u8(0) + withLength16(host)))
        << "server_name list claims 100" << list;
    QTest::newRow("empty server_name list")
        << withExtensions(extension(0, withLength16({}))) << "list is empty" << list;
    QTest::newRow("server name type 1")
        << withExtensions(extension(0, withLength16(u8(1) + withLength16(host))))
        << "type 1 is not host_name" << list + 2;
    QTest::newRow("empty host_name")
        << withExtensions(extension(0, withLength16(u8(0) + withLength16({}))))
        << "host_name is empty" << list + 3;
    QTest::newRow("host_name of 256 bytes")
        << withExtensions(sni(QByteArray(256, 'a'))) << "256 bytes; at most 255" << list + 3;
    QTest::newRow("host_name past the list")
        << withExtensions(extension(0, withLength16(u8(0) + u16(30) + host)))
        << "host_name claims 30" << list + 3;
    QTest::newRow("two names in the list")
        << withExtensions(extension(
               0, withLength16(u8(0) + withLength16(host) + u8(0) + withLength16("other"))))
        << "more than one name" << list + 5 + int(host.size());
    QTest::newRow("NUL inside the host_name")
        << withExtensions(sni(QByteArray("bench\0evil.com", 14))) << "NUL" << list + 5 + 5;

    // ALPN.
    QTest::newRow("empty ALPN list")
        << withExtensions(extension(16, withLength16({}))) << "ALPN list is empty" << list;
    QTest::newRow("empty ALPN protocol name")
        << withExtensions(extension(16, withLength16(withLength8("h2") + u8(0))))
        << "protocol name is empty" << list + 5;
    QTest::newRow("ALPN list shorter than the extension")
        << withExtensions(extension(16, withLength16(withLength8("h2")) + "x")) << "ALPN list is 3"
        << list;
    QTest::newRow("ALPN protocol name past the list")
        << withExtensions(extension(16, withLength16(u8(9) + "h2"))) << "claims 9" << list + 2;

    // supported_versions.
    QTest::newRow("odd supported_versions list")
        << withExtensions(extension(43, withLength8(u16(0x0304) + u8(3))))
        << "supported_versions list is 3" << list;
    QTest::newRow("empty supported_versions list")
        << withExtensions(extension(43, withLength8({}))) << "supported_versions list is 0" << list;
    QTest::newRow("supported_versions list shorter than the extension")
        << withExtensions(extension(43, withLength8(u16(0x0304)) + u16(0x0303)))
        << "supported_versions list is 2" << list;

    // Size: tiny records cannot stretch the hello past the limit either. The first record after
    // which the rest, even in full records, could not end within the limit is refused.
    const QByteArray big = handshakeOf(helloOfTotalSize(12000));
    const QByteArray tiny = inRecords(big, 1);
    qsizetype k = 0;
    for (;; ++k) {
        const qsizetype rest = big.size() - (k + 1);
        if (6 * (k + 1) + rest + (rest + 16383) / 16384 * 5 > ClientHelloReader::MAX_HELLO_BYTES)
            break;
    }
    QTest::newRow("one-byte records past 64 KiB")
        << tiny << "records run past the limit" << int(6 * k + 3);
}

void TestClientHelloReader::malformed()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    QFETCH(int, offset);

    const ClientHelloReader::Result result = ClientHelloReader::read(bytes);
    QCOMPARE(name(result.status), name(Status::Malformed));
    QVERIFY2(result.error.contains(message), qPrintable(result.error));
    QVERIFY2(result.error.startsWith(QStringLiteral("byte %1: ").arg(offset)),
             qPrintable(result.error));
    QVERIFY(!result.hello.serverName);

    // Once a prefix is malformed, every longer one is too; and none is ever complete. (Long
    // inputs are sampled: each read costs time linear in the input.)
    bool seenMalformed = false;
    const qsizetype stride = std::max<qsizetype>(1, bytes.size() / 2000);
    for (qsizetype size = 0; size <= bytes.size(); size += stride) {
        const Status status = statusOf(bytes.first(size));
        QVERIFY(status != Status::Complete);
        if (seenMalformed && status != Status::Malformed)
            QFAIL(qPrintable(QStringLiteral("prefix %1 is %2 after a malformed prefix")
                                 .arg(size)
                                 .arg(QLatin1String(name(status)))));
        seenMalformed = status == Status::Malformed;
    }
}

void TestClientHelloReader::randomBytesNeverCrash()
{
    // Random bytes, and random bytes behind a plausible record and handshake header so that
    // they reach the message parser. Crashes and out-of-bounds reads are what this is after
    // (run it under a sanitizer); the answers only have to be well formed.
    QRandomGenerator random(20240605);
    for (int i = 0; i < 20000; ++i) {
        QByteArray bytes(random.bounded(0, 400), Qt::Uninitialized);
        for (char &byte : bytes)
            byte = char(random.bounded(256));
        if (i % 2 == 1)
            bytes = record(u8(1) + u24(int(bytes.size()) + 2) + u16(0x0303) + bytes);
        const ClientHelloReader::Result result = ClientHelloReader::read(bytes);
        QVERIFY(result.status != Status::Malformed || result.error.startsWith("byte "));
        QVERIFY(result.status == Status::Malformed || result.error.isEmpty());
    }
}

void TestClientHelloReader::mutatedHellosNeverCrash()
{
    const QByteArray hello = defaultHello();
    QRandomGenerator random(7);
    int complete = 0;
    for (int i = 0; i < 20000; ++i) {
        QByteArray bytes = hello;
        for (int flips = random.bounded(1, 4); flips > 0; --flips)
            bytes[random.bounded(bytes.size())] = char(random.bounded(256));
        bytes.truncate(random.bounded(bytes.size() / 2, bytes.size() + 1));
        const ClientHelloReader::Result result = ClientHelloReader::read(bytes);
        if (result.status == Status::Complete) {
            ++complete;
            QVERIFY(!result.hello.serverName || !result.hello.serverName->isEmpty());
        }
    }
    QVERIFY(complete > 0); // flips inside the random or the key share leave a valid hello
}

QTEST_GUILESS_MAIN(TestClientHelloReader)
#include "tst_clienthelloreader.moc"
