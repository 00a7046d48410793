// The validator as a whole: suppressions, incremental re-validation after edits, and the
// bundled sample validating clean.

#include "core/diagnosticcodes.h"
#include "testsupport.h"
#include "validationtest.h"

#include <random>

class TestValidator : public QObject {
    Q_OBJECT

private slots:
    void suppressionRules_data();
    void suppressionRules();
    void malformedSuppressionRule();
    void suppressionAnnotation();
    void incrementalMatchesFullRun();
    void sampleIsClean();
    void structuralFindingsIncluded();
    void everyCodeIsExplained();
    void mutatedCorpusValidates();

private:
    static QByteArray twoConflictingGateways(const char *annotation = "");
};

QByteArray TestValidator::twoConflictingGateways(const char *annotation)
{
    QByteArray yaml;
    for (const char *name : {"alpha", "beta"}) {
        yaml += QByteArray(
                    "---\napiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: ") +
                name + "\n  namespace: edge\n" +
                (QByteArray(name) == "beta" ? QByteArray(annotation) : QByteArray()) +
                "spec:\n  selector: {istio: ingressgateway}\n  servers:\n"
                "  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: [a.example.com]\n";
    }
    return yaml;
}

void TestValidator::suppressionRules_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QStringList>("remaining"); // names of the Gateways still reported
    QTest::newRow("none") << QString() << QStringList{"alpha", "beta"};
    QTest::newRow("one resource") << "IST0145=Gateway edge/beta" << QStringList{"alpha"};
    QTest::newRow("istioctl's name.namespace form")
        << "IST0145=Gateway beta.edge" << QStringList{"alpha"};
    QTest::newRow("wildcard resource") << "IST0145=Gateway edge/*" << QStringList{};
    QTest::newRow("wildcard code") << "IST01*=Gateway *" << QStringList{};
    QTest::newRow("other code") << "IST0132=Gateway edge/beta" << QStringList{"alpha", "beta"};
    QTest::newRow("other kind") << "IST0145=VirtualService edge/beta"
                                << QStringList{"alpha", "beta"};
}

void TestValidator::suppressionRules()
{
    QFETCH(QString, rule);
    QFETCH(QStringList, remaining);
    QObject owner;
    Project::Workspace *workspace = ValidationTest::workspaceOf(twoConflictingGateways(), &owner);
    Validation::Options options;
    if (!rule.isEmpty()) {
        QString error;
        const auto suppression = Validation::Suppression::parse(rule, &error);
        QVERIFY2(suppression, qPrintable(error));
        options.suppressions << *suppression;
    }
    QStringList reported;
    for (const Core::Diagnostic &finding : Validation::validate(*workspace, options)) {
        if (finding.code == QLatin1String("IST0145"))
            reported << finding.subject.name;
    }
    QCOMPARE(reported, remaining);
}

void TestValidator::malformedSuppressionRule()
{
    for (const QString &rule : {QStringLiteral("IST0145"), QStringLiteral("=Gateway a/b"),
                                QStringLiteral("IST0145=Gateway")}) {
        QString error;
        QVERIFY2(!Validation::Suppression::parse(rule, &error), qPrintable(rule));
        QVERIFY(error.contains(QLatin1String("CODE=Kind namespace/name")));
    }
}

void TestValidator::suppressionAnnotation()
{
    QObject owner;
    for (const auto &[annotation, expected] :
         {std::pair{"  annotations: {galley.istio.io/analyze-suppress: \"IST0132,IST0145\"}\n", 1},
          std::pair{"  annotations: {galley.istio.io/analyze-suppress: \"*\"}\n", 1},
          std::pair{"  annotations: {galley.istio.io/analyze-suppress: IST0132}\n", 2}}) {
        Project::Workspace *workspace =
            ValidationTest::workspaceOf(twoConflictingGateways(annotation), &owner);
        int conflicts = 0;
        for (const Core::Diagnostic &finding : Validation::validate(*workspace))
            conflicts += finding.code == QLatin1String("IST0145");
        QVERIFY2(conflicts == expected, annotation);
    }
}

// Random single-field edits: the cached validator must always give what a fresh one gives.
void TestValidator::incrementalMatchesFullRun()
{
    QObject owner;
    Project::Workspace workspace(&owner);
    QVERIFY(workspace.addPath(QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/samples/bookinfo")));
    Validation::Validator incremental;
    QCOMPARE(incremental.validate(workspace).size(), Validation::validate(workspace).size());

    const QList<Project::DocumentRef> refs = workspace.documents();
    std::mt19937 random(7);
    const char *edits[] = {"hosts:\n  - \"Bad_Host\"",
                           "number: 80",
                           "name: reviews-v9",
                           "prefix: /",
                           "subset: v9",
                           "protocol: TCP"};
    for (int round = 0; round < 40; ++round) {
        const Project::DocumentRef ref = refs.at(int(random() % refs.size()));
        QByteArray text = workspace.document(ref).text();
        const QByteArray edit = edits[random() % std::size(edits)];
        const QByteArray key = edit.left(edit.indexOf(':') + 1);
        const int at = text.indexOf(key, int(random() % std::max<qsizetype>(1, text.size())));
        if (at < 0)
            continue;
        const int lineEnd = text.indexOf('\n', at);
        text.replace(at, (lineEnd < 0 ? text.size() : lineEnd) - at, edit);
        workspace.setText(ref, text);
        QStringList cached, fresh;
        for (const Core::Diagnostic &finding : incremental.validate(workspace))
            cached << ValidationTest::describe(finding);
        for (const Core::Diagnostic &finding : Validation::validate(workspace))
            fresh << ValidationTest::describe(finding);
        QCOMPARE(cached, fresh);
    }
}

void TestValidator::sampleIsClean()
{
    QObject owner;
    Project::Workspace workspace(&owner);
    QVERIFY(workspace.addPath(QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/samples/bookinfo")));
    const Core::Diagnostics findings = Validation::validate(workspace);
    QStringList text;
    for (const Core::Diagnostic &finding : findings)
        text << finding.toText();
    QVERIFY2(findings.isEmpty(), qPrintable(text.join('\n')));
}

void TestValidator::structuralFindingsIncluded()
{
    QObject owner;
    Project::Workspace *workspace = ValidationTest::workspaceOf(
        "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: gw}\nspec:\n"
        "  servers:\n  - port: {number: \"80\", name: http, protocol: HTTP}\n    hosts: ['*']\n"
        "---\nkind: [unclosed\n",
        &owner);
    QStringList codes;
    for (const Core::Diagnostic &finding : Validation::validate(*workspace))
        codes << finding.code;
    QVERIFY2(codes.contains(QStringLiteral("GH1002")), qPrintable(codes.join(' ')));
    QVERIFY2(codes.contains(QStringLiteral("GH1001")), qPrintable(codes.join(' ')));
}

// `gatehouse explain CODE` reads this table: every code needs its message type, a summary and
// an explanation, and codes are unique.
void TestValidator::everyCodeIsExplained()
{
    QSet<QString> seen;
    for (const Core::DiagnosticCode &code : Core::allDiagnosticCodes()) {
        const QString name = QLatin1String(code.code);
        QVERIFY2(!seen.contains(name), qPrintable(name));
        seen.insert(name);
        QVERIFY2(QString::fromLatin1(code.messageType).size() > 3, qPrintable(name));
        QVERIFY2(QString::fromLatin1(code.summary).size() > 20, qPrintable(name));
        QVERIFY2(QString::fromLatin1(code.explanation).size() > 80, qPrintable(name));
    }
    // Every code the validator reports on the analyzer test data is in the table.
    for (const char *code :
         {"IST0002", "IST0101", "IST0106", "IST0109", "IST0112", "IST0128", "IST0129", "IST0130",
          "IST0131", "IST0132", "IST0133", "IST0138", "IST0140", "IST0145", "IST0149", "IST0161",
          "IST0162", "IST0165", "IST0166", "IST0171", "IST0173", "IST0174", "GH4001",  "GH4002",
          "GH4003",  "GH4004",  "GH4005",  "GH4006",  "GH4007",  "GH4008"})
        QVERIFY2(seen.contains(QLatin1String(code)), code);
}

// Damaged corpus files (bytes flipped, dropped, inserted): validation never crashes, and every
// finding has a known code and a position.
void TestValidator::mutatedCorpusValidates()
{
    const QStringList files = TestSupport::corpusFiles();
    if (files.isEmpty())
        QSKIP(qPrintable(TestSupport::corpusMissingMessage()));
    std::mt19937 random(27112026);
    const QByteArray punctuation = ":-[]{}\"'#|>&*!%@`\t\n ,?/.*0";
    const int rounds = qEnvironmentVariableIntValue("GATEHOUSE_FUZZ_ROUNDS") > 0
                           ? qEnvironmentVariableIntValue("GATEHOUSE_FUZZ_ROUNDS")
                           : 6;
    Validation::Options options;
    options.input.strictReferences = true;
    options.local.enabled = true;
    int findings = 0;
    for (const QString &path : files) {
        const QByteArray original = TestSupport::readFile(path);
        for (int round = 0; round < rounds; ++round) {
            QByteArray bytes = original;
            for (int e = 0, edits = 1 + int(random() % 4); e < edits && !bytes.isEmpty(); ++e) {
                const qsizetype at = qsizetype(random() % bytes.size());
                if (random() % 2)
                    bytes[at] = punctuation[qsizetype(random() % punctuation.size())];
                else
                    bytes.remove(at, 1 + qsizetype(random() % 8));
            }
            QObject owner;
            Project::Workspace *workspace = ValidationTest::workspaceOf(bytes, &owner, path);
            for (const Core::Diagnostic &finding : Validation::validate(*workspace, options)) {
                ++findings;
                QVERIFY2(Core::findDiagnosticCode(finding.code), qPrintable(finding.toText()));
                QVERIFY2(finding.subject.file.isEmpty() || finding.subject.position.isValid(),
                         qPrintable(finding.toText()));
            }
        }
    }
    QVERIFY(findings > 100);
}

QTEST_GUILESS_MAIN(TestValidator)
#include "tst_validator.moc"
