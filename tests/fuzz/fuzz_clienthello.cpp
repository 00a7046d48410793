// libFuzzer target: arbitrary bytes through the ClientHello reader that TLS ports run on the
// first bytes of every connection, read again after each arbitrary piece as a connection
// delivers them. The reader must never crash or read out of bounds, and its answers must stay
// consistent as the bytes grow: a malformed prefix stays malformed, a complete hello stays the
// same hello whatever follows it, and a complete hello holds only what its checks allow.
//
//   CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DGATEHOUSE_BUILD_FUZZ=ON
//   cmake --build build-fuzz --target fuzz_clienthello
//   build-fuzz/tests/fuzz/fuzz_clienthello -max_total_time=60 CORPUS_DIR
//
// Seed the corpus with a real hello, for example the first flight of `openssl s_client` sent
// to a `nc -l` port and saved to a file.

#include "proxy/clienthelloreader.h"

#include <cstdint>
#include <cstdlib>

namespace {

using Proxy::ClientHelloReader;
using Status = ClientHelloReader::Status;

// Wraps `message` in handshake records of `step` bytes, so that mutations reach the message
// parser without first having to keep the record framing consistent.
QByteArray framed(QByteArrayView message, qsizetype step)
{
    QByteArray bytes;
    for (qsizetype offset = 0; offset < message.size(); offset += step) {
        const QByteArrayView piece =
            message.sliced(offset, std::min(step, message.size() - offset));
        bytes += char(22);
        bytes += char(3);
        bytes += char(1);
        bytes += char(piece.size() >> 8);
        bytes += char(piece.size() & 0xff);
        bytes += piece;
    }
    return bytes;
}

bool sameHello(const Proxy::ClientHello &a, const Proxy::ClientHello &b)
{
    return a.serverName == b.serverName && a.alpn == b.alpn && a.legacyVersion == b.legacyVersion &&
           a.supportedVersions == b.supportedVersions;
}

void checkComplete(const Proxy::ClientHello &hello)
{
    if (hello.serverName && (hello.serverName->isEmpty() || hello.serverName->size() > 255 ||
                             hello.serverName->contains('\0')))
        std::abort();
    for (const QByteArray &protocol : hello.alpn) {
        if (protocol.isEmpty() || protocol.size() > 255)
            std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    // The first byte chooses how the bytes arrive: its low bits the size of each read, its high
    // bit whether the rest is a connection's bytes as they are or a handshake message to frame.
    const qsizetype step = 1 + (data[0] & 0x3f);
    const QByteArrayView rest(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const QByteArray stream =
        (data[0] & 0x80) ? framed(rest, 1 + rest.size() / (1 + (data[0] & 3))) : rest.toByteArray();

    std::optional<ClientHelloReader::Result> settled; // the first answer that is not NeedMore
    for (qsizetype received = 0;; received = std::min(received + step, stream.size())) {
        const ClientHelloReader::Result result = ClientHelloReader::read(stream.first(received));
        if (result.status == Status::Malformed && result.error.isEmpty())
            std::abort(); // a refusal always says why
        if (result.status != Status::Malformed && !result.error.isEmpty())
            std::abort();
        if (result.status == Status::Complete)
            checkComplete(result.hello);
        if (result.status == Status::NeedMore && received > ClientHelloReader::MAX_HELLO_BYTES)
            std::abort(); // no waiting for more than the limit
        if (settled) {
            // More bytes cannot change a settled answer.
            if (result.status != settled->status)
                std::abort();
            if (result.status == Status::Complete && !sameHello(result.hello, settled->hello))
                std::abort();
        } else if (result.status != Status::NeedMore) {
            settled = result;
        }
        if (received == stream.size())
            break;
    }
    return 0;
}
