#include "listensocket.h"

#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Proxy {
namespace {

int bindSocket(const QHostAddress &address, quint16 port, bool reusePort, quint16 *boundPort,
               QString *error)
{
    const bool v6 = address.protocol() == QAbstractSocket::IPv6Protocol;
    const int fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        *error = QString::fromLocal8Bit(strerror(errno));
        return -1;
    }
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (reusePort)
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    sockaddr_storage storage{};
    socklen_t length;
    if (v6) {
        auto *in6 = reinterpret_cast<sockaddr_in6 *>(&storage);
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(port);
        const Q_IPV6ADDR bytes = address.toIPv6Address();
        memcpy(&in6->sin6_addr, &bytes, sizeof bytes);
        length = sizeof(sockaddr_in6);
    } else {
        auto *in4 = reinterpret_cast<sockaddr_in *>(&storage);
        in4->sin_family = AF_INET;
        in4->sin_port = htons(port);
        in4->sin_addr.s_addr = htonl(address.toIPv4Address());
        length = sizeof(sockaddr_in);
    }
    if (::bind(fd, reinterpret_cast<sockaddr *>(&storage), length) != 0 ||
        (reusePort && ::listen(fd, 1024) != 0)) {
        *error = QString::fromLocal8Bit(strerror(errno));
        ::close(fd);
        return -1;
    }
    length = sizeof storage;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&storage), &length);
    *boundPort = v6 ? ntohs(reinterpret_cast<sockaddr_in6 *>(&storage)->sin6_port)
                    : ntohs(reinterpret_cast<sockaddr_in *>(&storage)->sin_port);
    return fd;
}

} // namespace

ListenSocket::~ListenSocket()
{
    ::close(m_fd);
}

std::vector<ListenSocketPtr> openListenSockets(const QHostAddress &address, quint16 &port,
                                               int count, QString *error)
{
    if (address.isNull()) {
        *error = QStringLiteral("not an IP address");
        return {};
    }
    // A plain bind fails if anyone listens there, with or without SO_REUSEPORT; it also picks
    // the port when asked for any.
    quint16 bound = 0;
    const int probe = bindSocket(address, port, false, &bound, error);
    if (probe < 0)
        return {};
    ::close(probe);
    std::vector<ListenSocketPtr> sockets;
    for (int i = 0; i < count; ++i) {
        quint16 same = 0;
        const int fd = bindSocket(address, bound, true, &same, error);
        if (fd < 0)
            return {};
        sockets.push_back(std::make_shared<ListenSocket>(fd));
    }
    port = bound;
    return sockets;
}

} // namespace Proxy
