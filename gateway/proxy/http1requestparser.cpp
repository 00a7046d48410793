#include "http1requestparser.h"

#include "llhttpstep.h"

#include <cstring>

namespace Proxy {

struct Http1RequestParser::State {
    llhttp_t parser;
    llhttp_settings_t settings;
};

namespace {

Http1RequestParser *self(llhttp_t *parser)
{
    return static_cast<Http1RequestParser *>(parser->data);
}

bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && qstrnicmp(a.data(), a.size(), b.data(), b.size()) == 0;
}

} // namespace

QByteArray RequestHead::header(QByteArrayView name) const
{
    for (const HeaderField &field : headers) {
        if (equalsIgnoringCase(field.name, name))
            return field.value;
    }
    return {};
}

Http1RequestParser::Http1RequestParser(Callbacks callbacks, ParserLimits limits)
    : m_state(std::make_unique<State>()), m_callbacks(std::move(callbacks)), m_limits(limits)
{
    llhttp_settings_init(&m_state->settings);
    m_state->settings.on_message_begin = &Http1RequestParser::onMessageBegin;
    m_state->settings.on_url = &Http1RequestParser::onUrl;
    m_state->settings.on_header_field = &Http1RequestParser::onHeaderField;
    m_state->settings.on_header_value = &Http1RequestParser::onHeaderValue;
    m_state->settings.on_headers_complete = &Http1RequestParser::onHeadersComplete;
    m_state->settings.on_body = &Http1RequestParser::onBody;
    m_state->settings.on_message_complete = &Http1RequestParser::onMessageComplete;
    llhttp_init(&m_state->parser, HTTP_REQUEST, &m_state->settings);
    m_state->parser.data = this;
}

Http1RequestParser::~Http1RequestParser() = default;

qsizetype Http1RequestParser::feed(QByteArrayView data)
{
    if (m_error || m_tunnel || data.isEmpty())
        return 0;
    const LlhttpStep step = runLlhttp(&m_state->parser, data);
    if (step.result == HPE_PAUSED_UPGRADE) {
        m_tunnel = true;
    } else if (step.result != HPE_OK && step.result != HPE_PAUSED && !m_error) {
        // Envoy answers an unsupported transfer coding with 501, other bad bytes with 400.
        const int status = step.result == HPE_INVALID_TRANSFER_ENCODING ? 501 : 400;
        m_error = ParseError{status, QByteArray(llhttp_get_error_reason(&m_state->parser))};
    }
    return step.consumed;
}

void Http1RequestParser::finish()
{
    // Between requests the end of the stream is a clean close.
    if (m_error || m_tunnel || m_idle)
        return;
    const llhttp_errno_t result = llhttp_finish(&m_state->parser);
    if (result != HPE_OK && result != HPE_PAUSED && !m_error)
        m_error = ParseError{400, QByteArray(llhttp_get_error_reason(&m_state->parser))};
}

int Http1RequestParser::fail(int status, const char *reason)
{
    m_error = ParseError{status, QByteArray(reason)};
    llhttp_set_error_reason(&m_state->parser, reason);
    return HPE_USER;
}

bool Http1RequestParser::countHeaderBytes(size_t length)
{
    m_headerBytes += qsizetype(length);
    return m_headerBytes <= m_limits.maxHeaderBytes;
}

int Http1RequestParser::onMessageBegin(llhttp_t *parser)
{
    Http1RequestParser *that = self(parser);
    that->m_head = RequestHead();
    that->m_headerBytes = 0;
    that->m_headers.start(that->m_head.bytes);
    that->m_idle = false;
    return HPE_OK;
}

int Http1RequestParser::onUrl(llhttp_t *parser, const char *at, size_t length)
{
    Http1RequestParser *that = self(parser);
    if (!that->countHeaderBytes(length))
        return that->fail(431, "request headers too large");
    that->m_headers.addTextPiece(QByteArrayView(at, qsizetype(length)));
    return HPE_OK;
}

int Http1RequestParser::onHeaderField(llhttp_t *parser, const char *at, size_t length)
{
    Http1RequestParser *that = self(parser);
    if (!that->countHeaderBytes(length))
        return that->fail(431, "request headers too large");
    if (!that->m_headers.addNamePiece(QByteArrayView(at, qsizetype(length)),
                                      that->m_limits.maxHeaders))
        return that->fail(431, "too many request headers");
    return HPE_OK;
}

int Http1RequestParser::onHeaderValue(llhttp_t *parser, const char *at, size_t length)
{
    Http1RequestParser *that = self(parser);
    if (!that->countHeaderBytes(length))
        return that->fail(431, "request headers too large");
    that->m_headers.addValuePiece(QByteArrayView(at, qsizetype(length)));
    return HPE_OK;
}

int Http1RequestParser::onHeadersComplete(llhttp_t *parser)
{
    Http1RequestParser *that = self(parser);
    RequestHead &head = that->m_head;
    head.target = that->m_headers.finish(head.headers);
    // RFC 9112: no whitespace between a field name and its colon; a server must reject it (a
    // classic smuggling vector, and Envoy does).
    for (const HeaderField &field : head.headers) {
        if (field.name.contains(' ') || field.name.contains('\t'))
            return that->fail(400, "whitespace in a header name");
    }
    // The method names are llhttp's static strings: no copy needed.
    const char *method = llhttp_method_name(llhttp_method_t(parser->method));
    head.method = QByteArray::fromRawData(method, qsizetype(strlen(method)));
    head.versionMajor = parser->http_major;
    head.versionMinor = parser->http_minor;
    if (parser->flags & F_CONTENT_LENGTH)
        head.contentLength = parser->content_length;
    head.chunked = (parser->flags & F_CHUNKED) != 0;
    head.keepAlive = llhttp_should_keep_alive(parser) != 0;
    head.upgrade = parser->upgrade != 0;
    head.expectContinue = equalsIgnoringCase(head.header("expect"), "100-continue");
    if (that->m_callbacks.head)
        that->m_callbacks.head(std::move(head));
    return HPE_OK;
}

int Http1RequestParser::onBody(llhttp_t *parser, const char *at, size_t length)
{
    Http1RequestParser *that = self(parser);
    if (that->m_callbacks.body)
        that->m_callbacks.body(QByteArrayView(at, qsizetype(length)));
    return HPE_OK;
}

int Http1RequestParser::onMessageComplete(llhttp_t *parser)
{
    Http1RequestParser *that = self(parser);
    that->m_idle = true;
    if (that->m_callbacks.complete)
        that->m_callbacks.complete();
    // Upgrade requests stop on their own (HPE_PAUSED_UPGRADE); others pause here so that
    // pipelined requests are taken one at a time.
    return parser->upgrade ? HPE_OK : HPE_PAUSED;
}

} // namespace Proxy
