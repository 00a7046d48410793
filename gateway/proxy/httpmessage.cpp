#include "httpmessage.h"

#include <QDateTime>
#include <QLocale>

namespace Proxy {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 101:
        return "Switching Protocols";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 206:
        return "Partial Content";
    case 300:
        return "Multiple Choices";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 303:
        return "See Other";
    case 304:
        return "Not Modified";
    case 307:
        return "Temporary Redirect";
    case 308:
        return "Permanent Redirect";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 413:
        return "Payload Too Large";
    case 418:
        return "I'm a teapot";
    case 426:
        return "Upgrade Required";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Unknown";
    }
}

QByteArray httpDate()
{
    thread_local qint64 second = -1;
    thread_local QByteArray text;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (now.toSecsSinceEpoch() != second) {
        second = now.toSecsSinceEpoch();
        text = QLocale::c()
                   .toString(now, QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
                   .toLatin1();
    }
    return text;
}

void appendStatusLine(QByteArray &out, int status, QByteArrayView reason)
{
    char digits[16];
    const qsizetype digitCount = std::to_chars(digits, digits + sizeof digits, status).ptr - digits;
    const QByteArray standard = reason.isEmpty() ? reasonPhrase(status) : QByteArray();
    const QByteArrayView text = reason.isEmpty() ? QByteArrayView(standard) : reason;
    // One resize and plain copies, as appendHeader().
    const qsizetype start = out.size();
    out.resize(start + 9 + digitCount + 1 + text.size() + 2);
    char *to = out.data() + start;
    memcpy(to, "HTTP/1.1 ", 9);
    to += 9;
    memcpy(to, digits, size_t(digitCount));
    to += digitCount;
    *to++ = ' ';
    memcpy(to, text.data(), size_t(text.size()));
    to += text.size();
    *to++ = '\r';
    *to = '\n';
}

void appendChunk(QByteArray &out, QByteArrayView data)
{
    out.append(QByteArray::number(data.size(), 16)).append("\r\n", 2);
    out.append(data).append("\r\n", 2);
}

QByteArray localResponse(int status, const std::vector<std::pair<QString, QString>> &headers,
                         const QByteArray &body, bool close, bool headRequest)
{
    QByteArray out;
    out.reserve(256 + body.size());
    appendStatusLine(out, status);
    bool hasServer = false;
    for (const auto &header : headers) {
        hasServer = hasServer || header.first == QLatin1String("server");
        appendHeader(out, header.first.toLatin1(), header.second.toUtf8());
    }
    if (!hasServer)
        appendHeader(out, "server", "istio-envoy");
    appendHeader(out, "date", httpDate());
    appendNumberHeader(out, "content-length", quint64(body.size()));
    if (close)
        appendHeader(out, "connection", "close");
    out.append("\r\n", 2);
    if (!headRequest)
        out.append(body);
    return out;
}

namespace {

// The set Envoy removes; `upgrade` is handled by the callers (kept on an upgrade request). This
// runs for every header relayed: the length rules out almost every name before any compare.
template <typename Name, typename Equal> bool hopByHopName(Name name, Equal equal)
{
    switch (name.size()) {
    case 2:
        return equal(name, "te");
    case 7:
        return equal(name, "upgrade");
    case 10:
        return equal(name, "connection") || equal(name, "keep-alive");
    case 16:
        return equal(name, "proxy-connection");
    case 17:
        return equal(name, "transfer-encoding");
    default:
        return false;
    }
}

} // namespace

bool isHopByHop(QStringView name)
{
    return hopByHopName(name, [](QStringView text, const char *hopByHop) {
        return text.compare(QLatin1StringView(hopByHop), Qt::CaseInsensitive) == 0;
    });
}

bool isHopByHop(QByteArrayView name)
{
    return hopByHopName(name, [](QByteArrayView text, const char *hopByHop) {
        return equalsLowerCase(text, hopByHop);
    });
}

} // namespace Proxy
