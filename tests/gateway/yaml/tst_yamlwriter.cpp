// The writer used for edited documents: scalars keep their types, styles are sensible, and
// everything reads back to the same data.

#include "yaml/nodeequality.h"
#include "yaml/scalar.h"
#include "yaml/yamlwriter.h"

#include <QTest>
#include <yaml-cpp/yaml.h>

class TestYamlWriter : public QObject {
    Q_OBJECT

private slots:
    void writesAndReadsBack_data();
    void writesAndReadsBack();
    void stringsThatLookLikeOtherTypes_data();
    void stringsThatLookLikeOtherTypes();
    void keepsComments_data();
    void keepsComments();
    void scalarResolution_data();
    void scalarResolution();
};

void TestYamlWriter::writesAndReadsBack_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("indentless");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("plain scalars stay plain")
        << QByteArray("a: 1\nb: x\nc: true\n") << false << QByteArray("a: 1\nb: x\nc: true\n");
    QTest::newRow("quoted number stays quoted")
        << QByteArray("port: \"80\"\n") << false << QByteArray("port: \"80\"\n");
    QTest::newRow("quoted text without need loses its quotes")
        << QByteArray("host: \"a.example.com\"\n") << false << QByteArray("host: a.example.com\n");
    QTest::newRow("yes and no are booleans in YAML 1.1: quoted")
        << QByteArray("a: 'yes'\nb: 'off'\n") << false << QByteArray("a: \"yes\"\nb: \"off\"\n");
    QTest::newRow("null kept as an empty value")
        << QByteArray("a:\nb: ~\n") << false << QByteArray("a:\nb:\n");
    QTest::newRow("literal block") << QByteArray("body: |\n  line one\n  line two\n") << false
                                   << QByteArray("body: |\n  line one\n  line two\n");
    QTest::newRow("literal block without final newline")
        << QByteArray("body: |-\n  a\n  b\n") << false << QByteArray("body: |-\n  a\n  b\n");
    QTest::newRow("flow style kept") << QByteArray("hosts: [a, b]\nm: {k: v}\n") << false
                                     << QByteArray("hosts: [a, b]\nm: {k: v}\n");
    QTest::newRow("empty collections")
        << QByteArray("a: []\nb: {}\n") << false << QByteArray("a: []\nb: {}\n");
    QTest::newRow("indented sequences") << QByteArray("servers:\n- port: 80\n  name: a\n") << false
                                        << QByteArray("servers:\n  - port: 80\n    name: a\n");
    QTest::newRow("indentless sequences")
        << QByteArray("servers:\n  - port: 80\n    name: a\n") << true
        << QByteArray("servers:\n- port: 80\n  name: a\n");
    QTest::newRow("nested sequences")
        << QByteArray("a:\n- - 1\n  - 2\n") << false << QByteArray("a:\n  -\n    - 1\n    - 2\n");
    QTest::newRow("colon-space and hash need quotes")
        << QByteArray("a: \"x: y\"\nb: \"x #y\"\nc: \"#x\"\n") << false
        << QByteArray("a: \"x: y\"\nb: \"x #y\"\nc: \"#x\"\n");
    QTest::newRow("colon inside flow needs quotes")
        << QByteArray("a: {exact: \"h:8080\"}\n") << false
        << QByteArray("a: {exact: \"h:8080\"}\n");
    QTest::newRow("leading and trailing spaces")
        << QByteArray("a: \" x \"\n") << false << QByteArray("a: \" x \"\n");
    QTest::newRow("control characters escaped")
        << QByteArray("a: \"x\\ty\\u0001\"\n") << false << QByteArray("a: \"x\\ty\\x01\"\n");
    QTest::newRow("unicode kept") << QByteArray("a: h\xc3\xa9llo\n") << false
                                  << QByteArray("a: h\xc3\xa9llo\n");
    QTest::newRow("indicator first characters")
        << QByteArray("a: \"*x\"\nb: \"&y\"\nc: \"!z\"\nd: \"- q\"\ne: \"@w\"\n") << false
        << QByteArray("a: \"*x\"\nb: \"&y\"\nc: \"!z\"\nd: \"- q\"\ne: \"@w\"\n");
    QTest::newRow("explicit tags") << QByteArray("a: !!str 12\nb: !custom x\n") << false
                                   << QByteArray("a: \"12\"\nb: !custom x\n");
    QTest::newRow("document that is a list")
        << QByteArray("- a\n- b\n") << false << QByteArray("- a\n- b\n");
}

void TestYamlWriter::writesAndReadsBack()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, indentless);
    QFETCH(QByteArray, expected);
    const YAML::Node node = YAML::Load(input.toStdString());
    Yaml::WriteStyle style;
    style.indentlessSequences = indentless;
    const QByteArray written = QByteArray::fromStdString(Yaml::writeYaml(node, style));
    QCOMPARE(written, expected);
    std::string difference;
    QVERIFY2(Yaml::dataEqual(node, YAML::Load(written.toStdString()), &difference),
             difference.c_str());
    QCOMPARE(Yaml::detectWriteStyle(node).indentlessSequences, input.contains(":\n- "));
}

void TestYamlWriter::stringsThatLookLikeOtherTypes_data()
{
    QTest::addColumn<QString>("text");
    for (const char *text : {"80", "-1", "0x1F", "1e3", "1.5", ".inf", "true", "False", "yes", "on",
                             "n", "null", "~", "", "0o17", "1_000"})
        QTest::newRow(*text ? text : "empty") << QString::fromLatin1(text);
}

// A string node made by the model reads back as a string, whatever its text looks like.
void TestYamlWriter::stringsThatLookLikeOtherTypes()
{
    QFETCH(QString, text);
    YAML::Node map(YAML::NodeType::Map);
    map["value"] = Yaml::makeStringNode(text.toStdString());
    const YAML::Node reloaded = YAML::Load(Yaml::writeYaml(map));
    QCOMPARE(Yaml::scalarType(reloaded["value"]), Yaml::ScalarType::String);
    QCOMPARE(QString::fromStdString(reloaded["value"].Scalar()), text);
}

void TestYamlWriter::keepsComments_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("trailing and full-line comments")
        << QByteArray("a: 1 # one\n# about b\nb:\n  c: 2 # two\n");
    QTest::newRow("hash inside a block scalar is content")
        << QByteArray("s: |\n  # not a comment\n  x\nt: 1 # c\n");
    QTest::newRow("hash inside quotes is content") << QByteArray("a: \"x # y\" # real\n");
    QTest::newRow("list items") << QByteArray(
        "l:\n# first\n- a # A\n- b\nservers:\n# s0\n- port: 80 # p\n  name: x\n");
    QTest::newRow("comments after the last field") << QByteArray("a: 1\n# the end\n");
    QTest::newRow("heading comments are not repeated") << QByteArray("a: 1\nb: 2\n");
}

// Written with the comments collected from its own text, a canonically formatted document
// comes back unchanged.
void TestYamlWriter::keepsComments()
{
    QFETCH(QByteArray, text);
    const YAML::Node node = YAML::Load(text.toStdString());
    const Yaml::CommentMap comments = Yaml::collectComments(text, node);
    const QByteArray written =
        QByteArray::fromStdString(Yaml::writeYaml(node, Yaml::detectWriteStyle(node), &comments));
    QCOMPARE(written, text);
}

void TestYamlWriter::scalarResolution_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("type");
    const auto row = [](const char *text, Yaml::ScalarType type) {
        QTest::newRow(*text ? text : "empty") << QString::fromLatin1(text) << int(type);
    };
    row("", Yaml::ScalarType::Null);
    row("~", Yaml::ScalarType::Null);
    row("NULL", Yaml::ScalarType::Null);
    row("yes", Yaml::ScalarType::Bool);
    row("OFF", Yaml::ScalarType::Bool);
    row("y", Yaml::ScalarType::Bool);
    row("42", Yaml::ScalarType::Int);
    row("-7", Yaml::ScalarType::Int);
    row("0x2A", Yaml::ScalarType::Int);
    row("3.25", Yaml::ScalarType::Float);
    row("1e-3", Yaml::ScalarType::Float);
    row("-.inf", Yaml::ScalarType::Float);
    row("10.0.0.1", Yaml::ScalarType::String);
    row("5s", Yaml::ScalarType::String);
    row("v1", Yaml::ScalarType::String);
    row("99999999999999999999999", Yaml::ScalarType::Float);
}

void TestYamlWriter::scalarResolution()
{
    QFETCH(QString, text);
    QFETCH(int, type);
    QCOMPARE(int(Yaml::resolvePlainScalar(text.toStdString())), type);
}

QTEST_GUILESS_MAIN(TestYamlWriter)
#include "tst_yamlwriter.moc"
