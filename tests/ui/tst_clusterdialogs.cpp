// The Export and Import dialogs against tests/fakes/kubectl, the recording test double for
// kubectl: what they run, what they show, and that errors, hangs and cancels come back to the
// user instead of freezing the window.

#include "exportdialog.h"
#include "fakes/fakekubectl.h"
#include "importdialog.h"
#include "kube/importedresources.h"
#include "kubectlsettingsdialog.h"
#include "mainwindow.h"
#include "sidebysidediffview.h"
#include "testsupport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

namespace {

QString sample()
{
    return QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/samples/bookinfo");
}

Kube::KubectlOptions fakeKubectl()
{
    Kube::KubectlOptions options;
    options.program = FakeKubectl::program();
    options.timeoutMs = 5000;
    return options;
}

template <class T> T *child(QObject *parent, const char *name)
{
    T *found = parent->findChild<T *>(QLatin1String(name));
    if (!found)
        qFatal("no child %s", name);
    return found;
}

QString statusOf(QWidget *dialog, const char *name)
{
    return child<QLabel>(dialog, name)->text();
}

// The sample, loaded before anything that reads it is made.
struct SampleWorkspace {
    SampleWorkspace() { workspace.addPath(sample()); }
    Project::Workspace workspace;
};

// The sample in an Export dialog set to send to the (fake) cluster.
struct ClusterExport : SampleWorkspace {
    ClusterExport() { dialog.setTarget(ExportDialog::Target::Cluster); }
    ExportDialog dialog{workspace, fakeKubectl()};
};

} // namespace

class TestClusterDialogs : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void diffDryRunAndApply();
    void kubectlFailureIsShownVerbatim();
    void hangingKubectlCanBeCancelled();
    void validationErrorsBlockUntilOverridden();
    void apiVersionChangesTheStream();
    void unifiedDiffIsShownSideBySide();
    void importAsNewWorkspace();
    void importMergesWithoutDuplicates();
    void kubectlSettings();

private:
    QTemporaryDir *m_log = nullptr;
};

void TestClusterDialogs::init()
{
    QStandardPaths::setTestModeEnabled(true); // recent files and layout: not the user's settings
    m_log = new QTemporaryDir;
    qputenv("FAKE_KUBECTL_SCRIPT_DIR", FakeKubectl::replies().toUtf8());
    qputenv("FAKE_KUBECTL_LOG", m_log->path().toUtf8());
    for (const char *name : {"FAKE_KUBECTL_EXIT", "FAKE_KUBECTL_STDERR", "FAKE_KUBECTL_HANG"})
        qunsetenv(name);
}

void TestClusterDialogs::cleanup()
{
    delete m_log;
    m_log = nullptr;
}

void TestClusterDialogs::diffDryRunAndApply()
{
    Project::Workspace workspace;
    workspace.addPath(sample());
    ExportDialog dialog(workspace, fakeKubectl());
    dialog.show();
    dialog.setTarget(ExportDialog::Target::Cluster);

    // The contexts are listed and kubectl's current one is preselected.
    auto *contexts = child<QComboBox>(&dialog, "contextPicker");
    QTRY_COMPARE(contexts->count(), 2);
    QCOMPARE(contexts->currentText(), QStringLiteral("kind-dev"));
    auto *namespaces = child<QComboBox>(&dialog, "namespacePicker");
    QTRY_COMPARE(namespaces->count(), 3);

    auto *diff = child<QPushButton>(&dialog, "diffButton");
    QTRY_VERIFY(diff->isEnabled());
    diff->click();
    auto *changed = child<QListWidget>(&dialog, "diffResources");
    QTRY_COMPARE(changed->count(), 1);
    QVERIFY2(changed->item(0)->text().startsWith(
                 QStringLiteral("Gateway some-config-namespace/my-gateway")),
             qPrintable(changed->item(0)->text()));
    QVERIFY(statusOf(&dialog, "exportStatus").contains(QStringLiteral("change 1 resource")));

    auto *dryRun = child<QPushButton>(&dialog, "dryRunButton");
    QTRY_VERIFY(dryRun->isEnabled());
    dryRun->click();
    auto *results = child<QTableWidget>(&dialog, "applyResults");
    QTRY_COMPARE(results->rowCount(), 9);
    QTRY_VERIFY(child<QPushButton>(&dialog, "applyButton")->isEnabled());
    child<QPushButton>(&dialog, "applyButton")->click();
    QTRY_VERIFY(statusOf(&dialog, "exportStatus").startsWith(QStringLiteral("Applied 9")));
    QCOMPARE(results->item(4, 1)->text(), QStringLiteral("my-gateway"));

    // What ran: contexts, current context, namespaces, then diff, dry run and apply on the
    // chosen context, each with the dialog's YAML on stdin.
    const QList<FakeKubectl::Run> runs = FakeKubectl::runs(m_log->path());
    QCOMPARE(runs.size(), 6);
    const FakeKubectl::Run &diffRun = runs.at(3);
    QVERIFY(diffRun.arguments.contains(QStringLiteral("diff")));
    QVERIFY(diffRun.arguments.contains(QStringLiteral("--context=kind-dev")));
    const FakeKubectl::Run &dryRunRun = runs.at(4);
    QVERIFY(dryRunRun.arguments.contains(QStringLiteral("--dry-run=server")));
    QVERIFY(dryRunRun.arguments.contains(QStringLiteral("--server-side")));
    QCOMPARE(dryRunRun.input, dialog.stream());
    const FakeKubectl::Run &applyRun = runs.at(5);
    QVERIFY(applyRun.arguments.contains(QStringLiteral("apply")));
    QVERIFY(!applyRun.arguments.contains(QStringLiteral("--dry-run=server")));
    QCOMPARE(applyRun.input, workspace.exportStream());
}

void TestClusterDialogs::kubectlFailureIsShownVerbatim()
{
    ClusterExport exporting;
    ExportDialog &dialog = exporting.dialog;
    auto *apply = child<QPushButton>(&dialog, "applyButton");
    QTRY_VERIFY(apply->isEnabled());
    qputenv("FAKE_KUBECTL_EXIT", "1");
    qputenv("FAKE_KUBECTL_STDERR", "Error from server (Forbidden): gateways.networking.istio.io "
                                   "is forbidden: User \"dev\" cannot patch\n");
    apply->click();
    QTRY_VERIFY(!statusOf(&dialog, "exportStatus").startsWith(QStringLiteral("Applying")));
    const QString status = statusOf(&dialog, "exportStatus");
    QVERIFY2(status.contains(QStringLiteral("Error from server (Forbidden): "
                                            "gateways.networking.istio.io is forbidden")),
             qPrintable(status));
    QVERIFY(child<QPlainTextEdit>(&dialog, "kubectlOutput")
                ->toPlainText()
                .contains(QStringLiteral("User \"dev\" cannot patch")));
    QCOMPARE(child<QTableWidget>(&dialog, "applyResults")->rowCount(), 0);
}

void TestClusterDialogs::hangingKubectlCanBeCancelled()
{
    ClusterExport exporting;
    ExportDialog &dialog = exporting.dialog;
    auto *apply = child<QPushButton>(&dialog, "applyButton");
    QTRY_VERIFY(apply->isEnabled());
    qputenv("FAKE_KUBECTL_HANG", "1");
    apply->click();
    auto *cancel = child<QPushButton>(&dialog, "cancelButton");
    QVERIFY(cancel->isEnabled());
    QVERIFY(!apply->isEnabled()); // one kubectl at a time
    cancel->click();
    QTRY_VERIFY(statusOf(&dialog, "exportStatus").startsWith(QStringLiteral("Cancelled")));
    QVERIFY(apply->isEnabled());
    QVERIFY(!cancel->isEnabled());
}

void TestClusterDialogs::validationErrorsBlockUntilOverridden()
{
    Project::Workspace workspace;
    workspace.addPath(QStringLiteral(GATEHOUSE_TEST_DATA "/ui/broken.yaml"));
    ExportDialog dialog(workspace, fakeKubectl());
    QVERIFY(statusOf(&dialog, "validationSummary")
                .startsWith(QStringLiteral("Validation: 2 "
                                           "error(s)")));
    QCOMPARE(child<QTreeWidget>(&dialog, "exportProblems")->topLevelItemCount(), 2);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out.yaml"));
    child<QLineEdit>(&dialog, "exportFile")->setText(path);
    auto *exportButton = child<QPushButton>(&dialog, "exportButton");
    QVERIFY(!exportButton->isEnabled());
    child<QCheckBox>(&dialog, "overrideErrors")->setChecked(true);
    QVERIFY(exportButton->isEnabled());
    exportButton->click();
    QCOMPARE(TestSupport::readFile(path), workspace.exportStream());
}

void TestClusterDialogs::apiVersionChangesTheStream()
{
    Project::Workspace workspace;
    workspace.addPath(sample());
    ExportDialog dialog(workspace, fakeKubectl());
    QCOMPARE(dialog.stream(), workspace.exportStream());
    auto *version = child<QComboBox>(&dialog, "apiVersion");
    version->setCurrentIndex(version->findData(QStringLiteral("v1alpha3")));
    QCOMPARE(dialog.stream(), workspace.exportStream(QStringLiteral("v1alpha3")));
    QVERIFY(child<QPlainTextEdit>(&dialog, "exportPreview")
                ->toPlainText()
                .contains(QStringLiteral("apiVersion: networking.istio.io/v1alpha3")));
}

void TestClusterDialogs::unifiedDiffIsShownSideBySide()
{
    SideBySideDiffView view;
    view.setDiff(QString::fromUtf8(FakeKubectl::reply(QStringLiteral("diff.out"))));
    QCOMPARE(view.resourceCount(), 1);
    auto *rows = child<QTableWidget>(&view, "diffRows");
    int changed = -1;
    for (int row = 0; row < rows->rowCount(); ++row) {
        if (rows->item(row, 1) && rows->item(row, 1)->text().trimmed() == "number: 8080")
            changed = row;
    }
    QVERIFY(changed >= 0);
    QCOMPARE(rows->item(changed, 3)->text().trimmed(), QStringLiteral("number: 80"));

    // Another KUBECTL_EXTERNAL_DIFF's output is shown as it is.
    view.setDiff(QStringLiteral("spec.servers.0.port.number\n  ± value change\n    - 8080\n"));
    QCOMPARE(view.resourceCount(), 0);
    QVERIFY(child<QPlainTextEdit>(&view, "diffText")->toPlainText().contains("± value change"));
}

void TestClusterDialogs::importAsNewWorkspace()
{
    QTemporaryDir folder;
    ImportDialog dialog(fakeKubectl(), folder.path());
    auto *import = child<QPushButton>(&dialog, "importButton");
    QTRY_VERIFY(import->isEnabled());
    child<QCheckBox>(&dialog, "allNamespaces")->setChecked(true);
    import->click();
    QTRY_COMPARE(dialog.QDialog::result(), int(QDialog::Accepted));
    QVERIFY(dialog.imported().resourceCount() > 0);
    const QList<FakeKubectl::Run> runs = FakeKubectl::runs(m_log->path());
    QVERIFY(runs.last().arguments.contains(QStringLiteral("--all-namespaces")));

    MainWindow window;
    window.openPaths({sample()});
    QVERIFY(window.importResources(dialog.imported(), folder.path(),
                                   MainWindow::ImportMode::NewWorkspace, false));
    // Only the imported files are open now, and they are on disk.
    int documents = 0;
    for (const Project::SourceFile &file : window.workspace().files()) {
        QVERIFY2(file.path().startsWith(folder.path()), qPrintable(file.path()));
        QVERIFY(QFileInfo::exists(file.path()));
        QCOMPARE(TestSupport::readFile(file.path()), file.bytes());
        documents += int(file.documents().size());
    }
    QCOMPARE(int(window.workspace().documents().size()), dialog.imported().resourceCount());
    QVERIFY(!TestSupport::readFile(window.workspace().files().front().path())
                 .contains("managedFields"));
}

void TestClusterDialogs::importMergesWithoutDuplicates()
{
    QTemporaryDir folder;
    QString error;
    const std::optional<Kube::ImportResult> imported =
        Kube::importResources(FakeKubectl::reply(QStringLiteral("get.out")), {}, &error);
    QVERIFY2(imported, qPrintable(error));

    MainWindow window;
    QVERIFY(window.importResources(*imported, folder.path(), MainWindow::ImportMode::Merge, false));
    const qsizetype once = window.workspace().documents().size();
    QCOMPARE(int(once), imported->resourceCount());
    // The same resources again: all already open, none added twice.
    QVERIFY(window.importResources(*imported, folder.path(), MainWindow::ImportMode::Merge, false));
    QCOMPARE(window.workspace().documents().size(), once);
}

void TestClusterDialogs::kubectlSettings()
{
    Kube::KubectlOptions given = fakeKubectl();
    given.context = QStringLiteral("prod-eu");
    KubectlSettingsDialog dialog(given);
    QCOMPARE(child<QLineEdit>(&dialog, "kubectlProgram")->text(), FakeKubectl::program());
    QCOMPARE(child<QSpinBox>(&dialog, "kubectlTimeout")->value(), 5);
    child<QLineEdit>(&dialog, "kubectlProgram")->setText(QStringLiteral(" /opt/k8s/kubectl "));
    child<QLineEdit>(&dialog, "kubeconfig")->setText(QStringLiteral("/home/me/.kube/lab"));
    child<QSpinBox>(&dialog, "kubectlTimeout")->setValue(30);
    const Kube::KubectlOptions edited = dialog.options();
    QCOMPARE(edited.program, QStringLiteral("/opt/k8s/kubectl"));
    QCOMPARE(edited.kubeconfig, QStringLiteral("/home/me/.kube/lab"));
    QCOMPARE(edited.timeoutMs, 30000);
    QCOMPARE(edited.context, QStringLiteral("prod-eu")); // chosen elsewhere, kept
}

QTEST_MAIN(TestClusterDialogs)
#include "tst_clusterdialogs.moc"
