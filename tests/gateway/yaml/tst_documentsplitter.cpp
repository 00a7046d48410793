#include "yaml/documentsplitter.h"

#include <QTest>

class TestDocumentSplitter : public QObject {
    Q_OBJECT

private slots:
    void split_data();
    void split();
    void leadingTrivia_data();
    void leadingTrivia();
};

void TestDocumentSplitter::split_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QList<QByteArray>>("chunks");
    QTest::addColumn<QList<int>>("startLines");

    QTest::newRow("single document")
        << QByteArray("a: 1\n") << QList<QByteArray>{"a: 1\n"} << QList<int>{0};
    QTest::newRow("empty file") << QByteArray() << QList<QByteArray>{""} << QList<int>{0};
    QTest::newRow("two documents")
        << QByteArray("a: 1\n---\nb: 2\n") << QList<QByteArray>{"a: 1\n", "---\nb: 2\n"}
        << QList<int>{0, 1};
    QTest::newRow("heading comment stays with the first document")
        << QByteArray("# licence\n---\na: 1\n---\nb: 2\n")
        << QList<QByteArray>{"# licence\n---\na: 1\n", "---\nb: 2\n"} << QList<int>{0, 3};
    QTest::newRow("separator with comment")
        << QByteArray("a: 1\n--- # next\nb: 2") << QList<QByteArray>{"a: 1\n", "--- # next\nb: 2"}
        << QList<int>{0, 1};
    QTest::newRow("document end marker")
        << QByteArray("a: 1\n...\nb: 2\n") << QList<QByteArray>{"a: 1\n...\n", "b: 2\n"}
        << QList<int>{0, 2};
    QTest::newRow("dashes inside a value do not split")
        << QByteArray("a: |\n  ---\n  x\nb: ----\n")
        << QList<QByteArray>{"a: |\n  ---\n  x\nb: ----\n"} << QList<int>{0};
    QTest::newRow("CRLF line endings")
        << QByteArray("a: 1\r\n---\r\nb: 2\r\n") << QList<QByteArray>{"a: 1\r\n", "---\r\nb: 2\r\n"}
        << QList<int>{0, 1};
    QTest::newRow("trailing separator")
        << QByteArray("a: 1\n---\n") << QList<QByteArray>{"a: 1\n", "---\n"} << QList<int>{0, 1};
}

void TestDocumentSplitter::split()
{
    QFETCH(QByteArray, input);
    QFETCH(QList<QByteArray>, chunks);
    QFETCH(QList<int>, startLines);

    const QList<Yaml::DocumentChunk> result = Yaml::splitDocuments(input);
    QByteArray joined;
    QList<QByteArray> texts;
    QList<int> lines;
    for (const Yaml::DocumentChunk &chunk : result) {
        joined += chunk.text;
        texts << chunk.text;
        lines << chunk.startLine;
    }
    QCOMPARE(joined, input); // cutting never changes a byte
    QCOMPARE(texts, chunks);
    QCOMPARE(lines, startLines);
}

void TestDocumentSplitter::leadingTrivia_data()
{
    QTest::addColumn<QByteArray>("chunk");
    QTest::addColumn<QByteArray>("trivia");
    QTest::addColumn<bool>("blank");

    QTest::newRow("separator and comments")
        << QByteArray("---\n# about\n\napiVersion: v1\n# inner\n") << QByteArray("---\n# about\n\n")
        << false;
    QTest::newRow("no trivia") << QByteArray("a: 1\n") << QByteArray() << false;
    QTest::newRow("separator with inline content")
        << QByteArray("--- {a: 1}\n") << QByteArray("---\n") << false;
    QTest::newRow("only comments") << QByteArray("# x\n---\n") << QByteArray("# x\n---\n") << true;
}

void TestDocumentSplitter::leadingTrivia()
{
    QFETCH(QByteArray, chunk);
    QFETCH(QByteArray, trivia);
    QFETCH(bool, blank);
    const Yaml::DocumentChunk document{chunk, 0};
    QCOMPARE(document.leadingTrivia(), trivia);
    QCOMPARE(document.isBlank(), blank);
}

QTEST_GUILESS_MAIN(TestDocumentSplitter)
#include "tst_documentsplitter.moc"
