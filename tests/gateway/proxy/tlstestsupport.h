#pragma once

// TLS helpers for the local gateway's tests: a blocking QSslSocket client that reads responses
// with the proxy's own parser, and a gateway serving a design with every port on a free local
// port and its local CA in a temporary folder.

#include "proxytestsupport.h"
#include "tls/certificateauthority.h"
#include "validation/kubeobjects.h"

#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>

namespace ProxyTest {

struct TlsClientOptions {
    TlsClientOptions(std::optional<QString> serverName = std::nullopt)
        : sni(std::move(serverName))
    {}

    std::optional<QString> sni; // nullopt: no SNI
    QSsl::SslProtocol protocol = QSsl::TlsV1_2OrLater;
    QList<QSslCertificate> clientChain; // a client certificate (MUTUAL)
    QSslKey clientKey;
    QList<QSslCertificate> trusted; // non-empty: the server must chain to these
};

class TlsClient {
public:
    TlsClient(quint16 port, const TlsClientOptions &options)
    {
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setProtocol(options.protocol);
        if (options.trusted.isEmpty()) {
            configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
        } else {
            configuration.setCaCertificates(options.trusted);
            configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
        }
        if (!options.clientChain.isEmpty()) {
            configuration.setLocalCertificateChain(options.clientChain);
            configuration.setPrivateKey(options.clientKey);
        }
        m_socket.setSslConfiguration(configuration);
        if (options.sni)
            m_socket.setPeerVerifyName(*options.sni); // sent as SNI; an IP host sends none
        m_socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
        m_encrypted = m_socket.waitForEncrypted(5000);
        if (!m_encrypted)
            m_error = m_socket.errorString();
    }

    bool encrypted() const { return m_encrypted; }
    QString error() const { return m_error; }
    QSslSocket &socket() { return m_socket; }
    QSslCertificate peerCertificate() const { return m_socket.peerCertificate(); }
    QSsl::SslProtocol protocol() const { return m_socket.sessionProtocol(); }
    QStringList peerDnsNames() const
    {
        return peerCertificate().subjectAlternativeNames().values(QSsl::DnsEntry);
    }

    void send(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        m_socket.waitForBytesWritten(2000);
    }

    // Bytes until `count` arrived, the peer closed or the time ran out.
    QByteArray receive(qsizetype count, int timeoutMs = 5000)
    {
        QByteArray bytes;
        QElapsedTimer clock;
        clock.start();
        while (bytes.size() < count && clock.elapsed() < timeoutMs) {
            if (m_socket.bytesAvailable() == 0 &&
                !m_socket.waitForReadyRead(int(timeoutMs - clock.elapsed())))
                break;
            bytes += m_socket.readAll();
        }
        return bytes;
    }

    // One request (none when `bytes` is empty: the next of several pipelined ones) and its
    // response; status 0 when none came (a refused handshake under TLS 1.3
    // shows only here: the client finishes before the server's alert arrives).
    Response request(const QByteArray &bytes, int timeoutMs = 5000)
    {
        Response response;
        if (!m_encrypted)
            return response;
        if (!bytes.isEmpty())
            send(bytes);
        bool done = false;
        Proxy::Http1ResponseParser parser({[&](Proxy::ResponseHead &&head) {
                                               response.head = std::move(head);
                                               response.status = response.head.status;
                                           },
                                           [&](QByteArrayView data) { response.body += data; },
                                           [&] { done = true; }});
        QElapsedTimer clock;
        clock.start();
        while (!done && clock.elapsed() < timeoutMs) {
            if (!m_pending.isEmpty()) { // the rest of an earlier read: the next response
                const qsizetype used = parser.feed(m_pending);
                m_pending.remove(0, used);
                if (parser.error() || done)
                    break;
            }
            if (m_socket.bytesAvailable() == 0 &&
                !m_socket.waitForReadyRead(int(timeoutMs - clock.elapsed()))) {
                response.closed = m_socket.state() != QAbstractSocket::ConnectedState;
                break;
            }
            m_pending += m_socket.readAll();
        }
        response.complete = done;
        return response;
    }

private:
    QSslSocket m_socket;
    QByteArray m_pending; // received, not yet parsed
    bool m_encrypted = false;
    QString m_error;
};

// A gateway serving `yaml` with every gateway port on a free local port and the local CA in
// `caDirectory`.
class TlsGateway {
public:
    TlsGateway(const QByteArray &yaml, const QString &caDirectory,
               const QList<QPair<QString, QString>> &upstreams = {}, Proxy::ProxyLimits limits = {})
        : m_engine(options(caDirectory, limits))
    {
        m_config = compileYaml(yaml);
        for (const Runtime::Listener &listener : m_config->listeners)
            m_environment.overridePort(listener.port, 0);
        for (const auto &[key, address] : upstreams) {
            QString error;
            m_environment.overrideUpstream(key, address, &error);
        }
        QString error;
        m_ok = m_engine.apply(m_config, m_environment, &error);
        if (!m_ok)
            qWarning() << error;
        QTest::qWait(30);
    }
    static Proxy::ProxyOptions options(const QString &caDirectory, Proxy::ProxyLimits limits)
    {
        Proxy::ProxyOptions options;
        options.workers = 2;
        options.caDirectory = caDirectory;
        options.limits = limits;
        return options;
    }
    bool ok() const { return m_ok; }
    quint16 port(quint32 gatewayPort) const
    {
        for (const Proxy::ServedListener &listener : m_engine.listeners()) {
            if (listener.gatewayPort == gatewayPort && listener.served)
                return listener.localPort;
        }
        return 0;
    }
    Proxy::ProxyEngine &engine() { return m_engine; }

private:
    Environment::LocalEnvironment m_environment;
    std::shared_ptr<const Runtime::Config> m_config;
    Proxy::ProxyEngine m_engine;
    bool m_ok = false;
};

inline QByteArray readDataFile(const QString &name)
{
    QFile file(QStringLiteral(GATEHOUSE_TEST_DATA "/proxy/") + name);
    file.open(QIODevice::ReadOnly);
    return file.readAll();
}

} // namespace ProxyTest
