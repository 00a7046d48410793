#include "accesslogrequest.h"

namespace Proxy {

Route::Request requestFor(const AccessLogEntry &entry, const Runtime::Config &config,
                          bool *complete)
{
    Route::Request request;
    request.port = entry.gatewayPort;
    const Runtime::Listener *listener = config.findListener(entry.gatewayPort);
    const bool tlsPort = listener && listener->kind == Runtime::Listener::Kind::Tls;
    // Connection entries carry "TLS" or "TCP" in the method column and the SNI as authority.
    if (entry.method == QLatin1String("TLS") || entry.method == QLatin1String("TCP")) {
        const bool tls = entry.method == QLatin1String("TLS");
        request.protocol = tls ? Route::Request::Protocol::Tls : Route::Request::Protocol::Tcp;
        request.tls = tls;
        if (tls && !entry.authority.isEmpty())
            request.sni = entry.authority;
        if (complete)
            *complete = true;
        return request;
    }
    request.method = entry.method;
    request.authority = entry.authority;
    request.pathAndQuery = entry.path.isEmpty() ? QStringLiteral("/") : entry.path;
    request.tls = tlsPort;
    if (tlsPort) {
        QString host = entry.authority;
        const qsizetype colon = host.lastIndexOf(QLatin1Char(':'));
        if (colon > 0 && host.indexOf(QLatin1Char(']')) < colon)
            host = host.left(colon);
        request.sni = host;
    }
    if (complete)
        *complete = false; // the headers (and for TLS the SNI) are not in the log
    return request;
}

} // namespace Proxy
