#include "http1responseparser.h"

#include "llhttpstep.h"

#include <climits>

namespace Proxy {

struct Http1ResponseParser::State {
    llhttp_t parser;
    llhttp_settings_t settings;
};

namespace {

constexpr qsizetype MAX_RESPONSE_HEADER_BYTES = 60 * 1024;

Http1ResponseParser *self(llhttp_t *parser)
{
    return static_cast<Http1ResponseParser *>(parser->data);
}

} // namespace

Http1ResponseParser::Http1ResponseParser(Callbacks callbacks)
    : m_state(std::make_unique<State>()), m_callbacks(std::move(callbacks))
{
    llhttp_settings_init(&m_state->settings);
    m_state->settings.on_message_begin = &Http1ResponseParser::onMessageBegin;
    m_state->settings.on_status = &Http1ResponseParser::onStatus;
    m_state->settings.on_header_field = &Http1ResponseParser::onHeaderField;
    m_state->settings.on_header_value = &Http1ResponseParser::onHeaderValue;
    m_state->settings.on_headers_complete = &Http1ResponseParser::onHeadersComplete;
    m_state->settings.on_body = &Http1ResponseParser::onBody;
    m_state->settings.on_message_complete = &Http1ResponseParser::onMessageComplete;
    llhttp_init(&m_state->parser, HTTP_RESPONSE, &m_state->settings);
    m_state->parser.data = this;
}

Http1ResponseParser::~Http1ResponseParser() = default;

qsizetype Http1ResponseParser::feed(QByteArrayView data)
{
    if (m_error || m_upgraded || data.isEmpty())
        return 0;
    const LlhttpStep step = runLlhttp(&m_state->parser, data);
    if (step.result == HPE_PAUSED_UPGRADE)
        m_upgraded = true;
    else if (step.result != HPE_OK && step.result != HPE_PAUSED && !m_error)
        m_error = ParseError{502, QByteArray(llhttp_get_error_reason(&m_state->parser))};
    return step.consumed;
}

bool Http1ResponseParser::finish()
{
    if (m_error || !m_midResponse)
        return !m_error;
    const llhttp_errno_t result = llhttp_finish(&m_state->parser);
    if ((result != HPE_OK && result != HPE_PAUSED) || m_midResponse) {
        if (!m_error)
            m_error = ParseError{502, "upstream closed mid-response"};
        return false;
    }
    return true;
}

int Http1ResponseParser::onMessageBegin(llhttp_t *parser)
{
    Http1ResponseParser *that = self(parser);
    that->m_head = ResponseHead();
    that->m_headerBytes = 0;
    that->m_headers.start(that->m_head.bytes);
    that->m_midResponse = true;
    return HPE_OK;
}

int Http1ResponseParser::onStatus(llhttp_t *parser, const char *at, size_t length)
{
    Http1ResponseParser *that = self(parser);
    that->m_headers.addTextPiece(QByteArrayView(at, qsizetype(length)));
    return HPE_OK;
}

int Http1ResponseParser::onHeaderField(llhttp_t *parser, const char *at, size_t length)
{
    Http1ResponseParser *that = self(parser);
    that->m_headerBytes += qsizetype(length);
    if (that->m_headerBytes > MAX_RESPONSE_HEADER_BYTES)
        return HPE_USER;
    that->m_headers.addNamePiece(QByteArrayView(at, qsizetype(length)), INT_MAX);
    return HPE_OK;
}

int Http1ResponseParser::onHeaderValue(llhttp_t *parser, const char *at, size_t length)
{
    Http1ResponseParser *that = self(parser);
    that->m_headerBytes += qsizetype(length);
    if (that->m_headerBytes > MAX_RESPONSE_HEADER_BYTES)
        return HPE_USER;
    that->m_headers.addValuePiece(QByteArrayView(at, qsizetype(length)));
    return HPE_OK;
}

int Http1ResponseParser::onHeadersComplete(llhttp_t *parser)
{
    Http1ResponseParser *that = self(parser);
    ResponseHead &head = that->m_head;
    head.reason = that->m_headers.finish(head.headers);
    head.status = parser->status_code;
    head.versionMajor = parser->http_major;
    head.versionMinor = parser->http_minor;
    if (parser->flags & F_CONTENT_LENGTH)
        head.contentLength = parser->content_length;
    head.chunked = (parser->flags & F_CHUNKED) != 0;
    head.keepAlive = llhttp_should_keep_alive(parser) != 0;
    head.upgrade = head.status == 101;
    const bool noBody = that->m_headRequest || head.status == 204 || head.status == 304 ||
                        (head.status >= 100 && head.status < 200);
    head.bodyUntilClose = !noBody && !head.contentLength && !head.chunked;
    if (head.bodyUntilClose)
        head.keepAlive = false;
    // 1: the response to a HEAD request has no body whatever its headers say.
    const int result = that->m_headRequest && !head.upgrade ? 1 : HPE_OK;
    if (that->m_callbacks.head)
        that->m_callbacks.head(std::move(head));
    return result;
}

int Http1ResponseParser::onBody(llhttp_t *parser, const char *at, size_t length)
{
    Http1ResponseParser *that = self(parser);
    if (that->m_callbacks.body)
        that->m_callbacks.body(QByteArrayView(at, qsizetype(length)));
    return HPE_OK;
}

int Http1ResponseParser::onMessageComplete(llhttp_t *parser)
{
    Http1ResponseParser *that = self(parser);
    that->m_midResponse = false;
    if (that->m_callbacks.complete)
        that->m_callbacks.complete();
    return parser->upgrade ? HPE_OK : HPE_PAUSED;
}

} // namespace Proxy
