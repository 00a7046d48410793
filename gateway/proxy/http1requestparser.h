#pragma once

#include "headercollector.h"

#include <QByteArray>
#include <QByteArrayView>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

struct llhttp__internal_s;

// The client side of the local gateway reads HTTP/1.1 with llhttp, strictly, as Envoy does:
// request smuggling shapes (Content-Length with Transfer-Encoding, conflicting lengths, a
// Transfer-Encoding that does not end in chunked) and malformed bytes are errors with the
// status Envoy answers, and the header limits are Envoy's defaults.
namespace Proxy {

struct RequestHead {
    QByteArray method;
    QByteArray target; // the request-target as sent: "/path?query", or an absolute URL
    int versionMajor = 1;
    int versionMinor = 1;
    std::vector<HeaderField> headers;
    std::optional<quint64> contentLength;
    bool chunked = false;
    bool keepAlive = true;       // what the client asked for (HTTP/1.1 default, Connection)
    bool upgrade = false;        // Upgrade / CONNECT: after the head the bytes are a tunnel's
    bool expectContinue = false; // Expect: 100-continue

    // What `target` and `headers` view (headercollector.h): their bytes as sent, owned here.
    QByteArray bytes;

    // The first value of a header, compared case-insensitively; empty when absent. A view into
    // this head's bytes.
    QByteArray header(QByteArrayView name) const;
};

struct ParseError {
    int status = 400; // 400 Bad Request, 431 Request Header Fields Too Large, 413, 501
    QByteArray reason;
};

struct ParserLimits {
    qsizetype maxHeaderBytes = 60 * 1024; // Envoy's max_request_headers_kb default
    int maxHeaders = 100;                 // Envoy's max_headers_count default
};

// Incremental request parser for one connection. Feed it bytes as they arrive; it calls back
// for each request head, each piece of body, and the end of each request, and stops after a
// complete request so the caller answers pipelined requests one at a time, in order.
class Http1RequestParser {
public:
    struct Callbacks {
        std::function<void(RequestHead &&)> head;
        std::function<void(QByteArrayView)> body;
        std::function<void()> complete;
    };

    explicit Http1RequestParser(Callbacks callbacks, ParserLimits limits = {});
    ~Http1RequestParser();
    Http1RequestParser(const Http1RequestParser &) = delete;
    Http1RequestParser &operator=(const Http1RequestParser &) = delete;

    // Parses from `data` and returns how many bytes it consumed: all of them, or fewer when a
    // request completed (feed the rest after answering it), when the request turned into a
    // tunnel (the rest is the tunnel's), or on an error.
    qsizetype feed(QByteArrayView data);
    // The client closed its side: completes a request whose body runs to the end, if any.
    void finish();

    const std::optional<ParseError> &error() const { return m_error; }
    // After the head of an Upgrade/CONNECT request: the remaining bytes are not HTTP.
    bool isTunnel() const { return m_tunnel; }
    // Between requests (nothing of the next one read yet).
    bool isIdle() const { return m_idle; }

private:
    static int onMessageBegin(llhttp__internal_s *parser);
    static int onUrl(llhttp__internal_s *parser, const char *at, size_t length);
    static int onHeaderField(llhttp__internal_s *parser, const char *at, size_t length);
    static int onHeaderValue(llhttp__internal_s *parser, const char *at, size_t length);
    static int onHeadersComplete(llhttp__internal_s *parser);
    static int onBody(llhttp__internal_s *parser, const char *at, size_t length);
    static int onMessageComplete(llhttp__internal_s *parser);
    int fail(int status, const char *reason);
    bool countHeaderBytes(size_t length);

    struct State;
    std::unique_ptr<State> m_state;
    Callbacks m_callbacks;
    ParserLimits m_limits;
    RequestHead m_head;
    qsizetype m_headerBytes = 0;
    HeaderCollector m_headers;
    bool m_tunnel = false;
    bool m_idle = true;
    std::optional<ParseError> m_error;
};

} // namespace Proxy
