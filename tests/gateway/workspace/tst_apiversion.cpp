// Exporting with another networking.istio.io version: only the apiVersion value's characters
// change, in every spelling a user may have written, and kinds served in one version only keep
// theirs with a reason.

#include "testsupport.h"
#include "workspace/apiversion.h"
#include "workspace/workspace.h"

class TestApiVersion : public QObject {
    Q_OBJECT

private slots:
    void rewrite_data();
    void rewrite();
    void workspaceStream();
};

void TestApiVersion::rewrite_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<QString>("skipped"); // part of the reason; empty when none

    QTest::newRow("plain value") << QByteArray("apiVersion: networking.istio.io/v1alpha3\n"
                                               "kind: Gateway\nmetadata: {name: g}\n")
                                 << "v1"
                                 << QByteArray("apiVersion: networking.istio.io/v1\n"
                                               "kind: Gateway\nmetadata: {name: g}\n")
                                 << "";
    QTest::newRow("double quoted, with a comment")
        << QByteArray("# head\napiVersion: \"networking.istio.io/v1\"  # pinned\n"
                      "kind: VirtualService\nmetadata: {name: v}\n")
        << "v1beta1"
        << QByteArray("# head\napiVersion: \"networking.istio.io/v1beta1\"  # pinned\n"
                      "kind: VirtualService\nmetadata: {name: v}\n")
        << "";
    QTest::newRow("single quoted, not first")
        << QByteArray("kind: DestinationRule\nmetadata: {name: d}\n"
                      "apiVersion: 'networking.istio.io/v1beta1'\nspec: {host: h}\n")
        << "v1alpha3"
        << QByteArray("kind: DestinationRule\nmetadata: {name: d}\n"
                      "apiVersion: 'networking.istio.io/v1alpha3'\nspec: {host: h}\n")
        << "";
    QTest::newRow("flow mapping")
        << QByteArray("{apiVersion: networking.istio.io/v1beta1, kind: ServiceEntry, "
                      "metadata: {name: s}}\n")
        << "v1"
        << QByteArray("{apiVersion: networking.istio.io/v1, kind: ServiceEntry, "
                      "metadata: {name: s}}\n")
        << "";
    QTest::newRow("already that version")
        << QByteArray("apiVersion: networking.istio.io/v1\nkind: Gateway\n") << "v1"
        << QByteArray("apiVersion: networking.istio.io/v1\nkind: Gateway\n") << "";
    QTest::newRow("another group is left alone")
        << QByteArray("apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\n") << "v1beta1"
        << QByteArray("apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\n") << "";
    QTest::newRow("a core kind is left alone")
        << QByteArray("apiVersion: v1\nkind: Secret\n") << "v1beta1"
        << QByteArray("apiVersion: v1\nkind: Secret\n") << "";
    QTest::newRow("EnvoyFilter exists in v1alpha3 only")
        << QByteArray("apiVersion: networking.istio.io/v1alpha3\nkind: EnvoyFilter\n") << "v1"
        << QByteArray("apiVersion: networking.istio.io/v1alpha3\nkind: EnvoyFilter\n")
        << "EnvoyFilter is not served as networking.istio.io/v1";
    QTest::newRow("an escaped value cannot be changed in place")
        << QByteArray("apiVersion: \"networking.istio.io\\/v1beta1\"\nkind: Gateway\n") << "v1"
        << QByteArray("apiVersion: \"networking.istio.io\\/v1beta1\"\nkind: Gateway\n")
        << "cannot be changed in place";
}

void TestApiVersion::rewrite()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, version);
    QFETCH(QByteArray, expected);
    QFETCH(QString, skipped);

    const Project::SourceFile file =
        Project::SourceFile::fromBytes(QStringLiteral("in.yaml"), text);
    QCOMPARE(file.documents().size(), std::size_t(1));
    const Project::ApiVersionChange change =
        Project::withNetworkingVersion(file.documents().front(), version);
    QCOMPARE(change.text, expected);
    QCOMPARE(change.changed, text != expected);
    if (skipped.isEmpty())
        QVERIFY2(change.skipped.isEmpty(), qPrintable(change.skipped));
    else
        QVERIFY2(change.skipped.contains(skipped), qPrintable(change.skipped));

    // What comes out reads back as the version asked for (or as before, when kept).
    if (change.changed) {
        const Project::SourceFile again =
            Project::SourceFile::fromBytes(QStringLiteral("out.yaml"), change.text);
        QCOMPARE(again.documents().front().apiVersion(),
                 QStringLiteral("networking.istio.io/") + version);
    }
}

void TestApiVersion::workspaceStream()
{
    Project::Workspace workspace;
    workspace.addFile(Project::SourceFile::fromBytes(
        QStringLiteral("a.yaml"), "apiVersion: networking.istio.io/v1alpha3\nkind: Gateway\n"
                                  "metadata: {name: g, namespace: edge}\n"
                                  "---\n"
                                  "apiVersion: networking.istio.io/v1alpha3\n"
                                  "kind: EnvoyFilter\nmetadata: {name: f}\n"));
    QStringList notes;
    const QByteArray kept = workspace.exportStream();
    QCOMPARE(kept.count("networking.istio.io/v1alpha3"), 2);

    const QByteArray changed = workspace.exportStream(QStringLiteral("v1beta1"), &notes);
    QCOMPARE(changed.count("networking.istio.io/v1beta1"), 1);
    QCOMPARE(changed.count("networking.istio.io/v1alpha3"), 1);
    QCOMPARE(notes.size(), 1);
    QVERIFY2(notes.front().startsWith(QStringLiteral("a.yaml:")), qPrintable(notes.front()));
    QVERIFY2(notes.front().contains(QStringLiteral("EnvoyFilter default/f")),
             qPrintable(notes.front()));
    // Nothing else differs.
    QByteArray back = changed;
    back.replace("networking.istio.io/v1beta1", "networking.istio.io/v1alpha3");
    QCOMPARE(back, kept);
}

QTEST_GUILESS_MAIN(TestApiVersion)
#include "tst_apiversion.moc"
