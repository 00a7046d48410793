#pragma once

#include <QHostAddress>
#include <QString>
#include <memory>
#include <vector>

// Listening sockets for the proxy's ports. Every worker thread gets its own socket on the same
// address and port (SO_REUSEPORT), so the kernel spreads new connections over the workers and
// no accept is shared between threads.
namespace Proxy {

// One listening descriptor; closed when the last owner lets go (the workers hold it while they
// serve the port, so a port removed by a reload closes once every worker has dropped it).
class ListenSocket {
public:
    explicit ListenSocket(int fd) : m_fd(fd) {}
    ~ListenSocket();
    ListenSocket(const ListenSocket &) = delete;
    ListenSocket &operator=(const ListenSocket &) = delete;
    int fd() const { return m_fd; }

private:
    int m_fd;
};

using ListenSocketPtr = std::shared_ptr<ListenSocket>;

// Opens `count` sockets on one address and port (0: a free port, the same for all). First checks
// that nobody else holds the port, since SO_REUSEPORT would otherwise share it silently with
// another process of the same user. Returns an empty vector with `error` set on failure; `port`
// receives the bound port.
std::vector<ListenSocketPtr> openListenSockets(const QHostAddress &address, quint16 &port,
                                               int count, QString *error);

} // namespace Proxy
