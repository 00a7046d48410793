// Editing through the YAML tab and the edit history: typing reaches the workspace as one
// undoable step, undo and redo restore the text exactly (whatever made the edit), findings are
// underlined on their line, and a Problems double-click lands on it.

#include "edithistory.h"
#include "editortabs.h"
#include "mainwindow.h"
#include "resourceeditor.h"
#include "yamleditor.h"

#include <QAction>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTreeView>
#include <QUndoStack>

namespace {

// Two documents in one file: the second is the one edited, so line numbers in the file and in
// the editor differ.
const QByteArray TWO_DOCUMENTS = R"(# Routes for the shop.
apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: edge
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["shop.example.com"]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: shop
spec:
  hosts: ["shop.example.com"]  # keep this comment
  gateways: [edge]
  http:
  - route:
    - destination: {host: shop}
)";

struct Fixture {
    QTemporaryDir dir;
    QString path;
    MainWindow window;
    YamlEditor *editor = nullptr;
    QTreeView *problems = nullptr;

    Fixture()
    {
        path = dir.filePath(QStringLiteral("shop.yaml"));
        QFile file(path);
        if (file.open(QIODevice::WriteOnly))
            file.write(TWO_DOCUMENTS);
        file.close();
        window.openPaths({path});
        problems = window.findChild<QTreeView *>(QStringLiteral("problemsList"));
    }

    Project::DocumentRef virtualService() const { return {0, 1}; }
    QByteArray text() { return window.workspace().document(virtualService()).text(); }

    void showVirtualService()
    {
        auto *tree = window.findChild<QTreeView *>(QStringLiteral("resourceTree"));
        const auto items = tree->model()->match(
            tree->model()->index(0, 0), Qt::DisplayRole, QStringLiteral("shop"), 1,
            Qt::MatchExactly | Qt::MatchRecursive | Qt::MatchWrap);
        if (!items.isEmpty())
            tree->setCurrentIndex(items.first());
        useOpenEditor();
    }

    // The YAML tab of the resource editor in front (each resource opens in a tab of its own).
    void useOpenEditor()
    {
        ResourceEditor *open =
            window.findChild<EditorTabs *>(QStringLiteral("centralTabs"))->currentEditor();
        editor = open ? open->yaml() : nullptr;
        if (open)
            open->showYaml();
    }

    // Types right after `anchor`, as a user would, key by key.
    void typeAfter(const QString &anchor, const QString &typed)
    {
        QTextCursor cursor = editor->document()->find(anchor);
        cursor.setPosition(cursor.selectionEnd());
        editor->setTextCursor(cursor);
        QTest::keyClicks(editor, typed);
    }

    QAction *action(const char *name)
    {
        return window.findChild<QAction *>(QString::fromLatin1(name));
    }
};

} // namespace

class TestYamlEditing : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); } // not the user's settings
    void typingReachesTheWorkspaceAsOneStep();
    void undoAndRedoRestoreTheTextExactly();
    void formEditsAreUndoneToo();
    void brokenTextStaysAndIsUnderlined();
    void editsElsewhereReplaceTheText();
    void problemDoubleClickGoesToTheLine();
    void undoShortcutReachesTheHistory();
};

void TestYamlEditing::typingReachesTheWorkspaceAsOneStep()
{
    Fixture f;
    f.showVirtualService();
    // The document's own text, its separator line included.
    QVERIFY(f.editor->toPlainText().startsWith(QStringLiteral("---\napiVersion:")));
    QVERIFY(!f.editor->isReadOnly());

    f.typeAfter(QStringLiteral("gateways: [edge"), QStringLiteral(", other"));
    // Nothing is parsed on the keystroke itself...
    QVERIFY(!f.text().contains("other"));
    // ...but a moment later, as one step.
    QTRY_VERIFY(f.text().contains("gateways: [edge, other]"));
    QUndoStack &stack = f.window.history().stack();
    QCOMPARE(stack.count(), 1);
    QVERIFY(stack.undoText().contains(QStringLiteral("shop")));

    // The Gateway document of the same file is untouched, the comment kept.
    QVERIFY(f.window.workspace().document({0, 0}).text().startsWith("# Routes for the shop.\n"));
    QVERIFY(f.text().contains("# keep this comment"));
    QVERIFY(f.window.workspace().isModified());
}

void TestYamlEditing::undoAndRedoRestoreTheTextExactly()
{
    Fixture f;
    f.showVirtualService();
    const QByteArray original = f.text();
    f.typeAfter(QStringLiteral("gateways: [edge"), QStringLiteral(", other"));
    f.editor->commitPendingEdit();
    const QByteArray edited = f.text();
    QVERIFY(edited != original);

    f.action("undoAction")->trigger();
    QCOMPARE(f.text(), original);
    QCOMPARE(f.editor->toPlainText().toUtf8(), original);
    QVERIFY(f.action("redoAction")->isEnabled());

    f.action("redoAction")->trigger();
    QCOMPARE(f.text(), edited);
    QCOMPARE(f.editor->toPlainText().toUtf8(), edited);
}

void TestYamlEditing::formEditsAreUndoneToo()
{
    Fixture f;
    f.showVirtualService();
    const QByteArray original = f.text();
    auto service = std::get<Istio::VirtualService>(
        f.window.workspace().document(f.virtualService()).resource());
    service.spec.hosts = {QStringLiteral("shop.example.com"), QStringLiteral("www.example.com")};
    QVERIFY(f.window.history().setResource(f.virtualService(), service,
                                           QStringLiteral("Add host www.example.com")));
    QVERIFY(f.text().contains("www.example.com"));
    QVERIFY(f.editor->toPlainText().contains(QStringLiteral("www.example.com")));
    // An edit that changes nothing is no step.
    QVERIFY(!f.window.history().setResource(f.virtualService(), service, QStringLiteral("same")));
    QCOMPARE(f.window.history().stack().count(), 1);

    f.window.history().stack().undo();
    QCOMPARE(f.text(), original);
}

void TestYamlEditing::brokenTextStaysAndIsUnderlined()
{
    Fixture f;
    f.showVirtualService();
    QCOMPARE(f.problems->model()->rowCount(), 0);
    f.typeAfter(QStringLiteral("gateways: [edge"), QStringLiteral(", [unclosed"));
    f.editor->commitPendingEdit();
    // The broken text is what the workspace holds (and would save); it is not thrown away.
    QVERIFY(f.text().contains("[edge, [unclosed]"));
    QTRY_VERIFY(f.problems->model()->rowCount() > 0);
    const auto findings = f.editor->underlinedFindings();
    QVERIFY(!findings.isEmpty());
    // The YAML error is on a line of this document, reported against the file's numbering and
    // shown on the editor's own line.
    const int firstLine = f.window.workspace().document(f.virtualService()).startLine();
    QVERIFY(firstLine > 0);
    for (const auto &[line, message] : findings) {
        QVERIFY2(line >= 0 && line < f.editor->document()->blockCount(), qPrintable(message));
    }
    QVERIFY(!f.editor->extraSelections().isEmpty());

    // Undo brings the valid text back and the problems go.
    f.window.history().stack().undo();
    QTRY_COMPARE(f.problems->model()->rowCount(), 0);
    QVERIFY(f.editor->underlinedFindings().isEmpty());
}

void TestYamlEditing::editsElsewhereReplaceTheText()
{
    Fixture f;
    f.showVirtualService();
    QTextCursor cursor = f.editor->document()->find(QStringLiteral("http:"));
    f.editor->setTextCursor(cursor);
    const int line = f.editor->textCursor().blockNumber();
    QByteArray changed = f.text();
    changed.replace("host: shop}", "host: shop, port: {number: 8080}}");
    QVERIFY(f.window.workspace().setText(f.virtualService(), changed));
    QCOMPARE(f.editor->toPlainText().toUtf8(), changed);
    QCOMPARE(f.editor->textCursor().blockNumber(), line); // the reader stays where they were
}

void TestYamlEditing::problemDoubleClickGoesToTheLine()
{
    Fixture f;
    QByteArray broken = f.text();
    broken.replace("hosts: [\"shop.example.com\"]", "hosts: {a: b}");
    QVERIFY(f.window.workspace().setText(f.virtualService(), broken));
    QTRY_VERIFY(f.problems->model()->rowCount() > 0);
    QModelIndex typeError;
    for (int i = 0; i < f.problems->model()->rowCount(); ++i) {
        if (f.problems->model()->index(i, 1).data().toString() == QLatin1String("GH1002"))
            typeError = f.problems->model()->index(i, 0);
    }
    QVERIFY(typeError.isValid());
    const QString location = typeError.siblingAtColumn(2).data().toString();
    QVERIFY2(location.startsWith(QLatin1String("shop.yaml:17:")), qPrintable(location));
    emit f.problems->activated(typeError);
    f.useOpenEditor();
    QVERIFY(f.editor);
    QCOMPARE(f.editor->documentRef(), f.virtualService());
    // File line 17 is the editor's line 7 (the document, from its "---", starts at line 11).
    QCOMPARE(f.editor->textCursor().blockNumber(), 17 - 1 - 10);
    QVERIFY(f.editor->textCursor().block().text().contains(QStringLiteral("hosts:")));
}

void TestYamlEditing::undoShortcutReachesTheHistory()
{
    Fixture f;
    f.window.show();
    f.window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&f.window));
    f.showVirtualService();
    const QByteArray original = f.text();
    f.editor->setFocus();
    f.typeAfter(QStringLiteral("gateways: [edge"), QStringLiteral(", other"));
    // Ctrl+Z right after typing: the typing (not yet parsed) is what is undone, by the history.
    QTest::keyClick(f.editor, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(f.text(), original);
    QCOMPARE(f.editor->toPlainText().toUtf8(), original);
    QCOMPARE(f.window.history().stack().index(), 0);
}

QTEST_MAIN(TestYamlEditing)
#include "tst_yamlediting.moc"
