#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <charconv>
#include <cstring>
#include <utility>
#include <vector>

// Writing HTTP/1.1 messages on the proxy's data path: status lines, headers, chunk framing and
// the responses the gateway gives itself.
namespace Proxy {

QByteArray reasonPhrase(int status);
// The current time as an HTTP date; formatted once per second per thread.
QByteArray httpDate();

// One resize and plain copies: heads are built on every request, a few appends per header
// showed in profiles.
inline void appendHeader(QByteArray &out, QByteArrayView name, QByteArrayView value)
{
    const qsizetype start = out.size();
    out.resize(start + name.size() + value.size() + 4);
    char *to = out.data() + start;
    memcpy(to, name.data(), size_t(name.size()));
    to += name.size();
    *to++ = ':';
    *to++ = ' ';
    memcpy(to, value.data(), size_t(value.size()));
    to += value.size();
    *to++ = '\r';
    *to = '\n';
}

// Appends `text` as Latin-1 without a temporary (header names and values travel as QStrings
// through the routing decision).
inline void appendLatin1(QByteArray &out, QStringView text)
{
    const qsizetype start = out.size();
    out.resize(start + text.size());
    char *to = out.data() + start;
    for (QChar c : text)
        *to++ = char(c.unicode() < 256 ? c.unicode() : '?');
}

inline void appendHeader(QByteArray &out, QStringView name, QStringView value)
{
    const qsizetype start = out.size();
    out.resize(start + name.size() + value.size() + 4);
    char *to = out.data() + start;
    for (QChar c : name)
        *to++ = char(c.unicode() < 256 ? c.unicode() : '?');
    *to++ = ':';
    *to++ = ' ';
    for (QChar c : value)
        *to++ = char(c.unicode() < 256 ? c.unicode() : '?');
    *to++ = '\r';
    *to = '\n';
}

// A header whose value is a decimal number, formatted in place (no temporary).
inline void appendNumberHeader(QByteArray &out, QByteArrayView name, quint64 number)
{
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
    appendHeader(out, name, QByteArrayView(digits, end - digits));
}

void appendStatusLine(QByteArray &out, int status, QByteArrayView reason = {});
// One chunk of a chunked body ("" ends the body).
void appendChunk(QByteArray &out, QByteArrayView data);

// A response the gateway answers itself (404, 503, 504, redirects, direct responses, fault
// aborts, CORS preflights): `headers` as the decision lists them (server: istio-envoy among
// them), then date, content-length, and connection: close when `close`.
QByteArray localResponse(int status, const std::vector<std::pair<QString, QString>> &headers,
                         const QByteArray &body, bool close, bool headRequest = false);

// `name` equals `lowerCase` (an ASCII lower-case literal) ignoring ASCII case. Inline: header
// names are compared this way several times per message.
inline bool equalsLowerCase(QByteArrayView name, QByteArrayView lowerCase)
{
    if (name.size() != lowerCase.size())
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const char c = name[i];
        if ((c >= 'A' && c <= 'Z' ? char(c + 32) : c) != lowerCase[i])
            return false;
    }
    return true;
}

// Hop-by-hop headers (RFC 9110 §7.6.1), never relayed between the two connections. Any case.
bool isHopByHop(QByteArrayView name);
bool isHopByHop(QStringView name);

} // namespace Proxy
