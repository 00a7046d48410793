#pragma once

#include "routetest/httpprobe.h"
#include "routetest/routetestfile.h"
#include "workspace/workspace.h"

#include <QWidget>

class ProxyController;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

// The Request Tester dock: a request (method, URL, headers, body, SNI) is sent through the
// running local proxy and its response shown; either way, the same pure decision the proxy
// makes is shown with its trace (every stage, and the candidates that did not match), so the
// answer always comes with the why. With the proxy stopped, the decision alone answers.
class RequestTester : public QWidget {
    Q_OBJECT

public:
    RequestTester(const Project::Workspace &workspace, const ProxyController &proxy,
                  QWidget *parent = nullptr);

    void setRequest(const QString &method, const QString &url, const QString &headers = {});
    void send();
    // The last request sent with the decision's outcome as its expectations (nullopt before a
    // request was sent): what "Add as test" hands over.
    const std::optional<RouteTest::TestCase> &lastAsTest() const { return m_lastAsTest; }

signals:
    void answered(); // the response (or the decision alone) is shown
    // "Add as test": the Route Tests dock appends `test` to its file (or asks for one).
    void addAsTestRequested(const RouteTest::TestCase &test);

private:
    void showProbeResult(const RouteTest::ProbeResult &result);

    const Project::Workspace &m_workspace;
    const ProxyController &m_proxy;
    QComboBox *m_method;
    QLineEdit *m_url;
    QLineEdit *m_sni;
    QPlainTextEdit *m_headers;
    QPlainTextEdit *m_body;
    QPushButton *m_send;
    QPushButton *m_addAsTest;
    QLabel *m_status;
    QPlainTextEdit *m_response;
    QPlainTextEdit *m_decision;
    RouteTest::HttpProbe m_probe;
    std::optional<RouteTest::TestCase> m_lastAsTest;
};
