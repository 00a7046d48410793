// The main window's shell: the local environment dialog (load, edit, save, reload; bad entries
// refused), File › New (a valid resource, selected, one undo step), the toolbar (icons,
// shortcuts, tooltips) and the status bar's busy indicator.

#include "busyindicator.h"
#include "edithistory.h"
#include "editortabs.h"
#include "environment/localenvironment.h"
#include "environmentdialog.h"
#include "mainwindow.h"
#include "newresourcedialog.h"
#include "proxycontroller.h"
#include "resourceeditor.h"
#include "yamleditor.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>
#include <QUndoStack>

namespace {

void setCell(QTableWidget *table, int row, int column, const QString &text)
{
    if (row >= table->rowCount())
        table->setRowCount(row + 1);
    table->setItem(row, column, new QTableWidgetItem(text)); // itemChanged: checked at once
}

// Runs `fill` on the next modal dialog of type T the window opens.
template <class T, class F> void whenDialogOpens(F fill)
{
    QTimer::singleShot(0, [fill] {
        auto *dialog = qobject_cast<T *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        fill(dialog);
    });
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestShell : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void environmentRoundTrip();
    void environmentRefusesABadEntry();
    void environmentReloadsTheProxy();
    void newResource_data();
    void newResource();
    void toolbarActionsHaveIconShortcutAndTooltip();
    void busyIndicatorWaitsBeforeShowing();

private:
    QTemporaryDir m_dir;
    QString m_sample; // a copy of the bundled sample, so new files land in the temp folder
};

void TestShell::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    m_sample = m_dir.filePath(QStringLiteral("sample"));
    QDir().mkpath(m_sample);
    const QDir source(QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/samples/bookinfo"));
    for (const QString &name : source.entryList({QStringLiteral("*.yaml")}, QDir::Files))
        QVERIFY(QFile::copy(source.filePath(name), QDir(m_sample).filePath(name)));
}

void TestShell::environmentRoundTrip()
{
    const QString path = m_dir.filePath(QStringLiteral("roundtrip/env.yaml"));
    QDir().mkpath(QFileInfo(path).absolutePath());
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("# mine\nports:\n  80: 8080\nextra: kept\n");
    }
    {
        EnvironmentDialog dialog(path);
        auto *ports = dialog.findChild<QTableWidget *>(QStringLiteral("environmentPorts"));
        auto *upstreams = dialog.findChild<QTableWidget *>(QStringLiteral("environmentUpstreams"));
        auto *listen = dialog.findChild<QLineEdit *>(QStringLiteral("environmentListen"));
        QCOMPARE(ports->rowCount(), 1);
        QCOMPARE(ports->item(0, 1)->text(), QStringLiteral("8080"));
        listen->setText(QStringLiteral("127.0.0.2"));
        setCell(ports, 1, 0, QStringLiteral("443"));
        setCell(ports, 1, 1, QStringLiteral("9443"));
        setCell(upstreams, 0, 0, QStringLiteral("reviews/v2"));
        setCell(upstreams, 0, 1, QStringLiteral("127.0.0.1:9082"));
        QCOMPARE(dialog.firstError(), QString());
        QVERIFY(dialog.save());
    }
    const QByteArray written = readFile(path);
    QVERIFY(written.startsWith("# mine\n"));
    QVERIFY(written.contains("extra: kept\n"));

    const Environment::LocalEnvironment environment = Environment::LocalEnvironment::load(path);
    QCOMPARE(environment.listenAddress(), QStringLiteral("127.0.0.2"));
    QCOMPARE(environment.localPort(443), quint16(9443));
    QCOMPARE(
        environment
            .upstreamFor(QStringLiteral("reviews.x.svc.cluster.local"), 9080, QStringLiteral("v2"))
            ->text(),
        QStringLiteral("127.0.0.1:9082"));

    EnvironmentDialog again(path); // reloaded from the file
    QCOMPARE(again.entries().listen, QStringLiteral("127.0.0.2"));
    QCOMPARE(again.entries().ports.size(), size_t(2));
    QCOMPARE(again.entries().upstreams.size(), size_t(1));
}

void TestShell::environmentRefusesABadEntry()
{
    const QString path = m_dir.filePath(QStringLiteral("bad/env.yaml"));
    EnvironmentDialog dialog(path);
    auto *upstreams = dialog.findChild<QTableWidget *>(QStringLiteral("environmentUpstreams"));
    setCell(upstreams, 0, 0, QStringLiteral("reviews"));
    setCell(upstreams, 0, 1, QStringLiteral("nowhere"));
    // Marked as typed, with the reason on the entry.
    QVERIFY(upstreams->item(0, 1)->toolTip().contains(QStringLiteral("nowhere")));
    QVERIFY(upstreams->item(0, 1)->data(Qt::BackgroundRole).isValid());
    QVERIFY(!upstreams->item(0, 0)->data(Qt::BackgroundRole).isValid());

    QVERIFY(!dialog.save());
    auto *message = dialog.findChild<QLabel *>(QStringLiteral("environmentMessage"));
    QVERIFY(message->text().contains(QStringLiteral("nowhere")));
    QVERIFY(!QFile::exists(path));
    dialog.accept(); // refused too: the dialog stays open
    QCOMPARE(dialog.result(), int(QDialog::Rejected));

    setCell(upstreams, 0, 1, QStringLiteral("127.0.0.1:9080"));
    QVERIFY(message->text().isEmpty());
    QVERIFY(dialog.save());
    QVERIFY(QFile::exists(path));
}

void TestShell::environmentReloadsTheProxy()
{
    MainWindow window;
    window.openPaths({m_sample});
    QCOMPARE(window.proxy().environment().path(), window.environmentPath());
    whenDialogOpens<EnvironmentDialog>([](EnvironmentDialog *dialog) {
        auto *ports = dialog->findChild<QTableWidget *>(QStringLiteral("environmentPorts"));
        setCell(ports, 0, 0, QStringLiteral("80"));
        setCell(ports, 0, 1, QStringLiteral("18080"));
        dialog->accept();
    });
    window.findChild<QAction *>(QStringLiteral("environmentAction"))->trigger();
    QVERIFY(QFile::exists(window.environmentPath()));
    QCOMPARE(window.proxy().environment().localPort(80), quint16(18080));
}

void TestShell::newResource_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("newFile");
    QTest::addColumn<QString>("name");
    QTest::newRow("Gateway into the current file")
        << int(Istio::ResourceKind::Gateway) << false << "new-gateway";
    QTest::newRow("VirtualService into the current file")
        << int(Istio::ResourceKind::VirtualService) << false << "new-virtualservice";
    QTest::newRow("DestinationRule into a new file")
        << int(Istio::ResourceKind::DestinationRule) << true << "new-destinationrule";
}

void TestShell::newResource()
{
    QFETCH(int, kind);
    QFETCH(bool, newFile);
    QFETCH(QString, name);
    MainWindow window;
    window.show();
    window.openPaths({m_sample});
    const Project::Workspace &workspace = window.workspace();
    const auto files = workspace.files().size();
    const auto documents = workspace.documents().size();
    const QByteArray firstFile = workspace.files().front().bytes();

    whenDialogOpens<NewResourceDialog>([kind, newFile](NewResourceDialog *dialog) {
        auto *kinds = dialog->findChild<QComboBox *>(QStringLiteral("newKind"));
        kinds->setCurrentIndex(kinds->findData(kind));
        auto *target = dialog->findChild<QComboBox *>(QStringLiteral("newTarget"));
        target->setCurrentIndex(target->findData(newFile ? -1 : 0));
        dialog->findChild<QLineEdit *>(QStringLiteral("newNamespace"))
            ->setText(QStringLiteral("shop"));
        dialog->accept();
    });
    window.findChild<QAction *>(QStringLiteral("newAction"))->trigger();

    QCOMPARE(workspace.files().size(), files + (newFile ? 1 : 0));
    QCOMPARE(workspace.documents().size(), documents + 1);
    // Selected: in the tree and open in a tab of its own.
    ResourceEditor *editor =
        window.findChild<EditorTabs *>(QStringLiteral("centralTabs"))->currentEditor();
    QVERIFY(editor);
    const Project::Document &created = workspace.document(editor->documentRef());
    QCOMPARE(created.name(), name);
    QCOMPARE(created.nameSpace(), QStringLiteral("shop"));
    QCOMPARE(int(created.modelledKind()), kind);
    auto *tree = window.findChild<QTreeView *>(QStringLiteral("resourceTree"));
    QCOMPARE(tree->currentIndex().data().toString(), name);
    // It validates: no finding at all in it.
    auto *problems = window.findChild<QTreeView *>(QStringLiteral("problemsList"));
    for (int row = 0; row < problems->model()->rowCount(); ++row) {
        const QString text = problems->model()->index(row, 0).data().toString() +
                             problems->model()->index(row, 1).data().toString();
        QVERIFY2(!text.contains(name), qPrintable(text));
    }
    QVERIFY(workspace.isModified());

    // One undo step takes it away.
    QCOMPARE(window.history().stack().count(), 1);
    window.findChild<QAction *>(QStringLiteral("undoAction"))->trigger();
    QCOMPARE(workspace.files().size(), files);
    QCOMPARE(workspace.documents().size(), documents);
    QCOMPARE(workspace.files().front().bytes(), firstFile);
    window.findChild<QAction *>(QStringLiteral("redoAction"))->trigger();
    QCOMPARE(workspace.documents().size(), documents + 1);
}

void TestShell::toolbarActionsHaveIconShortcutAndTooltip()
{
    MainWindow window;
    window.show();
    auto *toolBar = window.findChild<QToolBar *>(QStringLiteral("mainToolBar"));
    QVERIFY(toolBar);
    QStringList names;
    for (QAction *action : toolBar->actions()) {
        if (action->isSeparator())
            continue;
        names << action->objectName();
        QVERIFY2(!action->icon().isNull(), qPrintable(action->objectName()));
        QVERIFY2(!action->icon().pixmap(QSize(24, 24), 2.0).isNull(),
                 qPrintable(action->objectName()));
        QVERIFY2(!action->shortcut().isEmpty(), qPrintable(action->objectName()));
        const QString keys = action->shortcut().toString(QKeySequence::NativeText);
        QVERIFY2(action->toolTip().contains(keys), qPrintable(action->toolTip()));
        QVERIFY(!toolBar->widgetForAction(action)->accessibleName().isEmpty());
    }
    QCOMPARE(names, (QStringList{"newAction", "openFileAction", "saveAction", "undoAction",
                                 "redoAction", "startStopProxyAction", "exportAction"}));
    QCOMPARE(window.findChild<QAction *>(QStringLiteral("newAction"))->shortcut(),
             QKeySequence(QKeySequence::New));
}

void TestShell::busyIndicatorWaitsBeforeShowing()
{
    QStatusBar bar;
    bar.show();
    BusyIndicator busy(&bar);
    busy.begin(QStringLiteral("Working…"));
    QCOMPARE(bar.currentMessage(), QStringLiteral("Working…"));
    busy.checkpoint(); // too early
    QVERIFY(!busy.isVisible());
    QTRY_VERIFY(busy.isVisible()); // after DELAY_MS
    busy.begin(QString());         // nested
    busy.end();
    QVERIFY(busy.isVisible());
    busy.end();
    QVERIFY(!busy.isVisible());
    QVERIFY(bar.currentMessage().isEmpty());

    busy.begin(QStringLiteral("Quick"));
    busy.end(QStringLiteral("Done"));
    QVERIFY(!busy.isVisible());
    QCOMPARE(bar.currentMessage(), QStringLiteral("Done"));
}

QTEST_MAIN(TestShell)
#include "tst_shell.moc"
