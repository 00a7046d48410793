#include "requesttester.h"

#include "compile/compiler.h"
#include "proxycontroller.h"
#include "route/decide.h"
#include "route/decisionformat.h"
#include "route/nearmisses.h"
#include "routetest/routetestwriter.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

namespace {

QPlainTextEdit *monospaced(QWidget *parent, const QString &name, bool readOnly)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setObjectName(name);
    edit->setReadOnly(readOnly);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return edit;
}

} // namespace

RequestTester::RequestTester(const Project::Workspace &workspace, const ProxyController &proxy,
                             QWidget *parent)
    : QWidget(parent), m_workspace(workspace), m_proxy(proxy), m_method(new QComboBox(this)),
      m_url(new QLineEdit(this)), m_sni(new QLineEdit(this)),
      m_headers(monospaced(this, QStringLiteral("testerHeaders"), false)),
      m_body(monospaced(this, QStringLiteral("testerBody"), false)),
      m_send(new QPushButton(tr("Send"), this)),
      m_addAsTest(new QPushButton(tr("Add as Test"), this)), m_status(new QLabel(this)),
      m_response(monospaced(this, QStringLiteral("testerResponse"), true)),
      m_decision(monospaced(this, QStringLiteral("testerDecision"), true))
{
    m_method->setObjectName(QStringLiteral("testerMethod"));
    m_method->setEditable(true); // any token is a method
    m_method->addItems({QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
                        QStringLiteral("DELETE"), QStringLiteral("PATCH"), QStringLiteral("HEAD"),
                        QStringLiteral("OPTIONS")});
    m_method->setAccessibleName(tr("Method"));
    m_url->setObjectName(QStringLiteral("testerUrl"));
    m_url->setPlaceholderText(tr("http://host[:gateway port]/path?query"));
    m_url->setToolTip(tr("The port is the Gateway server's port (80 and 443 by default), as a "
                         "client of the cluster would use it; the local port map is applied "
                         "for you."));
    m_url->setAccessibleName(tr("URL"));
    m_sni->setObjectName(QStringLiteral("testerSni"));
    m_sni->setPlaceholderText(tr("the URL host"));
    m_sni->setToolTip(tr("The TLS server name sent for https (default: the URL host)"));
    m_headers->setPlaceholderText(tr("name: value, one per line"));
    m_headers->setAccessibleName(tr("Request headers"));
    m_body->setAccessibleName(tr("Request body"));
    m_send->setObjectName(QStringLiteral("testerSend"));
    m_send->setDefault(true);
    m_send->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_send->setToolTip(tr("Send the request (Ctrl+Return)"));
    m_addAsTest->setObjectName(QStringLiteral("testerAddAsTest"));
    m_addAsTest->setEnabled(false);
    m_addAsTest->setToolTip(tr("Append the last request, with what the gateway did as its "
                               "expectations, to the route test file of the Route Tests dock"));
    connect(m_addAsTest, &QPushButton::clicked, this, [this] {
        if (m_lastAsTest)
            emit addAsTestRequested(*m_lastAsTest);
    });
    m_status->setObjectName(QStringLiteral("testerStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    connect(m_send, &QPushButton::clicked, this, &RequestTester::send);
    connect(m_url, &QLineEdit::returnPressed, this, &RequestTester::send);
    connect(&m_probe, &RouteTest::HttpProbe::finished, this, &RequestTester::showProbeResult);

    auto *line = new QHBoxLayout;
    line->addWidget(m_method);
    line->addWidget(m_url, 1);
    line->addWidget(m_send);
    line->addWidget(m_addAsTest);
    auto *requestTabs = new QTabWidget(this);
    requestTabs->addTab(m_headers, tr("Headers"));
    requestTabs->addTab(m_body, tr("Body"));
    auto *tlsPage = new QWidget(this);
    auto *tlsForm = new QFormLayout(tlsPage);
    tlsForm->addRow(tr("SNI:"), m_sni);
    requestTabs->addTab(tlsPage, tr("TLS"));
    auto *resultTabs = new QTabWidget(this);
    resultTabs->setObjectName(QStringLiteral("testerResults"));
    resultTabs->addTab(m_response, tr("Response"));
    resultTabs->addTab(m_decision, tr("Decision"));
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(requestTabs);
    splitter->addWidget(resultTabs);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(line);
    layout->addWidget(m_status);
    layout->addWidget(splitter, 1);
}

void RequestTester::setRequest(const QString &method, const QString &url, const QString &headers)
{
    m_method->setCurrentText(method);
    m_url->setText(url);
    m_headers->setPlainText(headers);
}

void RequestTester::send()
{
    QString error;
    std::optional<Route::Request> request =
        Route::Request::fromUrl(m_method->currentText().trimmed(), m_url->text().trimmed(), &error);
    if (!request) {
        m_status->setText(tr("Not sent: %1").arg(error));
        return;
    }
    RouteTest::RequestSpec spec;
    spec.url = m_url->text().trimmed();
    if (request->method != QLatin1String("GET"))
        spec.method = request->method;
    const QStringList headerLines = m_headers->toPlainText().split(QLatin1Char('\n'));
    for (const QString &headerLine : headerLines) {
        if (headerLine.trimmed().isEmpty())
            continue;
        const qsizetype colon = headerLine.indexOf(QLatin1Char(':'));
        if (colon <= 0) {
            m_status->setText(
                tr("Not sent: \"%1\" is not a \"name: value\" header").arg(headerLine));
            return;
        }
        const QString name = headerLine.left(colon).trimmed().toLower();
        const QString value = headerLine.mid(colon + 1).trimmed();
        if (name == QLatin1String("host"))
            request->authority = value;
        else
            request->setHeader(name, value);
        spec.headers.set(name, value);
    }
    if (request->tls && !m_sni->text().trimmed().isEmpty()) {
        request->sni = m_sni->text().trimmed();
        spec.sni = request->sni;
    }
    const QByteArray body = m_body->toPlainText().toUtf8();
    if (!body.isEmpty())
        spec.body = QString::fromUtf8(body);

    // The decision always: it is what the proxy decides too, with the reasons.
    const auto config = Compile::compile(m_workspace);
    const Route::Decision decision = Route::decideExplained(*config, *request);
    m_decision->setPlainText(Route::decisionText(decision));
    RouteTest::TestCase test;
    test.name =
        QStringLiteral("%1 %2%3").arg(request->method, request->authority, request->pathAndQuery);
    test.request = spec;
    test.expect = RouteTest::expectationFrom(decision);
    m_lastAsTest = test;
    m_addAsTest->setEnabled(true);

    if (!m_proxy.isRunning()) {
        m_status->setText(tr("Proxy stopped: the gateway's decision, without sending"));
        m_response->setPlainText(decision.summary());
        emit answered();
        return;
    }
    quint16 localPort = 0;
    for (const Proxy::ServedListener &listener : m_proxy.listeners()) {
        if (listener.gatewayPort == request->port && listener.served)
            localPort = listener.localPort;
    }
    if (localPort == 0) {
        m_status->setText(tr("Nothing listens on gateway port %1").arg(request->port));
        m_response->clear();
        emit answered();
        return;
    }
    m_status->setText(tr("Sending to 127.0.0.1:%1…").arg(localPort));
    m_response->clear();
    m_send->setEnabled(false);
    m_probe.send(localPort, *request, body);
}

void RequestTester::showProbeResult(const RouteTest::ProbeResult &result)
{
    m_send->setEnabled(true);
    if (!result.answered) {
        m_status->setText(tr("No answer: %1 (%2 ms)").arg(result.error).arg(result.elapsedMs));
        emit answered();
        return;
    }
    m_status->setText(
        tr("%1 %2 in %3 ms").arg(result.status).arg(result.reason).arg(result.elapsedMs));
    QString text = QStringLiteral("HTTP/1.1 %1 %2\n").arg(result.status).arg(result.reason);
    for (const auto &[name, value] : result.headers)
        text += name + QStringLiteral(": ") + value + QLatin1Char('\n');
    text += QLatin1Char('\n') + QString::fromUtf8(result.body);
    m_response->setPlainText(text);
    emit answered();
}
