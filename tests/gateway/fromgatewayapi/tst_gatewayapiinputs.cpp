// Reading Gateway API documents: malformed fields become positioned diagnostics, the rest of the
// object is still read, and nothing crashes (every Gateway API file of the corpus included).

#include "core/diagnosticcodes.h"
#include "fromgatewayapi/inputs.h"
#include "gatewayapitestsupport.h"

#include <random>

using namespace GatewayApiTest;

class TestGatewayApiInputs : public QObject {
    Q_OBJECT

private slots:
    void malformed_data();
    void malformed();
    void restIsStillRead();
    void servicesAndNamespaces();
    void corpusTranslatesWithoutReadErrors_data();
    void corpusTranslatesWithoutReadErrors();
    void damagedInputNeverCrashes();
    void codesAreExplained();
};

void TestGatewayApiInputs::malformed_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("fieldPath");
    const QByteArray head = "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\n"
                            "metadata: {name: gw, namespace: infra}\nspec:\n"
                            "  gatewayClassName: istio\n  listeners:\n";
    QTest::newRow("quoted port") << head + "  - name: http\n    port: \"80\"\n    protocol: HTTP\n"
                                 << QString::fromLatin1(Core::Codes::TYPE_MISMATCH) << 8 << 11
                                 << "spec.listeners[0].port";
    QTest::newRow("misspelt field")
        << head + "  - name: http\n    port: 80\n    protocol: HTTP\n    hostnam: a.com\n"
        << QString::fromLatin1(Core::Codes::UNKNOWN_FIELD) << 10 << 5
        << "spec.listeners[0].hostnam";
    QTest::newRow("missing listeners")
        << QByteArray("apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\n"
                      "metadata: {name: gw}\nspec:\n  gatewayClassName: istio\n")
        << QString::fromLatin1(Core::Codes::MISSING_REQUIRED) << 4 << 1 << "spec.listeners";
    QTest::newRow("unknown path type")
        << QByteArray("apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\n"
                      "metadata: {name: r}\nspec:\n  rules:\n  - matches:\n"
                      "    - path: {type: Prefix, value: /a}\n")
        << QString::fromLatin1(Core::Codes::UNKNOWN_ENUM) << 7 << 20
        << "spec.rules[0].matches[0].path.type";
    QTest::newRow("filter without type")
        << QByteArray("apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\n"
                      "metadata: {name: r}\nspec:\n  rules:\n  - filters:\n"
                      "    - requestHeaderModifier: {remove: [x]}\n")
        << QString::fromLatin1(Core::Codes::MISSING_REQUIRED) << 7 << 7
        << "spec.rules[0].filters[0].type";
    QTest::newRow("weight that is not a number")
        << QByteArray("apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\n"
                      "metadata: {name: r}\nspec:\n  rules:\n  - backendRefs:\n"
                      "    - {name: s, port: 80, weight: heavy}\n")
        << QString::fromLatin1(Core::Codes::TYPE_MISMATCH) << 7 << 35
        << "spec.rules[0].backendRefs[0].weight";
    QTest::newRow("rules that are not a list")
        << QByteArray("apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\n"
                      "metadata: {name: r}\nspec:\n  rules: {matches: []}\n")
        << QString::fromLatin1(Core::Codes::TYPE_MISMATCH) << 5 << 10 << "spec.rules";
    QTest::newRow("hostnames on a TCPRoute")
        << QByteArray("apiVersion: gateway.networking.k8s.io/v1alpha2\nkind: TCPRoute\n"
                      "metadata: {name: t}\nspec:\n  hostnames: [a.com]\n  rules: []\n")
        << QString::fromLatin1(Core::Codes::UNKNOWN_FIELD) << 5 << 3 << "spec.hostnames";
    QTest::newRow("an API version that is not read")
        << QByteArray("apiVersion: gateway.networking.k8s.io/v9\nkind: HTTPRoute\n"
                      "metadata: {name: r}\nspec: {}\n")
        << QString::fromLatin1(Core::Codes::GATEWAY_API_NOT_TRANSLATED) << 1 << 1 << "";
    QTest::newRow("a kind that is not translated")
        << QByteArray("apiVersion: gateway.networking.k8s.io/v1alpha2\nkind: UDPRoute\n"
                      "metadata: {name: u}\nspec: {}\n")
        << QString::fromLatin1(Core::Codes::GATEWAY_API_NOT_TRANSLATED) << 1 << 1 << "";
}

void TestGatewayApiInputs::malformed()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, code);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, fieldPath);
    // A document further down the file: positions are the file's, not the document's.
    const QByteArray padded = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n" + text;
    const FromGatewayApi::Translation translation = translateText(padded);
    const Core::Diagnostic *diagnostic = findDiagnostic(translation.diagnostics, code);
    QVERIFY2(diagnostic, qPrintable(describe(translation.diagnostics)));
    QCOMPARE(diagnostic->subject.file, QStringLiteral("design.yaml"));
    QCOMPARE(diagnostic->subject.position.line, line + 4);
    QCOMPARE(diagnostic->subject.position.column, column);
    QCOMPARE(diagnostic->fieldPath, fieldPath);
    QCOMPARE(diagnostic->documentNumber, 2);
}

void TestGatewayApiInputs::restIsStillRead()
{
    // One bad listener does not stop the other from being served.
    const FromGatewayApi::Translation translation =
        translateText(gateway("  - {name: bad, port: eighty, protocol: HTTP}\n"
                              "  - {name: good, port: 8080, protocol: HTTP}\n"));
    QVERIFY(findDiagnostic(translation.diagnostics, QLatin1String(Core::Codes::TYPE_MISMATCH)));
    QVERIFY(findDiagnostic(translation.diagnostics,
                           QLatin1String(Core::Codes::GATEWAY_API_INVALID_LISTENER)));
    QCOMPARE(translation.gateways.size(), std::size_t(1));
    QCOMPARE(translation.gateways.front().gateway.spec.servers.front().port->number,
             std::optional<quint32>(8080));
}

void TestGatewayApiInputs::servicesAndNamespaces()
{
    Project::Workspace workspace;
    workspace.addFile(TestSupport::parseText(
        "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\n---\n"
        "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {tier: front}}\n---\n"
        "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: istio-gw}\n"
        "spec: {servers: []}\n"));
    const FromGatewayApi::Inputs inputs = FromGatewayApi::readInputs(workspace);
    QVERIFY(inputs.servicesKnown);
    QVERIFY(inputs.services.contains(QStringLiteral("shop/web")));
    QVERIFY(inputs.namespacesKnown);
    QCOMPARE(inputs.namespaces.value(QStringLiteral("shop")).value(QStringLiteral("tier")),
             QStringLiteral("front"));
    QVERIFY(inputs.gateways.empty()); // an Istio Gateway is not a Gateway API one
    QVERIFY(inputs.diagnostics.isEmpty());
}

void TestGatewayApiInputs::corpusTranslatesWithoutReadErrors_data()
{
    QTest::addColumn<QString>("path");
    const QString corpus = TestSupport::corpusDir();
    if (corpus.isEmpty())
        return;
    for (const QString &path : TestSupport::corpusFiles()) {
        if (path.endsWith(QLatin1String(".golden")))
            continue;
        if (!TestSupport::readFile(path).contains("gateway.networking.k8s.io"))
            continue;
        QTest::newRow(qPrintable(QDir(corpus).relativeFilePath(path))) << path;
    }
}

void TestGatewayApiInputs::corpusTranslatesWithoutReadErrors()
{
    if (TestSupport::corpusDir().isEmpty())
        QSKIP(qPrintable(TestSupport::corpusMissingMessage()));
    QFETCH(QString, path);
    Project::Workspace workspace;
    QVERIFY(workspace.addPath(path));
    const FromGatewayApi::Translation translation = FromGatewayApi::translate(workspace);
    // Real manifests: the reader knows every field they use.
    QStringList readErrors;
    for (const Core::Diagnostic &diagnostic : translation.diagnostics) {
        if (diagnostic.code.startsWith(QLatin1String("GH1")))
            readErrors << diagnostic.toText();
        QVERIFY(diagnostic.subject.position.isValid());
    }
    QVERIFY2(readErrors.isEmpty(), qPrintable(readErrors.join(QLatin1Char('\n'))));
    // YAML out of every translation reads back as Istio resources without findings, except the
    // host-less destination istiod writes for a backend it cannot resolve, which the
    // translation has reported.
    const Project::SourceFile file = Project::SourceFile::fromBytes(
        QStringLiteral("out.yaml"), FromGatewayApi::toYaml(translation));
    const bool backendReported =
        findDiagnostic(translation.diagnostics,
                       QLatin1String(Core::Codes::GATEWAY_API_INVALID_BACKEND)) ||
        findDiagnostic(translation.diagnostics,
                       QLatin1String(Core::Codes::GATEWAY_API_NOT_TRANSLATED));
    for (const Project::Document &document : file.documents()) {
        for (const Core::Diagnostic &diagnostic : document.diagnostics()) {
            const bool hostless = diagnostic.code == QLatin1String(Core::Codes::MISSING_REQUIRED) &&
                                  diagnostic.fieldPath.endsWith(QLatin1String("destination.host"));
            QVERIFY2(hostless && backendReported, qPrintable(diagnostic.toText()));
        }
    }
}

// Bytes flipped, dropped and inserted in the corpus' Gateway API files: the translation never
// crashes, and every finding has a known code and a position.
void TestGatewayApiInputs::damagedInputNeverCrashes()
{
    const QString corpus = TestSupport::corpusDir();
    if (corpus.isEmpty())
        QSKIP(qPrintable(TestSupport::corpusMissingMessage()));
    std::mt19937 random(8052026);
    const QByteArray punctuation = ":-[]{}\"'#|>&*!%@`\t\n ,?/.*0";
    int translations = 0;
    for (const QString &path : TestSupport::corpusFiles()) {
        const QByteArray original = TestSupport::readFile(path);
        if (path.endsWith(QLatin1String(".golden")) || !original.contains("gateway.networking"))
            continue;
        for (int round = 0; round < 25; ++round) {
            QByteArray bytes = original;
            for (int edit = 0; edit < 4; ++edit) {
                const qsizetype at = qsizetype(random() % quint32(bytes.size()));
                const char c = punctuation.at(qsizetype(random() % quint32(punctuation.size())));
                switch (random() % 3) {
                case 0:
                    bytes[at] = c;
                    break;
                case 1:
                    bytes.remove(at, 1);
                    break;
                default:
                    bytes.insert(at, c);
                    break;
                }
            }
            const FromGatewayApi::Translation translation = translateText(bytes);
            FromGatewayApi::toYaml(translation);
            ++translations;
            for (const Core::Diagnostic &diagnostic : translation.diagnostics) {
                QVERIFY2(Core::findDiagnosticCode(diagnostic.code),
                         qPrintable(diagnostic.toText()));
                QVERIFY2(diagnostic.subject.position.isValid(), qPrintable(diagnostic.toText()));
            }
        }
    }
    QVERIFY(translations > 0);
}

void TestGatewayApiInputs::codesAreExplained()
{
    for (const char *code :
         {Core::Codes::GATEWAY_API_NOT_TRANSLATED, Core::Codes::GATEWAY_API_INVALID_BACKEND,
          Core::Codes::GATEWAY_API_ROUTE_NOT_ATTACHED, Core::Codes::GATEWAY_API_INVALID_LISTENER,
          Core::Codes::GATEWAY_API_ROUTE_REJECTED, Core::Codes::GATEWAY_API_GATEWAY_NOT_HANDLED,
          Core::Codes::GATEWAY_API_SELECTOR_UNRESOLVED}) {
        const Core::DiagnosticCode *entry = Core::findDiagnosticCode(QLatin1String(code));
        QVERIFY2(entry, code);
        QVERIFY(QByteArray(entry->code).startsWith("GH80"));
    }
}

QTEST_GUILESS_MAIN(TestGatewayApiInputs)
#include "tst_gatewayapiinputs.moc"
