#include "httpprobe.h"

namespace RouteTest {

QByteArray wireRequest(const Route::Request &request, const QByteArray &body)
{
    QByteArray bytes = request.method.toLatin1() + ' ' + request.pathAndQuery.toUtf8() + " HTTP/" +
                       request.httpVersion.toLatin1() + "\r\nhost: " + request.authority.toUtf8() +
                       "\r\n";
    for (const auto &[name, value] : request.headers) {
        if (name != QLatin1String("content-length"))
            bytes += name.toLatin1() + ": " + value.toUtf8() + "\r\n";
    }
    if (!body.isEmpty())
        bytes += "content-length: " + QByteArray::number(body.size()) + "\r\n";
    return bytes + "\r\n" + body;
}

HttpProbe::HttpProbe(QObject *parent) : QObject(parent)
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] { done(tr("no answer in time")); });
}

void HttpProbe::send(quint16 localPort, const Route::Request &request, const QByteArray &body,
                     int timeoutMs)
{
    m_result = {};
    m_pending.clear();
    m_complete = false;
    m_bytes = wireRequest(request, body);
    m_clock.start();
    m_timeout.start(timeoutMs);
    m_parser = std::make_unique<Proxy::Http1ResponseParser>(Proxy::Http1ResponseParser::Callbacks{
        [this](Proxy::ResponseHead &&head) {
            if (head.status >= 100 && head.status < 200)
                return; // interim (100 Continue): the real answer follows
            m_result.status = head.status;
            m_result.reason = QString::fromLatin1(head.reason);
            for (const Proxy::HeaderField &field : head.headers)
                m_result.headers.emplace_back(QString::fromLatin1(field.name).toLower(),
                                              QString::fromLatin1(field.value));
        },
        [this](QByteArrayView data) { m_result.body += data; },
        [this] {
            if (m_result.status != 0)
                m_complete = true;
        }});
    m_parser->expectResponseTo(request.method == QLatin1String("HEAD"));

    m_socket = std::make_unique<QSslSocket>();
    QSslSocket *socket = m_socket.get();
    connect(socket, &QSslSocket::readyRead, this, &HttpProbe::readResponse);
    connect(socket, &QSslSocket::disconnected, this, [this] {
        m_parser->finish();
        done(m_result.status ? QString() : tr("the gateway closed the connection"));
    });
    connect(socket, &QSslSocket::errorOccurred, this, [this, socket](QAbstractSocket::SocketError) {
        if (socket->error() == QAbstractSocket::RemoteHostClosedError)
            return; // handled as a disconnect, after the last bytes
        done(socket->errorString());
    });
    if (!request.tls) {
        connect(socket, &QSslSocket::connected, this, [this] { m_socket->write(m_bytes); });
        socket->connectToHost(QStringLiteral("127.0.0.1"), localPort);
        return;
    }
    connect(socket, &QSslSocket::encrypted, this, [this] { m_socket->write(m_bytes); });
    connect(socket, &QSslSocket::sslErrors, socket,
            qOverload<>(&QSslSocket::ignoreSslErrors)); // see the class comment
    socket->setPeerVerifyMode(QSslSocket::VerifyNone);
    socket->setProtocol(QSsl::TlsV1_2OrLater);
    if (request.sni) // Qt sends the verification name as SNI
        socket->setPeerVerifyName(*request.sni);
    socket->connectToHostEncrypted(QStringLiteral("127.0.0.1"), localPort);
}

void HttpProbe::readResponse()
{
    if (!m_parser || !m_socket)
        return;
    m_pending += m_socket->readAll();
    const qsizetype used = m_parser->feed(m_pending);
    m_pending.remove(0, used);
    if (m_parser->error()) {
        done(tr("the answer is not valid HTTP"));
        return;
    }
    if (m_complete)
        done();
}

void HttpProbe::done(const QString &error)
{
    if (!m_socket)
        return; // already reported
    m_timeout.stop();
    m_result.elapsedMs = m_clock.elapsed();
    m_result.answered = error.isEmpty() && m_result.status != 0;
    m_result.error = m_result.answered ? QString() : (error.isEmpty() ? tr("no answer") : error);
    // The socket may be the caller: it goes once control is back in the event loop, and says
    // nothing more to this probe.
    QSslSocket *socket = m_socket.release();
    QObject::disconnect(socket, nullptr, this, nullptr);
    socket->deleteLater();
    emit finished(m_result);
}

} // namespace RouteTest
