#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <utility>
#include <vector>

// Writing HTTP/1.1 messages on the proxy's data path: status lines, headers, chunk framing and
// the responses the gateway gives itself.
namespace Proxy {

QByteArray reasonPhrase(int status);
// The current time as an HTTP date; formatted once per second per thread.
QByteArray httpDate();

inline void appendHeader(QByteArray &out, QByteArrayView name, QByteArrayView value)
{
    out.append(name).append(": ", 2).append(value).append("\r\n", 2);
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
    appendLatin1(out, name);
    out.append(": ", 2);
    appendLatin1(out, value);
    out.append("\r\n", 2);
}

void appendStatusLine(QByteArray &out, int status, QByteArrayView reason = {});
// One chunk of a chunked body ("" ends the body).
void appendChunk(QByteArray &out, QByteArrayView data);

// A response the gateway answers itself (404, 503, 504, redirects, direct responses, fault
// aborts, CORS preflights): `headers` as the decision lists them (server: istio-envoy among
// them), then date, content-length, and connection: close when `close`.
QByteArray localResponse(int status, const std::vector<std::pair<QString, QString>> &headers,
                         const QByteArray &body, bool close, bool headRequest = false);

// Hop-by-hop headers (RFC 9110 §7.6.1), never relayed between the two connections. Any case.
bool isHopByHop(QByteArrayView name);
bool isHopByHop(QStringView name);

} // namespace Proxy
