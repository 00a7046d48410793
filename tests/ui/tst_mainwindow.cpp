// The main window opens a project and shows its resources and problems.

#include "edithistory.h"
#include "mainwindow.h"
#include "topologyview.h"
#include "yamleditor.h"

#include <QAbstractButton>
#include <QApplication>
#include <QFile>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>
#include <QUndoStack>
#include <QUrl>

class TestMainWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void showsTheSampleProject();
    void remembersRecentPathsAndOpensDrops();
    void closingWithUnsavedChangesAsks();
    void topologyFollowsEditsAndOpensResources();
    void showsProblems();
};

void TestMainWindow::showsTheSampleProject()
{
    MainWindow window;
    window.openPaths({QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/samples/bookinfo")});
    window.show();
    auto *tree = window.findChild<QTreeWidget *>(QStringLiteral("resourceTree"));
    QVERIFY(tree);
    QStringList namespaces;
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        namespaces << tree->topLevelItem(i)->text(0);
    namespaces.sort();
    QCOMPARE(namespaces, (QStringList{"bookinfo-namespace", "some-config-namespace"}));

    QTreeWidgetItem *gatewayKind =
        tree->findItems(QStringLiteral("Gateway"), Qt::MatchExactly | Qt::MatchRecursive).value(0);
    QVERIFY(gatewayKind);
    QCOMPARE(gatewayKind->childCount(), 1);
    tree->setCurrentItem(gatewayKind->child(0));
    auto *yaml = window.findChild<QPlainTextEdit *>(QStringLiteral("yamlEditor"));
    QVERIFY(yaml->toPlainText().contains(QStringLiteral("name: my-gateway")));

    auto *problems = window.findChild<QTreeWidget *>(QStringLiteral("problemsList"));
    QCOMPARE(problems->topLevelItemCount(), 0);
}

void TestMainWindow::showsProblems()
{
    MainWindow window;
    window.openPaths({QStringLiteral(GATEHOUSE_TEST_DATA "/ui/broken.yaml")});
    auto *problems = window.findChild<QTreeWidget *>(QStringLiteral("problemsList"));
    // The reader's type error and the admission rule, as `gatehouse validate` reports them.
    QCOMPARE(problems->topLevelItemCount(), 2);
    QStringList rows;
    for (int i = 0; i < problems->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = problems->topLevelItem(i);
        rows << QStringList{item->text(0), item->text(1), item->text(2)}.join(' ');
    }
    QVERIFY2(rows.contains(QStringLiteral("ERROR GH1002 broken.yaml:6:10")),
             qPrintable(rows.join('\n')));
    QVERIFY2(rows.contains(QStringLiteral("ERROR IST0106 broken.yaml:5:1")),
             qPrintable(rows.join('\n')));
}

void TestMainWindow::initTestCase()
{
    // Settings go to a test location, never the user's own.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("GatehouseTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QSettings().clear();
}

void TestMainWindow::remembersRecentPathsAndOpensDrops()
{
    QTemporaryDir dir;
    const QString first = dir.filePath(QStringLiteral("a.yaml"));
    const QString second = dir.filePath(QStringLiteral("b.yaml"));
    for (const QString &path : {first, second}) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: " +
                   QFileInfo(path).baseName().toUtf8() + "\nspec: {}\n");
    }
    MainWindow window;
    window.openPaths({first});
    QCOMPARE(window.recentPaths().value(0), first);
    QCOMPARE(window.workspace().files().size(), size_t(1));
    window.openPaths({first}); // open already: not a second copy
    QCOMPARE(window.workspace().files().size(), size_t(1));
    QVERIFY(window.windowTitle().startsWith(QStringLiteral("a.yaml")));

    // Dropping a file on the window opens it.
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(second)});
    QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &drop);
    QCOMPARE(window.workspace().files().size(), size_t(2));
    QCOMPARE(window.recentPaths().mid(0, 2), (QStringList{second, first}));
    // A new window lists them too.
    MainWindow another;
    QCOMPARE(another.recentPaths().mid(0, 2), (QStringList{second, first}));
}

void TestMainWindow::closingWithUnsavedChangesAsks()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("g.yaml"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(
        "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: g\nspec: {}\n");
    file.close();
    MainWindow window;
    window.openPaths({path});
    window.show();
    QVERIFY(window.workspace().setText({0, 0}, "apiVersion: networking.istio.io/v1\nkind: "
                                               "Gateway\nmetadata:\n  name: h\nspec: {}\n"));
    QVERIFY(window.isWindowModified());

    // Cancel keeps the window open and the change in it.
    const auto answer = [](QMessageBox::StandardButton button) {
        QTimer::singleShot(0, [button] {
            for (QWidget *widget : QApplication::topLevelWidgets()) {
                if (auto *box = qobject_cast<QMessageBox *>(widget); box && box->isVisible())
                    box->button(button)->click();
            }
        });
    };
    answer(QMessageBox::Cancel);
    QVERIFY(!window.close());
    QVERIFY(window.isVisible());
    // Save writes the change, then the window closes.
    answer(QMessageBox::Save);
    QVERIFY(window.close());
    QFile saved(path);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QVERIFY(saved.readAll().contains("name: h"));
}

void TestMainWindow::topologyFollowsEditsAndOpensResources()
{
    MainWindow window;
    window.openPaths({QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/samples/bookinfo")});
    auto *centre = window.findChild<QTabWidget *>(QStringLiteral("centralTabs"));
    auto *topology = window.findChild<TopologyView *>(QStringLiteral("topologyView"));
    QCOMPARE(centre->currentWidget(), topology); // the whole design first
    QCOMPARE(topology->graph().count(Topology::NodeKind::VirtualService), 4);
    const int routes = topology->graph().count(Topology::NodeKind::Route);

    // A node opens its resource in the YAML tab.
    const auto &nodes = topology->graph().nodes;
    const auto shop = std::find_if(nodes.begin(), nodes.end(), [](const Topology::Node &node) {
        return node.kind == Topology::NodeKind::VirtualService &&
               node.label.contains(QStringLiteral("shop-rule"));
    });
    QVERIFY(shop != nodes.end());
    emit topology->resourceActivated(shop->source);
    auto *editor = window.findChild<YamlEditor *>(QStringLiteral("yamlEditor"));
    QCOMPARE(centre->currentWidget(), editor);
    QVERIFY(editor->toPlainText().contains(QStringLiteral("name: shop-rule")));

    // An edit (one more route) reaches the topology after validation.
    QByteArray text = window.workspace().document(editor->documentRef()).text();
    text.replace("  - name: details\n", "  - name: extra\n    match:\n    - uri: {exact: /extra}\n"
                                        "    directResponse: {status: 204}\n  - name: details\n");
    QVERIFY(window.history().setText(editor->documentRef(), text, QStringLiteral("Add a route")));
    QTRY_COMPARE(topology->graph().count(Topology::NodeKind::Route), routes + 1);
    window.history().stack().undo();
    QTRY_COMPARE(topology->graph().count(Topology::NodeKind::Route), routes);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
