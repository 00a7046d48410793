#include "edithistory.h"
#include "editortabs.h"
#include "forms/stringmatchedit.h"
#include "forms/virtualserviceform.h"
#include "mainwindow.h"
#include "proxycontroller.h"
#include "requesttester.h"
#include "resourceeditor.h"
#include "topologyview.h"
#include "trafficmodel.h"
#include "trafficview.h"
#include "yamleditor.h"

#include <QAbstractItemView>
#include <QAction>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

// The "done when", as one user session without a text editor: open the sample, change
// a route in the form, watch the YAML, topology and problems follow, start the proxy, send a
// request and see which route took it, undo, save and export.

namespace {

QString copySample(const QTemporaryDir &dir)
{
    const QDir sample(QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/samples/bookinfo"));
    for (const QString &name : sample.entryList({QStringLiteral("*.yaml")}, QDir::Files))
        QFile::copy(sample.filePath(name), dir.filePath(name));
    return dir.path();
}

Project::DocumentRef named(MainWindow &window, const QString &name)
{
    for (const Project::DocumentRef &ref : window.workspace().documents()) {
        if (window.workspace().document(ref).name() == name)
            return ref;
    }
    return {};
}

bool topologyShows(TopologyView *topology, const QString &text)
{
    for (const Topology::Node &node : topology->graph().nodes) {
        if (node.kind == Topology::NodeKind::Route &&
            (node.label.contains(text) || node.details.join(QLatin1Char('\n')).contains(text)))
            return true;
    }
    return false;
}

} // namespace

class TestDesignerLoop : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void changeARouteInTheFormThenServeUndoSaveAndExport();
};

void TestDesignerLoop::changeARouteInTheFormThenServeUndoSaveAndExport()
{
    QTemporaryDir dir;
    MainWindow window;
    window.openPaths({copySample(dir)});
    window.show();
    auto *topology = window.findChild<TopologyView *>(QStringLiteral("topologyView"));
    QVERIFY(!topologyShows(topology, QStringLiteral("/jason-reviews")));

    // Pick the VirtualService in the tree: it opens on its form.
    auto *tree = window.findChild<QTreeView *>(QStringLiteral("resourceTree"));
    const QModelIndexList found = tree->model()->match(
        tree->model()->index(0, 0), Qt::DisplayRole, QStringLiteral("bookinfo-rule"), 1,
        Qt::MatchExactly | Qt::MatchRecursive | Qt::MatchWrap);
    QVERIFY(!found.isEmpty());
    tree->setCurrentIndex(found.first());
    ResourceEditor *editor =
        window.findChild<EditorTabs *>(QStringLiteral("centralTabs"))->currentEditor();
    QVERIFY(editor);
    auto *form = qobject_cast<VirtualServiceForm *>(editor->form());
    QVERIFY(form);
    const Project::DocumentRef rule = editor->documentRef();
    const QByteArray original = window.workspace().document(rule).text();

    // The first route ("reviews-for-jason") now matches /jason-reviews instead of /reviews.
    auto *routes = form->findChild<QAbstractItemView *>(QStringLiteral("httpRouteList"));
    routes->setCurrentIndex(routes->model()->index(0, 0));
    auto *uri = form->findChild<StringMatchEdit *>(QStringLiteral("matchUri"));
    QVERIFY(uri);
    QLineEdit *value = uri->valueEdit();
    QCOMPARE(value->text(), QStringLiteral("/reviews"));
    value->setFocus();
    value->selectAll();
    QTest::keyClicks(value, QStringLiteral("/jason-reviews"));

    // The YAML, the topology and the problems follow.
    QVERIFY(window.workspace().document(rule).text().contains("prefix: /jason-reviews"));
    QVERIFY(editor->yaml()->toPlainText().contains(QStringLiteral("prefix: /jason-reviews")));
    QTRY_VERIFY(topologyShows(topology, QStringLiteral("/jason-reviews")));
    QCOMPARE(window.history().stack().count(), 1); // the typing is one step

    // Serve it; a request from the tester takes the changed route.
    Environment::LocalEnvironment environment;
    for (quint32 port : {80u, 443u, 9443u, 9080u, 2379u})
        environment.overridePort(port, 0);
    window.proxy().setEnvironment(environment);
    window.findChild<QAction *>(QStringLiteral("startStopProxyAction"))->trigger();
    QVERIFY2(window.proxy().isRunning(), qPrintable(window.proxy().lastError()));
    RequestTester &tester = window.requestTester();
    QSignalSpy answered(&tester, &RequestTester::answered);
    tester.setRequest(QStringLiteral("GET"), QStringLiteral("https://uk.bookinfo.com/jason-reviews/1"),
                      QStringLiteral("end-user: jason"));
    tester.send();
    QTRY_COMPARE(answered.count(), 1);
    auto *traffic = window.findChild<TrafficView *>(QStringLiteral("trafficView"));
    QTRY_COMPARE(traffic->model().rowCount(), 1);
    QCOMPARE(traffic->model().index(0, TrafficModel::Route).data().toString(),
             QStringLiteral("bookinfo-namespace/bookinfo-rule reviews-for-jason"));
    window.findChild<QAction *>(QStringLiteral("startStopProxyAction"))->trigger();

    // Undo puts the text back exactly, and the form with it; redo, save, export.
    window.history().stack().undo();
    QCOMPARE(window.workspace().document(rule).text(), original);
    QCOMPARE(value->text(), QStringLiteral("/reviews"));
    QTRY_VERIFY(!topologyShows(topology, QStringLiteral("/jason-reviews")));
    window.history().stack().redo();
    QCOMPARE(value->text(), QStringLiteral("/jason-reviews"));
    QString error;
    QVERIFY2(window.workspace().saveAll(&error), qPrintable(error));
    QFile saved(dir.filePath(QStringLiteral("virtualservices.yaml")));
    QVERIFY(saved.open(QIODevice::ReadOnly));
    const QByteArray onDisk = saved.readAll();
    QVERIFY(onDisk.contains("prefix: /jason-reviews"));
    QVERIFY(onDisk.contains("# ")); // the file's comments are still there
    QVERIFY(!window.workspace().isModified());
    QVERIFY(window.workspace().exportStream().contains("prefix: /jason-reviews"));
    QVERIFY(named(window, QStringLiteral("bookinfo-rule")).isValid());
}

QTEST_MAIN(TestDesignerLoop)
#include "tst_designerloop.moc"
