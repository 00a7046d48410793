// The kubectl commands as argument lists, and reading kubectl's output: pure functions, no
// process is started here (tst_kubectl runs them).

#include "kube/kubectlcommands.h"
#include "kube/kubectloutput.h"

#include <QtTest>

using namespace Kube;

Q_DECLARE_METATYPE(Kube::KubectlOptions)
Q_DECLARE_METATYPE(Kube::KubectlCommand)

namespace {

const QByteArray MANIFESTS = "---\napiVersion: networking.istio.io/v1\nkind: Gateway\n"
                             "metadata:\n  name: g\n  namespace: team-a\nspec: {}\n";

} // namespace

class TestKubectlCommands : public QObject {
    Q_OBJECT

private slots:
    void requestTimeout_data();
    void requestTimeout();
    void argumentLists_data();
    void argumentLists();
    void applyOutput_data();
    void applyOutput();
    void listOutput_data();
    void listOutput();
    void commandLineIsQuotedForAShell();
};

void TestKubectlCommands::requestTimeout_data()
{
    QTest::addColumn<int>("timeoutMs");
    QTest::addColumn<QString>("expected");
    QTest::newRow("default minute: 5 s margin") << 60000 << QStringLiteral("55s");
    QTest::newRow("ten seconds: a quarter") << 10000 << QStringLiteral("7s");
    QTest::newRow("one second: at least 1s") << 1000 << QStringLiteral("1s");
    QTest::newRow("no limit: none") << 0 << QString();
}

void TestKubectlCommands::requestTimeout()
{
    QFETCH(int, timeoutMs);
    QFETCH(QString, expected);
    KubectlOptions options;
    options.timeoutMs = timeoutMs;
    QCOMPARE(options.requestTimeout(), expected);
}

void TestKubectlCommands::argumentLists_data()
{
    QTest::addColumn<KubectlOptions>("options");
    QTest::addColumn<KubectlCommand>("command");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QByteArray>("input");

    KubectlOptions plain;
    plain.timeoutMs = 30000;
    KubectlOptions named = plain;
    named.context = QStringLiteral("prod-eu");
    named.kubeconfig = QStringLiteral("/home/me/.kube/prod");
    KubectlOptions unlimited;
    unlimited.timeoutMs = 0;

    QTest::newRow("contexts: local, no request timeout")
        << named << contextsCommand()
        << QStringList{"--context=prod-eu", "--kubeconfig=/home/me/.kube/prod", "config",
                       "get-contexts", "--output=name"}
        << QByteArray();
    QTest::newRow("current context") << plain << currentContextCommand()
                                     << QStringList{"config", "current-context"} << QByteArray();
    QTest::newRow("namespaces") << plain << namespacesCommand()
                                << QStringList{"--request-timeout=25s", "get", "namespaces",
                                               "--output=name"}
                                << QByteArray();
    QTest::newRow("apply: context and kubeconfig first")
        << named << applyCommand(MANIFESTS, {})
        << QStringList{"--context=prod-eu",
                       "--kubeconfig=/home/me/.kube/prod",
                       "--request-timeout=25s",
                       "apply",
                       "--server-side",
                       "--field-manager=gatehouse",
                       "-f",
                       "-"}
        << MANIFESTS;
    QTest::newRow("apply: server dry run in a namespace")
        << plain << applyCommand(MANIFESTS, {DryRun::Server, QStringLiteral("team-a"), false})
        << QStringList{"--request-timeout=25s",
                       "apply",
                       "--server-side",
                       "--field-manager=gatehouse",
                       "--dry-run=server",
                       "--namespace=team-a",
                       "-f",
                       "-"}
        << MANIFESTS;
    QTest::newRow("apply: force conflicts, no limit")
        << unlimited << applyCommand(MANIFESTS, {DryRun::None, QString(), true})
        << QStringList{"apply",
                       "--server-side",
                       "--field-manager=gatehouse",
                       "--force-conflicts",
                       "-f",
                       "-"}
        << MANIFESTS;
    QTest::newRow("diff: server side like apply, never a dry-run flag")
        << named << diffCommand(MANIFESTS, {DryRun::Server, QStringLiteral("team-a"), false})
        << QStringList{"--context=prod-eu",
                       "--kubeconfig=/home/me/.kube/prod",
                       "--request-timeout=25s",
                       "diff",
                       "--server-side",
                       "--field-manager=gatehouse",
                       "--namespace=team-a",
                       "-f",
                       "-"}
        << MANIFESTS;
    QTest::newRow("get: one namespace, Istio's full names")
        << plain << getCommand(ISTIO_KINDS, {QStringLiteral("bookinfo"), false})
        << QStringList{"--request-timeout=25s", "get",
                       "gateways.networking.istio.io,virtualservices.networking.istio.io,"
                       "destinationrules.networking.istio.io",
                       "--output=yaml", "--namespace=bookinfo"}
        << QByteArray();
    QTest::newRow("get: every namespace with Secrets")
        << plain << getCommand(ISTIO_KINDS | ResourceKind::Secrets, {QString(), true})
        << QStringList{"--request-timeout=25s", "get",
                       "gateways.networking.istio.io,virtualservices.networking.istio.io,"
                       "destinationrules.networking.istio.io,secrets",
                       "--output=yaml", "--all-namespaces"}
        << QByteArray();
    QTest::newRow("get: the context's namespace, one kind")
        << plain << getCommand(ResourceKind::Gateways, {})
        << QStringList{"--request-timeout=25s", "get", "gateways.networking.istio.io",
                       "--output=yaml"}
        << QByteArray();
}

void TestKubectlCommands::argumentLists()
{
    QFETCH(KubectlOptions, options);
    QFETCH(KubectlCommand, command);
    QFETCH(QStringList, expected);
    QFETCH(QByteArray, input);
    QCOMPARE(commandLine(options, command), expected);
    QCOMPARE(command.input, input);
}

void TestKubectlCommands::applyOutput_data()
{
    QTest::addColumn<QByteArray>("output");
    QTest::addColumn<QStringList>("lines");
    QTest::addColumn<bool>("dryRun");

    QTest::newRow("server-side apply")
        << QByteArray("gateway.networking.istio.io/my-gateway serverside-applied\n")
        << QStringList{"gateway.networking.istio.io/my-gateway serverside-applied"} << false;
    QTest::newRow("server dry run, CRLF, blank lines")
        << QByteArray("virtualservice.networking.istio.io/a.b serverside-applied (server dry "
                      "run)\r\n\nsecret/tls-cert serverside-applied (server dry run)\r\n")
        << QStringList{"virtualservice.networking.istio.io/a.b serverside-applied (server dry "
                       "run)",
                       "secret/tls-cert serverside-applied (server dry run)"}
        << true;
    QTest::newRow("client-side actions")
        << QByteArray("destinationrule.networking.istio.io/reviews unchanged\n"
                      "destinationrule.networking.istio.io/ratings configured\n")
        << QStringList{"destinationrule.networking.istio.io/reviews unchanged",
                       "destinationrule.networking.istio.io/ratings configured"}
        << false;
    QTest::newRow("nothing") << QByteArray() << QStringList() << false;
}

void TestKubectlCommands::applyOutput()
{
    QFETCH(QByteArray, output);
    QFETCH(QStringList, lines);
    QFETCH(bool, dryRun);
    QString error;
    const auto applied = parseApplyOutput(output, &error);
    QVERIFY2(applied, qPrintable(error));
    QStringList shown;
    for (const AppliedResource &resource : *applied) {
        shown << resource.line();
        QCOMPARE(resource.dryRun, dryRun);
    }
    QCOMPARE(shown, lines);
}

void TestKubectlCommands::listOutput_data()
{
    QTest::addColumn<QString>("parser");
    QTest::addColumn<QByteArray>("output");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("error");

    QTest::newRow("contexts with spaces and CRLF")
        << "contexts" << QByteArray("kind-dev\r\nprod cluster\r\n") << "kind-dev|prod cluster"
        << QString();
    QTest::newRow("no contexts") << "contexts" << QByteArray() << "" << QString();
    QTest::newRow("current context")
        << "current" << QByteArray("gke_p_z_c\n") << "gke_p_z_c" << QString();
    QTest::newRow("current context: none printed") << "current" << QByteArray("\n") << ""
                                                   << "kubectl named no current context";
    QTest::newRow("current context: two lines")
        << "current" << QByteArray("a\nb\n") << ""
        << "kubectl printed 2 lines where one context name was expected";
    QTest::newRow("namespaces") << "namespaces" << QByteArray("namespace/a\nnamespace/b-2\n")
                                << "a|b-2" << QString();
    QTest::newRow("namespaces: a table instead of names")
        << "namespaces" << QByteArray("NAME STATUS AGE\ndefault Active 3d\n") << ""
        << "kubectl's namespace list was not understood: \"NAME STATUS AGE\" is not "
           "\"namespace/NAME\"";
    QTest::newRow("namespaces: not a namespace name")
        << "namespaces" << QByteArray("namespace/../etc\n") << ""
        << "kubectl's namespace list was not understood: \"namespace/../etc\" is not "
           "\"namespace/NAME\"";
    QTest::newRow("apply: an error message on stdout")
        << "apply" << QByteArray("error: no objects passed to apply\n") << ""
        << "kubectl apply's output was not understood: \"error: no objects passed to apply\" "
           "is not \"RESOURCE/NAME ACTION\"";
    QTest::newRow("contexts: not UTF-8") << "contexts" << QByteArray("ok\n\xff\xfe\n") << ""
                                         << "kubectl's output is not text (it is not UTF-8)";
    QTest::newRow("contexts: terminal escapes")
        << "contexts" << QByteArray("\x1b[31mred\n") << ""
        << "kubectl's output is not text (it holds control character 0x1b)";
}

void TestKubectlCommands::listOutput()
{
    QFETCH(QString, parser);
    QFETCH(QByteArray, output);
    QFETCH(QString, value);
    QFETCH(QString, error);
    QString actualError;
    QString actual;
    bool ok = false;
    if (parser == QLatin1String("contexts")) {
        const auto parsed = parseContexts(output, &actualError);
        ok = parsed.has_value();
        actual = parsed.value_or(QStringList()).join('|');
    } else if (parser == QLatin1String("current")) {
        const auto parsed = parseCurrentContext(output, &actualError);
        ok = parsed.has_value();
        actual = parsed.value_or(QString());
    } else if (parser == QLatin1String("namespaces")) {
        const auto parsed = parseNamespaces(output, &actualError);
        ok = parsed.has_value();
        actual = parsed.value_or(QStringList()).join('|');
    } else {
        ok = parseApplyOutput(output, &actualError).has_value();
    }
    QCOMPARE(ok, error.isEmpty());
    QCOMPARE(actualError, error);
    QCOMPARE(actual, value);
}

void TestKubectlCommands::commandLineIsQuotedForAShell()
{
    KubectlResult result;
    result.program = QStringLiteral("/usr/bin/kubectl");
    result.arguments = {QStringLiteral("--context=prod cluster"), QStringLiteral("apply"),
                        QStringLiteral("-f"), QStringLiteral("-"), QStringLiteral("it's")};
    QCOMPARE(result.commandLine(), QStringLiteral("/usr/bin/kubectl '--context=prod cluster' "
                                                  "apply -f - 'it'\\''s'"));
}

QTEST_GUILESS_MAIN(TestKubectlCommands)
#include "tst_kubectlcommands.moc"
