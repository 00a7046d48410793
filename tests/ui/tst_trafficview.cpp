// The Traffic dock's details pane: a selected request is decided again from its log entry, and
// the pane shows that decision's trace and near misses, saying what it was decided with.

#include "compile/compiler.h"
#include "trafficmodel.h"
#include "trafficview.h"

#include <QPlainTextEdit>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

namespace {

Proxy::AccessLogEntry entry(const QString &authority, const QString &path, quint32 port)
{
    Proxy::AccessLogEntry e;
    e.time = QDateTime::currentDateTimeUtc();
    e.gatewayPort = port;
    e.method = QStringLiteral("GET");
    e.authority = authority;
    e.path = path;
    e.status = 200;
    return e;
}

} // namespace

class TestTrafficView : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void selectionShowsTheTrace();
    void withoutAConfigOnlyTheLog();
};

void TestTrafficView::selectionShowsTheTrace()
{
    Project::Workspace workspace;
    QVERIFY(workspace.addPath(QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/samples/bookinfo")));
    const auto config = Compile::compile(workspace);
    TrafficView view;
    view.setConfigSource([&] { return config; });
    view.addEntries({entry(QStringLiteral("uk.bookinfo.com"), QStringLiteral("/reviews/1"), 443),
                     entry(QStringLiteral("nowhere.example.com"), QStringLiteral("/"), 80)});
    auto *table = view.findChild<QTableView *>(QStringLiteral("trafficTable"));
    auto *details = view.findChild<QPlainTextEdit *>(QStringLiteral("trafficDetails"));
    QVERIFY(table && details);

    table->setCurrentIndex(table->model()->index(0, 0));
    QString text = details->toPlainText();
    QVERIFY2(text.contains(QStringLiteral("route: 'reviews-canary' of "
                                          "bookinfo-namespace/bookinfo-rule")),
             qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("near misses:")));
    QVERIFY(text.contains(QStringLiteral("route http[0] 'reviews-for-jason' of "
                                         "bookinfo-namespace/bookinfo-rule: header end-user: "
                                         "exact \"jason\" ≠ (absent)")));
    // It says what it was decided with, and what the log could not give.
    QVERIFY(text.contains(QStringLiteral("served last")));
    QVERIFY(text.contains(QStringLiteral("the SNI is taken to be the Host")));
    QVERIFY(text.contains(QStringLiteral("filter chain")));

    table->setCurrentIndex(table->model()->index(1, 0));
    text = details->toPlainText();
    QVERIFY2(text.contains(QStringLiteral("virtual host")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("outcome")));
}

void TestTrafficView::withoutAConfigOnlyTheLog()
{
    TrafficView view;
    view.addEntries({entry(QStringLiteral("uk.bookinfo.com"), QStringLiteral("/reviews/1"), 443)});
    auto *table = view.findChild<QTableView *>(QStringLiteral("trafficTable"));
    table->setCurrentIndex(table->model()->index(0, 0));
    const QString text =
        view.findChild<QPlainTextEdit *>(QStringLiteral("trafficDetails"))->toPlainText();
    QVERIFY(text.contains(QStringLiteral("GET uk.bookinfo.com/reviews/1")));
    QVERIFY(!text.contains(QStringLiteral("trace:")));
}

QTEST_MAIN(TestTrafficView)
#include "tst_trafficview.moc"
