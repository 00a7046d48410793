#pragma once

#include "eventpoller.h"
#include "tlsstream.h"

#include <QByteArray>
#include <QHostAddress>
#include <functional>
#include <memory>

// A non-blocking TCP socket driven by the thread's EventPoller (an epoll set inside the Qt event
// loop): the proxy's data path. Unlike QTcpSocket it reads straight into the caller's buffer and
// emits no signal per read (architecture.md, performance notes).
//
// Contract: create, use and destroy it in one thread. Handlers may close() the socket but must
// not destroy it; owners are QObjects destroyed with deleteLater().
namespace Proxy {

class FdSocket : private EventPoller::Handler {
public:
    enum : qsizetype { WouldBlock = -1, Failed = -2 };

    // Takes an accepted, connected descriptor.
    explicit FdSocket(int fd);
    ~FdSocket() override;
    FdSocket(const FdSocket &) = delete;
    FdSocket &operator=(const FdSocket &) = delete;

    // Starts a non-blocking connect; the onConnected handler is called once when it completes
    // (error 0) or fails (an errno value). Returns null with `error` set when it fails at once.
    static std::unique_ptr<FdSocket> connectTo(const QHostAddress &address, quint16 port,
                                               int *error);
    void onConnected(std::function<void(int error)> handler) { m_connected = std::move(handler); }

    // From now on the socket speaks TLS as the server (the handshake runs inside the next reads):
    // read() returns plaintext and write() takes plaintext. `alreadyRead`: bytes read off the
    // descriptor before (the ClientHello).
    void startTls(SSL *ssl, QByteArray alreadyRead);
    const TlsStream *tls() const { return m_tls.get(); }

    bool isOpen() const { return m_fd >= 0; }
    void onReadable(std::function<void()> handler) { m_readable = std::move(handler); }
    // Called when everything queued has been written (after write() had to queue).
    void onDrained(std::function<void()> handler) { m_drained = std::move(handler); }

    // Appends what the kernel has (up to `max` bytes) to `buffer`. Returns the count, 0 when the
    // peer closed its side, WouldBlock, or Failed (the connection is broken).
    qsizetype read(QByteArray &buffer, qsizetype max = 64 * 1024);
    void setReading(bool enabled);

    // Sends what it can now and queues the rest. Returns false when the connection is broken.
    bool write(QByteArrayView data);
    qsizetype pendingBytes() const { return m_out.size() - m_outOffset; }
    // Closes after everything queued has been sent (TLS: with close_notify).
    void closeWhenFlushed();
    // Ends the sending direction after everything queued has been sent (TLS: close_notify, then
    // a TCP half-close); the peer can still send.
    void shutdownWriteWhenFlushed();
    // Closes now; unsent bytes are dropped and a TLS peer gets no close_notify (an abort).
    void close();

    QHostAddress peerAddress() const;
    // "127.0.0.1:51234" (an IPv4-mapped address as IPv4), for the access log.
    QString peerText() const;

private:
    void pollEvents(unsigned events) override;
    void handleWritable();
    bool flush();
    // Tells the poller what this socket waits for now; an empty interest leaves the set, so a
    // paused socket whose peer hung up does not wake the loop again and again.
    void updateInterest();
    qsizetype send(QByteArrayView data);
    void shutdownWrite();

    int m_fd = -1;
    EventPoller &m_poller;
    bool m_inSet = false;
    bool m_pollRead = false;
    bool m_pollWrite = false;
    std::function<void()> m_readable;
    std::function<void()> m_drained;
    std::function<void(int)> m_connected;
    QByteArray m_out;
    qsizetype m_outOffset = 0;
    bool m_readEnabled = true;
    bool m_closeWhenFlushed = false;
    bool m_connecting = false;
    bool m_shutdownWhenFlushed = false;
    std::unique_ptr<TlsStream> m_tls;
};

} // namespace Proxy
