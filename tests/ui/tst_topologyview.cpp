// The topology view offscreen: what the scene holds for the bookinfo sample, that a click names
// the clicked resource, Ctrl+wheel zooms, and both exports write files that read back.

#include "testsupport.h"
#include "topologynodeitem.h"
#include "topologyview.h"

#include <QGraphicsPathItem>
#include <QGraphicsSimpleTextItem>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>
#include <QXmlStreamReader>
#include <set>

namespace {

QString sample()
{
    return QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/samples/bookinfo");
}

template <class Item> int countItems(const QGraphicsScene *scene)
{
    int count = 0;
    for (QGraphicsItem *item : scene->items())
        count += dynamic_cast<Item *>(item) != nullptr;
    return count;
}

TopologyNodeItem *nodeItem(const QGraphicsScene *scene, const QString &id)
{
    for (QGraphicsItem *item : scene->items()) {
        if (item->type() == TopologyNodeItem::Type &&
            static_cast<TopologyNodeItem *>(item)->node().id == id)
            return static_cast<TopologyNodeItem *>(item);
    }
    return nullptr;
}

} // namespace

class TstTopologyView : public QObject {
    Q_OBJECT

private slots:
    void init();
    void sceneItems();
    void clickEmitsResource_data();
    void clickEmitsResource();
    void ctrlWheelZooms();
    void exportPng();
    void exportSvg();

private:
    Project::Workspace m_workspace;
};

void TstTopologyView::init()
{
    m_workspace.clear();
    QVERIFY(m_workspace.addPath(sample()));
}

void TstTopologyView::sceneItems()
{
    TopologyView view;
    view.rebuild(m_workspace);
    const Topology::Graph &graph = view.graph();
    QCOMPARE(int(graph.nodes.size()), 29);
    QCOMPARE(countItems<TopologyNodeItem>(view.scene()), 29);
    QCOMPARE(countItems<QGraphicsPathItem>(view.scene()), 34);
    // Weight labels: reviews-canary's 75% and 25%.
    QCOMPARE(countItems<QGraphicsSimpleTextItem>(view.scene()), 2);

    // A rebuild replaces the picture rather than adding to it.
    view.rebuild(m_workspace);
    QCOMPARE(countItems<TopologyNodeItem>(view.scene()), 29);
    QVERIFY(view.sceneRect().contains(graph.bounds));
}

void TstTopologyView::clickEmitsResource_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("fieldPath");
    QTest::newRow("gateway") << "gateway:some-config-namespace/my-gateway"
                             << "Gateway"
                             << "my-gateway"
                             << "";
    QTest::newRow("server") << "server:some-config-namespace/my-gateway#3"
                            << "Gateway"
                            << "my-gateway"
                            << "spec.servers[3]";
    QTest::newRow("virtual service") << "virtualservice:bookinfo-namespace/shop-rule"
                                     << "VirtualService"
                                     << "shop-rule"
                                     << "";
    QTest::newRow("route") << "route:bookinfo-namespace/mongo-rule tcp[0]"
                           << "VirtualService"
                           << "mongo-rule"
                           << "spec.tcp[0]";
}

void TstTopologyView::clickEmitsResource()
{
    QFETCH(QString, id);
    QFETCH(QString, kind);
    QFETCH(QString, name);
    QFETCH(QString, fieldPath);

    TopologyView view;
    view.resize(800, 600);
    view.rebuild(m_workspace);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    TopologyNodeItem *item = nodeItem(view.scene(), id);
    QVERIFY(item);
    view.centerOn(item);
    QSignalSpy spy(&view, &TopologyView::resourceActivated);
    const QPoint at = view.mapFromScene(item->sceneBoundingRect().center());
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, at);

    QCOMPARE(spy.count(), 1);
    const auto resource = spy.at(0).at(0).value<Topology::SourceResource>();
    QCOMPARE(resource.kind, kind);
    QCOMPARE(resource.name, name);
    QCOMPARE(resource.fieldPath, fieldPath);
    QVERIFY(resource.document.isValid());
    QCOMPARE(m_workspace.document(resource.document).name(), name);
    QVERIFY(item->isSelected());

    // Empty space selects nothing and says nothing.
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {},
                      view.mapFromScene(view.sceneRect().topLeft() + QPointF(2, 2)));
    QCOMPARE(spy.count(), 1);
}

void TstTopologyView::ctrlWheelZooms()
{
    TopologyView view;
    view.resize(800, 600);
    view.rebuild(m_workspace);
    const double before = view.transform().m11();
    const QPointF at(400, 300);
    QWheelEvent zoomIn(at, view.viewport()->mapToGlobal(at), {}, QPoint(0, 120), Qt::NoButton,
                       Qt::ControlModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(view.viewport(), &zoomIn);
    QVERIFY(view.transform().m11() > before);

    // Without Ctrl the wheel scrolls and the scale stays.
    const double zoomed = view.transform().m11();
    QWheelEvent scroll(at, view.viewport()->mapToGlobal(at), {}, QPoint(0, -120), Qt::NoButton,
                       Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(view.viewport(), &scroll);
    QCOMPARE(view.transform().m11(), zoomed);

    view.fitToView();
    QVERIFY(view.transform().m11() <= 1.0);
}

void TstTopologyView::exportPng()
{
    TopologyView view;
    view.rebuild(m_workspace);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("topology.png"));
    QString error;
    QVERIFY2(view.exportPng(path, &error), qPrintable(error));
    const QImage image(path);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), view.sceneRect().size().toSize());
    // Something was drawn: far more colours than the background alone.
    std::set<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    }
    QVERIFY2(colours.size() > 10, qPrintable(QString::number(colours.size())));

    QVERIFY(!view.exportPng(dir.filePath(QStringLiteral("missing/t.png")), &error));
    QVERIFY(!error.isEmpty());
}

void TstTopologyView::exportSvg()
{
    TopologyView view;
    view.rebuild(m_workspace);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("topology.svg"));
    QString error;
    QVERIFY2(view.exportSvg(path, &error), qPrintable(error));

    QXmlStreamReader reader(TestSupport::readFile(path));
    int nodeGroups = 0;
    QStringList ids;
    while (!reader.atEnd()) {
        if (reader.readNext() != QXmlStreamReader::StartElement ||
            reader.name() != QLatin1String("g"))
            continue;
        const auto attributes = reader.attributes();
        if (attributes.value(QLatin1String("class")).startsWith(QLatin1String("node "))) {
            ++nodeGroups;
            ids << attributes.value(QLatin1String("id")).toString();
        }
    }
    QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
    QCOMPARE(nodeGroups, int(view.graph().nodes.size()));
    QVERIFY(ids.contains(QStringLiteral("virtualservice:bookinfo-namespace/bookinfo-rule")));
}

QTEST_MAIN(TstTopologyView)
#include "tst_topologyview.moc"
