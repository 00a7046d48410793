#include "request.h"

#include <QUrl>

namespace Route {

std::optional<QString> Request::header(const QString &lowerCaseName) const
{
    std::optional<QString> value;
    for (const auto &[name, headerValue] : headers) {
        if (name == lowerCaseName)
            value = value ? *value + QLatin1Char(',') + headerValue : headerValue;
    }
    return value;
}

void Request::setHeader(const QString &name, const QString &value)
{
    const QString lower = name.toLower();
    std::erase_if(headers, [&](const auto &entry) { return entry.first == lower; });
    headers.emplace_back(lower, value);
}

std::optional<Request> Request::fromUrl(const QString &method, const QString &url, QString *error)
{
    const qsizetype schemeEnd = url.indexOf(QLatin1String("://"));
    if (schemeEnd <= 0) {
        if (error)
            *error = QStringLiteral("\"%1\" is not an absolute URL (http://host/path)").arg(url);
        return std::nullopt;
    }
    const QString scheme = url.left(schemeEnd).toLower();
    Request request;
    if (scheme == QLatin1String("https") || scheme == QLatin1String("tls")) {
        request.tls = true;
        request.port = 443;
        request.protocol = scheme == QLatin1String("tls") ? Protocol::Tls : Protocol::Http;
    } else if (scheme == QLatin1String("http") || scheme == QLatin1String("tcp")) {
        request.protocol = scheme == QLatin1String("tcp") ? Protocol::Tcp : Protocol::Http;
    } else {
        if (error)
            *error =
                QStringLiteral("unsupported scheme \"%1\" (http, https, tls or tcp)").arg(scheme);
        return std::nullopt;
    }
    const qsizetype authorityStart = schemeEnd + 3;
    qsizetype pathStart = url.indexOf(QLatin1Char('/'), authorityStart);
    const qsizetype queryStart = url.indexOf(QLatin1Char('?'), authorityStart);
    if (pathStart < 0 || (queryStart >= 0 && queryStart < pathStart))
        pathStart = queryStart;
    request.authority = pathStart < 0 ? url.mid(authorityStart)
                                      : url.mid(authorityStart, pathStart - authorityStart);
    request.pathAndQuery = pathStart < 0 ? QStringLiteral("/") : url.mid(pathStart);
    if (request.pathAndQuery.startsWith(QLatin1Char('?')))
        request.pathAndQuery.prepend(QLatin1Char('/'));
    if (request.authority.isEmpty() || request.authority.contains(QLatin1Char('@'))) {
        if (error)
            *error = QStringLiteral("\"%1\" has no usable host").arg(url);
        return std::nullopt;
    }
    QString host = request.authority;
    const qsizetype colon = host.lastIndexOf(QLatin1Char(':'));
    if (colon > 0 && host.indexOf(QLatin1Char(']')) < colon) {
        bool ok = false;
        const uint port = host.mid(colon + 1).toUInt(&ok);
        if (!ok || port == 0 || port > 65535) {
            if (error)
                *error = QStringLiteral("\"%1\" has an invalid port").arg(url);
            return std::nullopt;
        }
        request.port = port;
        host = host.left(colon);
    }
    request.method = method.isEmpty() ? QStringLiteral("GET") : method;
    if (request.tls)
        request.sni = host;
    return request;
}

} // namespace Route
