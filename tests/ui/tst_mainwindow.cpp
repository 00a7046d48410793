// The main window opens a project and shows its resources and problems.

#include "mainwindow.h"

#include <QPlainTextEdit>
#include <QTest>
#include <QTreeWidget>

class TestMainWindow : public QObject {
    Q_OBJECT

private slots:
    void showsTheSampleProject();
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

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
