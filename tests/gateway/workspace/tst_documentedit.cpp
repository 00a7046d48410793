// Editing through the Workspace: what changes is exactly what the user changed, the rest of the
// document and of the file stays, and saving is atomic.

#include "testsupport.h"
#include "workspace/workspace.h"

#include <QSignalSpy>
#include <QTemporaryDir>

namespace {

const QByteArray FILE_TEXT = "# Edge gateway, owned by the platform team.\n"
                             "apiVersion: networking.istio.io/v1\n"
                             "kind: Gateway\n"
                             "metadata:\n"
                             "  name: edge # inline comment\n"
                             "  namespace: istio-system\n"
                             "spec:\n"
                             "  x-vendor-extension: {keep: me}\n"
                             "  servers:\n"
                             "  # the only server\n"
                             "  - port:\n"
                             "      number: 80\n"
                             "      name: http\n"
                             "      protocol: http\n"
                             "    hosts: [\"*.example.com\"]\n"
                             "    customField: 1\n"
                             "  selector:\n"
                             "    istio: ingressgateway\n"
                             "status:\n"
                             "  conditions: []\n"
                             "---\n"
                             "# Untouched: must stay byte for byte.\n"
                             "apiVersion: v1\n"
                             "kind: Service\n"
                             "metadata: {name: svc}   # odd spacing kept\n"
                             "---\n"
                             "apiVersion: networking.istio.io/v1\n"
                             "kind: DestinationRule\n"
                             "metadata: {name: dr}\n"
                             "spec:\n"
                             "  host: a\n"
                             "  traffic_policy:\n"
                             "    connection_pool: {tcp: {max_connections: 5}}\n";

struct Fixture {
    QTemporaryDir dir;
    QString path;
    Project::Workspace workspace;

    Fixture()
    {
        path = dir.filePath(QStringLiteral("edge.yaml"));
        QFile file(path);
        file.open(QIODevice::WriteOnly);
        file.write(FILE_TEXT);
        file.close();
        workspace.addPath(path);
    }
    Project::DocumentRef ref(int document) const { return {0, document}; }
    const Project::Document &doc(int document) const { return workspace.document(ref(document)); }
    Istio::Gateway gateway() const { return std::get<Istio::Gateway>(doc(0).resource()); }
};

} // namespace

class TestDocumentEdit : public QObject {
    Q_OBJECT

private slots:
    void changingAValueKeepsTheRest();
    void removingAndAddingFields();
    void stringsAreQuotedWhenNeeded();
    void protoSpellingIsKept();
    void otherDocumentsStayByteIdentical();
    void positionsFollowTheEdit();
    void invalidTextIsKeptNotLost();
    void savesAtomically();
    void failedSaveKeepsTheOriginal();
    void signalsAnnounceChanges();
};

void TestDocumentEdit::changingAValueKeepsTheRest()
{
    Fixture f;
    Istio::Gateway gateway = f.gateway();
    gateway.spec.servers.at(0).port->number = 8080;
    QVERIFY(f.workspace.setResource(f.ref(0), gateway));

    const QByteArray text = f.doc(0).text();
    QVERIFY2(text.startsWith("# Edge gateway, owned by the platform team.\n"), text);
    QVERIFY(text.contains("number: 8080"));
    QVERIFY(text.contains("  name: edge # inline comment\n")); // comments stay with their field
    QVERIFY(text.contains("x-vendor-extension: {keep: me}"));  // unknown field kept
    QVERIFY(text.contains("  # the only server\n  - port:\n"));
    QVERIFY(text.contains("customField: 1"));            // unknown field in a list item
    QVERIFY(text.contains("protocol: http\n"));          // untouched spelling kept
    QVERIFY(text.contains("status:\n  conditions: []")); // server-owned section kept
    // key order: metadata, spec (extension, servers, selector), status
    const QList<qsizetype> order{text.indexOf("metadata:"), text.indexOf("x-vendor-extension"),
                                 text.indexOf("servers:"), text.indexOf("selector:"),
                                 text.indexOf("status:")};
    QVERIFY(std::is_sorted(order.begin(), order.end()));
    QVERIFY(f.doc(0).diagnostics().isEmpty() || !Core::hasErrors(f.doc(0).diagnostics()));
    QCOMPARE(*f.gateway().spec.servers.at(0).port->number, 8080u);
    QVERIFY(f.doc(0).isEdited());
}

void TestDocumentEdit::removingAndAddingFields()
{
    Fixture f;
    Istio::Gateway gateway = f.gateway();
    gateway.spec.selector = {};
    Istio::ServerTlsSettings tls;
    tls.httpsRedirect = true;
    gateway.spec.servers.at(0).tls = tls;
    gateway.spec.servers.at(0).hosts.push_back(QStringLiteral("www.example.com"));
    QVERIFY(f.workspace.setResource(f.ref(0), gateway));

    const QByteArray text = f.doc(0).text();
    QVERIFY2(!text.contains("selector"), text);
    QVERIFY(text.contains("tls:\n      httpsRedirect: true"));
    QVERIFY(text.contains("hosts: [\"*.example.com\", www.example.com]"));
    QCOMPARE(f.gateway(), gateway);
}

void TestDocumentEdit::stringsAreQuotedWhenNeeded()
{
    Fixture f;
    Istio::Gateway gateway = f.gateway();
    gateway.metadata.labels.set(QStringLiteral("port"), QStringLiteral("80"));
    gateway.metadata.labels.set(QStringLiteral("enabled"), QStringLiteral("yes"));
    gateway.metadata.labels.set(QStringLiteral("empty"), QString(""));
    QVERIFY(f.workspace.setResource(f.ref(0), gateway));
    const QByteArray text = f.doc(0).text();
    QVERIFY2(text.contains("port: \"80\"") && text.contains("enabled: \"yes\"") &&
                 text.contains("empty: \"\""),
             text);
    QVERIFY(!Core::hasErrors(f.doc(0).diagnostics())); // they read back as strings
    QCOMPARE(*f.gateway().metadata.labels.value(QStringLiteral("port")), QStringLiteral("80"));
}

void TestDocumentEdit::protoSpellingIsKept()
{
    Fixture f;
    auto rule = std::get<Istio::DestinationRule>(f.doc(2).resource());
    QCOMPARE(*rule.spec.trafficPolicy->connectionPool->tcp->maxConnections, 5);
    rule.spec.trafficPolicy->connectionPool->tcp->maxConnections = 6;
    QVERIFY(f.workspace.setResource(f.ref(2), rule));
    const QByteArray text = f.doc(2).text();
    QVERIFY2(text.contains("traffic_policy:") && text.contains("max_connections: 6"), text);
    QVERIFY(!text.contains("maxConnections"));
}

void TestDocumentEdit::otherDocumentsStayByteIdentical()
{
    Fixture f;
    const QByteArray before = f.doc(1).text();
    Istio::Gateway gateway = f.gateway();
    gateway.spec.servers.at(0).name = QStringLiteral("plain");
    QVERIFY(f.workspace.setResource(f.ref(0), gateway));
    QCOMPARE(f.doc(1).text(), before);
    QVERIFY(!f.doc(1).isEdited());
    QVERIFY(f.workspace.files().at(0).bytes().contains(before));
}

void TestDocumentEdit::positionsFollowTheEdit()
{
    Fixture f;
    const int hostLineBefore = f.doc(2).positionOf(QStringLiteral("spec.host")).line;
    Istio::Gateway gateway = f.gateway();
    gateway.metadata.labels.set(QStringLiteral("a"), QStringLiteral("1"));
    gateway.metadata.labels.set(QStringLiteral("b"), QStringLiteral("2"));
    QVERIFY(f.workspace.setResource(f.ref(0), gateway));
    const int added = int(f.doc(0).text().count('\n')) -
                      int(FILE_TEXT.left(FILE_TEXT.indexOf("---")).count('\n'));
    QCOMPARE(f.doc(2).positionOf(QStringLiteral("spec.host")).line, hostLineBefore + added);
    const QList<QByteArray> lines = f.workspace.files().at(0).bytes().split('\n');
    QVERIFY(lines.at(f.doc(2).positionOf(QStringLiteral("spec.host")).line - 1)
                .startsWith("  host: a"));
}

void TestDocumentEdit::invalidTextIsKeptNotLost()
{
    Fixture f;
    const QByteArray broken = "apiVersion: networking.istio.io/v1\nkind: Gateway\nspec: [oops\n";
    QVERIFY(f.workspace.setText(f.ref(0), broken));
    QCOMPARE(f.doc(0).text(), broken); // the user's text stays, even when it does not parse
    QVERIFY(Core::hasErrors(f.doc(0).diagnostics()));
    QCOMPARE(f.doc(0).modelledKind(), Istio::ResourceKind::Other);
    QVERIFY(f.workspace.setText(f.ref(0), FILE_TEXT.left(FILE_TEXT.indexOf("---"))));
    QCOMPARE(f.doc(0).modelledKind(), Istio::ResourceKind::Gateway);
}

void TestDocumentEdit::savesAtomically()
{
    Fixture f;
    Istio::Gateway gateway = f.gateway();
    gateway.spec.servers.at(0).port->number = 81;
    QVERIFY(f.workspace.setResource(f.ref(0), gateway));
    QVERIFY(f.workspace.isModified());
    QString error;
    QVERIFY2(f.workspace.saveAll(&error), qPrintable(error));
    QVERIFY(!f.workspace.isModified()); // saved: nothing left to save
    const QByteArray saved = TestSupport::readFile(f.path);
    QCOMPARE(saved, f.workspace.files().at(0).bytes());
    // Content put back from elsewhere (a recovered autosave) counts as modified until saved.
    f.workspace.replaceFileContent(0, saved + "# recovered\n");
    QVERIFY(f.workspace.isModified());
    QVERIFY2(f.workspace.saveAll(&error), qPrintable(error));
    QVERIFY(TestSupport::readFile(f.path).endsWith("# recovered\n"));
    QVERIFY(!f.workspace.isModified());
    QCOMPARE(QDir(f.dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("edge.yaml")});

    Project::Workspace reloaded;
    reloaded.addPath(f.path);
    QCOMPARE(std::get<Istio::Gateway>(reloaded.document({0, 0}).resource()), gateway);
    QVERIFY(saved.contains(FILE_TEXT.mid(FILE_TEXT.indexOf("---"))));
}

void TestDocumentEdit::failedSaveKeepsTheOriginal()
{
    Fixture f;
    Istio::Gateway gateway = f.gateway();
    gateway.spec.servers.at(0).port->number = 82;
    QVERIFY(f.workspace.setResource(f.ref(0), gateway));
    Project::SourceFile copy = f.workspace.files().at(0);
    QString error;
    QVERIFY(!copy.saveAs(f.dir.filePath(QStringLiteral("no-such-dir/edge.yaml")), &error));
    QVERIFY(error.contains(QStringLiteral("no-such-dir")));
    QCOMPARE(TestSupport::readFile(f.path), FILE_TEXT);
}

void TestDocumentEdit::signalsAnnounceChanges()
{
    Fixture f;
    QSignalSpy changed(&f.workspace, &Project::Workspace::documentChanged);
    Istio::Gateway gateway = f.gateway();
    QVERIFY(!f.workspace.setResource(f.ref(0), gateway)); // no change, no signal
    QCOMPARE(changed.count(), 0);
    gateway.spec.servers.at(0).port->name = QStringLiteral("web");
    QVERIFY(f.workspace.setResource(f.ref(0), gateway));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).value<Project::DocumentRef>(), f.ref(0));
}

QTEST_GUILESS_MAIN(TestDocumentEdit)
#include "tst_documentedit.moc"
