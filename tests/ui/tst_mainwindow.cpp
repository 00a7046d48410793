// The main window opens a project and shows its resources and problems.

#include "edithistory.h"
#include "mainwindow.h"
#include "resourceeditor.h"
#include "testsupport.h"
#include "topologyview.h"
#include "yamleditor.h"

#include <QAbstractButton>
#include <QApplication>
#include <QFile>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <QUndoStack>
#include <QUrl>

namespace {

// Answers the next message box the window shows with `button` (as the user would).
void answer(QMessageBox::StandardButton button)
{
    QTimer::singleShot(0, [button] {
        for (QWidget *widget : QApplication::topLevelWidgets()) {
            if (auto *box = qobject_cast<QMessageBox *>(widget); box && box->isVisible())
                box->button(button)->click();
        }
    });
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void showsTheSampleProject();
    void remembersRecentPathsAndOpensDrops();
    void closingWithUnsavedChangesAsks();
    void topologyFollowsEditsAndOpensResources();
    void recoversUnsavedEditsAfterACrash();
    void showsProblems();
};

void TestMainWindow::showsTheSampleProject()
{
    MainWindow window;
    window.openPaths({QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/samples/bookinfo")});
    window.show();
    auto *tree = window.findChild<QTreeView *>(QStringLiteral("resourceTree"));
    QVERIFY(tree);
    QAbstractItemModel *model = tree->model();
    QStringList namespaces;
    for (int i = 0; i < model->rowCount(); ++i)
        namespaces << model->index(i, 0).data().toString();
    namespaces.sort();
    QCOMPARE(namespaces, (QStringList{"bookinfo-namespace", "some-config-namespace"}));

    const QModelIndex gatewayKind =
        model
            ->match(model->index(0, 0), Qt::DisplayRole, QStringLiteral("Gateway"), 1,
                    Qt::MatchExactly | Qt::MatchRecursive | Qt::MatchWrap)
            .value(0);
    QVERIFY(gatewayKind.isValid());
    QCOMPARE(model->rowCount(gatewayKind), 1);
    tree->setCurrentIndex(model->index(0, 0, gatewayKind));
    auto *yaml = window.findChild<QPlainTextEdit *>(QStringLiteral("yamlEditor"));
    QVERIFY(yaml->toPlainText().contains(QStringLiteral("name: my-gateway")));

    auto *problems = window.findChild<QTreeView *>(QStringLiteral("problemsList"));
    QCOMPARE(problems->model()->rowCount(), 0);

    // The filter box keeps matching resources and their parents.
    window.findChild<QLineEdit *>(QStringLiteral("resourceFilter"))
        ->setText(QStringLiteral("shop"));
    QCOMPARE(model->rowCount(), 1);
    const QModelIndex kind = model->index(0, 0, model->index(0, 0));
    QCOMPARE(model->index(0, 0, kind).data().toString(), QStringLiteral("shop-rule"));
}

void TestMainWindow::showsProblems()
{
    MainWindow window;
    window.openPaths({QStringLiteral(GATEHOUSE_TEST_DATA "/ui/broken.yaml")});
    auto *problems = window.findChild<QTreeView *>(QStringLiteral("problemsList"));
    // The reader's type error and the admission rule, as `gatehouse validate` reports them.
    const QAbstractItemModel *model = problems->model();
    QCOMPARE(model->rowCount(), 2);
    QStringList rows;
    for (int i = 0; i < model->rowCount(); ++i) {
        QStringList cells;
        for (int column = 0; column < 3; ++column)
            cells << model->index(i, column).data().toString();
        rows << cells.join(' ');
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

    // A node opens its resource in a tab of its own.
    const auto &nodes = topology->graph().nodes;
    const auto shop = std::find_if(nodes.begin(), nodes.end(), [](const Topology::Node &node) {
        return node.kind == Topology::NodeKind::VirtualService &&
               node.label.contains(QStringLiteral("shop-rule"));
    });
    QVERIFY(shop != nodes.end());
    emit topology->resourceActivated(shop->source);
    auto *opened = qobject_cast<ResourceEditor *>(centre->currentWidget());
    QVERIFY(opened);
    YamlEditor *editor = opened->yaml();
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

void TestMainWindow::recoversUnsavedEditsAfterACrash()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("g.yaml"));
    const QByteArray original =
        "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: g\nspec: {}\n";
    QByteArray edited = original;
    edited.replace("name: g", "name: edited");
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(original);
    }
    {
        // Edited, autosaved, then gone without closing (as in a crash).
        MainWindow window;
        window.openPaths({path});
        QVERIFY(window.workspace().setText({0, 0}, edited));
        window.autosave();
    }
    QCOMPARE(TestSupport::readFile(path), original); // the user's file is untouched
    {
        // Declining drops the kept edits for good.
        MainWindow window;
        answer(QMessageBox::No);
        window.openPaths({path});
        QCOMPARE(window.workspace().document({0, 0}).text(), original);
        QVERIFY(!window.isWindowModified());
        QVERIFY(window.workspace().setText({0, 0}, edited));
        window.autosave(); // kept again, for the next case
    }
    {
        MainWindow window;
        answer(QMessageBox::Yes);
        window.openPaths({dir.path()}); // a folder holding the file counts too
        QCOMPARE(window.workspace().files().at(0).bytes(), edited);
        QVERIFY(window.isWindowModified()); // recovered, not saved yet
        window.autosave();
        QString error;
        QVERIFY(window.workspace().saveAll(&error));
        window.autosave(); // saved: the entry goes
    }
    QCOMPARE(TestSupport::readFile(path), edited);
    Project::RecoveryStore store;
    QVERIFY(!store.find(path));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
