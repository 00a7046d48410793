// Every file of the shared corpus survives loading, saving, exporting and editing.

#include "testsupport.h"
#include "workspace/workspace.h"
#include "yaml/nodeequality.h"
#include "yaml/yamlwriter.h"

#include <QTemporaryDir>
#include <yaml-cpp/yaml.h>

namespace {

// All non-empty documents of a YAML stream, as kubectl would read them.
std::vector<YAML::Node> loadStream(const QByteArray &bytes)
{
    std::vector<YAML::Node> documents;
    for (const YAML::Node &node : YAML::LoadAll(bytes.toStdString())) {
        if (!node.IsNull())
            documents.push_back(node);
    }
    return documents;
}

QString describe(const std::string &difference, int index)
{
    return QStringLiteral("document %1: %2").arg(index + 1).arg(QString::fromStdString(difference));
}

} // namespace

class TestCorpusRoundTrip : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void loadsWithoutSyntaxErrors_data() { corpusRows(); }
    void loadsWithoutSyntaxErrors();
    void savesByteIdentical_data() { corpusRows(); }
    void savesByteIdentical();
    void exportLoadsToTheSameData_data() { corpusRows(); }
    void exportLoadsToTheSameData();
    void reEmittedDocumentsKeepTheirData_data() { corpusRows(); }
    void reEmittedDocumentsKeepTheirData();
    void unchangedResourceIsNotAnEdit_data() { corpusRows(); }
    void unchangedResourceIsNotAnEdit();
    void editKeepsEverythingElse_data() { corpusRows(); }
    void editKeepsEverythingElse();

private:
    void corpusRows();
};

void TestCorpusRoundTrip::initTestCase()
{
    if (TestSupport::corpusDir().isEmpty())
        QSKIP(qPrintable(TestSupport::corpusMissingMessage()));
    QVERIFY(TestSupport::corpusFiles().size() >= 60);
}

void TestCorpusRoundTrip::corpusRows()
{
    QTest::addColumn<QString>("path");
    const QString root = TestSupport::corpusDir();
    for (const QString &path : TestSupport::corpusFiles())
        QTest::newRow(qPrintable(QDir(root).relativeFilePath(path))) << path;
}

void TestCorpusRoundTrip::loadsWithoutSyntaxErrors()
{
    QFETCH(QString, path);
    const Project::SourceFile file = Project::SourceFile::load(path);
    QVERIFY(file.fileDiagnostics().isEmpty());
    QVERIFY(!file.documents().empty());
    for (const Project::Document &document : file.documents()) {
        QVERIFY2(document.isParsed(), qPrintable(document.diagnostics().value(0).toText()));
        for (const Core::Diagnostic &diagnostic : document.diagnostics())
            QVERIFY2(diagnostic.code != QLatin1String("GH1001"), qPrintable(diagnostic.toText()));
    }
}

void TestCorpusRoundTrip::savesByteIdentical()
{
    QFETCH(QString, path);
    const QByteArray original = TestSupport::readFile(path);
    const Project::SourceFile file = Project::SourceFile::load(path);
    QCOMPARE(file.bytes(), original);
    QVERIFY(!file.isModified());

    QTemporaryDir dir;
    const QString copy = dir.filePath(QStringLiteral("copy.yaml"));
    QString error;
    QVERIFY2(file.saveAs(copy, &error), qPrintable(error));
    QCOMPARE(TestSupport::readFile(copy), original);
}

void TestCorpusRoundTrip::exportLoadsToTheSameData()
{
    QFETCH(QString, path);
    Project::Workspace workspace;
    QVERIFY(workspace.addPath(path));
    const std::vector<YAML::Node> input = loadStream(TestSupport::readFile(path));
    const std::vector<YAML::Node> output = loadStream(workspace.exportStream());
    QCOMPARE(output.size(), input.size());
    for (std::size_t i = 0; i < input.size(); ++i) {
        std::string difference;
        QVERIFY2(Yaml::dataEqual(input[i], output[i], &difference),
                 qPrintable(describe(difference, int(i))));
    }
}

// The writer used for edited documents keeps every scalar's type, every key and the order.
void TestCorpusRoundTrip::reEmittedDocumentsKeepTheirData()
{
    QFETCH(QString, path);
    const Project::SourceFile file = Project::SourceFile::load(path);
    int index = 0;
    for (const Project::Document &document : file.documents()) {
        if (document.isBlank())
            continue;
        const std::string emitted = Yaml::writeYaml(document.node());
        YAML::Node reloaded;
        try {
            reloaded = YAML::Load(emitted);
        } catch (const YAML::Exception &error) {
            QFAIL(qPrintable(
                QStringLiteral("document %1 re-emitted as invalid YAML: %2\n%3")
                    .arg(document.number())
                    .arg(QString::fromStdString(error.what()), QString::fromStdString(emitted))));
        }
        std::string difference;
        QVERIFY2(Yaml::dataEqual(document.node(), reloaded, &difference),
                 qPrintable(describe(difference, index)));
        ++index;
    }
}

void TestCorpusRoundTrip::unchangedResourceIsNotAnEdit()
{
    QFETCH(QString, path);
    Project::SourceFile file = Project::SourceFile::load(path);
    for (int i = 0; i < int(file.documents().size()); ++i) {
        Project::Document &document = file.document(i);
        const Istio::Resource same = document.resource();
        QVERIFY(!document.setResource(same));
        QVERIFY(!document.isEdited());
    }
    QCOMPARE(file.bytes(), TestSupport::readFile(path));
}

// Adding a label to every typed resource changes that label and nothing else: unknown fields,
// comments, other documents, key order and values all stay.
void TestCorpusRoundTrip::editKeepsEverythingElse()
{
    QFETCH(QString, path);
    Project::SourceFile file = Project::SourceFile::load(path);
    const std::vector<YAML::Node> before = loadStream(file.bytes());
    int edited = 0;
    for (int i = 0; i < int(file.documents().size()); ++i) {
        Project::Document &document = file.document(i);
        if (document.modelledKind() == Istio::ResourceKind::Other || !document.isParsed())
            continue;
        Istio::Resource resource = document.resource();
        std::visit(
            [](auto &value) {
                if constexpr (requires { value.metadata; })
                    value.metadata.labels.set(QStringLiteral("gatehouse.test/edited"),
                                              QStringLiteral("true"));
            },
            resource);
        const QByteArray originalText = document.text();
        QVERIFY(document.setResource(resource));
        QVERIFY(document.isEdited());
        for (const QByteArray &line : originalText.split('\n')) {
            const QByteArray comment = line.trimmed();
            if (comment.startsWith('#'))
                QVERIFY2(document.text().contains(comment),
                         qPrintable(QStringLiteral("comment lost in document %1: %2")
                                        .arg(document.number())
                                        .arg(QString::fromUtf8(comment))));
        }
        QVERIFY(document.resource() == resource); // the re-parsed text holds the edit
        ++edited;
    }
    file.relayout();
    if (edited == 0)
        return; // nothing typed in this file: covered by the other tests

    const std::vector<YAML::Node> after = loadStream(file.bytes());
    QCOMPARE(after.size(), before.size());
    for (std::size_t i = 0; i < before.size(); ++i) {
        YAML::Node withoutLabel = YAML::Clone(after[i]);
        if (withoutLabel["metadata"]["labels"]["gatehouse.test/edited"].IsDefined()) {
            withoutLabel["metadata"]["labels"].remove("gatehouse.test/edited");
            if (withoutLabel["metadata"]["labels"].size() == 0 &&
                !before[i]["metadata"]["labels"].IsDefined())
                withoutLabel["metadata"].remove("labels");
        }
        std::string difference;
        QVERIFY2(Yaml::dataEqual(before[i], withoutLabel, &difference),
                 qPrintable(describe(difference, int(i))));
    }
}

QTEST_GUILESS_MAIN(TestCorpusRoundTrip)
#include "tst_corpusroundtrip.moc"
