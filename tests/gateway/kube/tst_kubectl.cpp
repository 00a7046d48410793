// Running kubectl: every command against tests/fakes/kubectl, a recording test double (the
// argument lists and stdin it got, its output parsed), and the error paths (non-zero exit, a
// hang past the timeout, cancel, a missing or broken program, garbage output).

#include "fakes/fakekubectl.h"
#include "kube/importedresources.h"
#include "kube/kubectljob.h"
#include "kube/kubectloutput.h"
#include "kube/kubectlrun.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace Kube;

Q_DECLARE_METATYPE(Kube::KubectlCommand)
Q_DECLARE_METATYPE(Kube::DiffOutcome)

namespace {

const char *const FAKE_VARIABLES[] = {
    "FAKE_KUBECTL_LOG",  "FAKE_KUBECTL_SCRIPT_DIR", "FAKE_KUBECTL_EXIT", "FAKE_KUBECTL_STDERR",
    "FAKE_KUBECTL_HANG", "FAKE_KUBECTL_GARBAGE",    "KUBECONFIG"};

const QByteArray MANIFESTS = "---\napiVersion: networking.istio.io/v1\nkind: Gateway\n"
                             "metadata:\n  name: g\n  namespace: team-a\nspec: {}\n";

KubectlOptions fakeOptions(int timeoutMs = 20000)
{
    KubectlOptions options;
    options.program = FakeKubectl::program();
    options.timeoutMs = timeoutMs;
    return options;
}

} // namespace

class TestKubectl : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void everyCommandThroughTheFake_data();
    void everyCommandThroughTheFake();
    void diffOutcomes_data();
    void diffOutcomes();
    void nonZeroExitKeepsStderrVerbatim();
    void hangTimesOutWithinTheLimit();
    void cancelStopsARunningCommand();
    void cancelBeforeStart();
    void deletingARunningJobKillsIt();
    void missingProgram_data();
    void missingProgram();
    void programThatCannotExecute();
    void foundOnPath();
    void kubeconfigFromTheEnvironment_data();
    void kubeconfigFromTheEnvironment();
    void garbageOutput_data();
    void garbageOutput();

private:
    QString logDir() const { return m_log->path(); }

    std::unique_ptr<QTemporaryDir> m_log;
    QByteArray m_path;
};

void TestKubectl::init()
{
    for (const char *name : FAKE_VARIABLES)
        qunsetenv(name);
    m_log = std::make_unique<QTemporaryDir>();
    QVERIFY(m_log->isValid());
    qputenv("FAKE_KUBECTL_LOG", m_log->path().toLocal8Bit());
    qputenv("FAKE_KUBECTL_SCRIPT_DIR", FakeKubectl::replies().toLocal8Bit());
    m_path = qgetenv("PATH");
}

void TestKubectl::cleanup()
{
    for (const char *name : FAKE_VARIABLES)
        qunsetenv(name);
    qputenv("PATH", m_path);
}

void TestKubectl::everyCommandThroughTheFake_data()
{
    QTest::addColumn<KubectlCommand>("command");
    QTest::addColumn<QString>("expectedValue");

    QTest::newRow("contexts") << contextsCommand() << QStringLiteral("kind-dev,prod-eu");
    QTest::newRow("current context") << currentContextCommand() << QStringLiteral("kind-dev");
    QTest::newRow("namespaces") << namespacesCommand()
                                << QStringLiteral("bookinfo,default,istio-system");
    QTest::newRow("apply") << applyCommand(MANIFESTS, {})
                           << QStringLiteral("9 resources, first: "
                                             "destinationrule.networking.istio.io/"
                                             "reviews serverside-applied");
    QTest::newRow("apply dry run")
        << applyCommand(MANIFESTS, {DryRun::Server, QStringLiteral("team-a"), false})
        << QStringLiteral("9 resources, first: "
                          "destinationrule.networking.istio.io/reviews serverside-applied");
    QTest::newRow("diff") << diffCommand(MANIFESTS, {}) << QStringLiteral("differences");
    QTest::newRow("get") << getCommand(ISTIO_KINDS, {QString(), true})
                         << QStringLiteral("bookinfo: 3, istio-system: 1");
}

void TestKubectl::everyCommandThroughTheFake()
{
    QFETCH(KubectlCommand, command);
    QFETCH(QString, expectedValue);
    KubectlOptions options = fakeOptions();
    options.context = QStringLiteral("kind-dev");

    const KubectlResult result = runKubectl(options, command);
    const bool isDiff = command.arguments.first() == QLatin1String("diff");
    QCOMPARE(result.status, KubectlResult::Status::Finished);
    QCOMPARE(result.exitCode, isDiff ? 1 : 0);
    QCOMPARE(result.program, FakeKubectl::program());
    QVERIFY(result.standardError.isEmpty());

    const QList<FakeKubectl::Run> runs = FakeKubectl::runs(logDir());
    QCOMPARE(runs.size(), 1);
    QCOMPARE(runs.first().arguments, commandLine(options, command));
    QCOMPARE(result.arguments, commandLine(options, command));
    QCOMPARE(runs.first().input, command.input);

    QString error;
    QString value;
    const QString verb = command.arguments.first() == QLatin1String("config")
                             ? command.arguments.at(1)
                             : command.arguments.first();
    if (verb == QLatin1String("get-contexts")) {
        value = parseContexts(result.standardOutput, &error).value_or(QStringList()).join(',');
    } else if (verb == QLatin1String("current-context")) {
        value = parseCurrentContext(result.standardOutput, &error).value_or(QString());
    } else if (verb == QLatin1String("apply")) {
        const auto applied = parseApplyOutput(result.standardOutput, &error);
        QVERIFY2(applied, qPrintable(error));
        value = QStringLiteral("%1 resources, first: %2")
                    .arg(applied->size())
                    .arg(applied->first().line());
    } else if (isDiff) {
        QCOMPARE(diffOutcome(result), DiffOutcome::Differences);
        QCOMPARE(result.standardOutput, FakeKubectl::reply(QStringLiteral("diff.out")));
        value = QStringLiteral("differences");
    } else if (command.arguments.at(1) == QLatin1String("namespaces")) {
        value = parseNamespaces(result.standardOutput, &error).value_or(QStringList()).join(',');
    } else {
        const auto imported = importResources(result.standardOutput, {}, &error);
        QVERIFY2(imported, qPrintable(error));
        QStringList counts;
        for (const ImportedFile &file : imported->files)
            counts << QStringLiteral("%1: %2").arg(file.nameSpace).arg(file.documents.size());
        value = counts.join(QStringLiteral(", "));
    }
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(value, expectedValue);
}

void TestKubectl::diffOutcomes_data()
{
    QTest::addColumn<QByteArray>("exitCode");
    QTest::addColumn<QByteArray>("output");
    QTest::addColumn<DiffOutcome>("outcome");
    QTest::newRow("exit 0: no differences")
        << QByteArray("0") << QByteArray() << DiffOutcome::NoDifferences;
    QTest::newRow("exit 1 with a diff")
        << QByteArray("1") << QByteArray("-a\n+b\n") << DiffOutcome::Differences;
    QTest::newRow("exit 1 without a diff: an old kubectl's error")
        << QByteArray("1") << QByteArray() << DiffOutcome::Failed;
    QTest::newRow("exit 2: kubectl or diff failed")
        << QByteArray("2") << QByteArray("-a\n") << DiffOutcome::Failed;
}

void TestKubectl::diffOutcomes()
{
    QFETCH(QByteArray, exitCode);
    QFETCH(QByteArray, output);
    QFETCH(DiffOutcome, outcome);
    QTemporaryDir replies;
    QFile out(replies.filePath(QStringLiteral("diff.out")));
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(output);
    out.close();
    qputenv("FAKE_KUBECTL_SCRIPT_DIR", replies.path().toLocal8Bit());
    qputenv("FAKE_KUBECTL_EXIT", exitCode);
    const KubectlResult result = runKubectl(fakeOptions(), diffCommand(MANIFESTS, {}));
    QCOMPARE(result.exitCode, exitCode.toInt());
    QCOMPARE(result.standardOutput, output);
    QCOMPARE(diffOutcome(result), outcome);
}

void TestKubectl::nonZeroExitKeepsStderrVerbatim()
{
    const QByteArray stderrText = "Error from server (Forbidden): gateways.networking.istio.io "
                                  "\"g\" is forbidden: User \"jürgen\" cannot patch\n"
                                  "  second line, indented\ttab\n";
    qputenv("FAKE_KUBECTL_EXIT", "1");
    qputenv("FAKE_KUBECTL_STDERR", stderrText);
    const KubectlResult result = runKubectl(fakeOptions(), applyCommand(MANIFESTS, {}));
    QCOMPARE(result.status, KubectlResult::Status::Finished);
    QCOMPARE(result.exitCode, 1);
    QVERIFY(!result.succeeded());
    QCOMPARE(result.standardError, stderrText);
    QCOMPARE(result.message, QStringLiteral("kubectl apply failed (exit code 1)"));
}

void TestKubectl::hangTimesOutWithinTheLimit()
{
    qputenv("FAKE_KUBECTL_HANG", "1");
    QElapsedTimer clock;
    clock.start();
    const KubectlResult result = runKubectl(fakeOptions(1000), getCommand(ISTIO_KINDS, {}));
    const qint64 elapsed = clock.elapsed();
    QCOMPARE(result.status, KubectlResult::Status::TimedOut);
    QVERIFY(result.timedOut());
    QVERIFY2(elapsed >= 1000 && elapsed < 5000, qPrintable(QString::number(elapsed)));
    QCOMPARE(result.message, QStringLiteral("kubectl get did not finish within 1 s and was "
                                            "stopped. The cluster may be unreachable, or "
                                            "kubectl may be waiting for a login."));
    // It did run (and was told kubectl's own, shorter request timeout).
    const QList<FakeKubectl::Run> runs = FakeKubectl::runs(logDir());
    QCOMPARE(runs.size(), 1);
    QCOMPARE(runs.first().arguments.first(), QStringLiteral("--request-timeout=1s"));
}

void TestKubectl::cancelStopsARunningCommand()
{
    qputenv("FAKE_KUBECTL_HANG", "1");
    KubectlJob job(fakeOptions(), applyCommand(MANIFESTS, {}));
    QSignalSpy finished(&job, &KubectlJob::finished);
    job.start();
    QVERIFY(job.isRunning());
    // Once the fake has recorded its run it is sleeping: the input was delivered and closed.
    QTRY_COMPARE_WITH_TIMEOUT(FakeKubectl::runs(logDir()).size(), 1, 10000);
    QCOMPARE(FakeKubectl::runs(logDir()).first().input, MANIFESTS);
    QElapsedTimer clock;
    clock.start();
    job.cancel();
    job.cancel(); // a second cancel changes nothing
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 5000);
    QVERIFY(clock.elapsed() < 3000);
    const auto result = finished.first().first().value<KubectlResult>();
    QCOMPARE(result.status, KubectlResult::Status::Cancelled);
    QCOMPARE(result.message, QStringLiteral("kubectl apply was cancelled"));
    QVERIFY(!job.isRunning());
    QVERIFY(job.isFinished());
    QTest::qWait(50);
    QCOMPARE(finished.size(), 1);
}

void TestKubectl::cancelBeforeStart()
{
    KubectlJob job(fakeOptions(), contextsCommand());
    QSignalSpy finished(&job, &KubectlJob::finished);
    job.cancel();
    job.start();
    QCOMPARE(finished.size(), 0); // never from inside a call
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().value<KubectlResult>().status,
             KubectlResult::Status::Cancelled);
    QVERIFY(FakeKubectl::runs(logDir()).isEmpty());
}

void TestKubectl::deletingARunningJobKillsIt()
{
    qputenv("FAKE_KUBECTL_HANG", "1");
    QElapsedTimer clock;
    clock.start();
    {
        KubectlJob job(fakeOptions(), namespacesCommand());
        job.start();
        QTRY_COMPARE_WITH_TIMEOUT(FakeKubectl::runs(logDir()).size(), 1, 10000);
    }
    QVERIFY(clock.elapsed() < 8000);
}

void TestKubectl::missingProgram_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("message");
    QTest::newRow("no such path")
        << QStringLiteral("/nonexistent/bin/kubectl")
        << QStringLiteral("kubectl was not found: /nonexistent/bin/kubectl does not exist. "
                          "Install kubectl, or give the path to yours.");
    QTest::newRow("a folder")
        << FakeKubectl::directory()
        << QStringLiteral("kubectl cannot run: %1 is not an executable file. Give the path to "
                          "your kubectl.")
               .arg(FakeKubectl::directory());
    QTest::newRow("not executable")
        << FakeKubectl::replies() + QStringLiteral("/get.out")
        << QStringLiteral("kubectl cannot run: %1/get.out is not an executable file. Give the "
                          "path to your kubectl.")
               .arg(FakeKubectl::replies());
    QTest::newRow("bare name not on PATH")
        << QStringLiteral("kubectl-gatehouse-test-missing")
        << QStringLiteral("kubectl was not found: no \"kubectl-gatehouse-test-missing\" on PATH "
                          "(/nonexistent). Install kubectl, or give the path to yours.");
}

void TestKubectl::missingProgram()
{
    QFETCH(QString, program);
    QFETCH(QString, message);
    qputenv("PATH", "/nonexistent");
    KubectlOptions options = fakeOptions();
    options.program = program;
    KubectlJob job(options, getCommand(ISTIO_KINDS, {}));
    QSignalSpy finished(&job, &KubectlJob::finished);
    QElapsedTimer clock;
    clock.start();
    job.start();
    QCOMPARE(finished.size(), 0);
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY(clock.elapsed() < 2000);
    const auto result = finished.first().first().value<KubectlResult>();
    QCOMPARE(result.status, KubectlResult::Status::FailedToStart);
    QVERIFY(result.failedToStart());
    QCOMPARE(result.message, message);
    QCOMPARE(result.program, program);
}

void TestKubectl::programThatCannotExecute()
{
    // An executable file the system cannot run: its interpreter does not exist.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("kubectl"));
    QFile script(path);
    QVERIFY(script.open(QIODevice::WriteOnly));
    script.write("#!/nonexistent/interpreter\n");
    script.close();
    QVERIFY(script.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                  QFileDevice::ExeOwner));
    KubectlOptions options = fakeOptions();
    options.program = path;
    const KubectlResult result = runKubectl(options, contextsCommand());
    QCOMPARE(result.status, KubectlResult::Status::FailedToStart);
    QVERIFY2(
        result.message.startsWith(QStringLiteral("kubectl could not be started (%1): ").arg(path)),
        qPrintable(result.message));
    QVERIFY(result.message.endsWith(QStringLiteral(". Give the path to a working kubectl.")));
}

void TestKubectl::foundOnPath()
{
    // What a user with kubectl installed gets: no path configured, the first one on PATH.
    qputenv("PATH", (FakeKubectl::directory() + QLatin1Char(':')).toLocal8Bit() + m_path);
    KubectlOptions options;
    options.timeoutMs = 20000;
    const KubectlResult result = runKubectl(options, currentContextCommand());
    QVERIFY2(result.succeeded(), qPrintable(result.message));
    QCOMPARE(result.program, FakeKubectl::program());
    QCOMPARE(parseCurrentContext(result.standardOutput, nullptr), QStringLiteral("kind-dev"));
}

void TestKubectl::kubeconfigFromTheEnvironment_data()
{
    QTest::addColumn<QByteArray>("kubeconfig");
    QTest::addColumn<QByteArray>("recorded");
    QTest::newRow("set") << QByteArray("/tmp/a config:/tmp/b")
                         << QByteArray("KUBECONFIG=/tmp/a config:/tmp/b");
    QTest::newRow("unset") << QByteArray() << QByteArray("KUBECONFIG unset");
}

void TestKubectl::kubeconfigFromTheEnvironment()
{
    QFETCH(QByteArray, kubeconfig);
    QFETCH(QByteArray, recorded);
    if (!kubeconfig.isEmpty())
        qputenv("KUBECONFIG", kubeconfig);
    const KubectlResult result = runKubectl(fakeOptions(), contextsCommand());
    QVERIFY2(result.succeeded(), qPrintable(result.message));
    const QList<FakeKubectl::Run> runs = FakeKubectl::runs(logDir());
    QCOMPARE(runs.size(), 1);
    QCOMPARE(runs.first().environment, recorded);
    // No --kubeconfig of our own: kubectl reads the variable itself.
    QCOMPARE(runs.first().arguments, contextsCommand().arguments);
}

void TestKubectl::garbageOutput_data()
{
    QTest::addColumn<KubectlCommand>("command");
    QTest::addColumn<QString>("error");
    const QString notText = QStringLiteral("kubectl's output is not text (it is not UTF-8)");
    QTest::newRow("contexts") << contextsCommand() << notText;
    QTest::newRow("current context") << currentContextCommand() << notText;
    QTest::newRow("namespaces") << namespacesCommand() << notText;
    QTest::newRow("apply") << applyCommand(MANIFESTS, {}) << notText;
    QTest::newRow("get") << getCommand(ISTIO_KINDS, {})
                         << QStringLiteral("kubectl's output is "
                                           "not text");
}

void TestKubectl::garbageOutput()
{
    QFETCH(KubectlCommand, command);
    QFETCH(QString, error);
    qputenv("FAKE_KUBECTL_GARBAGE", "1");
    const KubectlResult result = runKubectl(fakeOptions(), command);
    QVERIFY(result.succeeded()); // kubectl "worked"; what it printed is the problem
    QString actual;
    bool parsed = true;
    const QString verb = command.arguments.at(command.arguments.first() == "config" ? 1 : 0);
    if (verb == QLatin1String("get-contexts"))
        parsed = parseContexts(result.standardOutput, &actual).has_value();
    else if (verb == QLatin1String("current-context"))
        parsed = parseCurrentContext(result.standardOutput, &actual).has_value();
    else if (verb == QLatin1String("apply"))
        parsed = parseApplyOutput(result.standardOutput, &actual).has_value();
    else if (command.arguments.at(1) == QLatin1String("namespaces"))
        parsed = parseNamespaces(result.standardOutput, &actual).has_value();
    else
        parsed = importResources(result.standardOutput, {}, &actual).has_value();
    QVERIFY(!parsed);
    QCOMPARE(actual, error);
}

QTEST_GUILESS_MAIN(TestKubectl)
#include "tst_kubectl.moc"
