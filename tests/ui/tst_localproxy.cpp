// The local proxy from the desktop app: Start serves the open design, a request shows up in the
// Traffic dock with the route that took it, edits are served at once, a design with errors is
// refused while the previous one keeps serving, and Stop closes the ports.

#include "edithistory.h"
#include "mainwindow.h"
#include "proxycontroller.h"
#include "requesttester.h"
#include "topologyview.h"
#include "trafficmodel.h"
#include "trafficview.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

namespace {

// One plain HTTP/1.1 request on a fresh connection; the whole answer, or "" when the port is
// closed.
QByteArray get(quint16 port, const QByteArray &host, const QByteArray &path)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(3000))
        return {};
    socket.write("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
    QByteArray answer;
    while (socket.waitForReadyRead(3000))
        answer += socket.readAll();
    return answer;
}

Proxy::AccessLogEntry entry(const QString &path, int status)
{
    Proxy::AccessLogEntry e;
    e.time = QDateTime::currentDateTimeUtc();
    e.method = QStringLiteral("GET");
    e.authority = QStringLiteral("example.com");
    e.path = path;
    e.status = status;
    return e;
}

} // namespace

class TestLocalProxy : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void trafficModelKeepsTheNewest();
    void trafficViewFiltersPausesAndClears();
    void startSendSeeTheRouteStop();

private:
    QTemporaryDir m_caDir;
};

void TestLocalProxy::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // recent files and layout: not the user's settings
    // Stand-in certificates for the sample's HTTPS servers come from a CA of the test's own.
    qputenv("GATEHOUSE_CA_DIR", m_caDir.path().toUtf8());
}

void TestLocalProxy::trafficModelKeepsTheNewest()
{
    TrafficModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.append({entry(QStringLiteral("/a"), 200), entry(QStringLiteral("/b"), 503)});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(1, TrafficModel::Path).data().toString(), QStringLiteral("/b"));
    QCOMPARE(model.index(1, TrafficModel::Status).data().toString(), QStringLiteral("503"));

    QList<Proxy::AccessLogEntry> many;
    for (int i = 0; i < TrafficModel::MAX_ROWS; ++i)
        many.append(entry(QStringLiteral("/n%1").arg(i), 200));
    model.append(many);
    QCOMPARE(model.rowCount(), TrafficModel::MAX_ROWS);
    QCOMPARE(model.index(0, TrafficModel::Path).data().toString(), QStringLiteral("/n0"));
    QCOMPARE(model.index(TrafficModel::MAX_ROWS - 1, TrafficModel::Path).data().toString(),
             QStringLiteral("/n%1").arg(TrafficModel::MAX_ROWS - 1));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestLocalProxy::trafficViewFiltersPausesAndClears()
{
    TrafficView view;
    auto *table = view.findChild<QTableView *>(QStringLiteral("trafficTable"));
    view.addEntries(
        {entry(QStringLiteral("/reviews/1"), 200), entry(QStringLiteral("/shop"), 301)});
    QCOMPARE(table->model()->rowCount(), 2);
    view.findChild<QLineEdit *>(QStringLiteral("trafficFilter"))
        ->setText(QStringLiteral("REVIEWS"));
    QCOMPARE(table->model()->rowCount(), 1);
    view.findChild<QLineEdit *>(QStringLiteral("trafficFilter"))->clear();

    auto *pause = view.findChild<QToolButton *>(QStringLiteral("trafficPause"));
    pause->click();
    QVERIFY(view.isPaused());
    view.addEntries({entry(QStringLiteral("/later"), 200)});
    QCOMPARE(view.model().rowCount(), 2); // waiting, not lost
    pause->click();
    QCOMPARE(view.model().rowCount(), 3);
    QCOMPARE(view.model().index(2, TrafficModel::Path).data().toString(), QStringLiteral("/later"));

    view.findChild<QToolButton *>(QStringLiteral("trafficClear"))->click();
    QCOMPARE(view.model().rowCount(), 0);
}

void TestLocalProxy::startSendSeeTheRouteStop()
{
    MainWindow window;
    window.openPaths({QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/samples/bookinfo")});
    Environment::LocalEnvironment environment;
    for (quint32 port : {80u, 443u, 9443u, 9080u, 2379u})
        environment.overridePort(port, 0); // any free port
    window.proxy().setEnvironment(environment);
    auto *traffic = window.findChild<TrafficView *>(QStringLiteral("trafficView"));
    QAbstractItemModelTester modelTester(&traffic->model(),
                                         QAbstractItemModelTester::FailureReportingMode::Fatal);

    auto *startStop = window.findChild<QAction *>(QStringLiteral("startStopProxyAction"));
    startStop->trigger();
    QVERIFY2(window.proxy().isRunning(), qPrintable(window.proxy().lastError()));
    quint16 port = 0;
    for (const Proxy::ServedListener &listener : window.proxy().listeners()) {
        if (listener.gatewayPort == 9080 && listener.served)
            port = listener.localPort;
    }
    QVERIFY(port != 0);
    QVERIFY(window.findChild<QLabel *>(QStringLiteral("proxyStatus"))
                ->text()
                .startsWith(QStringLiteral("Serving 5 port")));
    QVERIFY(startStop->text().contains(QStringLiteral("Stop")));

    QByteArray answer = get(port, "internal.example.com", "/healthz");
    QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer);
    QVERIFY2(answer.endsWith("\r\n\r\nok\n"), answer);
    QTRY_COMPARE(traffic->model().rowCount(), 1);
    const auto cell = [&](int row, int column) {
        return traffic->model().index(row, column).data().toString();
    };
    QCOMPARE(cell(0, TrafficModel::Route),
             QStringLiteral("bookinfo-namespace/internal-rule health"));
    QCOMPARE(cell(0, TrafficModel::Status), QStringLiteral("200"));
    QCOMPARE(cell(0, TrafficModel::Host), QStringLiteral("internal.example.com"));
    // The topology counts hits per route while the proxy runs; the others are never hit.
    auto *topology = window.findChild<TopologyView *>(QStringLiteral("topologyView"));
    QTRY_COMPARE(topology->shownHits(QStringLiteral("bookinfo-namespace/internal-rule http[0]")),
                 std::optional<quint64>(1));
    QCOMPARE(topology->shownHits(QStringLiteral("bookinfo-namespace/shop-rule http[0]")),
             std::optional<quint64>(0));

    // The Request Tester sends through the running proxy (the URL names the gateway port; the
    // port map is applied) and shows the answer with the decision behind it.
    RequestTester &tester = window.requestTester();
    QSignalSpy answered(&tester, &RequestTester::answered);
    const auto testerText = [&](const char *name) {
        if (auto *label = tester.findChild<QLabel *>(QLatin1String(name)))
            return label->text();
        return tester.findChild<QPlainTextEdit *>(QLatin1String(name))->toPlainText();
    };
    tester.setRequest(QStringLiteral("GET"),
                      QStringLiteral("http://internal.example.com:9080/healthz"));
    tester.send();
    QTRY_COMPARE(answered.count(), 1);
    QVERIFY2(testerText("testerStatus").startsWith(QStringLiteral("200 OK in ")),
             qPrintable(testerText("testerStatus")));
    QVERIFY(testerText("testerResponse").endsWith(QStringLiteral("\n\nok\n")));
    QVERIFY(
        testerText("testerDecision").contains(QStringLiteral("bookinfo-namespace/internal-rule")));
    QTRY_COMPARE(traffic->model().rowCount(), 2);
    QCOMPARE(cell(1, TrafficModel::Route),
             QStringLiteral("bookinfo-namespace/internal-rule health"));

    // HTTPS with SNI, through the stand-in certificate, to the built-in echo.
    tester.setRequest(QStringLiteral("GET"), QStringLiteral("https://uk.bookinfo.com/productpage"));
    tester.send();
    QTRY_COMPARE(answered.count(), 2);
    QVERIFY2(testerText("testerStatus").startsWith(QStringLiteral("200 OK")),
             qPrintable(testerText("testerStatus")));
    QVERIFY2(
        testerText("testerResponse").contains(QStringLiteral("productpage.bookinfo-namespace")),
        qPrintable(testerText("testerResponse")));
    QTRY_COMPARE(traffic->model().rowCount(), 3);
    QCOMPARE(cell(2, TrafficModel::Route),
             QStringLiteral("bookinfo-namespace/bookinfo-rule productpage"));

    // An edit is served at once, on the same port.
    const Project::DocumentRef internal = [&] {
        for (const Project::DocumentRef &ref : window.workspace().documents()) {
            if (window.workspace().document(ref).name() == QLatin1String("internal-rule"))
                return ref;
        }
        return Project::DocumentRef{};
    }();
    QVERIFY(internal.isValid());
    QByteArray text = window.workspace().document(internal).text();
    QVERIFY(text.contains("string: \"ok\\n\""));
    text.replace("string: \"ok\\n\"", "string: \"healthy\\n\"");
    QVERIFY(window.history().setText(internal, text, QStringLiteral("Change the health body")));
    QTRY_VERIFY(get(port, "internal.example.com", "/healthz").endsWith("healthy\n"));

    // An edit with an error is refused: the previous design keeps serving.
    QByteArray broken = text;
    broken.replace("status: 200", "status: not-a-number");
    QVERIFY(window.history().setText(internal, broken, QStringLiteral("Break it")));
    QTRY_VERIFY(window.findChild<QLabel *>(QStringLiteral("proxyStatus"))
                    ->text()
                    .contains(QStringLiteral("not reloaded")));
    QVERIFY(get(port, "internal.example.com", "/healthz").endsWith("healthy\n"));

    startStop->trigger();
    QVERIFY(!window.proxy().isRunning());
    QCOMPARE(topology->shownHits(QStringLiteral("bookinfo-namespace/internal-rule http[0]")),
             std::nullopt); // no counts without the proxy
    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("proxyStatus"))->text(),
             QStringLiteral("Proxy stopped"));
    QCOMPARE(get(port, "internal.example.com", "/healthz"), QByteArray());

    // Stopped, the tester still answers with the decision alone.
    tester.setRequest(QStringLiteral("GET"),
                      QStringLiteral("http://internal.example.com:9080/healthz"));
    tester.send();
    QCOMPARE(answered.count(), 3);
    QVERIFY(testerText("testerStatus").startsWith(QStringLiteral("Proxy stopped")));
    QVERIFY(testerText("testerDecision").contains(QStringLiteral("health")));
    // A URL that is not one gets a clear reason, and nothing is sent.
    tester.setRequest(QStringLiteral("GET"), QStringLiteral("not a url"));
    tester.send();
    QVERIFY(testerText("testerStatus").startsWith(QStringLiteral("Not sent: ")));
}

QTEST_MAIN(TestLocalProxy)
#include "tst_localproxy.moc"
