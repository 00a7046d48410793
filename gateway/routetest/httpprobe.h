#pragma once

#include "proxy/http1responseparser.h"
#include "route/request.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSslSocket>
#include <QTimer>
#include <memory>

// One request sent to the local gateway the way a client on the network would: a fresh
// connection (TLS with the request's SNI for https), the request as written, the response read
// with the gateway's own parser. Asynchronous, for the desktop app's Request Tester: the
// owner's thread never waits. Certificates are not checked: the tester is about where a request
// goes, and a design's certificate files need not chain to anything this machine trusts.
namespace RouteTest {

// The request's bytes on the wire: request line, Host (the authority), the headers, a
// content-length for a body, then the body.
QByteArray wireRequest(const Route::Request &request, const QByteArray &body);

struct ProbeResult {
    bool answered = false; // false: no HTTP response (refused, closed, timed out)
    QString error;         // why not, when not answered
    int status = 0;
    QString reason;
    std::vector<std::pair<QString, QString>> headers; // as received, names lower-cased
    QByteArray body;
    qint64 elapsedMs = 0;
};

class HttpProbe : public QObject {
    Q_OBJECT

public:
    explicit HttpProbe(QObject *parent = nullptr);

    // Sends to 127.0.0.1:localPort; finished() follows exactly once, also on failure.
    void send(quint16 localPort, const Route::Request &request, const QByteArray &body,
              int timeoutMs = 10000);

signals:
    void finished(const RouteTest::ProbeResult &result);

private:
    void readResponse();
    void done(const QString &error = {});

    std::unique_ptr<QSslSocket> m_socket;
    std::unique_ptr<Proxy::Http1ResponseParser> m_parser;
    QByteArray m_pending;
    QByteArray m_bytes;
    ProbeResult m_result;
    QElapsedTimer m_clock;
    QTimer m_timeout;
    bool m_complete = false;
};

} // namespace RouteTest
