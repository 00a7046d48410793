#pragma once

// Loopback helpers for the local gateway's tests: a gateway started from YAML text, a blocking
// HTTP client, and a scripted upstream on its own thread (the gateway's workers have their own
// threads too, so the test thread may block on sockets).

#include "compile/compiler.h"
#include "proxy/http1responseparser.h"
#include "proxy/proxyengine.h"
#include "workspace/workspace.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace ProxyTest {

inline std::shared_ptr<const Runtime::Config> compileYaml(const QByteArray &yaml)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("design.yaml"));
    QFile file(path);
    file.open(QIODevice::WriteOnly);
    file.write(yaml);
    file.close();
    Project::Workspace workspace;
    workspace.addPath(path);
    return Compile::compile(workspace);
}

// A blocking socket to 127.0.0.1:port.
inline int connectTo(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

inline void sendAll(int fd, QByteArrayView bytes)
{
    qsizetype sent = 0;
    while (sent < bytes.size()) {
        const ssize_t n =
            ::send(fd, bytes.data() + sent, size_t(bytes.size() - sent), MSG_NOSIGNAL);
        if (n <= 0)
            return;
        sent += n;
    }
}

// Waits up to `timeoutMs` for bytes; "" when the peer closed or nothing came.
inline QByteArray receiveSome(int fd, int timeoutMs, bool *closed = nullptr)
{
    pollfd poller{fd, POLLIN, 0};
    if (::poll(&poller, 1, timeoutMs) <= 0)
        return {};
    char buffer[65536];
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) {
        if (closed)
            *closed = true;
        return {};
    }
    return QByteArray(buffer, n);
}

struct Response {
    int status = 0;
    Proxy::ResponseHead head;
    QByteArray body;
    bool complete = false;
    bool closed = false; // the connection was closed after (or instead of) the response
    QByteArray header(QByteArrayView name) const
    {
        for (const Proxy::HeaderField &field : head.headers) {
            if (field.name.compare(name, Qt::CaseInsensitive) == 0)
                return field.value;
        }
        return {};
    }
    bool hasHeader(QByteArrayView name) const
    {
        for (const Proxy::HeaderField &field : head.headers) {
            if (field.name.compare(name, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    }
};

// A client connection that reads responses with the proxy's own response parser.
class Client {
public:
    explicit Client(quint16 port) : m_fd(connectTo(port)) {}
    ~Client()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    bool isConnected() const { return m_fd >= 0; }
    void send(QByteArrayView bytes) { sendAll(m_fd, bytes); }
    void shutdownWrite() { ::shutdown(m_fd, SHUT_WR); }

    // Reads the next response (1xx interim ones are returned too).
    Response read(int timeoutMs = 5000, bool headRequest = false)
    {
        Response response;
        bool done = false;
        Proxy::Http1ResponseParser parser({[&](Proxy::ResponseHead &&head) {
                                               response.head = std::move(head);
                                               response.status = response.head.status;
                                           },
                                           [&](QByteArrayView data) { response.body += data; },
                                           [&] { done = true; }});
        parser.expectResponseTo(headRequest);
        QElapsedTimer clock;
        clock.start();
        while (!done) {
            if (!m_pending.isEmpty()) {
                const qsizetype used = parser.feed(m_pending);
                m_pending.remove(0, used);
                if (parser.error() || parser.isUpgraded())
                    break;
                if (done)
                    break;
            }
            const int left = timeoutMs - int(clock.elapsed());
            if (left <= 0)
                break;
            bool closed = false;
            const QByteArray bytes = receiveSome(m_fd, left, &closed);
            if (closed) {
                response.closed = true;
                done = parser.finish() && !response.head.headers.empty() && !parser.isMidResponse();
                break;
            }
            m_pending += bytes;
        }
        response.complete = done || parser.isUpgraded();
        return response;
    }

    Response request(const QByteArray &bytes, int timeoutMs = 5000)
    {
        send(bytes);
        return read(timeoutMs, bytes.startsWith("HEAD "));
    }

    // True when the server closes within `timeoutMs` (bytes that arrive first are skipped).
    bool closedWithin(int timeoutMs)
    {
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < timeoutMs) {
            bool closed = false;
            receiveSome(m_fd, int(timeoutMs - clock.elapsed()), &closed);
            if (closed)
                return true;
        }
        return false;
    }
    QByteArray &pending() { return m_pending; }
    int fd() const { return m_fd; }

private:
    int m_fd;
    QByteArray m_pending;
};

inline QByteArray get(const QByteArray &host, const QByteArray &path,
                      const QByteArray &extraHeaders = {})
{
    return "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + extraHeaders + "\r\n";
}

// One request as the scripted upstream saw it.
struct SeenRequest {
    QByteArray head;
    QByteArray body;
    int connection = 0; // which accepted connection carried it (keep-alive checks)
    QByteArray header(QByteArrayView name) const
    {
        for (const QByteArray &line : head.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }
};

// A test double for a service: accepts connections on its own thread, reads each request
// (Content-Length or chunked body), and answers with what `script` returns for it. The script
// may return "" to close without answering, or sleep first to be slow.
class ScriptedUpstream {
public:
    using Script = std::function<QByteArray(int index, const SeenRequest &request)>;

    explicit ScriptedUpstream(Script script) : m_script(std::move(script))
    {
        m_listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        const int one = 1;
        ::setsockopt(m_listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(m_listener, reinterpret_cast<sockaddr *>(&address), sizeof address);
        ::listen(m_listener, 128);
        socklen_t length = sizeof address;
        ::getsockname(m_listener, reinterpret_cast<sockaddr *>(&address), &length);
        m_port = ntohs(address.sin_port);
        m_thread = std::thread([this] { run(); });
    }
    ~ScriptedUpstream()
    {
        m_stop = true;
        ::shutdown(m_listener, SHUT_RDWR);
        m_thread.join();
        for (std::thread &t : m_connections)
            t.join();
        ::close(m_listener);
    }
    quint16 port() const { return m_port; }
    QString address() const { return QStringLiteral("127.0.0.1:%1").arg(m_port); }
    std::vector<SeenRequest> seen()
    {
        std::lock_guard lock(m_mutex);
        return m_seen;
    }
    int connectionCount() const { return m_connectionCount; }
    bool waitForRequests(int count, int timeoutMs = 5000)
    {
        std::unique_lock lock(m_mutex);
        return m_changed.wait_for(lock, std::chrono::milliseconds(timeoutMs),
                                  [&] { return int(m_seen.size()) >= count; });
    }

private:
    void run()
    {
        while (!m_stop) {
            const int fd = ::accept(m_listener, nullptr, nullptr);
            if (fd < 0)
                return;
            const int index = ++m_connectionCount;
            m_connections.emplace_back([this, fd, index] { serve(fd, index); });
        }
    }

    void serve(int fd, int connection)
    {
        QByteArray buffer;
        while (!m_stop) {
            SeenRequest request;
            request.connection = connection;
            if (!readRequest(fd, buffer, request))
                break;
            int index;
            {
                std::lock_guard lock(m_mutex);
                index = int(m_seen.size());
                m_seen.push_back(request);
            }
            m_changed.notify_all();
            const QByteArray answer = m_script(index, request);
            if (answer.isEmpty())
                break;
            sendAll(fd, answer);
            if (answer.contains("Connection: close") || answer.contains("HTTP/1.1 101"))
                break;
        }
        if (!m_stop) // a 101 tunnel or a slow close: leave the client time to read
            ::shutdown(fd, SHUT_WR);
        ::close(fd);
    }

    bool readRequest(int fd, QByteArray &buffer, SeenRequest &request)
    {
        qsizetype end;
        while ((end = buffer.indexOf("\r\n\r\n")) < 0) {
            bool closed = false;
            const QByteArray more = receiveSome(fd, 200, &closed);
            if (closed || m_stop)
                return false;
            buffer += more;
        }
        request.head = buffer.left(end);
        buffer.remove(0, end + 4);
        const QByteArray length = request.header("content-length");
        if (!length.isEmpty()) {
            const qsizetype size = length.toLongLong();
            while (buffer.size() < size) {
                bool closed = false;
                buffer += receiveSome(fd, 200, &closed);
                if (closed || m_stop)
                    return false;
            }
            request.body = buffer.left(size);
            buffer.remove(0, size);
        } else if (request.header("transfer-encoding").contains("chunked")) {
            for (;;) {
                qsizetype lineEnd;
                while ((lineEnd = buffer.indexOf("\r\n")) < 0) {
                    bool closed = false;
                    buffer += receiveSome(fd, 200, &closed);
                    if (closed || m_stop)
                        return false;
                }
                const qsizetype size = buffer.left(lineEnd).toLongLong(nullptr, 16);
                while (buffer.size() < lineEnd + 2 + size + 2) {
                    bool closed = false;
                    buffer += receiveSome(fd, 200, &closed);
                    if (closed || m_stop)
                        return false;
                }
                request.body += buffer.mid(lineEnd + 2, size);
                buffer.remove(0, lineEnd + 2 + size + 2);
                if (size == 0)
                    break;
            }
        }
        return true;
    }

    Script m_script;
    int m_listener = -1;
    quint16 m_port = 0;
    std::thread m_thread;
    std::vector<std::thread> m_connections;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_connectionCount{0};
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::vector<SeenRequest> m_seen;
};

inline QByteArray ok(const QByteArray &body = "hello", const QByteArray &extraHeaders = {})
{
    return "HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n" +
           extraHeaders + "\r\n" + body;
}

// A gateway serving `yaml` with gateway port 80 on a free local port.
class Gateway {
public:
    explicit Gateway(const QByteArray &yaml, Proxy::ProxyOptions options = testOptions(),
                     const QList<QPair<QString, QString>> &upstreams = {})
        : m_engine(options)
    {
        for (const auto &[key, address] : upstreams) {
            QString error;
            m_environment.overrideUpstream(key, address, &error);
        }
        m_environment.overridePort(80, 0);
        QString error;
        m_ok = m_engine.apply(compileYaml(yaml), m_environment, &error);
        if (!m_ok)
            qWarning() << error;
        // The workers pick the design up from their event loops.
        QTest::qWait(30);
    }
    static Proxy::ProxyOptions testOptions()
    {
        Proxy::ProxyOptions options;
        options.workers = 2;
        return options;
    }
    bool ok() const { return m_ok; }
    quint16 port(quint32 gatewayPort = 80) const
    {
        for (const Proxy::ServedListener &listener : m_engine.listeners()) {
            if (listener.gatewayPort == gatewayPort)
                return listener.localPort;
        }
        return 0;
    }
    bool reload(const QByteArray &yaml)
    {
        QString error;
        const bool applied = m_engine.apply(compileYaml(yaml), m_environment, &error);
        QTest::qWait(30);
        return applied;
    }
    Proxy::ProxyEngine &engine() { return m_engine; }
    Environment::LocalEnvironment &environment() { return m_environment; }

private:
    Environment::LocalEnvironment m_environment;
    Proxy::ProxyEngine m_engine;
    bool m_ok = false;
};

} // namespace ProxyTest
