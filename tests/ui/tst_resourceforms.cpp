#include "edithistory.h"
#include "editortabs.h"
#include "forms/destinationruleform.h"
#include "forms/gatewayform.h"
#include "forms/keyvaluetable.h"
#include "forms/servercard.h"
#include "forms/stringlistedit.h"
#include "mainwindow.h"
#include "resourceeditor.h"
#include "yamleditor.h"

#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

// The Gateway and DestinationRule forms inside the main window: every form edit is an undo
// step that changes the YAML and nothing else, and YAML edits reach the form.

namespace {

const char GATEWAY_AND_RULE[] = R"(# the shop's gateway
apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: shop-gateway
  namespace: shop
  annotations: {owner: team-a} # not on the form, must survive
spec:
  selector:
    istio: ingressgateway
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: [shop.example.com]
    defaultEndpoint: 127.0.0.1:8080
  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: [shop.example.com]
    tls:
      mode: SIMPLE
      credentialName: shop-cert
      verifyCertificateSpki: [abc]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: shop-rule
  namespace: shop
spec:
  host: shop.shop.svc.cluster.local
  trafficPolicy:
    loadBalancer: {simple: ROUND_ROBIN}
    portLevelSettings:
    - port: {number: 80}
      loadBalancer: {simple: RANDOM}
  subsets:
  - name: v1
    labels: {version: v1}
)";

struct Fixture {
    QTemporaryDir dir;
    QString path;
    MainWindow window;
    EditorTabs *tabs = nullptr;

    Fixture()
    {
        path = dir.filePath(QStringLiteral("shop.yaml"));
        QFile file(path);
        if (file.open(QIODevice::WriteOnly))
            file.write(GATEWAY_AND_RULE);
        file.close();
        window.openPaths({path});
        tabs = window.findChild<EditorTabs *>(QStringLiteral("centralTabs"));
    }

    Project::DocumentRef gateway() const { return {0, 0}; }
    Project::DocumentRef rule() const { return {0, 1}; }
    QByteArray text(Project::DocumentRef ref) { return window.workspace().document(ref).text(); }
    ResourceEditor *open(Project::DocumentRef ref) { return tabs->open(ref); }
};

template <class T> T *child(QWidget *parent, const char *name)
{
    return parent->findChild<T *>(QLatin1String(name));
}

} // namespace

class TestResourceForms : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void resourcesOpenInTabsOfTheirOwn();
    void gatewayFormShowsTheDocument();
    void formEditChangesOnlyThatFieldAndUndoRestores();
    void typingInOneFieldIsOneStep();
    void yamlEditUpdatesTheForm();
    void hostsAreCheckedAsTyped_data();
    void hostsAreCheckedAsTyped();
    void tlsSectionFollowsTheProtocol();
    void addAndRemoveServers();
    void generatedCertificateIsUsedByTheServer();
    void destinationRuleSubsetsAndPolicy();
    void problemOpensTheField();
    void everyFieldHasATooltip();
};

void TestResourceForms::resourcesOpenInTabsOfTheirOwn()
{
    Fixture f;
    QCOMPARE(f.tabs->count(), 1); // the topology
    ResourceEditor *gateway = f.open(f.gateway());
    ResourceEditor *rule = f.open(f.rule());
    QCOMPARE(f.tabs->count(), 3);
    QCOMPARE(f.tabs->tabText(1), QStringLiteral("Gateway shop-gateway"));
    QCOMPARE(f.open(f.gateway()), gateway); // brought forward, not opened twice
    QCOMPARE(f.tabs->currentWidget(), gateway);
    QVERIFY(qobject_cast<GatewayForm *>(gateway->form()));
    QVERIFY(qobject_cast<DestinationRuleForm *>(rule->form()));
    f.tabs->closeEditor(rule);
    QCOMPARE(f.tabs->count(), 2);
}

void TestResourceForms::gatewayFormShowsTheDocument()
{
    Fixture f;
    auto *form = qobject_cast<GatewayForm *>(f.open(f.gateway())->form());
    QCOMPARE(child<QLineEdit>(form, "resourceName")->text(), QStringLiteral("shop-gateway"));
    QCOMPARE(form->serverCards().size(), 2);
    ServerCard *https = form->serverCards().at(1);
    QCOMPARE(child<QSpinBox>(https, "portNumber")->value(), 443);
    QCOMPARE(child<QComboBox>(https, "portProtocol")->currentText(), QStringLiteral("HTTPS"));
    QCOMPARE(child<StringListEdit>(https, "serverHosts")->values(),
             QStringList{QStringLiteral("shop.example.com")});
    const auto selector = child<KeyValueTable>(form, "gatewaySelector")->pairs();
    QCOMPARE(selector.size(), 1);
    QCOMPARE(selector.first().first, QStringLiteral("istio"));
}

void TestResourceForms::formEditChangesOnlyThatFieldAndUndoRestores()
{
    Fixture f;
    const QByteArray original = f.text(f.gateway());
    auto *form = qobject_cast<GatewayForm *>(f.open(f.gateway())->form());
    QSpinBox *port = child<QSpinBox>(form->serverCards().at(0), "portNumber");
    port->setValue(8080);

    const QByteArray edited = f.text(f.gateway());
    QVERIFY(edited.contains("number: 8080"));
    QByteArray expected = original;
    expected.replace("number: 80,", "number: 8080,");
    QCOMPARE(edited, expected); // comments, annotations, defaultEndpoint, SPKI pins: all kept

    QCOMPARE(f.window.history().stack().count(), 1);
    f.window.history().stack().undo();
    QCOMPARE(f.text(f.gateway()), original);
    QCOMPARE(port->value(), 80); // the form follows the undo
    f.window.history().stack().redo();
    QCOMPARE(port->value(), 8080);
}

void TestResourceForms::typingInOneFieldIsOneStep()
{
    Fixture f;
    auto *form = qobject_cast<GatewayForm *>(f.open(f.gateway())->form());
    f.window.show();
    auto *name = child<QLineEdit>(form->serverCards().at(0), "portName");
    name->setFocus();
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("web-80"));
    QVERIFY(f.text(f.gateway()).contains("name: web-80"));
    QCOMPARE(f.window.history().stack().count(), 1);
    QCOMPARE(name->text(), QStringLiteral("web-80"));
    QCOMPARE(name->cursorPosition(), 6); // reloading the form never moved the cursor
    f.window.history().stack().undo();
    QVERIFY(f.text(f.gateway()).contains("name: http,"));
}

void TestResourceForms::yamlEditUpdatesTheForm()
{
    Fixture f;
    ResourceEditor *editor = f.open(f.gateway());
    auto *form = qobject_cast<GatewayForm *>(editor->form());
    QByteArray text = f.text(f.gateway());
    text.replace("hosts: [shop.example.com]\n    defaultEndpoint",
                 "hosts: [\"shop.example.com\", \"*.shop.example.com\"]\n    defaultEndpoint");
    QVERIFY(f.window.history().setText(f.gateway(), text, QStringLiteral("Edit YAML")));
    QCOMPARE(child<StringListEdit>(form->serverCards().at(0), "serverHosts")->values(),
             (QStringList{"shop.example.com", "*.shop.example.com"}));

    // Text that does not parse stays in the YAML tab; the form keeps what it showed.
    editor->showYaml();
    editor->yaml()->setPlainText(QStringLiteral("spec: [unclosed"));
    editor->yaml()->commitPendingEdit();
    QCOMPARE(child<QLineEdit>(form, "resourceName")->text(), QStringLiteral("shop-gateway"));
    QCOMPARE(form->serverCards().size(), 2);
}

void TestResourceForms::hostsAreCheckedAsTyped_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("valid");
    QTest::newRow("plain") << "shop.example.com" << true;
    QTest::newRow("wildcard") << "*.example.com" << true;
    QTest::newRow("star") << "*" << true;
    QTest::newRow("namespaced") << "shop/shop.example.com" << true;
    QTest::newRow("this namespace") << "./shop.example.com" << true;
    QTest::newRow("short name") << "localhost" << false;
    QTest::newRow("partial wildcard") << "*shop.example.com" << false;
    QTest::newRow("bad namespace") << "Shop_NS/shop.example.com" << false;
}

void TestResourceForms::hostsAreCheckedAsTyped()
{
    QFETCH(QString, host);
    QFETCH(bool, valid);
    Fixture f;
    auto *form = qobject_cast<GatewayForm *>(f.open(f.gateway())->form());
    auto *hosts = child<StringListEdit>(form->serverCards().at(0), "serverHosts");
    hosts->setFocus();
    hosts->selectAll();
    QTest::keyClicks(hosts, host);
    QCOMPARE(hosts->problem().isEmpty(), valid);
    QCOMPARE(hosts->toolTip().startsWith(host), !valid);
    // What was typed reaches the YAML either way; the validator has the last word.
    QVERIFY(f.text(f.gateway()).contains(host.toUtf8()));
}

void TestResourceForms::tlsSectionFollowsTheProtocol()
{
    Fixture f;
    auto *form = qobject_cast<GatewayForm *>(f.open(f.gateway())->form());
    f.window.show();
    ServerCard *http = form->serverCards().at(0);
    auto *mode = http->findChild<QComboBox *>();
    const auto visibleCombo = [](ServerCard *card, const QString &name) {
        for (auto *combo : card->findChildren<QComboBox *>()) {
            if (combo->accessibleName() == name)
                return combo->isVisibleTo(card);
        }
        return false;
    };
    Q_UNUSED(mode);
    QVERIFY(!visibleCombo(http, QStringLiteral("TLS mode")));
    QVERIFY(visibleCombo(form->serverCards().at(1), QStringLiteral("TLS mode")));

    // Switching to HTTPS brings the tls block Istio requires, with SIMPLE.
    auto *protocol = child<QComboBox>(http, "portProtocol");
    protocol->setCurrentText(QStringLiteral("HTTPS"));
    QVERIFY(visibleCombo(http, QStringLiteral("TLS mode")));
    const auto &gateway =
        std::get<Istio::Gateway>(f.window.workspace().document(f.gateway()).resource());
    QVERIFY(gateway.spec.servers.at(0).tls);
    QCOMPARE(gateway.spec.servers.at(0).tls->mode, Istio::ServerTlsMode::SIMPLE);
    f.window.history().stack().undo();
    QVERIFY(!std::get<Istio::Gateway>(f.window.workspace().document(f.gateway()).resource())
                 .spec.servers.at(0)
                 .tls);
}

void TestResourceForms::addAndRemoveServers()
{
    Fixture f;
    auto *form = qobject_cast<GatewayForm *>(f.open(f.gateway())->form());
    child<QPushButton>(form, "addServer")->click();
    QCOMPARE(form->serverCards().size(), 3);
    QVERIFY(f.text(f.gateway()).contains("http-3"));
    form->serverCards().at(0)->findChild<QAbstractButton *>()->click(); // Remove
    QCOMPARE(form->serverCards().size(), 2);
    QVERIFY(!f.text(f.gateway()).contains("defaultEndpoint"));
    f.window.history().stack().undo();
    f.window.history().stack().undo();
    QCOMPARE(form->serverCards().size(), 2);
    QVERIFY(f.text(f.gateway()).contains("defaultEndpoint"));
}

void TestResourceForms::generatedCertificateIsUsedByTheServer()
{
    Fixture f;
    QTemporaryDir ca;
    qputenv("GATEHOUSE_CA_DIR", ca.path().toUtf8());
    auto *form = qobject_cast<GatewayForm *>(f.open(f.gateway())->form());
    ServerCard *https = form->serverCards().at(1);
    QPushButton *generate = nullptr;
    for (auto *button : https->findChildren<QPushButton *>()) {
        if (button->text().contains(QLatin1String("Development")))
            generate = button;
    }
    QVERIFY(generate);
    generate->click();
    qunsetenv("GATEHOUSE_CA_DIR");
    const auto &tls =
        *std::get<Istio::Gateway>(f.window.workspace().document(f.gateway()).resource())
             .spec.servers.at(1)
             .tls;
    QVERIFY(!tls.credentialName);
    QVERIFY(tls.serverCertificate && QFile::exists(*tls.serverCertificate));
    QVERIFY(tls.privateKey && QFile::exists(*tls.privateKey));
    QCOMPARE(QFile(*tls.privateKey).permissions() & (QFile::ReadGroup | QFile::ReadOther),
             QFile::Permissions());
    QVERIFY(tls.serverCertificate->startsWith(f.dir.path()));
}

void TestResourceForms::destinationRuleSubsetsAndPolicy()
{
    Fixture f;
    const QByteArray original = f.text(f.rule());
    auto *form = qobject_cast<DestinationRuleForm *>(f.open(f.rule())->form());
    QCOMPARE(form->subsetList()->count(), 1);
    child<QPushButton>(form, "addSubset")->click();
    QCOMPARE(form->subsetList()->count(), 2);
    QVERIFY(f.text(f.rule()).contains("name: v2"));
    auto *name = child<QLineEdit>(form, "subsetName");
    name->setText(QStringLiteral("canary"));
    emit name->textEdited(name->text());
    QVERIFY(f.text(f.rule()).contains("name: canary"));
    QCOMPARE(form->subsetList()->item(1)->text(), QStringLiteral("canary"));

    QComboBox *balancer = nullptr;
    for (auto *combo : form->findChildren<QComboBox *>()) {
        if (combo->accessibleName() == QLatin1String("Load balancer"))
            balancer = combo;
    }
    QVERIFY(balancer);
    QCOMPARE(balancer->currentText(), QStringLiteral("ROUND_ROBIN"));
    balancer->setCurrentText(QStringLiteral("RANDOM"));
    const QByteArray edited = f.text(f.rule());
    QVERIFY(edited.contains("simple: RANDOM}\n    portLevelSettings"));
    QVERIFY(edited.contains("loadBalancer: {simple: RANDOM}\n  subsets")); // port level kept
    for (int i = 0; i < 3; ++i)
        f.window.history().stack().undo();
    QCOMPARE(f.text(f.rule()), original);
    QCOMPARE(form->subsetList()->count(), 1);
}

void TestResourceForms::problemOpensTheField()
{
    Fixture f;
    QByteArray text = f.text(f.gateway());
    text.replace("hosts: [shop.example.com]\n    defaultEndpoint",
                 "hosts: [\"localhost\"]\n    defaultEndpoint");
    QVERIFY(f.window.workspace().setText(f.gateway(), text));
    auto *problems = f.window.findChild<QTreeView *>(QStringLiteral("problemsList"));
    const auto findHostProblem = [problems] {
        for (int i = 0; i < problems->model()->rowCount(); ++i) {
            for (int column = 0; column < problems->model()->columnCount(); ++column) {
                if (problems->model()->index(i, column).data().toString().contains(
                        QLatin1String("localhost")))
                    return problems->model()->index(i, 0);
            }
        }
        return QModelIndex();
    };
    QTRY_VERIFY(findHostProblem().isValid());
    const QModelIndex hostProblem = findHostProblem();
    QVERIFY(hostProblem.isValid());
    f.window.show();
    emit problems->activated(hostProblem);
    ResourceEditor *editor = f.tabs->currentEditor();
    QVERIFY(editor);
    QCOMPARE(editor->documentRef(), f.gateway());
    auto *form = qobject_cast<GatewayForm *>(editor->form());
    QCOMPARE(editor->currentIndex(), 0); // the form, with the field focused
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(child<StringListEdit>(
                                                  form->serverCards().at(0), "serverHosts")));
}

void TestResourceForms::everyFieldHasATooltip()
{
    Fixture f;
    for (Project::DocumentRef ref : {f.gateway(), f.rule()}) {
        ResourceForm *form = f.open(ref)->form();
        const auto fields = form->findChildren<QWidget *>();
        for (QWidget *field : fields) {
            if (!qobject_cast<QLineEdit *>(field) && !qobject_cast<QComboBox *>(field) &&
                !qobject_cast<QSpinBox *>(field) && !qobject_cast<QTableWidget *>(field))
                continue;
            if (qobject_cast<QLineEdit *>(field) && qobject_cast<QComboBox *>(field->parent()))
                continue; // a combo box's own line edit
            if (qobject_cast<QLineEdit *>(field) && qobject_cast<QSpinBox *>(field->parent()))
                continue;
            QVERIFY2(!field->toolTip().isEmpty() || !field->accessibleDescription().isEmpty(),
                     qPrintable(field->accessibleName() + QLatin1Char(' ') + field->objectName()));
        }
    }
}

QTEST_MAIN(TestResourceForms)
#include "tst_resourceforms.moc"
