// Importing what `kubectl get --output=yaml` returned: server-managed fields dropped, everything
// else kept (order and scalar types included), one file per namespace, credential Secrets only
// when asked for, and the round trip through a workspace; then merging into a workspace.

#include "core/diagnosticcodes.h"
#include "fakes/fakekubectl.h"
#include "kube/importedresources.h"
#include "kube/workspaceimport.h"
#include "testsupport.h"
#include "yaml/nodeequality.h"

#include <QTemporaryDir>
#include <QtTest>
#include <yaml-cpp/yaml.h>

using namespace Kube;

Q_DECLARE_METATYPE(Kube::DuplicatePolicy)

namespace {

QByteArray clusterList()
{
    return FakeKubectl::reply(QStringLiteral("get.out"));
}

// The items of a List, keyed "Kind namespace/name".
QMap<QString, YAML::Node> itemsOf(const QByteArray &list)
{
    QMap<QString, YAML::Node> items;
    for (const YAML::Node &item : YAML::Load(list.toStdString())["items"]) {
        const QString key = QStringLiteral("%1 %2/%3")
                                .arg(QString::fromStdString(item["kind"].Scalar()),
                                     QString::fromStdString(item["metadata"]["namespace"].Scalar()),
                                     QString::fromStdString(item["metadata"]["name"].Scalar()));
        items.insert(key, item);
    }
    return items;
}

// What import should make of `item`, written out field by field as the contract states.
YAML::Node expectedCleaned(const YAML::Node &original)
{
    YAML::Node item = YAML::Clone(original);
    item.remove("status");
    YAML::Node metadata = item["metadata"];
    for (const char *field :
         {"managedFields", "resourceVersion", "uid", "creationTimestamp", "generation", "selfLink"})
        metadata.remove(field);
    if (metadata["annotations"].IsDefined()) {
        metadata["annotations"].remove("kubectl.kubernetes.io/last-applied-configuration");
        if (metadata["annotations"].size() == 0)
            metadata.remove("annotations");
    }
    return item;
}

QStringList keysOf(const ImportedFile &file)
{
    QStringList keys;
    for (const ImportedDocument &document : file.documents)
        keys << document.key.text();
    return keys;
}

QByteArray listOf(const QList<QByteArray> &items)
{
    QByteArray list = "apiVersion: v1\nkind: List\nitems:\n";
    for (const QByteArray &item : items) {
        bool first = true;
        for (const QByteArray &line : item.split('\n')) {
            if (line.isEmpty())
                continue;
            list += (first ? "- " : "  ") + line + '\n';
            first = false;
        }
    }
    return list;
}

const QByteArray EXISTING_GATEWAY = "# The team's gateway, kept in git.\n"
                                    "apiVersion: networking.istio.io/v1beta1\n"
                                    "kind: Gateway\n"
                                    "metadata:\n"
                                    "  name: bookinfo-gateway\n"
                                    "  namespace: bookinfo\n"
                                    "spec:\n"
                                    "  selector:\n"
                                    "    istio: old\n";
const QByteArray GATEWAY_API_GATEWAY = "---\napiVersion: gateway.networking.k8s.io/v1\n"
                                       "kind: Gateway\nmetadata:\n  name: ingress\n"
                                       "  namespace: istio-system\nspec: {}\n";

} // namespace

class TestImportedResources : public QObject {
    Q_OBJECT

private slots:
    void groupsByNamespaceInKubectlOrder();
    void dropsOnlyServerManagedFields();
    void keepsUserAnnotationsAndScalarTypes();
    void secrets_data();
    void secrets();
    void roundTripThroughAWorkspace();
    void importIsIdempotent();
    void rejectsWhatIsNotAList_data();
    void rejectsWhatIsNotAList();
    void emptyList();
    void newWorkspace();
    void mergeReportsDuplicates_data();
    void mergeReportsDuplicates();
    void mergeNeverOverwritesAPath();
};

void TestImportedResources::groupsByNamespaceInKubectlOrder()
{
    QString error;
    const auto imported = importResources(clusterList(), {}, &error);
    QVERIFY2(imported, qPrintable(error));
    QCOMPARE(imported->files.size(), 2);
    QCOMPARE(imported->files.at(0).nameSpace, QStringLiteral("bookinfo"));
    QCOMPARE(imported->files.at(0).fileName(), QStringLiteral("bookinfo.yaml"));
    QCOMPARE(keysOf(imported->files.at(0)),
             QStringList({"Gateway bookinfo/bookinfo-gateway", "VirtualService bookinfo/bookinfo",
                          "DestinationRule bookinfo/reviews"}));
    QCOMPARE(imported->files.at(1).fileName(), QStringLiteral("istio-system.yaml"));
    QCOMPARE(keysOf(imported->files.at(1)), QStringList({"Gateway istio-system/ingress"}));
    QCOMPARE(imported->files.at(0).documents.first().key.group,
             QStringLiteral("networking.istio.io"));
    QCOMPARE(imported->resourceCount(), 4);
    QVERIFY(!imported->files.at(1).holdsSecrets());
    // The fake answers with Secrets even when none were asked for; they stay out.
    QCOMPARE(imported->leftOut,
             QStringList({"Secret istio-system/example-cert (Secrets were not asked for)",
                          "Secret istio-system/default-token (Secrets were not asked for)"}));
}

void TestImportedResources::dropsOnlyServerManagedFields()
{
    QString error;
    const auto imported = importResources(clusterList(), {true}, &error);
    QVERIFY2(imported, qPrintable(error));
    const QMap<QString, YAML::Node> originals = itemsOf(clusterList());
    int compared = 0;
    for (const ImportedFile &file : imported->files) {
        for (const ImportedDocument &document : file.documents) {
            const YAML::Node written = YAML::Load(document.text.toStdString());
            const YAML::Node expected = expectedCleaned(originals.value(document.key.text()));
            std::string difference;
            QVERIFY2(Yaml::dataEqual(written, expected, &difference),
                     qPrintable(document.key.text() + QStringLiteral(": ") +
                                QString::fromStdString(difference)));
            ++compared;
        }
    }
    QCOMPARE(compared, 5); // four Istio resources and the TLS Secret
    const QByteArray all = imported->files.at(0).text() + imported->files.at(1).text();
    // Metadata uids go (0b8c7d1e...); an owner reference's uid (2d0e9f3a...) is user data.
    for (const char *gone : {"managedFields", "resourceVersion", "0b8c7d1e", "5a3b2c6d",
                             "creationTimestamp", "generation", "status:",
                             "last-applied-configuration", "observedGeneration", "annotations: {}"})
        QVERIFY2(!all.contains(gone), gone);
    for (const char *kept :
         {"ownerReferences", "uid: 2d0e9f3a", "app.kubernetes.io/part-of: bookinfo", "futureField",
          "credentialName: example-cert"})
        QVERIFY2(all.contains(kept), kept);
}

void TestImportedResources::keepsUserAnnotationsAndScalarTypes()
{
    const auto imported = importResources(clusterList(), {}, nullptr);
    QVERIFY(imported);
    const QByteArray virtualService = imported->files.at(0).documents.at(1).text;
    QCOMPARE(virtualService, QByteArray("apiVersion: networking.istio.io/v1\n"
                                        "kind: VirtualService\n"
                                        "metadata:\n"
                                        "  annotations:\n"
                                        "    example.com/owner: team-reviews\n"
                                        "  name: bookinfo\n"
                                        "  namespace: bookinfo\n"
                                        "spec:\n"
                                        "  gateways:\n"
                                        "  - bookinfo-gateway\n"
                                        "  hosts:\n"
                                        "  - bookinfo.example.com\n"
                                        "  http:\n"
                                        "  - match:\n"
                                        "    - uri:\n"
                                        "        prefix: /reviews\n"
                                        "    route:\n"
                                        "    - destination:\n"
                                        "        host: reviews\n"
                                        "        port:\n"
                                        "          number: 9080\n"
                                        "        subset: v2\n"
                                        "      weight: 100\n"
                                        "    timeout: 5s\n"
                                        "  - route:\n"
                                        "    - destination:\n"
                                        "        host: productpage\n"
                                        "        port:\n"
                                        "          number: 9080\n"
                                        "  futureField:\n"
                                        "    answer: \"42\"\n"
                                        "    enabled: \"yes\"\n"));
}

void TestImportedResources::secrets_data()
{
    QTest::addColumn<bool>("keep");
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<bool>("kept");

    const QByteArray tls = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: n\n"
                           "type: kubernetes.io/tls\ndata:\n  tls.crt: QQ==\n  tls.key: QQ==\n";
    const QByteArray generic = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n"
                               "  namespace: n\ntype: Opaque\ndata:\n  cert: QQ==\n  key: QQ==\n";
    const QByteArray caOnly = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s-cacert\n"
                              "  namespace: n\ntype: Opaque\ndata:\n  cacert: QQ==\n";
    const QByteArray docker = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n"
                              "  namespace: n\ntype: kubernetes.io/dockerconfigjson\n"
                              "data:\n  .dockerconfigjson: e30=\n";
    const QByteArray helm = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n"
                            "  namespace: n\ntype: helm.sh/release.v1\ndata:\n  release: QQ==\n";
    QTest::newRow("TLS, asked for") << true << tls << true;
    QTest::newRow("TLS, not asked for") << false << tls << false;
    QTest::newRow("generic cert/key pair") << true << generic << true;
    QTest::newRow("CA bundle") << true << caOnly << true;
    QTest::newRow("registry login never") << true << docker << false;
    QTest::newRow("Helm release never") << true << helm << false;
}

void TestImportedResources::secrets()
{
    QFETCH(bool, keep);
    QFETCH(QByteArray, secret);
    QFETCH(bool, kept);
    QString error;
    const auto imported = importResources(listOf({secret}), {keep}, &error);
    QVERIFY2(imported, qPrintable(error));
    QCOMPARE(imported->resourceCount(), kept ? 1 : 0);
    QCOMPARE(imported->leftOut.size(), kept ? 0 : 1);
    if (kept)
        QVERIFY(imported->files.first().holdsSecrets());
    else
        QVERIFY(imported->leftOut.first().startsWith(QStringLiteral("Secret n/")));
}

void TestImportedResources::roundTripThroughAWorkspace()
{
    const auto imported = importResources(clusterList(), {true}, nullptr);
    QVERIFY(imported);
    Project::Workspace workspace;
    QByteArray expected;
    for (const ImportedFile &file : imported->files) {
        workspace.addFile(Project::SourceFile::fromBytes(file.fileName(), file.text()));
        expected += file.text();
    }
    QCOMPARE(workspace.documents().size(), 5);
    for (const Core::Diagnostic &diagnostic : workspace.diagnostics())
        QVERIFY2(diagnostic.code != QLatin1String(Core::Codes::YAML_SYNTAX),
                 qPrintable(diagnostic.message));
    QCOMPARE(workspace.exportStream(), expected);
    // Every document reads back as the resource it came from.
    const QMap<QString, YAML::Node> originals = itemsOf(clusterList());
    for (const Project::DocumentRef &ref : workspace.documents()) {
        const Project::Document &document = workspace.document(ref);
        const ResourceKey key = keyOf(document);
        QVERIFY2(Yaml::dataEqual(document.node(), expectedCleaned(originals.value(key.text()))),
                 qPrintable(key.text()));
    }
}

void TestImportedResources::importIsIdempotent()
{
    // Importing what an import wrote (as a cluster holding exactly that would list it) gives
    // the same bytes: nothing is left to drop and the writer is stable.
    const auto first = importResources(clusterList(), {true}, nullptr);
    QVERIFY(first);
    QList<QByteArray> items;
    for (const ImportedFile &file : first->files) {
        for (const ImportedDocument &document : file.documents)
            items << document.text;
    }
    const auto second = importResources(listOf(items), {true}, nullptr);
    QVERIFY(second);
    QCOMPARE(second->files.size(), first->files.size());
    for (int i = 0; i < first->files.size(); ++i)
        QCOMPARE(second->files.at(i).text(), first->files.at(i).text());
}

void TestImportedResources::rejectsWhatIsNotAList_data()
{
    QTest::addColumn<QByteArray>("output");
    QTest::addColumn<QString>("error");
    QTest::newRow("binary") << QByteArray("\x00\x01\x02", 3)
                            << QStringLiteral("kubectl's output is not text");
    QTest::newRow("broken YAML") << QByteArray("items: [\n  - {\n")
                                 << QStringLiteral(
                                        "kubectl's output is not valid YAML: illegal block entry");
    QTest::newRow("a table") << QByteArray("NAME   AGE\nbookinfo   3d\n")
                             << QStringLiteral("kubectl's output is not a List of resources");
    QTest::newRow("one resource, not a List")
        << QByteArray("apiVersion: v1\nkind: Secret\nmetadata: {name: a, namespace: b}\n")
        << QStringLiteral("kubectl's output is not a List of resources");
    QTest::newRow("items not a list")
        << QByteArray("apiVersion: v1\nkind: List\nitems: {a: 1}\n")
        << QStringLiteral("kubectl's output is not a List of resources (its items are not a "
                          "list)");
    QTest::newRow("item without a name")
        << QByteArray("kind: List\nitems:\n- apiVersion: v1\n  kind: Secret\n  metadata: {}\n")
        << QStringLiteral("item 1 of kubectl's output is not a resource (no apiVersion, kind or "
                          "metadata.name)");
    QTest::newRow("item without metadata")
        << QByteArray("kind: List\nitems:\n- 42\n")
        << QStringLiteral("item 1 of kubectl's output is not a resource (no metadata)");
    QTest::newRow("a namespace that would leave the folder")
        << QByteArray("kind: List\nitems:\n- apiVersion: networking.istio.io/v1\n"
                      "  kind: Gateway\n  metadata: {name: g, namespace: ../../etc}\n")
        << QStringLiteral("Gateway ../../etc/g in kubectl's output has no valid namespace "
                          "(\"../../etc\")");
    QTest::newRow("no namespace")
        << QByteArray("kind: List\nitems:\n- apiVersion: networking.istio.io/v1\n"
                      "  kind: Gateway\n  metadata: {name: g}\n")
        << QStringLiteral("Gateway /g in kubectl's output has no valid namespace (\"\")");
}

void TestImportedResources::rejectsWhatIsNotAList()
{
    QFETCH(QByteArray, output);
    QFETCH(QString, error);
    QString actual;
    QVERIFY(!importResources(output, {true}, &actual));
    QCOMPARE(actual, error);
}

void TestImportedResources::emptyList()
{
    QString error;
    const auto imported =
        importResources("apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: "
                        "\"\"\n",
                        {}, &error);
    QVERIFY2(imported, qPrintable(error));
    QVERIFY(imported->files.isEmpty());
    QCOMPARE(imported->resourceCount(), 0);
}

void TestImportedResources::newWorkspace()
{
    const auto imported = importResources(clusterList(), {}, nullptr);
    QVERIFY(imported);
    QTemporaryDir dir;
    Project::Workspace workspace;
    const MergeReport report =
        addToWorkspace(workspace, imported->files, dir.path(), DuplicatePolicy::Skip);
    QCOMPARE(report.addedFiles, QStringList({dir.filePath(QStringLiteral("bookinfo.yaml")),
                                             dir.filePath(QStringLiteral("istio-system.yaml"))}));
    QCOMPARE(report.addedDocuments, 4);
    QVERIFY(report.duplicates.isEmpty());
    QCOMPARE(workspace.files().size(), size_t(2));
    QCOMPARE(workspace.files().at(0).bytes(), imported->files.at(0).text());
    QCOMPARE(workspace.documentsOfKind(Istio::ResourceKind::Gateway).size(), 2);
    // Nothing was written: saving is the caller's decision.
    QVERIFY(QDir(dir.path()).isEmpty());
}

void TestImportedResources::mergeReportsDuplicates_data()
{
    QTest::addColumn<DuplicatePolicy>("policy");
    QTest::newRow("skip keeps the workspace's document") << DuplicatePolicy::Skip;
    QTest::newRow("replace takes the cluster's") << DuplicatePolicy::Replace;
}

void TestImportedResources::mergeReportsDuplicates()
{
    QFETCH(DuplicatePolicy, policy);
    const auto imported = importResources(clusterList(), {}, nullptr);
    QVERIFY(imported);
    QTemporaryDir dir;
    Project::Workspace workspace;
    workspace.addFile(Project::SourceFile::fromBytes(dir.filePath(QStringLiteral("mine.yaml")),
                                                     EXISTING_GATEWAY + GATEWAY_API_GATEWAY));

    // Found by API group, not version; the Gateway API's Gateway is another resource.
    const QList<ImportDuplicate> duplicates = findDuplicates(workspace, imported->files);
    QCOMPARE(duplicates.size(), 1);
    QCOMPARE(duplicates.first().key.text(), QStringLiteral("Gateway bookinfo/bookinfo-gateway"));
    QCOMPARE(duplicates.first().existing, (Project::DocumentRef{0, 0}));
    QCOMPARE(duplicates.first().existingFile, dir.filePath(QStringLiteral("mine.yaml")));

    const MergeReport report = addToWorkspace(workspace, imported->files, dir.path(), policy);
    QCOMPARE(report.duplicates.size(), 1);
    QCOMPARE(report.addedDocuments, 3);
    QCOMPARE(report.addedFiles.size(), 2);
    // Never twice in the workspace.
    int gateways = 0;
    for (const Project::DocumentRef &ref : workspace.documents()) {
        if (keyOf(workspace.document(ref)) == duplicates.first().key)
            ++gateways;
    }
    QCOMPARE(gateways, 1);

    const Project::Document &mine = workspace.document({0, 0});
    const QByteArray importedGateway = imported->files.at(0).documents.at(0).text;
    if (policy == DuplicatePolicy::Skip) {
        QCOMPARE(report.replaced, 0);
        QCOMPARE(mine.text(), EXISTING_GATEWAY);
    } else {
        QCOMPARE(report.replaced, 1);
        QCOMPARE(mine.text(), "# The team's gateway, kept in git.\n" + importedGateway);
        QCOMPARE(mine.apiVersion(), QStringLiteral("networking.istio.io/v1"));
    }
    // The other document of that file is untouched either way.
    QCOMPARE(workspace.document({0, 1}).text(), GATEWAY_API_GATEWAY);
}

void TestImportedResources::mergeNeverOverwritesAPath()
{
    const auto imported = importResources(clusterList(), {}, nullptr);
    QVERIFY(imported);
    QTemporaryDir dir;
    QFile onDisk(dir.filePath(QStringLiteral("istio-system.yaml")));
    QVERIFY(onDisk.open(QIODevice::WriteOnly));
    onDisk.close();
    Project::Workspace workspace;
    workspace.addFile(
        Project::SourceFile::fromBytes(dir.filePath(QStringLiteral("bookinfo.yaml")), "# empty\n"));
    workspace.addFile(
        Project::SourceFile::fromBytes(dir.filePath(QStringLiteral("bookinfo-2.yaml")), ""));
    const MergeReport report =
        addToWorkspace(workspace, imported->files, dir.path(), DuplicatePolicy::Skip);
    QCOMPARE(report.addedFiles, QStringList({dir.filePath(QStringLiteral("bookinfo-3.yaml")),
                                             dir.filePath(QStringLiteral("istio-system-2.yaml"))}));
}

QTEST_GUILESS_MAIN(TestImportedResources)
#include "tst_importedresources.moc"
