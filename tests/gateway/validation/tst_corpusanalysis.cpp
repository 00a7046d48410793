// Agreement with istioctl analyze: every entry of the corpus's expected-analysis.json (Istio's
// own analyzer test grid) run through Gatehouse with only the named analyzer, compared as an
// unordered multiset of "CODE Type on Kind [ns/]name".

#include "testsupport.h"
#include "validation/validator.h"
#include "workspace/workspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <yaml-cpp/yaml.h>

class TestCorpusAnalysis : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void agreement_data();
    void agreement();
    void cleanupTestCase();
    void publicGatewayHasNoErrors();

private:
    int m_entries = 0;
    int m_matched = 0;
};

namespace {

QString analyzerDir()
{
    return TestSupport::corpusDir() + QStringLiteral("/istio-analyzer-testdata/");
}

// "testdata/x.yaml" in Istio's tree is "pkg__config__analysis__analyzers__testdata__x.yaml" here.
QString corpusPathOf(const QString &istioPath)
{
    return analyzerDir() + QStringLiteral("pkg__config__analysis__analyzers__") +
           QString(istioPath).replace(QLatin1Char('/'), QLatin1String("__"));
}

// Istio's test prints the namespace only when the YAML sets one.
bool namespaceWritten(const Project::Document &document)
{
    const YAML::Node &root = document.node();
    if (!root.IsMap())
        return false;
    const YAML::Node metadata = root["metadata"];
    return metadata.IsMap() && metadata["namespace"].IsDefined();
}

} // namespace

void TestCorpusAnalysis::initTestCase()
{
    if (TestSupport::corpusDir().isEmpty())
        QSKIP(qPrintable(TestSupport::corpusMissingMessage()));
}

void TestCorpusAnalysis::agreement_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("otherInputs");
    QTest::addColumn<QString>("analyzer");
    QTest::addColumn<QStringList>("expected");
    const QByteArray json =
        TestSupport::readFile(TestSupport::corpusDir() + QStringLiteral("/expected-analysis.json"));
    const QJsonArray entries = QJsonDocument::fromJson(json).array();
    QVERIFY(!entries.isEmpty());
    for (const QJsonValue &value : entries) {
        const QJsonObject entry = value.toObject();
        QStringList others;
        for (const QJsonValue &other : entry.value(QStringLiteral("other_inputs")).toArray())
            others << corpusPathOf(other.toString());
        QStringList expected;
        for (const QJsonValue &message : entry.value(QStringLiteral("messages")).toArray())
            expected << message.toString();
        expected.sort();
        const QString file = entry.value(QStringLiteral("file")).toString();
        QTest::newRow(qPrintable(file.section(QLatin1Char('/'), -1) + QLatin1Char(' ') +
                                 entry.value(QStringLiteral("test")).toString()))
            << TestSupport::corpusDir() + QLatin1Char('/') + file << others
            << entry.value(QStringLiteral("analyzer")).toString() << expected;
    }
}

void TestCorpusAnalysis::agreement()
{
    QFETCH(QString, file);
    QFETCH(QStringList, otherInputs);
    QFETCH(QString, analyzer);
    QFETCH(QStringList, expected);
    ++m_entries;

    Project::Workspace workspace;
    QVERIFY(workspace.addPath(file));
    for (const QString &other : otherInputs)
        QVERIFY2(workspace.addPath(other), qPrintable(other));

    // "schema.ValidationAnalyzer.VirtualService" is the schema analyzer over one kind.
    QString kindFilter;
    Validation::Options options;
    if (analyzer.startsWith(QLatin1String("schema.ValidationAnalyzer."))) {
        kindFilter = analyzer.section(QLatin1Char('.'), 2);
        options.analyzers << QStringLiteral("schema.ValidationAnalyzer");
    } else {
        options.analyzers << analyzer;
    }
    QVERIFY2(Validation::analyzerNames().contains(options.analyzers.front()),
             qPrintable(QStringLiteral("no analyzer named %1").arg(options.analyzers.front())));

    QHash<QString, const Project::Document *> documents; // "Kind ns/name" of this file
    for (const Project::DocumentRef &ref : workspace.documents()) {
        const Project::Document &document = workspace.document(ref);
        if (document.filePath() == file)
            documents.insert(document.kind() + QLatin1Char(' ') + document.nameSpace() +
                                 QLatin1Char('/') + document.name(),
                             &document);
    }
    QStringList actual;
    for (const Core::Diagnostic &finding : Validation::validate(workspace, options)) {
        if (!finding.code.startsWith(QLatin1String("IST")))
            continue;
        const Core::DiagnosticSubject &subject = finding.subject;
        if (!kindFilter.isEmpty() && subject.kind != kindFilter)
            continue;
        const Project::Document *document = documents.value(
            subject.kind + QLatin1Char(' ') + subject.nameSpace + QLatin1Char('/') + subject.name);
        if (!document)
            continue; // a resource of another input file
        const QString name = namespaceWritten(*document)
                                 ? subject.nameSpace + QLatin1Char('/') + subject.name
                                 : subject.name;
        actual << QStringLiteral("%1 %2 on %3 %4")
                      .arg(finding.code, finding.messageType, subject.kind, name);
    }
    actual.sort();
    QCOMPARE(actual, expected);
    ++m_matched;
}

void TestCorpusAnalysis::cleanupTestCase()
{
    if (m_entries > 0)
        qInfo("agreement with istioctl analyze: %d of %d corpus entries", m_matched, m_entries);
}

// istioctl's own CLI test: analysing this file alone must not fail at the Error threshold.
void TestCorpusAnalysis::publicGatewayHasNoErrors()
{
    Project::Workspace workspace;
    QVERIFY(workspace.addPath(
        analyzerDir() +
        QStringLiteral("istioctl__pkg__analyze__testdata__analyze-file__public-gateway.yaml")));
    const Core::Diagnostics findings = Validation::validate(workspace);
    for (const Core::Diagnostic &finding : findings)
        QVERIFY2(finding.level != Core::Level::Error, qPrintable(finding.toText()));
}

QTEST_GUILESS_MAIN(TestCorpusAnalysis)
#include "tst_corpusanalysis.moc"
