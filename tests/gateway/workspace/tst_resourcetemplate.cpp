// File › New's templates: each kind validates without errors, alone and beside the sample
// design, is named apart from what is there, and is appended to a file as its own document.

#include "validation/validator.h"
#include "workspace/resourcetemplate.h"
#include "workspace/workspace.h"

#include <QtTest>

using Istio::ResourceKind;

class TestResourceTemplate : public QObject {
    Q_OBJECT

private slots:
    void validates_data();
    void validates();
    void namesApart();
    void appends_data();
    void appends();
};

namespace {

QString errorsOf(const Core::Diagnostics &diagnostics)
{
    QStringList errors;
    for (const Core::Diagnostic &diagnostic : diagnostics) {
        if (diagnostic.level == Core::Level::Error)
            errors << diagnostic.code + QLatin1Char(' ') + diagnostic.message;
    }
    return errors.join(QLatin1Char('\n'));
}

} // namespace

void TestResourceTemplate::validates_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("withSample");
    for (const auto &[name, kind] : {std::pair{"Gateway", ResourceKind::Gateway},
                                     std::pair{"VirtualService", ResourceKind::VirtualService},
                                     std::pair{"DestinationRule", ResourceKind::DestinationRule}}) {
        QTest::addRow("%s alone", name) << int(kind) << false;
        QTest::addRow("%s beside the sample", name) << int(kind) << true;
    }
}

void TestResourceTemplate::validates()
{
    QFETCH(int, kind);
    QFETCH(bool, withSample);
    Project::Workspace workspace;
    if (withSample)
        workspace.addPath(QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/samples/bookinfo"));
    const int before = int(workspace.documents().size());
    const Project::NewResource resource =
        Project::resourceTemplate(workspace, ResourceKind(kind), QStringLiteral("shop"));
    QVERIFY(resource.text.endsWith('\n'));
    workspace.addFile(Project::SourceFile::fromBytes(QStringLiteral("new.yaml"), resource.text));
    QCOMPARE(int(workspace.documents().size()), before + 1);
    const Project::Document &document = workspace.document(workspace.documents().last());
    QCOMPARE(int(document.modelledKind()), kind);
    QCOMPARE(document.name(), resource.name);
    QCOMPARE(document.nameSpace(), QStringLiteral("shop"));
    QVERIFY2(document.diagnostics().isEmpty(), qPrintable(document.diagnostics().value(0).message));
    Validation::Validator validator;
    const QString errors = errorsOf(validator.validate(workspace));
    QVERIFY2(errors.isEmpty(), qPrintable(errors));
    if (withSample && kind == int(ResourceKind::VirtualService)) // bound to the sample's Gateway
        QVERIFY(resource.text.contains("some-config-namespace/my-gateway"));
}

void TestResourceTemplate::namesApart()
{
    Project::Workspace workspace;
    const auto add = [&](const QString &nameSpace) {
        const Project::NewResource resource =
            Project::resourceTemplate(workspace, ResourceKind::Gateway, nameSpace);
        workspace.addFile(Project::SourceFile::fromBytes(
            QStringLiteral("%1-%2.yaml").arg(nameSpace, resource.name), resource.text));
        return resource.name;
    };
    QCOMPARE(add(QStringLiteral("a")), QStringLiteral("new-gateway"));
    QCOMPARE(add(QStringLiteral("a")), QStringLiteral("new-gateway-2"));
    QCOMPARE(add(QStringLiteral("a")), QStringLiteral("new-gateway-3"));
    QCOMPARE(add(QStringLiteral("b")), QStringLiteral("new-gateway")); // another namespace
}

void TestResourceTemplate::appends_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("empty file") << QByteArray() << QByteArray("kind: X\n");
    QTest::newRow("blank lines only") << QByteArray("\n\n") << QByteArray("\n\nkind: X\n");
    QTest::newRow("a document") << QByteArray("a: 1\n") << QByteArray("a: 1\n---\nkind: X\n");
    QTest::newRow("no final newline") << QByteArray("a: 1") << QByteArray("a: 1\n---\nkind: X\n");
    QTest::newRow("ends with a separator")
        << QByteArray("a: 1\n---\n") << QByteArray("a: 1\n---\n---\nkind: X\n");
}

void TestResourceTemplate::appends()
{
    QFETCH(QByteArray, file);
    QFETCH(QByteArray, expected);
    const QByteArray result = Project::withDocumentAppended(file, "kind: X\n");
    QCOMPARE(result, expected);
    // The new document is the file's last, as the workspace splits it.
    const Project::SourceFile source = Project::SourceFile::fromBytes(QStringLiteral("f"), result);
    QCOMPARE(source.documents().back().kind(), QStringLiteral("X"));
    QCOMPARE(source.bytes(), result);
}

QTEST_GUILESS_MAIN(TestResourceTemplate)
#include "tst_resourcetemplate.moc"
