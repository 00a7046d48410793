#pragma once

#include "http1requestparser.h"

#include <QString>
#include <optional>

namespace Proxy {

// The destination the echo stands for ("host", "port", "subset" in the JSON; null when unset).
struct EchoIdentity {
    QString host;
    std::optional<quint32> port;
    QString subset;
};

// The echo upstream's answer body: {"destination": {...}, "method", "path" (with the query),
// "authority", "headers" (lower-case names; a repeated header lists every value), "bodyBytes",
// "protocol"}. Shared by `gatehouse echo` and the gateway's in-process echo, so both answer
// alike.
QByteArray echoDescription(const EchoIdentity &identity, const RequestHead &head, qint64 bodyBytes);

} // namespace Proxy
