// The Resources tree model and its filter: namespace → kind → name over a workspace, following
// its edits, with a badge for the worst finding about each row.

#include "resourcefiltermodel.h"
#include "resourcemodel.h"
#include "testsupport.h"
#include "validation/validator.h"

#include <QAbstractItemModelTester>
#include <QIcon>
#include <QSignalSpy>
#include <QTest>
#include <memory>

namespace {

const QString BROKEN = QStringLiteral(GATEHOUSE_TEST_DATA "/ui/broken.yaml");
const QString BOOKINFO = QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/samples/bookinfo");
constexpr auto FATAL = QAbstractItemModelTester::FailureReportingMode::Fatal;

// "namespace/kind/name" of a row: its display text and its parents'.
QString pathOf(const QModelIndex &index)
{
    QStringList parts;
    for (QModelIndex i = index; i.isValid(); i = i.parent())
        parts.prepend(i.data().toString());
    return parts.join(QLatin1Char('/'));
}

// Every leaf row of a model, depth first.
QStringList leaves(const QAbstractItemModel &model, const QModelIndex &parent = {})
{
    QStringList out;
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        out += model.hasChildren(index) ? leaves(model, index) : QStringList{pathOf(index)};
    }
    return out;
}

QStringList topLevel(const QAbstractItemModel &model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out << model.index(row, 0).data().toString();
    return out;
}

} // namespace

class TestResourceModel : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void showsTheSampleProject();
    void indexOfRoundTrip();
    void editInPlaceChangesOneRow();
    void renameMovesTheResource();
    void namespaceEditMovesTheResource();
    void clearEmptiesTheTree();
    void keepsWhatCouldNotBeRead();
    void badgeShowsTheWorstLevel_data();
    void badgeShowsTheWorstLevel();
    void badgeOfABrokenFile();
    void filterKeepsMatchesAndTheirParents_data();
    void filterKeepsMatchesAndTheirParents();

private:
    Project::DocumentRef refNamed(const QString &name) const;

    std::unique_ptr<Project::Workspace> m_workspace;
    std::unique_ptr<ResourceModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestResourceModel::init()
{
    m_workspace = std::make_unique<Project::Workspace>();
    m_model = std::make_unique<ResourceModel>(*m_workspace);
    // Watches every signal of every test from here on: loading, edits, resets, badges.
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(), FATAL);
}

void TestResourceModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_workspace.reset();
}

Project::DocumentRef TestResourceModel::refNamed(const QString &name) const
{
    for (const Project::DocumentRef &ref : m_workspace->documents()) {
        if (m_workspace->document(ref).name() == name)
            return ref;
    }
    return {};
}

void TestResourceModel::showsTheSampleProject()
{
    QVERIFY(m_workspace->addPath(BOOKINFO));
    QCOMPARE(m_model->headerData(0, Qt::Horizontal).toString(), QStringLiteral("Resource"));
    // In file order: destinationrules.yaml, gateway.yaml, virtualservices.yaml.
    QCOMPARE(topLevel(*m_model), (QStringList{"bookinfo-namespace", "some-config-namespace"}));
    const QStringList shown = leaves(*m_model);
    QCOMPARE(shown.size(), m_workspace->documents().size());
    QCOMPARE(shown.mid(0, 5), (QStringList{"bookinfo-namespace/DestinationRule/reviews",
                                           "bookinfo-namespace/DestinationRule/productpage",
                                           "bookinfo-namespace/DestinationRule/ratings",
                                           "bookinfo-namespace/DestinationRule/mongodb",
                                           "bookinfo-namespace/VirtualService/bookinfo-rule"}));
    QCOMPARE(shown.constLast(), QStringLiteral("some-config-namespace/Gateway/my-gateway"));

    const QModelIndex gateway = m_model->indexOf(refNamed(QStringLiteral("my-gateway")));
    QCOMPARE(gateway.data(ResourceModel::FilePathRole).toString(),
             QFileInfo(BOOKINFO + QStringLiteral("/gateway.yaml")).filePath());
    QCOMPARE(gateway.data(ResourceModel::KindRole).toString(), QStringLiteral("Gateway"));
    QCOMPARE(gateway.data(ResourceModel::NamespaceRole).toString(),
             QStringLiteral("some-config-namespace"));
    QVERIFY(gateway.data(ResourceModel::HostsRole).toStringList().contains("uk.bookinfo.com"));
    QCOMPARE(gateway.data(ResourceModel::BadgeLevelRole).toInt(), -1);
    QVERIFY(gateway.data(Qt::DecorationRole).isNull());
    QCOMPARE(gateway.parent().data(ResourceModel::NodeTypeRole).toInt(),
             int(ResourceModel::NodeType::Kind));
    QVERIFY(!gateway.parent().data(ResourceModel::DocumentRefRole).isValid());
}

void TestResourceModel::indexOfRoundTrip()
{
    QVERIFY(m_workspace->addPath(BOOKINFO));
    for (const Project::DocumentRef &ref : m_workspace->documents()) {
        const QModelIndex index = m_model->indexOf(ref);
        QVERIFY(index.isValid());
        QCOMPARE(index.data(ResourceModel::DocumentRefRole).value<Project::DocumentRef>(), ref);
        QCOMPARE(m_model->documentRef(index), ref);
        QCOMPARE(index.data().toString(), m_workspace->document(ref).name());
    }
    // A comment-only document is kept for saving but is not a resource.
    m_workspace->addFile(TestSupport::parseText("kind: ConfigMap\nmetadata:\n  name: settings\n"
                                                "---\n# nothing here\n"));
    const int file = static_cast<int>(m_workspace->files().size()) - 1;
    QVERIFY(m_workspace->document({file, 1}).isBlank());
    QVERIFY(!m_model->indexOf({file, 1}).isValid());
    QCOMPARE(pathOf(m_model->indexOf({file, 0})), QStringLiteral("default/ConfigMap/settings"));
    QVERIFY(!m_model->indexOf({}).isValid());
    QVERIFY(!m_model->documentRef(m_model->index(0, 0)).isValid());
}

void TestResourceModel::editInPlaceChangesOneRow()
{
    QVERIFY(m_workspace->addPath(BOOKINFO));
    const Project::DocumentRef ref = refNamed(QStringLiteral("my-gateway"));
    QSignalSpy resets(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy changes(m_model.get(), &QAbstractItemModel::dataChanged);
    QByteArray text = m_workspace->document(ref).text();
    QVERIFY(m_workspace->setText(ref, text.replace("- uk.bookinfo.com", "- us.bookinfo.com")));
    QCOMPARE(resets.count(), 0);
    QCOMPARE(changes.count(), 1);
    QCOMPARE(changes.at(0).at(0).value<QModelIndex>(), m_model->indexOf(ref));
    QVERIFY(m_model->indexOf(ref)
                .data(ResourceModel::HostsRole)
                .toStringList()
                .contains("us.bookinfo.com"));
}

void TestResourceModel::renameMovesTheResource()
{
    QVERIFY(m_workspace->addPath(BOOKINFO));
    const Project::DocumentRef ref = refNamed(QStringLiteral("bookinfo-rule"));
    Istio::Resource resource = m_workspace->document(ref).resource();
    std::get<Istio::VirtualService>(resource).metadata.name = QStringLiteral("a-renamed-rule");
    QSignalSpy resets(m_model.get(), &QAbstractItemModel::modelReset);
    QVERIFY(m_workspace->setResource(ref, resource));
    QCOMPARE(resets.count(), 1);
    QCOMPARE(pathOf(m_model->indexOf(ref)),
             QStringLiteral("bookinfo-namespace/VirtualService/a-renamed-rule"));
    const QStringList shown = leaves(*m_model);
    QVERIFY(!shown.contains(QStringLiteral("bookinfo-namespace/VirtualService/bookinfo-rule")));
    QCOMPARE(shown.size(), m_workspace->documents().size());
}

void TestResourceModel::namespaceEditMovesTheResource()
{
    QVERIFY(m_workspace->addPath(BOOKINFO));
    const Project::DocumentRef ref = refNamed(QStringLiteral("my-gateway"));
    QByteArray text = m_workspace->document(ref).text();
    QVERIFY(m_workspace->setText(
        ref, text.replace("namespace: some-config-namespace", "namespace: bookinfo-namespace")));
    // The gateway was the only resource of its namespace: that row goes.
    QCOMPARE(topLevel(*m_model), QStringList{"bookinfo-namespace"});
    QCOMPARE(pathOf(m_model->indexOf(ref)),
             QStringLiteral("bookinfo-namespace/Gateway/my-gateway"));
}

void TestResourceModel::clearEmptiesTheTree()
{
    QVERIFY(m_workspace->addPath(BOOKINFO));
    m_model->setDiagnostics(Validation::Validator().validate(*m_workspace));
    QVERIFY(m_model->rowCount() > 0);
    m_workspace->clear();
    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY(!m_model->indexOf({0, 0}).isValid());
    QVERIFY(m_workspace->addPath(BROKEN));
    QCOMPARE(leaves(*m_model), QStringList{"default/VirtualService/broken"});
}

void TestResourceModel::keepsWhatCouldNotBeRead()
{
    m_workspace->addFile(TestSupport::parseText("apiVersion: v1\nmetadata:\n  name: no-kind\n"
                                                "---\nkind: [unclosed\n",
                                                QStringLiteral("/project/odd.yaml")));
    QVERIFY(!m_workspace->addPath(QStringLiteral("/nonexistent/missing.yaml")));
    QCOMPARE(leaves(*m_model),
             (QStringList{"default/(no kind)/no-kind", "default/(no kind)/document 2 of odd.yaml",
                          "(unreadable files)/missing.yaml"}));

    m_model->setDiagnostics(m_workspace->diagnostics());
    const QModelIndex missing = m_model->index(0, 0, m_model->index(1, 0));
    QCOMPARE(missing.data(ResourceModel::NodeTypeRole).toInt(),
             int(ResourceModel::NodeType::UnreadableFile));
    QCOMPARE(missing.data(ResourceModel::FilePathRole).toString(),
             QStringLiteral("/nonexistent/missing.yaml"));
    QCOMPARE(missing.data(ResourceModel::BadgeLevelRole).toInt(), int(Core::Level::Error));
    const QModelIndex unparsed = m_model->indexOf({0, 1});
    QCOMPARE(unparsed.data(ResourceModel::BadgeLevelRole).toInt(), int(Core::Level::Error));
}

void TestResourceModel::badgeShowsTheWorstLevel_data()
{
    QTest::addColumn<QList<int>>("levels");
    QTest::addColumn<bool>("byLineOnly"); // findings without a document number
    QTest::addColumn<int>("badge");

    const int error = int(Core::Level::Error);
    const int warning = int(Core::Level::Warning);
    const int info = int(Core::Level::Info);
    QTest::newRow("clean") << QList<int>{} << false << -1;
    QTest::newRow("one note") << QList<int>{info} << false << info;
    QTest::newRow("note and warning") << QList<int>{info, warning} << false << warning;
    QTest::newRow("warning and error") << QList<int>{warning, error, warning} << false << error;
    QTest::newRow("placed by line") << QList<int>{warning} << true << warning;
}

void TestResourceModel::badgeShowsTheWorstLevel()
{
    QFETCH(QList<int>, levels);
    QFETCH(bool, byLineOnly);
    QFETCH(int, badge);
    QVERIFY(m_workspace->addPath(BOOKINFO));
    const Project::DocumentRef ref = refNamed(QStringLiteral("shop-rule"));
    const Project::Document &document = m_workspace->document(ref);
    Core::Diagnostics diagnostics;
    for (int level : std::as_const(levels)) {
        Core::Diagnostic diagnostic;
        diagnostic.level = Core::Level(level);
        diagnostic.subject.file = document.filePath();
        diagnostic.subject.position = {document.startLine() + 3, 1};
        diagnostic.documentNumber = byLineOnly ? 0 : document.number();
        diagnostics << diagnostic;
    }
    m_model->setDiagnostics(diagnostics);

    const QModelIndex row = m_model->indexOf(ref);
    QCOMPARE(row.data(ResourceModel::BadgeLevelRole).toInt(), badge);
    QCOMPARE(row.data(ResourceModel::DiagnosticCountRole).toInt(), levels.size());
    QCOMPARE(row.data(Qt::DecorationRole).value<QIcon>().isNull(), badge < 0);
    // The namespace row sums what is below it; neighbours stay clean.
    QCOMPARE(row.parent().parent().data(ResourceModel::BadgeLevelRole).toInt(), badge);
    QCOMPARE(m_model->indexOf(refNamed(QStringLiteral("bookinfo-rule")))
                 .data(ResourceModel::BadgeLevelRole)
                 .toInt(),
             -1);
}

void TestResourceModel::badgeOfABrokenFile()
{
    QVERIFY(m_workspace->addPath(BOOKINFO));
    QVERIFY(m_workspace->addPath(BROKEN));
    QSignalSpy changes(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->setDiagnostics(Validation::Validator().validate(*m_workspace));
    const QModelIndex broken = m_model->indexOf(refNamed(QStringLiteral("broken")));
    QCOMPARE(broken.data(ResourceModel::BadgeLevelRole).toInt(), int(Core::Level::Error));
    QCOMPARE(broken.data(ResourceModel::DiagnosticCountRole).toInt(), 2);
    const QString tip = broken.data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.startsWith(BROKEN) && tip.contains(QStringLiteral("2 error")), qPrintable(tip));
    // The row, its kind and its namespace changed; nothing of the clean sample did.
    QCOMPARE(changes.count(), 3);
    QCOMPARE(m_model->index(0, 0).data(ResourceModel::BadgeLevelRole).toInt(), -1);

    // An edit that moves the resource keeps the badge on it after the reset.
    const Project::DocumentRef ref = refNamed(QStringLiteral("broken"));
    QByteArray text = m_workspace->document(ref).text();
    QVERIFY(m_workspace->setText(ref, text.replace("name: broken", "name: still-broken")));
    QCOMPARE(m_model->indexOf(ref).data(ResourceModel::BadgeLevelRole).toInt(),
             int(Core::Level::Error));
}

void TestResourceModel::filterKeepsMatchesAndTheirParents_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QStringList>("shown");

    QTest::newRow("by name") << "reviews"
                             << QStringList{"bookinfo-namespace/DestinationRule/reviews"};
    QTest::newRow("by host, any case")
        << "UK.bookinfo.com"
        << QStringList{"bookinfo-namespace/VirtualService/bookinfo-rule",
                       "some-config-namespace/Gateway/my-gateway"};
    QTest::newRow("by a destination rule's host")
        << "mongodb.bookinfo-namespace.svc"
        << QStringList{"bookinfo-namespace/DestinationRule/mongodb"};
    QTest::newRow("by kind") << "gateway"
                             << QStringList{"some-config-namespace/Gateway/my-gateway"};
    QTest::newRow("by namespace") << "some-config"
                                  << QStringList{"some-config-namespace/Gateway/my-gateway"};
    QTest::newRow("nothing") << "no-such-thing" << QStringList{};
}

void TestResourceModel::filterKeepsMatchesAndTheirParents()
{
    QFETCH(QString, filter);
    QFETCH(QStringList, shown);
    QVERIFY(m_workspace->addPath(BOOKINFO));
    ResourceFilterModel proxy;
    proxy.setSourceModel(m_model.get());
    QAbstractItemModelTester tester(&proxy, FATAL);
    QCOMPARE(leaves(proxy).size(), m_workspace->documents().size());

    proxy.setFilterFixedString(filter);
    QCOMPARE(leaves(proxy), shown);
    // The filter follows edits: a rename that stops matching hides the row.
    if (filter == QLatin1String("reviews")) {
        const Project::DocumentRef ref = refNamed(QStringLiteral("reviews"));
        QByteArray text = m_workspace->document(ref).text();
        QVERIFY(m_workspace->setText(ref, text.replace("name: reviews", "name: critiques")
                                              .replace("host: reviews.", "host: critiques.")));
        QCOMPARE(leaves(proxy), QStringList{});
    }
    proxy.setFilterFixedString(QString());
    QCOMPARE(leaves(proxy).size(), m_workspace->documents().size());
}

QTEST_MAIN(TestResourceModel)
#include "tst_resourcemodel.moc"
