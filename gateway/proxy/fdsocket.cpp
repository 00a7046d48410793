#include "fdsocket.h"

#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Proxy {
namespace {

void makeNonBlocking(int fd)
{
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    const int one = 1;
    // Small requests and responses go out at once; the proxy batches its own writes.
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

socklen_t toSockaddr(const QHostAddress &address, quint16 port, sockaddr_storage &storage)
{
    storage = {};
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        auto *in6 = reinterpret_cast<sockaddr_in6 *>(&storage);
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(port);
        const Q_IPV6ADDR bytes = address.toIPv6Address();
        memcpy(&in6->sin6_addr, &bytes, sizeof bytes);
        return sizeof(sockaddr_in6);
    }
    auto *in4 = reinterpret_cast<sockaddr_in *>(&storage);
    in4->sin_family = AF_INET;
    in4->sin_port = htons(port);
    in4->sin_addr.s_addr = htonl(address.toIPv4Address());
    return sizeof(sockaddr_in);
}

} // namespace

FdSocket::FdSocket(int fd) : m_fd(fd), m_poller(EventPoller::current())
{
    makeNonBlocking(fd);
    updateInterest();
}

FdSocket::~FdSocket()
{
    close();
}

std::unique_ptr<FdSocket> FdSocket::connectTo(const QHostAddress &address, quint16 port, int *error)
{
    sockaddr_storage storage;
    const socklen_t length = toSockaddr(address, port, storage);
    const int fd = ::socket(storage.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        *error = errno;
        return nullptr;
    }
    if (::connect(fd, reinterpret_cast<sockaddr *>(&storage), length) != 0 &&
        errno != EINPROGRESS) {
        *error = errno;
        ::close(fd);
        return nullptr;
    }
    auto socket = std::make_unique<FdSocket>(fd);
    socket->m_connecting = true; // writable = the connect completed; no reading until then
    socket->updateInterest();
    return socket;
}

void FdSocket::startTls(SSL *ssl, QByteArray alreadyRead)
{
    m_tls = std::make_unique<TlsStream>(ssl, m_fd, std::move(alreadyRead));
}

qsizetype FdSocket::read(QByteArray &buffer, qsizetype max)
{
    if (m_fd < 0)
        return Failed;
    if (m_tls) {
        const bool wanted = m_tls->wantsWrite();
        const bool handshaking = !m_tls->handshakeDone();
        const qsizetype count = m_tls->read(buffer);
        if (handshaking && m_tls->handshakeDone() && pendingBytes() > 0 && !flush())
            return Failed; // bytes written before the handshake ended go out now
        if (m_tls->wantsWrite() != wanted || handshaking)
            updateInterest();
        return count == TlsStream::WouldBlock ? WouldBlock
               : count == TlsStream::Failed   ? Failed
                                              : count;
    }
    // Read into room at the end (capacity() also counts room at the front, which remove()
    // leaves behind) and set the final size after.
    const qsizetype before = buffer.size();
    buffer.resize(before + max);
    const ssize_t count = ::recv(m_fd, buffer.data() + before, size_t(max), 0);
    buffer.resize(before + std::max<ssize_t>(count, 0));
    if (count > 0)
        return count;
    if (count == 0)
        return 0;
    return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? WouldBlock : Failed;
}

void FdSocket::setReading(bool enabled)
{
    m_readEnabled = enabled;
    updateInterest();
}

void FdSocket::pollEvents(unsigned events)
{
    if (m_fd < 0)
        return; // closed by an earlier handler of the same batch
    if ((events & EPOLLOUT) && m_tls && m_tls->wantsWrite() && pendingBytes() == 0) {
        // A handshake flight the kernel did not take at once: the read side drives it on.
        if (m_readable && m_readEnabled)
            m_readable();
        return;
    }
    if ((events & (EPOLLOUT | EPOLLERR | EPOLLHUP)) && (m_connecting || pendingBytes() > 0))
        handleWritable();
    if (m_fd >= 0 && (events & (EPOLLIN | EPOLLERR | EPOLLHUP)) && m_readEnabled && !m_connecting &&
        m_readable) {
        m_readable();
        // An end of stream that came in with the data just read: no event will announce it.
        if (m_fd >= 0 && m_tls && m_tls->hasPendingEnd() && m_readEnabled && m_readable)
            m_readable();
    }
}

bool FdSocket::write(QByteArrayView data)
{
    if (m_fd < 0)
        return false;
    if (data.isEmpty())
        return true;
    if (pendingBytes() == 0 && !m_connecting) {
        // The common case: nothing queued, the kernel takes it all.
        const qsizetype sent = send(data);
        if (sent == data.size())
            return true;
        if (sent == Failed)
            return false;
        m_out.clear();
        m_outOffset = 0;
        m_out.append(data.data() + std::max<qsizetype>(sent, 0),
                     data.size() - std::max<qsizetype>(sent, 0));
    } else {
        m_out.append(data.data(), data.size());
    }
    updateInterest();
    return true;
}

// Sends what the kernel takes now: the count (0 when it takes nothing) or Failed.
qsizetype FdSocket::send(QByteArrayView data)
{
    if (m_tls) {
        if (!m_tls->handshakeDone())
            return 0; // queued: SSL_write would try to drive the handshake from the wrong side
        qsizetype total = 0;
        while (total < data.size()) { // one record at a time (partial writes are enabled)
            const qsizetype sent = m_tls->write(data.sliced(total));
            if (sent == TlsStream::Failed)
                return Failed;
            if (sent == TlsStream::WouldBlock)
                break;
            total += sent;
        }
        return total;
    }
    const ssize_t sent = ::send(m_fd, data.data(), size_t(data.size()), MSG_NOSIGNAL);
    if (sent >= 0)
        return sent;
    return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? 0 : qsizetype(Failed);
}

bool FdSocket::flush()
{
    while (pendingBytes() > 0) {
        const qsizetype sent =
            send(QByteArrayView(m_out.constData() + m_outOffset, pendingBytes()));
        if (sent == Failed)
            return false;
        if (sent == 0)
            return true; // the rest waits for the next writable event
        m_outOffset += sent;
    }
    m_out.clear();
    m_outOffset = 0;
    return true;
}

void FdSocket::handleWritable()
{
    if (m_fd < 0)
        return;
    if (m_connecting) {
        int error = 0;
        socklen_t length = sizeof error;
        ::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &error, &length);
        m_connecting = false;
        if (error == 0) {
            m_readEnabled = true;
            if (!flush()) // bytes queued while connecting
                error = errno;
        }
        updateInterest();
        if (m_connected)
            m_connected(error); // may close this socket
        return;
    }
    if (!flush()) {
        close();
        if (m_drained)
            m_drained(); // the owner notices the closed socket
        return;
    }
    updateInterest();
    if (pendingBytes() == 0) {
        if (m_shutdownWhenFlushed)
            shutdownWrite();
        if (m_closeWhenFlushed) {
            if (m_tls)
                m_tls->shutdown();
            close(); // the owner hears it through the drained handler
        }
        if (m_drained)
            m_drained();
    }
}

void FdSocket::updateInterest()
{
    if (m_fd < 0)
        return;
    const bool read = m_readEnabled && !m_connecting;
    // A TLS socket sends nothing of its own before its handshake is done, and a handshake
    // flight waiting for room only matters while the read side drives the handshake.
    const bool write = m_connecting || (pendingBytes() > 0 && (!m_tls || m_tls->handshakeDone())) ||
                       (m_tls && m_tls->wantsWrite() && m_readEnabled);
    if (m_inSet && read == m_pollRead && write == m_pollWrite)
        return;
    if (!read && !write) {
        if (m_inSet)
            m_poller.remove(m_fd);
        m_inSet = false;
    } else if (m_inSet) {
        m_poller.modify(m_fd, this, read, write);
    } else {
        m_poller.add(m_fd, this, read, write);
        m_inSet = true;
    }
    m_pollRead = read;
    m_pollWrite = write;
}

void FdSocket::closeWhenFlushed()
{
    if (pendingBytes() == 0 && !m_connecting) {
        if (m_tls)
            m_tls->shutdown();
        close();
    } else {
        m_closeWhenFlushed = true;
    }
}

void FdSocket::shutdownWriteWhenFlushed()
{
    if (pendingBytes() == 0 && !m_connecting)
        shutdownWrite();
    else
        m_shutdownWhenFlushed = true;
}

void FdSocket::shutdownWrite()
{
    m_shutdownWhenFlushed = false;
    if (m_fd < 0)
        return;
    if (m_tls)
        m_tls->shutdown();
    ::shutdown(m_fd, SHUT_WR);
}

void FdSocket::close()
{
    if (m_fd < 0)
        return;
    ::close(m_fd); // leaves the epoll set with it
    m_fd = -1;
    m_tls.reset();
    m_out.clear();
    m_outOffset = 0;
}

QHostAddress FdSocket::peerAddress() const
{
    sockaddr_storage storage;
    socklen_t length = sizeof storage;
    if (m_fd < 0 || ::getpeername(m_fd, reinterpret_cast<sockaddr *>(&storage), &length) != 0)
        return {};
    return QHostAddress(reinterpret_cast<sockaddr *>(&storage));
}

QString FdSocket::peerText() const
{
    sockaddr_storage storage;
    socklen_t length = sizeof storage;
    if (m_fd < 0 || ::getpeername(m_fd, reinterpret_cast<sockaddr *>(&storage), &length) != 0)
        return QString();
    const QHostAddress address(reinterpret_cast<sockaddr *>(&storage));
    const quint16 port = storage.ss_family == AF_INET6
                             ? ntohs(reinterpret_cast<sockaddr_in6 *>(&storage)->sin6_port)
                             : ntohs(reinterpret_cast<sockaddr_in *>(&storage)->sin_port);
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    const QString host = isV4 ? QHostAddress(v4).toString()
                              : QLatin1Char('[') + address.toString() + QLatin1Char(']');
    return host + QLatin1Char(':') + QString::number(port);
}

} // namespace Proxy
