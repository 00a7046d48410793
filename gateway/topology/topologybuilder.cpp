#include "topologybuilder.h"

#include "compile/compiler.h"
#include "compiledfacts.h"
#include "layout.h"

#include <QHash>

namespace Topology {
namespace {

constexpr int MAX_HOST_LINES = 3;

QString plural(std::size_t count, const QString &noun)
{
    return QStringLiteral("%1 %2%3").arg(count).arg(noun,
                                                    count == 1 ? QString() : QStringLiteral("s"));
}

class Builder {
public:
    Builder(const Runtime::Config &config, const Project::Workspace *workspace)
        : m_config(config), m_compiled(readCompiledFacts(config)), m_workspace(workspace)
    {}

    void addGateway(const Compile::Input<Istio::Gateway> &input);
    void addVirtualService(const Compile::Input<Istio::VirtualService> &input,
                           const QSet<QString> &gateways);
    void connectServers();
    Graph take() { return std::move(m_graph); }

private:
    int addNode(Node node)
    {
        m_index.insert(node.id, int(m_graph.nodes.size()));
        m_graph.nodes.push_back(std::move(node));
        return int(m_graph.nodes.size()) - 1;
    }
    void addEdge(int from, int to, const QString &label = {})
    {
        const bool inactive = m_graph.nodes[size_t(from)].state != NodeState::Normal ||
                              m_graph.nodes[size_t(to)].state != NodeState::Normal;
        m_graph.edges.push_back({from, to, label, inactive});
    }
    SourceResource source(const Runtime::SourceRef &ref, const QString &fieldPath) const;
    void addRoute(int vsNode, const QString &vsName, const QString &indexLabel, const QString &name,
                  const QStringList &details,
                  const std::vector<std::pair<QString, qint32>> &written);
    int destinationNode(const QString &label, const QString &missingReason);
    QString dropReason(const Runtime::SourceRef &gateway, const QString &portName) const;

    const Runtime::Config &m_config;
    const CompiledFacts m_compiled;
    const Project::Workspace *m_workspace;
    Graph m_graph;
    QHash<QString, int> m_index; // node id → index
};

SourceResource Builder::source(const Runtime::SourceRef &ref, const QString &fieldPath) const
{
    return sourceResource(ref, m_workspace, fieldPath);
}

QString Builder::dropReason(const Runtime::SourceRef &gateway, const QString &portName) const
{
    // The compiler names the server by its port name in the note it leaves on the Gateway.
    const QString prefix = QStringLiteral("server %1 ").arg(portName);
    for (const Core::Diagnostic &note : m_config.notes) {
        if (note.subject.kind == gateway.kind && note.subject.nameSpace == gateway.nameSpace &&
            note.subject.name == gateway.name && note.message.startsWith(prefix))
            return note.message;
    }
    return QStringLiteral("the compiler placed this server on no listener");
}

void Builder::addGateway(const Compile::Input<Istio::Gateway> &input)
{
    const QString name = input.ref.qualifiedName();
    const auto &servers = input.resource.spec.servers;
    Node gateway;
    gateway.id = QStringLiteral("gateway:") + name;
    gateway.kind = NodeKind::Gateway;
    gateway.label = name;
    gateway.details << plural(servers.size(), QStringLiteral("server"));
    gateway.source = source(input.ref, {});
    const int gatewayNode = addNode(std::move(gateway));

    for (int i = 0; i < int(servers.size()); ++i) {
        const Istio::Server &server = servers[size_t(i)];
        const Istio::Protocol *protocol =
            server.port && server.port->protocol ? &*server.port->protocol : nullptr;
        const QString portName = server.port ? server.port->name.value_or(QString()) : QString();
        Node node;
        node.id = QStringLiteral("server:") + serverKey(name, i);
        node.kind = NodeKind::Server;
        node.label = portName.isEmpty() ? QStringLiteral("servers[%1]").arg(i) : portName;
        QString port = server.port && server.port->number ? QString::number(*server.port->number)
                                                          : QStringLiteral("?");
        if (protocol)
            port += QLatin1Char(' ') + Istio::enumName(*protocol);
        if (server.bind)
            port += QStringLiteral(" on ") + *server.bind;
        node.details << port;
        for (int h = 0; h < int(server.hosts.size()) && h < MAX_HOST_LINES; ++h)
            node.details << server.hosts[size_t(h)];
        if (int(server.hosts.size()) > MAX_HOST_LINES)
            node.details << QStringLiteral("+%1 more").arg(server.hosts.size() - MAX_HOST_LINES);
        if (server.tls && server.tls->httpsRedirect.value_or(false))
            node.details << QStringLiteral("redirects to HTTPS");
        // Istio reads the TLS mode only on HTTPS and TLS ports; elsewhere there is no badge.
        if (server.tls && protocol && Istio::isTlsProtocol(*protocol))
            node.tlsMode = Istio::enumName(server.tls->effectiveMode());
        if (!m_compiled.placedServers.contains(serverKey(name, i))) {
            node.state = NodeState::Dropped;
            node.stateReason = dropReason(input.ref, portName);
        }
        node.source = source(input.ref, QStringLiteral("spec.servers[%1]").arg(i));
        addEdge(gatewayNode, addNode(std::move(node)));
    }
}

int Builder::destinationNode(const QString &label, const QString &missingReason)
{
    const QString id = QStringLiteral("destination:") + label;
    if (const auto it = m_index.constFind(id); it != m_index.constEnd())
        return *it;
    Node node;
    node.id = id;
    node.kind = NodeKind::Destination;
    // "reviews.bookinfo:9080/v1": the cluster-local suffix every in-cluster host shares would
    // push the service name out of a box this narrow. The id keeps the full name.
    node.label = label;
    node.label.replace(QStringLiteral(".svc.") + m_config.domainSuffix, QString());
    if (!missingReason.isEmpty()) {
        node.state = NodeState::Broken;
        node.stateReason = missingReason;
        node.details << QStringLiteral("missing");
    }
    return addNode(std::move(node));
}

// `written`: the rule's destinations as the user wrote them, shown when the compiler built
// nothing from the rule (so there are no clusters to show).
void Builder::addRoute(int vsNode, const QString &vsName, const QString &indexLabel,
                       const QString &name, const QStringList &details,
                       const std::vector<std::pair<QString, qint32>> &written)
{
    const Node &vs = m_graph.nodes[size_t(vsNode)];
    const QString key = routeKey(vsName, indexLabel);
    const bool compiled = m_compiled.routes.contains(key);
    Node node;
    node.id = QStringLiteral("route:") + key;
    node.kind = NodeKind::Route;
    node.label = name.isEmpty() ? indexLabel : name;
    if (!name.isEmpty())
        node.details << indexLabel;
    node.details << details;
    if (vs.state != NodeState::Normal) {
        node.state = NodeState::Unreachable;
        node.stateReason = QStringLiteral("its VirtualService is not bound to any server");
    } else if (!compiled) {
        node.state = NodeState::Unreachable;
        node.stateReason = QStringLiteral(
            "the compiler built no route from this rule (for example an earlier rule without "
            "matches catches every request, or no match applies to the bound servers)");
    }
    const QString field = indexLabel;
    node.source = vs.source;
    node.source.fieldPath = QStringLiteral("spec.") + field;
    const int routeNode = addNode(std::move(node));
    addEdge(vsNode, routeNode);

    if (compiled) {
        const auto &clusters = m_compiled.routeClusters.value(key);
        const auto &weights = m_compiled.routeWeights.value(key);
        for (std::size_t i = 0; i < clusters.size(); ++i) {
            const QString weight =
                clusters.size() > 1 ? QStringLiteral("%1%").arg(weights[i]) : QString();
            const QString missing = clusters[i].exists ? QString()
                                                       : (clusters[i].missingReason.isEmpty()
                                                              ? QStringLiteral("missing")
                                                              : clusters[i].missingReason);
            addEdge(routeNode, destinationNode(clusters[i].describe(), missing), weight);
        }
        return;
    }
    for (const auto &[label, weight] : written) {
        addEdge(routeNode, destinationNode(label, {}),
                written.size() > 1 ? QStringLiteral("%1%").arg(weight) : QString());
    }
}

template <class Destinations>
std::vector<std::pair<QString, qint32>> writtenDestinations(const Destinations &destinations)
{
    std::vector<std::pair<QString, qint32>> result;
    for (const auto &entry : destinations) {
        if (!entry.destination)
            continue;
        const Istio::Destination &d = *entry.destination;
        QString label = d.host.value_or(QStringLiteral("?"));
        if (d.port && d.port->number)
            label += QLatin1Char(':') + QString::number(*d.port->number);
        if (d.subset)
            label += QLatin1Char('/') + *d.subset;
        result.emplace_back(label, entry.weight.value_or(0));
    }
    return result;
}

QString httpAction(const Istio::HTTPRoute &route)
{
    if (route.delegate)
        return QStringLiteral("delegate → %1").arg(route.delegate->name.value_or(QString()));
    if (route.redirect)
        return QStringLiteral("redirect %1%2")
            .arg(route.redirect->authority.value_or(QString()),
                 route.redirect->uri.value_or(QString()));
    if (route.directResponse)
        return QStringLiteral("direct response %1").arg(route.directResponse->status.value_or(0));
    return {};
}

QString matchSummary(std::size_t matches)
{
    return matches == 0 ? QStringLiteral("no match: catch-all")
                        : plural(matches, QStringLiteral("match block"));
}

QString stringMatchText(const Istio::StringMatch &match)
{
    if (match.exact)
        return *match.exact;
    if (match.prefix)
        return *match.prefix + QStringLiteral("*");
    if (match.regex)
        return QStringLiteral("~") + *match.regex;
    return QStringLiteral("any");
}

// One match block in a line ("GET /reviews* +1 header"); several are counted, as a route
// node has room for one line of it.
QString httpMatchSummary(const std::vector<Istio::HTTPMatchRequest> &matches)
{
    if (matches.size() != 1)
        return matchSummary(matches.size());
    const Istio::HTTPMatchRequest &match = matches.front();
    QStringList parts;
    if (match.method)
        parts << stringMatchText(*match.method);
    if (match.authority)
        parts << QStringLiteral("host ") + stringMatchText(*match.authority);
    if (match.uri)
        parts << stringMatchText(*match.uri);
    if (match.port)
        parts << QStringLiteral("port %1").arg(*match.port);
    const std::size_t headers = match.headers.size() + match.withoutHeaders.size();
    if (headers > 0)
        parts << QStringLiteral("+") + plural(headers, QStringLiteral("header"));
    if (!match.queryParams.empty())
        parts << QStringLiteral("+") +
                     plural(match.queryParams.size(), QStringLiteral("query param"));
    return parts.isEmpty() ? matchSummary(1) : parts.join(QLatin1Char(' '));
}

void Builder::addVirtualService(const Compile::Input<Istio::VirtualService> &input,
                                const QSet<QString> &gateways)
{
    const QString name = input.ref.qualifiedName();
    const Istio::VirtualServiceSpec &spec = input.resource.spec;
    Node node;
    node.id = QStringLiteral("virtualservice:") + name;
    node.kind = NodeKind::VirtualService;
    node.label = name;
    for (int h = 0; h < int(spec.hosts.size()) && h < MAX_HOST_LINES; ++h)
        node.details << spec.hosts[size_t(h)];
    if (int(spec.hosts.size()) > MAX_HOST_LINES)
        node.details << QStringLiteral("+%1 more").arg(spec.hosts.size() - MAX_HOST_LINES);
    bool bound = false;
    for (const auto &[server, vs] : m_compiled.serverToVs)
        bound = bound || vs == name;
    if (m_compiled.delegates.contains(name)) {
        node.details << QStringLiteral("delegate");
    } else if (!bound) {
        bool gatewayExists = false;
        for (const QString &reference : spec.gateways)
            gatewayExists =
                gatewayExists ||
                gateways.contains(Compile::resolveGatewayReference(reference, input.ref.nameSpace));
        node.state = NodeState::Unbound;
        node.stateReason =
            gatewayExists ? QStringLiteral("no server of its Gateways admits its hosts")
                          : QStringLiteral("it names no Gateway of the workspace (gateways: %1)")
                                .arg(spec.gateways.empty()
                                         ? QStringLiteral("mesh")
                                         : QStringList(spec.gateways.begin(), spec.gateways.end())
                                               .join(QStringLiteral(", ")));
    }
    node.source = source(input.ref, {});
    const int vsNode = addNode(std::move(node));

    for (std::size_t i = 0; i < spec.http.size(); ++i) {
        const Istio::HTTPRoute &route = spec.http[i];
        QStringList details{httpMatchSummary(route.match)};
        if (const QString action = httpAction(route); !action.isEmpty())
            details << action;
        addRoute(vsNode, name, QStringLiteral("http[%1]").arg(i), route.name.value_or(QString()),
                 details, writtenDestinations(route.route));
    }
    for (std::size_t i = 0; i < spec.tls.size(); ++i)
        addRoute(vsNode, name, QStringLiteral("tls[%1]").arg(i), {},
                 {matchSummary(spec.tls[i].match.size())}, writtenDestinations(spec.tls[i].route));
    for (std::size_t i = 0; i < spec.tcp.size(); ++i)
        addRoute(vsNode, name, QStringLiteral("tcp[%1]").arg(i), {},
                 {matchSummary(spec.tcp[i].match.size())}, writtenDestinations(spec.tcp[i].route));
}

// Server → VirtualService edges, after both ends exist, in the order the compiler bound them.
void Builder::connectServers()
{
    for (const auto &[server, vs] : m_compiled.serverToVs) {
        const int from = m_index.value(QStringLiteral("server:") + server, -1);
        const int to = m_index.value(QStringLiteral("virtualservice:") + vs, -1);
        if (from >= 0 && to >= 0)
            addEdge(from, to);
    }
}

} // namespace

Graph build(const Compile::Inputs &inputs, const Runtime::Config &config,
            const Project::Workspace *workspace)
{
    Builder builder(config, workspace);
    QSet<QString> gateways;
    for (const auto &gateway : inputs.gateways) {
        gateways.insert(gateway.ref.qualifiedName());
        builder.addGateway(gateway);
    }
    for (const auto &vs : inputs.virtualServices)
        builder.addVirtualService(vs, gateways);
    builder.connectServers();
    Graph graph = builder.take();
    layOut(graph);
    return graph;
}

Graph build(const Project::Workspace &workspace, const Compile::CompileOptions &options)
{
    const Compile::Inputs inputs = Compile::collectInputs(workspace, options.domainSuffix);
    const auto config = Compile::compile(inputs, options);
    return build(inputs, *config, &workspace);
}

SourceResource sourceResource(const Runtime::SourceRef &ref, const Project::Workspace *workspace,
                              const QString &fieldPath)
{
    SourceResource result{ref.kind, ref.nameSpace, ref.name, ref.file, ref.position, {}, fieldPath};
    if (!workspace)
        return result;
    // Resources generated from Gateway API objects are named as istiod names them but point at
    // their origin: for those, the document of that file that starts before that (1-based) line.
    int originLine = 0;
    for (const Project::DocumentRef &docRef : workspace->documents()) {
        const Project::Document &document = workspace->document(docRef);
        if (document.filePath() != ref.file)
            continue;
        if (document.kind() == ref.kind && document.nameSpace() == ref.nameSpace &&
            document.name() == ref.name) {
            result.document = docRef;
            return result;
        }
        if (document.startLine() < ref.position.line && document.startLine() >= originLine) {
            originLine = document.startLine();
            result.document = docRef;
        }
    }
    return result;
}

} // namespace Topology
