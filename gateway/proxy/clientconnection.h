#pragma once

#include "servesnapshot.h"

#include <QObject>

// What a worker keeps of every client connection it serves, whatever the protocol: the HTTP
// connection, a TLS connection whose ClientHello is still awaited, a TCP relay. Lives on the
// worker's thread; the worker deletes it (deleteLater) once it reports itself gone.
namespace Proxy {

class ClientConnection : public QObject {
public:
    // From the worker's sweep timer: close the connection when one of the limits has passed.
    virtual void sweep(qint64 nowMs, const ProxyLimits &limits) = 0;
    // Ends the connection at once (the proxy stops).
    virtual void abortClient() = 0;
};

} // namespace Proxy
