#include "testsupport.h"
#include "topology/layout.h"
#include "topology/svgwriter.h"
#include "topology/topologybuilder.h"

#include <QXmlStreamReader>

using namespace Topology;

Q_DECLARE_METATYPE(Topology::NodeKind)
Q_DECLARE_METATYPE(Topology::NodeState)

namespace {

const QString BOOKINFO = QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/samples/bookinfo");

Graph bookinfo()
{
    Project::Workspace workspace;
    if (!workspace.addPath(BOOKINFO))
        qFatal("cannot load the bookinfo sample");
    return build(workspace);
}

Graph fromText(const QByteArray &yaml)
{
    Project::Workspace workspace;
    workspace.addFile(TestSupport::parseText(yaml));
    return build(workspace);
}

QStringList edgeLabelsFrom(const Graph &graph, const QString &id)
{
    QStringList labels;
    const int from = graph.indexOf(id);
    for (const Edge &edge : graph.edges) {
        if (edge.from == from)
            labels << edge.label;
    }
    return labels;
}

const QByteArray GATEWAY = R"(apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: gw, namespace: default}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["a.example.com"]
)";

QByteArray withVirtualService(const QByteArray &spec)
{
    return GATEWAY +
           "---\napiVersion: networking.istio.io/v1\nkind: VirtualService\n"
           "metadata: {name: vs, namespace: default}\nspec:\n" +
           spec;
}

} // namespace

class TstTopologyGraph : public QObject {
    Q_OBJECT

private slots:
    void bookinfoCounts_data();
    void bookinfoCounts();
    void bookinfoWeights();
    void bookinfoSources();
    void gatewayApiSourcesAreTheirOrigins();
    void states_data();
    void states();
    void layoutIsLayeredAndDeterministic();
    void svgHasOneGroupPerNodeAndEdge();
    void svgEscapesText();
};

void TstTopologyGraph::bookinfoCounts_data()
{
    QTest::addColumn<int>("kind"); // -1: edges
    QTest::addColumn<int>("expected");
    QTest::newRow("gateways") << int(NodeKind::Gateway) << 1;
    QTest::newRow("servers") << int(NodeKind::Server) << 5;
    QTest::newRow("virtual services") << int(NodeKind::VirtualService) << 4;
    // bookinfo-rule 5 http, shop-rule 2, internal-rule 3, mongo-rule 1 tcp
    QTest::newRow("routes") << int(NodeKind::Route) << 11;
    // reviews v1/v2/v3, ratings, productpage, productpage/v1, details, mongodb
    QTest::newRow("destinations") << int(NodeKind::Destination) << 8;
    // 5 gateway→server; server→VS: bookinfo-rule on 80, 443, 9443, 9080, shop-rule on 9443 and
    // 9080, internal-rule on 9080, mongo-rule on 2379 (8); 11 VS→route; 10 route→destination
    QTest::newRow("edges") << -1 << 5 + 8 + 11 + 10;
}

void TstTopologyGraph::bookinfoCounts()
{
    QFETCH(int, kind);
    QFETCH(int, expected);
    const Graph graph = bookinfo();
    const int actual = kind < 0 ? int(graph.edges.size()) : graph.count(NodeKind(kind));
    QCOMPARE(actual, expected);
    // The sample is sound: nothing in it is dropped, unbound, unreachable or broken.
    for (const Node &node : graph.nodes)
        QVERIFY2(node.state == NodeState::Normal,
                 qPrintable(node.id + QLatin1String(": ") + node.stateReason));
}

void TstTopologyGraph::bookinfoWeights()
{
    const Graph graph = bookinfo();
    const QString canary = QStringLiteral("route:bookinfo-namespace/bookinfo-rule http[1]");
    QCOMPARE(graph.nodes[size_t(graph.indexOf(canary))].label, QStringLiteral("reviews-canary"));
    QCOMPARE(edgeLabelsFrom(graph, canary), (QStringList{"75%", "25%"}));
    // A single destination carries the whole weight: no label.
    QCOMPARE(
        edgeLabelsFrom(graph, QStringLiteral("route:bookinfo-namespace/bookinfo-rule http[0]")),
        QStringList{QString()});
    // Routes that forward nowhere (redirect, direct response) have no destination edges.
    QVERIFY(edgeLabelsFrom(graph, QStringLiteral("route:bookinfo-namespace/bookinfo-rule http[2]"))
                .isEmpty());
}

void TstTopologyGraph::bookinfoSources()
{
    Project::Workspace workspace;
    QVERIFY(workspace.addPath(BOOKINFO));
    const Graph graph = build(workspace);
    const int index = graph.indexOf(QStringLiteral("server:some-config-namespace/my-gateway#2"));
    QVERIFY(index >= 0);
    const Node &server = graph.nodes[size_t(index)];
    QCOMPARE(server.label, QStringLiteral("https-9443"));
    QCOMPARE(server.tlsMode, QStringLiteral("SIMPLE"));
    QCOMPARE(server.source.fieldPath, QStringLiteral("spec.servers[2]"));
    QVERIFY(server.source.document.isValid());
    const Project::Document &document = workspace.document(server.source.document);
    QCOMPARE(document.kind(), QStringLiteral("Gateway"));
    QCOMPARE(document.name(), QStringLiteral("my-gateway"));
    // Plain HTTP with httpsRedirect has TLS settings but no TLS: no badge.
    QVERIFY(graph
                .nodes[size_t(
                    graph.indexOf(QStringLiteral("server:some-config-namespace/my-gateway#0")))]
                .tlsMode.isEmpty());
}

void TstTopologyGraph::gatewayApiSourcesAreTheirOrigins()
{
    // Resources istiod generates from Gateway API objects select the object they come from.
    Project::Workspace workspace;
    workspace.addFile(TestSupport::parseText(R"(apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: infra}
spec:
  gatewayClassName: istio
  listeners:
  - name: http
    port: 80
    protocol: HTTP
    allowedRoutes: {namespaces: {from: All}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: shop, namespace: apps}
spec:
  parentRefs: [{name: gw, namespace: infra}]
  hostnames: [shop.example.com]
  rules:
  - backendRefs: [{name: shop, port: 8080}]
)"));
    const Graph graph = build(workspace);
    QCOMPARE(graph.count(NodeKind::Gateway), 1);
    QCOMPARE(graph.count(NodeKind::VirtualService), 1);
    QCOMPARE(graph.count(NodeKind::Destination), 1);
    for (const Node &node : graph.nodes) {
        QVERIFY2(node.state == NodeState::Normal, qPrintable(node.id + node.stateReason));
        if (node.kind == NodeKind::Server || node.kind == NodeKind::Destination)
            continue;
        QVERIFY2(node.source.document.isValid(), qPrintable(node.id));
        const QString origin = workspace.document(node.source.document).kind();
        QCOMPARE(origin, node.kind == NodeKind::Gateway ? QStringLiteral("Gateway")
                                                        : QStringLiteral("HTTPRoute"));
    }
}

void TstTopologyGraph::states_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("id");
    QTest::addColumn<NodeState>("state");

    const QByteArray bound = withVirtualService(R"(  hosts: [a.example.com]
  gateways: [gw]
  http:
  - route:
    - destination: {host: a.default.svc.cluster.local}
)");
    QTest::newRow("bound virtual service")
        << bound << "virtualservice:default/vs" << NodeState::Normal;
    QTest::newRow("bound route") << bound << "route:default/vs http[0]" << NodeState::Normal;

    const QByteArray missingGateway = withVirtualService(R"(  hosts: [a.example.com]
  gateways: [no-such-gateway]
  http:
  - route:
    - destination: {host: a.default.svc.cluster.local}
)");
    QTest::newRow("gateway does not exist")
        << missingGateway << "virtualservice:default/vs" << NodeState::Unbound;
    QTest::newRow("route of an unbound service")
        << missingGateway << "route:default/vs http[0]" << NodeState::Unreachable;

    QTest::newRow("host not admitted by the server")
        << withVirtualService(R"(  hosts: [b.example.com]
  gateways: [gw]
  http:
  - route:
    - destination: {host: b.default.svc.cluster.local}
)") << "virtualservice:default/vs"
        << NodeState::Unbound;

    const QByteArray shadowed = withVirtualService(R"(  hosts: [a.example.com]
  gateways: [gw]
  http:
  - route:
    - destination: {host: a.default.svc.cluster.local}
  - match:
    - uri: {prefix: /late}
    route:
    - destination: {host: late.default.svc.cluster.local}
)");
    QTest::newRow("rule after a catch-all")
        << shadowed << "route:default/vs http[1]" << NodeState::Unreachable;
    QTest::newRow("destination of a shadowed rule, as written")
        << shadowed << "destination:late.default.svc.cluster.local" << NodeState::Normal;

    QTest::newRow("subset no DestinationRule defines")
        << withVirtualService(R"(  hosts: [a.example.com]
  gateways: [gw]
  http:
  - route:
    - destination: {host: a.default.svc.cluster.local, subset: v9}
)") << "destination:a.default.svc.cluster.local/v9"
        << NodeState::Broken;

    QTest::newRow("second server on a port taken by another protocol")
        << QByteArray(GATEWAY + R"(  - port: {number: 80, name: tcp, protocol: TCP}
    hosts: ["*"]
)") << "server:default/gw#1"
        << NodeState::Dropped;
    QTest::newRow("first server on that port")
        << QByteArray(GATEWAY + R"(  - port: {number: 80, name: tcp, protocol: TCP}
    hosts: ["*"]
)") << "server:default/gw#0"
        << NodeState::Normal;
}

void TstTopologyGraph::states()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, id);
    QFETCH(NodeState, state);
    const Graph graph = fromText(yaml);
    const int index = graph.indexOf(id);
    QVERIFY2(index >= 0, qPrintable(id));
    const Node &node = graph.nodes[size_t(index)];
    QCOMPARE(stateName(node.state), stateName(state));
    QCOMPARE(node.stateReason.isEmpty(), state == NodeState::Normal);
    for (const Edge &edge : graph.edges) {
        if (edge.from == index || edge.to == index)
            QCOMPARE(edge.inactive, state != NodeState::Normal ||
                                        graph.nodes[size_t(edge.from)].state != NodeState::Normal ||
                                        graph.nodes[size_t(edge.to)].state != NodeState::Normal);
    }
}

void TstTopologyGraph::layoutIsLayeredAndDeterministic()
{
    const Graph first = bookinfo();
    const Graph second = bookinfo();
    QCOMPARE(first.nodes.size(), second.nodes.size());
    for (std::size_t i = 0; i < first.nodes.size(); ++i) {
        const Node &node = first.nodes[i];
        QCOMPARE(node.id, second.nodes[i].id);
        QCOMPARE(node.rect, second.nodes[i].rect);
        QCOMPARE(node.rect.x(), int(node.kind) * (NODE_WIDTH + COLUMN_GAP));
        QVERIFY(first.bounds.contains(node.rect));
        for (std::size_t j = i + 1; j < first.nodes.size(); ++j)
            QVERIFY2(!node.rect.intersects(first.nodes[j].rect),
                     qPrintable(node.id + QLatin1String(" overlaps ") + first.nodes[j].id));
    }
    // Edges run left to right, so every one leaves a node and enters a later column.
    for (const Edge &edge : first.edges)
        QVERIFY(edgeStart(first, edge).x() < edgeEnd(first, edge).x());
}

void TstTopologyGraph::svgHasOneGroupPerNodeAndEdge()
{
    const Graph graph = bookinfo();
    QXmlStreamReader reader(toSvg(graph));
    int nodes = 0;
    int edges = 0;
    QStringList unbound;
    while (!reader.atEnd()) {
        if (reader.readNext() != QXmlStreamReader::StartElement ||
            reader.name() != QLatin1String("g"))
            continue;
        const QStringList classes =
            reader.attributes().value(QLatin1String("class")).toString().split(QLatin1Char(' '));
        nodes += classes.contains(QLatin1String("node"));
        edges += classes.contains(QLatin1String("edge"));
    }
    QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
    QCOMPARE(nodes, 29);
    QCOMPARE(edges, 34);
}

void TstTopologyGraph::svgEscapesText()
{
    const QString host = QStringLiteral("a<b>&\"c\".example.com");
    const QByteArray yaml = withVirtualService(R"(  hosts: ['a<b>&"c".example.com']
  gateways: [gw]
  tcp:
  - route:
    - destination: {host: x}
)");
    const Graph graph = fromText(yaml);
    QXmlStreamReader reader(toSvg(graph));
    QStringList texts;
    while (!reader.atEnd()) {
        if (reader.readNext() == QXmlStreamReader::StartElement &&
            reader.name() == QLatin1String("text"))
            texts << reader.readElementText();
    }
    QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
    QVERIFY(texts.contains(host));

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("topology.svg"));
    QString error;
    QVERIFY2(writeSvg(graph, path, &error), qPrintable(error));
    QCOMPARE(TestSupport::readFile(path), toSvg(graph));
    QVERIFY(!writeSvg(graph, dir.filePath(QStringLiteral("no/such/dir/t.svg")), &error));
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TstTopologyGraph)
#include "tst_topologygraph.moc"
