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
    out.append("HTTP/1.1 ", 9).append(QByteArray::number(status)).append(' ');
    out.append(reason.isEmpty() ? QByteArrayView(reasonPhrase(status)) : reason);
    out.append("\r\n", 2);
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
    appendHeader(out, "content-length", QByteArray::number(body.size()));
    if (close)
        appendHeader(out, "connection", "close");
    out.append("\r\n", 2);
    if (!headRequest)
        out.append(body);
    return out;
}

bool isHopByHop(QStringView name)
{
    static constexpr QLatin1StringView names[] = {QLatin1StringView("connection"),
                                                  QLatin1StringView("keep-alive"),
                                                  QLatin1StringView("proxy-connection"),
                                                  QLatin1StringView("transfer-encoding"),
                                                  QLatin1StringView("te"),
                                                  QLatin1StringView("upgrade")};
    for (QLatin1StringView hopByHop : names) {
        if (name.compare(hopByHop, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool isHopByHop(QByteArrayView name)
{
    // The set Envoy removes; `upgrade` is handled by the caller (kept on an upgrade request).
    // Compared without case and without allocating: this runs for every header relayed.
    static constexpr QByteArrayView names[] = {
        "connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "upgrade"};
    for (QByteArrayView hopByHop : names) {
        if (name.size() == hopByHop.size() &&
            qstrnicmp(name.data(), name.size(), hopByHop.data(), hopByHop.size()) == 0)
            return true;
    }
    return false;
}

} // namespace Proxy
