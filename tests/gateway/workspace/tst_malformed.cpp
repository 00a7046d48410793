// Bad input gives a positioned diagnostic with a plain message, never a crash, and the other
// documents of the same file still load.

#include "core/diagnosticcodes.h"
#include "testsupport.h"

#include <random>

namespace {

const QByteArray GATEWAY_HEAD = "apiVersion: networking.istio.io/v1\n"
                                "kind: Gateway\n"
                                "metadata:\n"
                                "  name: gw\n"
                                "  namespace: edge\n"
                                "spec:\n"
                                "  servers:\n";

const QByteArray GOOD_VIRTUAL_SERVICE = "apiVersion: networking.istio.io/v1\n"
                                        "kind: VirtualService\n"
                                        "metadata: {name: good}\n"
                                        "spec:\n"
                                        "  hosts: [a.example.com]\n"
                                        "  http:\n"
                                        "  - route:\n"
                                        "    - destination: {host: a}\n";

} // namespace

class TestMalformed : public QObject {
    Q_OBJECT

private slots:
    void diagnostics_data();
    void diagnostics();
    void otherDocumentsStillLoad_data();
    void otherDocumentsStillLoad();
    void unreadableFiles();
    void mutatedCorpusNeverCrashes();
};

void TestMalformed::diagnostics_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("not YAML: unclosed flow sequence")
        << QByteArray("apiVersion: v1\nkind: ConfigMap\ndata: [a, b\n") << "GH1001" << 4 << 1
        << "not valid YAML";
    QTest::newRow("not YAML: tab indentation")
        << QByteArray("a:\n\tb: 1\n") << "GH1001" << 2 << 3 << "not valid YAML";
    QTest::newRow("not YAML: prose") << QByteArray("This is not a manifest: it is: prose.\n")
                                     << "GH1001" << 1 << 30 << "not valid YAML";
    QTest::newRow("wrong type: quoted number")
        << GATEWAY_HEAD + "  - port: {number: \"abc\", name: http, protocol: HTTP}\n"
                          "    hosts: [a.example.com]\n"
        << "GH1002" << 8 << 20
        << "spec.servers[0].port.number must be an integer, not the string \"abc\"";
    QTest::newRow("wrong type: quoted digits are a string")
        << GATEWAY_HEAD + "  - port: {number: \"80\", name: http, protocol: HTTP}\n"
                          "    hosts: [a.example.com]\n"
        << "GH1002" << 8 << 20 << "must be an integer";
    QTest::newRow("wrong type: list where an object is expected")
        << GATEWAY_HEAD + "  - port: [80]\n    hosts: [a.example.com]\n"
        << "GH1002" << 8 << 11 << "spec.servers[0].port must be an object, not a list";
    QTest::newRow("wrong type: number where a string is expected")
        << GATEWAY_HEAD + "  - port: {number: 80, name: 8080, protocol: HTTP}\n"
                          "    hosts: [a.example.com]\n"
        << "GH1002" << 8 << 30 << "must be a string, not the number 8080";
    QTest::newRow("wrong type: YAML 1.1 boolean where a string is expected")
        << GATEWAY_HEAD + "  - port: {number: 80, name: http, protocol: HTTP}\n"
                          "    hosts: [a.example.com]\n"
                          "  selector: {enabled: yes}\n"
        << "GH1002" << 10 << 23 << "not the boolean yes";
    QTest::newRow("wrong type: string where a boolean is expected")
        << GATEWAY_HEAD + "  - port: {number: 80, name: http, protocol: HTTP}\n"
                          "    hosts: [a.example.com]\n"
                          "    tls: {httpsRedirect: \"true\"}\n"
        << "GH1002" << 10 << 26 << "must be a boolean";
    QTest::newRow("out of range: negative port")
        << GATEWAY_HEAD + "  - port: {number: -1, name: http, protocol: HTTP}\n"
                          "    hosts: [a.example.com]\n"
        << "GH1011" << 8 << 20 << "outside the range 0 to 4294967295";
    QTest::newRow("unknown enum: protocol HTTPX")
        << GATEWAY_HEAD + "  - port:\n      number: 80\n      name: http\n      protocol: HTTPX\n"
                          "    hosts: [a.example.com]\n"
        << "GH1003" << 11 << 17 << "unknown protocol \"HTTPX\"";
    QTest::newRow("unknown enum: tls mode SIMPEL")
        << GATEWAY_HEAD + "  - port: {number: 443, name: https, protocol: HTTPS}\n"
                          "    hosts: [a.example.com]\n"
                          "    tls:\n      mode: SIMPEL\n"
        << "GH1003" << 11 << 13 << "unknown TLS mode \"SIMPEL\"";
    QTest::newRow("unknown enum: tls mode is case-sensitive")
        << GATEWAY_HEAD + "  - port: {number: 443, name: https, protocol: HTTPS}\n"
                          "    hosts: [a.example.com]\n"
                          "    tls: {mode: simple}\n"
        << "GH1003" << 10 << 17 << "expected one of PASSTHROUGH, SIMPLE";
    QTest::newRow("missing required: port name")
        << GATEWAY_HEAD + "  - port:\n      number: 80\n      protocol: HTTP\n"
                          "    hosts: [a.example.com]\n"
        << "GH1004" << 8 << 5 << "missing required field \"spec.servers[0].port.name\"";
    QTest::newRow("missing required: server hosts")
        << GATEWAY_HEAD + "  - port: {number: 80, name: http, protocol: HTTP}\n"
        << "GH1004" << 8 << 5 << "missing required field \"spec.servers[0].hosts\"";
    QTest::newRow("missing required: destination host")
        << QByteArray("apiVersion: networking.istio.io/v1\nkind: VirtualService\n"
                      "metadata: {name: v}\nspec:\n  http:\n  - route:\n    - destination:\n"
                      "        subset: v1\n")
        << "GH1004" << 7 << 7
        << "missing required field \"spec.http[0].route[0].destination.host\"";
    QTest::newRow("missing required: DestinationRule host")
        << QByteArray("apiVersion: networking.istio.io/v1\nkind: DestinationRule\n"
                      "metadata: {name: d}\nspec:\n  subsets: [{name: v1}]\n")
        << "GH1004" << 4 << 1 << "missing required field \"spec.host\"";
    QTest::newRow("missing required: metadata.name")
        << QByteArray("apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n"
                      "  namespace: x\nspec: {}\n")
        << "GH1004" << 4 << 3 << "metadata.name";
    QTest::newRow("duplicate key")
        << GATEWAY_HEAD + "  - port: {number: 80, name: http, protocol: HTTP}\n"
                          "    hosts: [a.example.com]\n"
                          "    hosts: [b.example.com]\n"
        << "GH1005" << 10 << 5 << "duplicate key \"hosts\" (first set on line 9)";
    QTest::newRow("duplicate key in an opaque kind")
        << QByteArray("apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  type: A\n"
                      "  type: B\n")
        << "GH1005" << 6 << 3 << "duplicate key \"type\"";
    QTest::newRow("document is a list")
        << QByteArray("- apiVersion: v1\n- kind: Service\n") << "GH1006" << 1 << 1
        << "must be an object with apiVersion and kind, not a list";
    QTest::newRow("document is a scalar") << QByteArray("just some words\n") << "GH1006" << 1 << 1
                                          << "not the string \"just some words\"";
    QTest::newRow("unknown field with suggestion")
        << GATEWAY_HEAD + "  - port: {number: 80, name: http, protocol: HTTP}\n"
                          "    hosts: [a.example.com]\n"
                          "    tsl: {mode: SIMPLE}\n"
        << "GH1007" << 10 << 5 << "unknown field \"tsl\" in spec.servers[0]; did you mean \"tls\"?";
    QTest::newRow("oneof: exact and regex")
        << QByteArray("apiVersion: networking.istio.io/v1\nkind: VirtualService\n"
                      "metadata: {name: v}\nspec:\n  http:\n  - match:\n    - uri:\n"
                      "        exact: /a\n        regex: /b.*\n    route:\n"
                      "    - destination: {host: a}\n")
        << "GH1008" << 9 << 9 << "only one of exact, prefix, regex may be set";
    QTest::newRow("duration: malformed")
        << QByteArray("apiVersion: networking.istio.io/v1\nkind: VirtualService\n"
                      "metadata: {name: v}\nspec:\n  http:\n  - timeout: 5 seconds\n    route:\n"
                      "    - destination: {host: a}\n")
        << "GH1009" << 6 << 14 << "not a valid duration: \"5 seconds\"";
    QTest::newRow("duration: below 1ms")
        << QByteArray("apiVersion: networking.istio.io/v1\nkind: VirtualService\n"
                      "metadata: {name: v}\nspec:\n  http:\n  - timeout: 500us\n    route:\n"
                      "    - destination: {host: a}\n")
        << "GH1009" << 6 << 14 << "greater than 1ms";
    QTest::newRow("no kind") << QByteArray("apiVersion: v1\nmetadata: {name: x}\n") << "GH1010" << 1
                             << 1 << "the document has no kind";
}

void TestMalformed::diagnostics()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, code);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, messagePart);

    const Project::SourceFile file = TestSupport::parseText(text, QStringLiteral("bad.yaml"));
    Core::Diagnostics found;
    for (const Project::Document &document : file.documents())
        found += document.diagnostics();
    const auto it = std::find_if(found.begin(), found.end(),
                                 [&](const Core::Diagnostic &d) { return d.code == code; });
    QStringList all;
    for (const Core::Diagnostic &diagnostic : found)
        all << diagnostic.code + QLatin1Char(' ') + diagnostic.toText();
    QVERIFY2(it != found.end(),
             qPrintable(QStringLiteral("no %1 among:\n").arg(code) + all.join(QLatin1Char('\n'))));
    QCOMPARE(it->subject.file, QStringLiteral("bad.yaml"));
    QCOMPARE(it->subject.position.line, line);
    QCOMPARE(it->subject.position.column, column);
    QVERIFY2(it->message.contains(messagePart), qPrintable(it->message));
    QVERIFY(Core::findDiagnosticCode(code) != nullptr);
    // The CLI's line: LEVEL file:line:col Kind namespace/name: message
    QVERIFY(it->toText().startsWith(QStringLiteral("%1 bad.yaml:%2:%3 ")
                                        .arg(Core::levelName(it->level))
                                        .arg(line)
                                        .arg(column)));
}

void TestMalformed::otherDocumentsStillLoad_data()
{
    QTest::addColumn<QByteArray>("bad");
    QTest::newRow("syntax error") << QByteArray("a: [1, 2\n");
    QTest::newRow("wrong types") << QByteArray(GATEWAY_HEAD + "  - port: [1]\n    hosts: 3\n");
    QTest::newRow("list") << QByteArray("- 1\n- 2\n");
    QTest::newRow("binary-looking text") << QByteArray("\x01\x02\x03: \xff\xfe\n");
    QTest::newRow("deeply nested flow") << QByteArray(2000, '[');
}

void TestMalformed::otherDocumentsStillLoad()
{
    QFETCH(QByteArray, bad);
    const QByteArray text = GOOD_VIRTUAL_SERVICE + "---\n" + bad + "\n---\n" + GOOD_VIRTUAL_SERVICE;
    const Project::SourceFile file = TestSupport::parseText(text);
    QCOMPARE(file.documents().size(), std::size_t(3));
    QCOMPARE(file.documents().at(0).modelledKind(), Istio::ResourceKind::VirtualService);
    QCOMPARE(file.documents().at(2).modelledKind(), Istio::ResourceKind::VirtualService);
    QVERIFY(file.documents().at(0).diagnostics().isEmpty());
    QVERIFY(file.documents().at(2).diagnostics().isEmpty());
    QVERIFY(Core::hasErrors(file.documents().at(1).diagnostics()));
    QCOMPARE(file.bytes(), text); // and nothing is lost on saving
}

void TestMalformed::unreadableFiles()
{
    const Project::SourceFile missing =
        Project::SourceFile::load(QStringLiteral("/no/such/file.yaml"));
    QCOMPARE(missing.fileDiagnostics().size(), 1);
    QCOMPARE(missing.fileDiagnostics().first().code, QStringLiteral("GH1012"));

    const Project::SourceFile binary =
        TestSupport::parseText(QByteArray("PK\x03\x04\0\0binary", 12), QStringLiteral("x.zip"));
    QCOMPARE(binary.fileDiagnostics().size(), 1);
    QVERIFY(binary.fileDiagnostics().first().message.contains(QStringLiteral("binary")));
}

// Every corpus file with bytes flipped, dropped and inserted (YAML's own punctuation first):
// loading, reading positions, editing and writing back must neither crash nor throw.
void TestMalformed::mutatedCorpusNeverCrashes()
{
    const QStringList files = TestSupport::corpusFiles();
    if (files.isEmpty())
        QSKIP(qPrintable(TestSupport::corpusMissingMessage()));
    std::mt19937 random(20261127);
    const QByteArray punctuation = ":-[]{}\"'#|>&*!%@`\t\n ,?";
    // $GATEHOUSE_FUZZ_ROUNDS runs longer by hand; the suite keeps a quick, fixed sample.
    const int rounds = qEnvironmentVariableIntValue("GATEHOUSE_FUZZ_ROUNDS") > 0
                           ? qEnvironmentVariableIntValue("GATEHOUSE_FUZZ_ROUNDS")
                           : 24;
    int documents = 0;
    for (const QString &path : files) {
        const QByteArray original = TestSupport::readFile(path);
        for (int round = 0; round < rounds; ++round) {
            QByteArray bytes = original;
            const int edits = 1 + int(random() % 4);
            for (int e = 0; e < edits && !bytes.isEmpty(); ++e) {
                const qsizetype at = qsizetype(random() % bytes.size());
                switch (random() % 3) {
                case 0:
                    bytes[at] = punctuation[qsizetype(random() % punctuation.size())];
                    break;
                case 1:
                    bytes.remove(at, 1 + qsizetype(random() % 8));
                    break;
                default:
                    bytes.insert(at, punctuation[qsizetype(random() % punctuation.size())]);
                }
            }
            Project::SourceFile file = TestSupport::parseText(bytes, path);
            QCOMPARE(file.bytes(), bytes); // nothing lost, whatever the damage
            for (int i = 0; i < int(file.documents().size()); ++i) {
                Project::Document &document = file.document(i);
                ++documents;
                document.positionOf(QStringLiteral("spec.servers[0].port.number"));
                Istio::Resource resource = document.resource();
                std::visit(
                    [](auto &value) {
                        if constexpr (requires { value.metadata; })
                            value.metadata.labels.set(QStringLiteral("fuzz"), QStringLiteral("1"));
                    },
                    resource);
                document.setResource(resource);
            }
            file.relayout();
        }
    }
    QVERIFY(documents > 1000);
}

QTEST_GUILESS_MAIN(TestMalformed)
#include "tst_malformed.moc"
