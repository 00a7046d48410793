// `gatehouse apply` and `gatehouse import`, run as real processes against tests/fakes/kubectl (a
// recording test double): the argument lists and stdin kubectl gets, validation before sending,
// diffs, per-namespace files, and every way kubectl can fail.

#include "fakes/fakekubectl.h"
#include "testsupport.h"
#include "workspace/workspace.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>

namespace {

using Environment = QMap<QString, QString>;

struct Result {
    int exitCode = -1;
    QByteArray out;
    QString err;
    qint64 elapsedMs = 0;
};

QString sample()
{
    return QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/samples/bookinfo");
}

// What gatehouse must send for `paths`: the workspace's export stream.
QByteArray streamOf(const QStringList &paths)
{
    Project::Workspace workspace;
    for (const QString &path : paths)
        workspace.addPath(path);
    return workspace.exportStream();
}

QString writeTemp(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

// Two Gateways claiming the same port and host: IST0145, an error.
const QByteArray CONFLICT = "apiVersion: networking.istio.io/v1\nkind: Gateway\n"
                            "metadata: {name: alpha, namespace: edge}\n"
                            "spec:\n  selector: {istio: ingressgateway}\n  servers:\n"
                            "  - port: {number: 80, name: http, protocol: HTTP}\n"
                            "    hosts: [a.example.com]\n"
                            "---\napiVersion: networking.istio.io/v1\nkind: Gateway\n"
                            "metadata: {name: beta, namespace: edge}\n"
                            "spec:\n  selector: {istio: ingressgateway}\n  servers:\n"
                            "  - port: {number: 80, name: http, protocol: HTTP}\n"
                            "    hosts: [a.example.com]\n";

const QByteArray ONE_NAMESPACE_LIST = "apiVersion: v1\nkind: List\nitems:\n"
                                      "- apiVersion: networking.istio.io/v1\n"
                                      "  kind: Gateway\n"
                                      "  metadata:\n"
                                      "    name: edge\n"
                                      "    namespace: bookinfo\n"
                                      "    uid: 7c5d4e8f\n"
                                      "    resourceVersion: \"5\"\n"
                                      "  spec:\n"
                                      "    selector:\n"
                                      "      istio: ingressgateway\n"
                                      "metadata:\n"
                                      "  resourceVersion: \"\"\n";

} // namespace

class TestCliKube : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void help_data();
    void help();
    void usageErrors_data();
    void usageErrors();
    void applySendsTheSample_data();
    void applySendsTheSample();
    void applyFindsKubectlOnPath();
    void applyPassesKubeconfigThrough();
    void diff_data();
    void diff();
    void applyRefusesValidationErrors();
    void applyNeverSendsBrokenYaml();
    void kubectlFailures_data();
    void kubectlFailures();
    void importOneNamespace();
    void importAllNamespacesWithSecrets();
    void importRefusesToOverwrite();
    void importFailures_data();
    void importFailures();
    void importThenApplyRoundTrip();

private:
    Result run(const QStringList &arguments, const Environment &environment = {});
    QList<FakeKubectl::Run> runs() const { return FakeKubectl::runs(m_log->path()); }
    // A copy of the canned replies that a test may change.
    QString replies(const QMap<QString, QByteArray> &changed);

    std::unique_ptr<QTemporaryDir> m_log;
    std::unique_ptr<QTemporaryDir> m_replies;
    QString m_repliesDir;
};

void TestCliKube::initTestCase()
{
    QVERIFY2(QFileInfo::exists(qEnvironmentVariable("GATEHOUSE_BINARY")),
             "GATEHOUSE_BINARY must name the built gatehouse executable");
}

void TestCliKube::init()
{
    m_log = std::make_unique<QTemporaryDir>();
    QVERIFY(m_log->isValid());
    m_repliesDir = FakeKubectl::replies();
}

Result TestCliKube::run(const QStringList &arguments, const Environment &environment)
{
    QProcessEnvironment processEnvironment = QProcessEnvironment::systemEnvironment();
    for (const QString &name : {QStringLiteral("DISPLAY"), QStringLiteral("WAYLAND_DISPLAY"),
                                QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("KUBECONFIG")})
        processEnvironment.remove(name);
    processEnvironment.insert(QStringLiteral("FAKE_KUBECTL_LOG"), m_log->path());
    processEnvironment.insert(QStringLiteral("FAKE_KUBECTL_SCRIPT_DIR"), m_repliesDir);
    for (auto it = environment.begin(); it != environment.end(); ++it)
        processEnvironment.insert(it.key(), it.value());
    QProcess process;
    process.setProcessEnvironment(processEnvironment);
    QElapsedTimer clock;
    clock.start();
    process.start(qEnvironmentVariable("GATEHOUSE_BINARY"), arguments);
    if (!process.waitForFinished(60000))
        qFatal("gatehouse did not finish");
    Result result;
    result.elapsedMs = clock.elapsed();
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

QString TestCliKube::replies(const QMap<QString, QByteArray> &changed)
{
    m_replies = std::make_unique<QTemporaryDir>();
    const QDir canned(FakeKubectl::replies());
    for (const QString &name : canned.entryList(QDir::Files))
        QFile::copy(canned.filePath(name), m_replies->filePath(name));
    for (auto it = changed.begin(); it != changed.end(); ++it) {
        QFile::remove(m_replies->filePath(it.key()));
        if (!it.value().isNull())
            writeTemp(*m_replies, it.key(), it.value());
    }
    m_repliesDir = m_replies->path();
    return m_repliesDir;
}

void TestCliKube::help_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    QTest::newRow("the command list names both")
        << QStringList{"--help"}
        << "  apply       validate, then apply the design to a cluster with your kubectl\n"
           "  import      write a cluster's gateways and routes as files, one per namespace\n";
    QTest::newRow("help apply") << QStringList{"help", "apply"}
                                << "Usage: gatehouse apply PATH... [--context NAME]";
    QTest::newRow("apply --help") << QStringList{"apply", "--help"}
                                  << "kubectl apply --server-side --field-manager=gatehouse";
    QTest::newRow("help import")
        << QStringList{"help", "import"}
        << "Usage: gatehouse import --context NAME (-n NAMESPACE | -A) -o DIR [--secrets]";
}

void TestCliKube::help()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    const Result result = run(arguments);
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(QString::fromUtf8(result.out).contains(expected), result.out.constData());
}

void TestCliKube::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QString fake = FakeKubectl::program();
    QTest::newRow("apply without paths")
        << QStringList{"apply", "--kubectl", fake} << "gatehouse apply: no PATH given";
    QTest::newRow("apply: client dry run")
        << QStringList{"apply", sample(), "--dry-run=client"}
        << "gatehouse apply: --dry-run takes \"server\", not \"client\"";
    QTest::newRow("apply: diff and dry run")
        << QStringList{"apply", sample(), "--diff", "--dry-run=server"}
        << "give --diff or --dry-run=server, not both";
    QTest::newRow("apply: bad timeout") << QStringList{"apply", sample(), "--timeout", "soon"}
                                        << "--timeout takes a number of seconds";
    QTest::newRow("apply: missing path")
        << QStringList{"apply", "/no/such/dir"} << "/no/such/dir: no such file or folder";
    QTest::newRow("apply: nothing to send")
        << QStringList{"apply", QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/fakes/replies")}
        << "gatehouse apply: nothing to send";
    QTest::newRow("import without --context")
        << QStringList{"import", "-A", "-o", "/tmp/x"} << "gatehouse import: --context is required";
    QTest::newRow("import with -n and -A")
        << QStringList{"import", "--context", "c", "-n", "a", "-A", "-o", "/tmp/x"}
        << "give one of -n NAMESPACE or -A";
    QTest::newRow("import with neither -n nor -A")
        << QStringList{"import", "--context", "c", "-o", "/tmp/x"}
        << "give one of -n NAMESPACE or -A";
    QTest::newRow("import without -o")
        << QStringList{"import", "--context", "c", "-A"} << "-o DIR is required";
    QTest::newRow("import with a stray argument")
        << QStringList{"import", "--context", "c", "-A", "-o", "/tmp/x", "extra"}
        << "unexpected argument \"extra\"";
}

void TestCliKube::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Result result = run(arguments);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(message), qPrintable(result.err));
    QVERIFY(runs().isEmpty());
}

void TestCliKube::applySendsTheSample_data()
{
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<QStringList>("kubectlArguments");
    QTest::addColumn<QByteArray>("reply");
    QTest::addColumn<QString>("summary");

    const QByteArray applied = FakeKubectl::reply(QStringLiteral("apply.out"));
    QByteArray dryRun;
    for (const QByteArray &line : applied.split('\n')) {
        if (!line.isEmpty())
            dryRun += line + " (server dry run)\n";
    }
    QTest::newRow("server dry run")
        << QStringList{"--context", "kind-dev", "--dry-run=server"}
        << QStringList{"--context=kind-dev",
                       "--request-timeout=55s",
                       "apply",
                       "--server-side",
                       "--field-manager=gatehouse",
                       "--dry-run=server",
                       "-f",
                       "-"}
        << dryRun
        << "gatehouse apply: 9 resource(s) accepted by a server dry run against context "
           "kind-dev\n";
    QTest::newRow("for real, current context")
        << QStringList{} << QStringList{"--request-timeout=55s",     "apply", "--server-side",
                                        "--field-manager=gatehouse", "-f",    "-"}
        << applied << "gatehouse apply: 9 resource(s) applied to the current context\n";
    QTest::newRow("namespace, kubeconfig, timeout, conflicts")
        << QStringList{"-n",        "team-a", "--kubeconfig",      "/etc/kube/ci.yaml",
                       "--timeout", "10",     "--force-conflicts", "--context",
                       "ci"}
        << QStringList{"--context=ci",
                       "--kubeconfig=/etc/kube/ci.yaml",
                       "--request-timeout=7s",
                       "apply",
                       "--server-side",
                       "--field-manager=gatehouse",
                       "--force-conflicts",
                       "--namespace=team-a",
                       "-f",
                       "-"}
        << applied << "gatehouse apply: 9 resource(s) applied to context ci\n";
}

void TestCliKube::applySendsTheSample()
{
    QFETCH(QStringList, flags);
    QFETCH(QStringList, kubectlArguments);
    QFETCH(QByteArray, reply);
    QFETCH(QString, summary);
    replies({{QStringLiteral("apply.out"), reply}});
    const Result result =
        run(QStringList{"apply", sample(), "--kubectl", FakeKubectl::program()} + flags);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    // One line per resource, as kubectl reported it.
    QCOMPARE(result.out, reply);
    QVERIFY2(result.err.endsWith(summary), qPrintable(result.err));
    const QList<FakeKubectl::Run> recorded = runs();
    QCOMPARE(recorded.size(), 1);
    QCOMPARE(recorded.first().arguments, kubectlArguments);
    QCOMPARE(recorded.first().input, streamOf({sample()}));
}

void TestCliKube::applyFindsKubectlOnPath()
{
    const QString path = FakeKubectl::directory() + QLatin1Char(':') + qEnvironmentVariable("PATH");
    const Result result =
        run({"apply", sample(), "--dry-run=server"}, {{QStringLiteral("PATH"), path}});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(runs().size(), 1);
}

void TestCliKube::applyPassesKubeconfigThrough()
{
    const Result result = run({"apply", sample(), "--kubectl", FakeKubectl::program()},
                              {{QStringLiteral("KUBECONFIG"), QStringLiteral("/home/me/a:/b")}});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(runs().size(), 1);
    QCOMPARE(runs().first().environment, QByteArray("KUBECONFIG=/home/me/a:/b"));
}

void TestCliKube::diff_data()
{
    QTest::addColumn<QByteArray>("exitCode");
    QTest::addColumn<QByteArray>("stderrText");
    QTest::addColumn<int>("expectedExit");
    QTest::addColumn<QString>("message");
    QTest::newRow("differences: exit 1, the diff on stdout")
        << QByteArray("1") << QByteArray() << 1 << QString();
    QTest::newRow("no differences") << QByteArray("0") << QByteArray() << 0
                                    << "gatehouse apply: no differences: context kind-dev "
                                       "already matches\n";
    QTest::newRow("kubectl failed")
        << QByteArray("2") << QByteArray("error: the server doesn't have a resource type\n") << 3
        << "error: the server doesn't have a resource type\n"
           "gatehouse apply: kubectl diff failed (exit code 2)\n";
}

void TestCliKube::diff()
{
    QFETCH(QByteArray, exitCode);
    QFETCH(QByteArray, stderrText);
    QFETCH(int, expectedExit);
    QFETCH(QString, message);
    const QByteArray diffText = FakeKubectl::reply(QStringLiteral("diff.out"));
    replies({{QStringLiteral("diff.exit"), exitCode},
             {QStringLiteral("diff.out"), exitCode == "0" ? QByteArray("") : diffText},
             {QStringLiteral("diff.err"), stderrText}});
    const Result result = run({"apply", sample(), "--diff", "--context", "kind-dev", "--kubectl",
                               FakeKubectl::program()});
    QCOMPARE(result.exitCode, expectedExit);
    QCOMPARE(result.out, exitCode == "0" ? QByteArray() : diffText);
    QVERIFY2(result.err.endsWith(message), qPrintable(result.err));
    const QList<FakeKubectl::Run> recorded = runs();
    QCOMPARE(recorded.size(), 1); // a diff never applies
    QCOMPARE(recorded.first().arguments,
             QStringList({"--context=kind-dev", "--request-timeout=55s", "diff", "--server-side",
                          "--field-manager=gatehouse", "-f", "-"}));
    QCOMPARE(recorded.first().input, streamOf({sample()}));
}

void TestCliKube::applyRefusesValidationErrors()
{
    QTemporaryDir dir;
    const QString path = writeTemp(dir, QStringLiteral("conflict.yaml"), CONFLICT);
    const QStringList command{"apply", path, "--kubectl", FakeKubectl::program()};
    const Result refused = run(command);
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(QStringLiteral("[IST0145]")), qPrintable(refused.err));
    QVERIFY(refused.err.contains(QStringLiteral("nothing sent")));
    QVERIFY(runs().isEmpty());

    replies(
        {{QStringLiteral("apply.out"), "gateway.networking.istio.io/alpha serverside-applied\n"
                                       "gateway.networking.istio.io/beta serverside-applied\n"}});
    const Result forced = run(command + QStringList{"--force"});
    QVERIFY2(forced.exitCode == 0, qPrintable(forced.err));
    QVERIFY(forced.err.contains(QStringLiteral("sending despite 2 error(s) (--force)")));
    QCOMPARE(runs().size(), 1);
    QCOMPARE(runs().first().input, streamOf({path}));
}

void TestCliKube::applyNeverSendsBrokenYaml()
{
    QTemporaryDir dir;
    const QString path = writeTemp(dir, QStringLiteral("broken.yaml"),
                                   "apiVersion: networking.istio.io/v1\nkind: Gateway\n"
                                   "metadata: {name: a\n");
    const Result result = run({"apply", path, "--force", "--kubectl", FakeKubectl::program()});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(QStringLiteral("fix the YAML first")), qPrintable(result.err));
    QVERIFY(runs().isEmpty());
}

void TestCliKube::kubectlFailures_data()
{
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<Environment>("environment");
    QTest::addColumn<QString>("message");
    QTest::addColumn<bool>("ran");

    QTest::newRow("non-zero exit: stderr verbatim")
        << QStringList{}
        << Environment{{"FAKE_KUBECTL_EXIT", "1"},
                       {"FAKE_KUBECTL_STDERR",
                        "Error from server (Conflict): Apply failed with 1 conflict: "
                        "conflict with \"kubectl-client-side-apply\"\n"}}
        << "Error from server (Conflict): Apply failed with 1 conflict: conflict with "
           "\"kubectl-client-side-apply\"\ngatehouse apply: kubectl apply failed (exit code 1)\n"
        << true;
    QTest::newRow("unreachable cluster")
        << QStringList{}
        << Environment{{"FAKE_KUBECTL_EXIT", "1"},
                       {"FAKE_KUBECTL_STDERR",
                        "The connection to the server 127.0.0.1:1 was refused - did "
                        "you specify the right host or port?\n"}}
        << "The connection to the server 127.0.0.1:1 was refused - did you specify the right "
           "host or port?\ngatehouse apply: kubectl apply failed (exit code 1)\n"
        << true;
    QTest::newRow("hang past the timeout")
        << QStringList{"--timeout", "1"} << Environment{{"FAKE_KUBECTL_HANG", "1"}}
        << "gatehouse apply: kubectl apply did not finish within 1 s and was stopped. The "
           "cluster may be unreachable, or kubectl may be waiting for a login. (--timeout "
           "SECONDS sets the limit)\n"
        << true;
    QTest::newRow("garbage output")
        << QStringList{} << Environment{{"FAKE_KUBECTL_GARBAGE", "1"}}
        << "gatehouse apply: kubectl's output is not text (it is not UTF-8)\n"
        << true;
    QTest::newRow("missing kubectl")
        << QStringList{"--kubectl", "/nonexistent/kubectl"} << Environment{}
        << "gatehouse apply: kubectl was not found: /nonexistent/kubectl does not exist. Install "
           "kubectl, or give the path to yours. (--kubectl PATH)\n"
        << false;
    QTest::newRow("no kubectl on PATH")
        << QStringList{"--kubectl", "kubectl"} << Environment{{"PATH", "/nonexistent"}}
        << "gatehouse apply: kubectl was not found: no \"kubectl\" on PATH (/nonexistent). "
           "Install kubectl, or give the path to yours. (--kubectl PATH)\n"
        << false;
}

void TestCliKube::kubectlFailures()
{
    QFETCH(QStringList, flags);
    QFETCH(Environment, environment);
    QFETCH(QString, message);
    QFETCH(bool, ran);
    const Result result = run(
        QStringList{"apply", sample(), "--kubectl", FakeKubectl::program()} + flags, environment);
    QCOMPARE(result.exitCode, 3);
    QVERIFY2(result.err.endsWith(message), qPrintable(result.err));
    QCOMPARE(runs().size(), ran ? 1 : 0);
    QVERIFY2(result.elapsedMs < 10000, qPrintable(QString::number(result.elapsedMs)));
}

void TestCliKube::importOneNamespace()
{
    replies({{QStringLiteral("get.out"), ONE_NAMESPACE_LIST}});
    QTemporaryDir dir;
    const QString output = dir.filePath(QStringLiteral("cluster"));
    const Result result = run({"import", "--context", "kind-dev", "-n", "bookinfo", "-o", output,
                               "--kubectl", FakeKubectl::program()});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QString file = output + QStringLiteral("/bookinfo.yaml");
    QCOMPARE(QString::fromUtf8(result.out), file + QStringLiteral(": 1 resource(s)\n"));
    QCOMPARE(TestSupport::readFile(file), QByteArray("---\n"
                                                     "apiVersion: networking.istio.io/v1\n"
                                                     "kind: Gateway\n"
                                                     "metadata:\n"
                                                     "  name: edge\n"
                                                     "  namespace: bookinfo\n"
                                                     "spec:\n"
                                                     "  selector:\n"
                                                     "    istio: ingressgateway\n"));
    QCOMPARE(QDir(output).entryList(QDir::Files), QStringList{"bookinfo.yaml"});
    QVERIFY(result.err.endsWith(
        QStringLiteral("gatehouse import: 1 resource(s) from context kind-dev in 1 file(s)\n")));
    QCOMPARE(runs().size(), 1);
    QCOMPARE(runs().first().arguments,
             QStringList({"--context=kind-dev", "--request-timeout=55s", "get",
                          "gateways.networking.istio.io,virtualservices.networking.istio.io,"
                          "destinationrules.networking.istio.io",
                          "--output=yaml", "--namespace=bookinfo"}));
}

void TestCliKube::importAllNamespacesWithSecrets()
{
    QTemporaryDir dir;
    const Result result = run({"import", "--context", "prod-eu", "-A", "--secrets", "-o",
                               dir.path(), "--kubectl", FakeKubectl::program()});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(runs().first().arguments,
             QStringList({"--context=prod-eu", "--request-timeout=55s", "get",
                          "gateways.networking.istio.io,virtualservices.networking.istio.io,"
                          "destinationrules.networking.istio.io,secrets",
                          "--output=yaml", "--all-namespaces"}));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files),
             QStringList({"bookinfo.yaml", "istio-system.yaml"}));
    QVERIFY(result.err.contains(
        QStringLiteral("gatehouse import: left out Secret istio-system/default-token "
                       "(kubernetes.io/service-account-token is not a TLS credential)\n")));
    const QString secrets = dir.filePath(QStringLiteral("istio-system.yaml"));
    QVERIFY(result.err.contains(secrets + QStringLiteral(" holds Secrets with private keys")));
    QVERIFY(TestSupport::readFile(secrets).contains("name: example-cert"));
    QCOMPARE(QFileInfo(secrets).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
             QFileDevice::Permissions());
    const QByteArray routes = TestSupport::readFile(dir.filePath(QStringLiteral("bookinfo.yaml")));
    QVERIFY(!routes.contains("managedFields"));
    QVERIFY(routes.contains("futureField"));
    QVERIFY(QFileInfo(dir.filePath(QStringLiteral("bookinfo.yaml"))).permissions() &
            QFileDevice::ReadOther);
}

void TestCliKube::importRefusesToOverwrite()
{
    QTemporaryDir dir;
    const QString existing = writeTemp(dir, QStringLiteral("istio-system.yaml"), "# mine\n");
    const QStringList command{"import", "--context", "kind-dev",  "-A",
                              "-o",     dir.path(),  "--kubectl", FakeKubectl::program()};
    const Result refused = run(command);
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains(existing + QStringLiteral(" already exist(s) (use --force")),
             qPrintable(refused.err));
    // All or nothing: the other file was not written either.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"istio-system.yaml"});
    QCOMPARE(TestSupport::readFile(existing), QByteArray("# mine\n"));

    const Result forced = run(command + QStringList{"--force"});
    QVERIFY2(forced.exitCode == 0, qPrintable(forced.err));
    QVERIFY(TestSupport::readFile(existing).contains("name: ingress"));
}

void TestCliKube::importFailures_data()
{
    QTest::addColumn<Environment>("environment");
    QTest::addColumn<QString>("message");
    QTest::newRow("CRDs missing: stderr verbatim")
        << Environment{{"FAKE_KUBECTL_EXIT", "1"},
                       {"FAKE_KUBECTL_STDERR", "error: the server doesn't have a resource type "
                                               "\"gateways\"\n"}}
        << "error: the server doesn't have a resource type \"gateways\"\n"
           "gatehouse import: kubectl get failed (exit code 1)\n";
    QTest::newRow("garbage output")
        << Environment{{"FAKE_KUBECTL_GARBAGE", "1"}}
        << "gatehouse import: kubectl's output is not text; nothing written\n";
    QTest::newRow("hang past the timeout")
        << Environment{{"FAKE_KUBECTL_HANG", "1"}}
        << "gatehouse import: kubectl get did not finish within 1 s and was stopped. The "
           "cluster may be unreachable, or kubectl may be waiting for a login. (--timeout "
           "SECONDS sets the limit)\n";
}

void TestCliKube::importFailures()
{
    QFETCH(Environment, environment);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString output = dir.filePath(QStringLiteral("out"));
    const Result result = run({"import", "--context", "kind-dev", "-A", "-o", output, "--timeout",
                               "1", "--kubectl", FakeKubectl::program()},
                              environment);
    QCOMPARE(result.exitCode, 3);
    QVERIFY2(result.err.endsWith(message), qPrintable(result.err));
    QVERIFY(!QFileInfo::exists(output));
}

void TestCliKube::importThenApplyRoundTrip()
{
    // What a cluster holds, imported and applied back (dry run), is what the files say.
    QTemporaryDir dir;
    const Result imported = run({"import", "--context", "kind-dev", "-A", "-o", dir.path(),
                                 "--kubectl", FakeKubectl::program()});
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
    const QByteArray files =
        TestSupport::readFile(dir.filePath(QStringLiteral("bookinfo.yaml"))) +
        TestSupport::readFile(dir.filePath(QStringLiteral("istio-system.yaml")));
    QCOMPARE(streamOf({dir.path()}), files);

    const Result applied = run({"apply", dir.path(), "--dry-run=server", "--context", "kind-dev",
                                "--kubectl", FakeKubectl::program()});
    QVERIFY2(applied.exitCode == 0, qPrintable(applied.err));
    QCOMPARE(runs().size(), 2);
    QCOMPARE(runs().at(1).input, files);
}

QTEST_GUILESS_MAIN(TestCliKube)
#include "tst_clikube.moc"
