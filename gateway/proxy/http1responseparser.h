#pragma once

#include "http1requestparser.h"

// The upstream side of the local gateway reads each response with llhttp, so that the proxy
// knows where it ends (length, chunks, or the connection's close), keeps the upstream connection
// for the next request when it can, and streams the body to the client as it arrives.
namespace Proxy {

struct ResponseHead {
    int status = 0;
    QByteArray reason;
    int versionMajor = 1;
    int versionMinor = 1;
    std::vector<HeaderField> headers;
    std::optional<quint64> contentLength;
    bool chunked = false;
    bool keepAlive = true;       // the upstream connection can carry another request
    bool bodyUntilClose = false; // no length and not chunked: the body ends with the connection
    bool upgrade = false;        // 101 Switching Protocols: the connection becomes a tunnel
    // What `reason` and `headers` view (headercollector.h): their bytes as sent, owned here.
    QByteArray bytes;
};

class Http1ResponseParser {
public:
    struct Callbacks {
        std::function<void(ResponseHead &&)> head;
        std::function<void(QByteArrayView)> body;
        std::function<void()> complete;
    };

    explicit Http1ResponseParser(Callbacks callbacks);
    ~Http1ResponseParser();
    Http1ResponseParser(const Http1ResponseParser &) = delete;
    Http1ResponseParser &operator=(const Http1ResponseParser &) = delete;

    // Before each request's response: true when the request was HEAD (no body follows).
    void expectResponseTo(bool headRequest) { m_headRequest = headRequest; }
    // Parses from `data`; returns how many bytes it consumed. Stops after each complete
    // response (an interim 1xx one included) and after a 101's head.
    qsizetype feed(QByteArrayView data);
    // The upstream closed: completes a body that runs to the close. Returns false when the
    // response was cut short.
    bool finish();
    // A response is being read (head or body seen, not complete).
    bool isMidResponse() const { return m_midResponse; }
    bool isUpgraded() const { return m_upgraded; }
    const std::optional<ParseError> &error() const { return m_error; }

private:
    static int onMessageBegin(llhttp__internal_s *parser);
    static int onStatus(llhttp__internal_s *parser, const char *at, size_t length);
    static int onHeaderField(llhttp__internal_s *parser, const char *at, size_t length);
    static int onHeaderValue(llhttp__internal_s *parser, const char *at, size_t length);
    static int onHeadersComplete(llhttp__internal_s *parser);
    static int onBody(llhttp__internal_s *parser, const char *at, size_t length);
    static int onMessageComplete(llhttp__internal_s *parser);

    struct State;
    std::unique_ptr<State> m_state;
    Callbacks m_callbacks;
    ResponseHead m_head;
    qsizetype m_headerBytes = 0;
    HeaderCollector m_headers;
    bool m_headRequest = false;
    bool m_midResponse = false;
    bool m_upgraded = false;
    std::optional<ParseError> m_error;
};

} // namespace Proxy
