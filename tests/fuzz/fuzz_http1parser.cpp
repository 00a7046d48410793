// libFuzzer target: arbitrary bytes through the local gateway's request parser, fed in
// arbitrary pieces the way a connection delivers them. The parser must never crash, hang or
// read out of bounds, and its answers must stay consistent.
//
//   CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DGATEHOUSE_BUILD_FUZZ=ON
//   cmake --build build-fuzz --target fuzz_http1parser
//   build-fuzz/tests/fuzz/fuzz_http1parser -max_total_time=60

#include "proxy/http1requestparser.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    // The first byte chooses how the stream is cut into reads.
    const qsizetype step = 1 + data[0] % 64;
    const QByteArray stream(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));

    int heads = 0;
    int completes = 0;
    Proxy::Http1RequestParser parser({[&](Proxy::RequestHead &&) { ++heads; },
                                      [&](QByteArrayView piece) {
                                          if (piece.isEmpty())
                                              std::abort(); // bodies come in non-empty pieces
                                      },
                                      [&] { ++completes; }},
                                     Proxy::ParserLimits{1024, 20});
    QByteArray pending;
    for (qsizetype offset = 0; offset < stream.size(); offset += step) {
        pending += stream.mid(offset, step);
        while (!pending.isEmpty()) {
            const qsizetype used = parser.feed(pending);
            if (used < 0 || used > pending.size())
                std::abort();
            pending.remove(0, used);
            if (used == 0 || parser.error() || parser.isTunnel())
                break;
        }
        if (parser.error() || parser.isTunnel())
            break;
    }
    parser.finish();
    if (completes > heads)
        std::abort(); // a request cannot end before it began
    if (parser.error() && (parser.error()->status < 400 || parser.error()->status > 599))
        std::abort();
    if (parser.error() && parser.feed("GET / HTTP/1.1\r\n\r\n") != 0)
        std::abort(); // after an error the connection is done
    return 0;
}
