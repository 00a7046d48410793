#include "gatewayconverter.h"

#include "compile/hostnames.h"
#include "tls/secretlookup.h"
#include "validation/names.h"
#include "yamlnodes.h"

#include <QSet>
#include <map>

namespace ToGatewayApi {
namespace {

const QString GATEWAY_API_V1 = QStringLiteral("gateway.networking.k8s.io/v1");
const QString TERMINATE_MODE_OPTION = QStringLiteral("gateway.istio.io/tls-terminate-mode");
constexpr int MAX_LISTENERS = 64;

QString labelsText(const Istio::Labels &labels)
{
    QStringList parts;
    for (const auto &[key, value] : labels.entries)
        parts << key + QStringLiteral(": ") + value;
    return QLatin1Char('{') + parts.join(QStringLiteral(", ")) + QLatin1Char('}');
}

QString hostLabel(const QString &hostname)
{
    if (hostname.isEmpty())
        return QStringLiteral("any");
    if (hostname.startsWith(QLatin1String("*.")))
        return toDnsLabel(QStringLiteral("wildcard-") + hostname.mid(2), QStringLiteral("host"));
    return toDnsLabel(hostname, QStringLiteral("host"));
}

// The hosts of one server that become one listener: same hostname, namespaces merged.
struct HostGroup {
    QString hostname;
    QStringList rawHosts;
    bool anyNamespace = false;
    QStringList namespaces;
};

} // namespace

OutputObject GatewayConverter::convert(const Source &source, const Istio::Gateway &gateway)
{
    GatewayPlan plan;
    plan.source = source;
    plan.resource = &gateway;
    plan.nameSpace = source.id.nameSpace;
    plan.reference = source.id.nameSpace + QLatin1Char('/') + source.id.name;
    plan.name =
        m_context.claimObjectName(QStringLiteral("Gateway"), plan.nameSpace, source.id.name);
    plan.workloadNamespace = Tls::credentialNamespace(gateway.spec.selector, m_context.kube.pods);
    if (plan.name != source.id.name)
        m_context.report.add(Severity::Note, QStringLiteral("gateway-renamed"), source,
                             QStringLiteral("metadata.name"),
                             QStringLiteral("the Gateway is named \"%1\" (\"%2\" is not a valid "
                                            "Kubernetes object name or is taken)")
                                 .arg(plan.name, source.id.name),
                             QStringLiteral("routes refer to the new name"));
    m_context.report.add(
        Severity::Note, QStringLiteral("gateway-selector"), source, QStringLiteral("spec.selector"),
        gateway.spec.selector.empty()
            ? QStringLiteral("the Gateway selects no pods (it applied to every gateway workload)")
            : QStringLiteral("selector %1 picks existing gateway pods")
                  .arg(labelsText(gateway.spec.selector)),
        QStringLiteral("a Gateway of class %1 deploys its own proxy (Deployment and Service "
                       "%2-istio in %3) with a new address: point DNS or the load balancer "
                       "there, or use Istio's manual deployment mode (spec.addresses naming the "
                       "existing gateway Service)")
            .arg(m_context.options.gatewayClassName, plan.name, plan.nameSpace));

    m_listenerNodes.clear();
    for (int i = 0; i < int(gateway.spec.servers.size()); ++i)
        planServer(plan, i, gateway.spec.servers[i]);
    checkConflicts(plan);

    OutputObject object = makeOutputObject(GATEWAY_API_V1, QStringLiteral("Gateway"),
                                           plan.nameSpace, plan.name, source.id);
    YAML::Node node = object.node;
    if (!gateway.metadata.labels.empty()) {
        for (const auto &[key, value] : gateway.metadata.labels.entries)
            node["metadata"]["labels"][key.toStdString()] = Nodes::text(value);
    }
    node["spec"]["gatewayClassName"] = Nodes::text(m_context.options.gatewayClassName);
    YAML::Node listeners = Nodes::list();
    for (const YAML::Node &listener : m_listenerNodes)
        listeners.push_back(listener);
    node["spec"]["listeners"] = listeners;
    m_context.gateways.push_back(std::move(plan));
    return object;
}

void GatewayConverter::planServer(GatewayPlan &plan, int index, const Istio::Server &server)
{
    const QString path = QStringLiteral("spec.servers[%1]").arg(index);
    Context &c = m_context;
    const Source &source = plan.source;
    if (!server.port || !server.port->number || !server.port->protocol) {
        c.report.add(Severity::Lost, QStringLiteral("listener-unsupported"), source,
                     path + QStringLiteral(".port"),
                     QStringLiteral("the server has no complete port (number and protocol)"),
                     QStringLiteral("no listener is generated for it"));
        return;
    }
    const Istio::Protocol protocol = *server.port->protocol;
    const QString protocolName = Istio::enumName(protocol);
    if (server.bind)
        c.report.add(
            Severity::Lost, QStringLiteral("listener-bind"), source, path + QStringLiteral(".bind"),
            QStringLiteral("bind %1 (the address the server listens on)").arg(*server.bind),
            QStringLiteral("Gateway API listeners have no bind address; the listener "
                           "accepts connections on every address of the Gateway"));
    if (server.name)
        c.report.add(
            Severity::Note, QStringLiteral("server-name"), source, path + QStringLiteral(".name"),
            QStringLiteral("server name \"%1\" (used in Istio's statistics)").arg(*server.name),
            QStringLiteral("statistics are named after the listener instead"));
    if (server.defaultEndpoint)
        c.report.add(Severity::Note, QStringLiteral("server-default-endpoint"), source,
                     path + QStringLiteral(".defaultEndpoint"),
                     QStringLiteral("defaultEndpoint (not implemented by Istio)"),
                     QStringLiteral("nothing changes"));

    ListenerPlan base;
    base.port = *server.port->number;
    base.serverIndex = index;
    const Istio::ServerTlsMode mode =
        server.tls ? server.tls->effectiveMode() : Istio::ServerTlsMode::PASSTHROUGH;
    if (Istio::isPlaintextHttp(protocol) || protocol == Istio::Protocol::HTTP_PROXY) {
        base.protocol = QStringLiteral("HTTP");
        base.httpsRedirect = server.tls && server.tls->httpsRedirect.value_or(false);
    } else if (Istio::isTlsProtocol(protocol)) {
        if (mode == Istio::ServerTlsMode::AUTO_PASSTHROUGH) {
            c.report.add(Severity::Lost, QStringLiteral("listener-unsupported"), source,
                         path + QStringLiteral(".tls.mode"),
                         QStringLiteral("AUTO_PASSTHROUGH (multi-network routing on SNI)"),
                         QStringLiteral("no listener is generated for this server"));
            return;
        }
        base.terminate = mode != Istio::ServerTlsMode::PASSTHROUGH;
        // Gateway API passes TLS through only on TLS listeners; HTTPS means terminated.
        base.protocol = protocol == Istio::Protocol::HTTPS && base.terminate
                            ? QStringLiteral("HTTPS")
                            : QStringLiteral("TLS");
        if (!server.tls)
            c.report.add(Severity::ChangedBehaviour, QStringLiteral("listener-unsupported"), source,
                         path + QStringLiteral(".tls"),
                         QStringLiteral("%1 server without a tls block (Istio rejects it)")
                             .arg(protocolName),
                         QStringLiteral("converted as TLS passthrough"));
        else if (!server.tls->mode &&
                 (server.tls->credentialName || !server.tls->credentialNames.empty()))
            c.report.add(Severity::Note, QStringLiteral("tls-mode-defaulted"), source,
                         path + QStringLiteral(".tls.mode"),
                         QStringLiteral("tls.mode is unset, so Istio passes TLS through and "
                                        "ignores the credential"),
                         QStringLiteral("converted as passthrough, as Istio treats it; set mode "
                                        "SIMPLE to terminate TLS"));
    } else if (protocol == Istio::Protocol::UDP) {
        c.report.add(Severity::Lost, QStringLiteral("listener-unsupported"), source,
                     path + QStringLiteral(".port.protocol"),
                     QStringLiteral("UDP server (Istio's gateway does not serve UDP)"),
                     QStringLiteral("no listener is generated for it"));
        return;
    } else {
        base.protocol = QStringLiteral("TCP");
    }
    if (protocolName != base.protocol && protocol != Istio::Protocol::HTTPS)
        c.report.add(
            Severity::Note, QStringLiteral("listener-protocol"), source,
            path + QStringLiteral(".port.protocol"),
            QStringLiteral("protocol %1 becomes a %2 listener").arg(protocolName, base.protocol),
            protocol == Istio::Protocol::MONGO || protocol == Istio::Protocol::REDIS ||
                    protocol == Istio::Protocol::MYSQL
                ? QStringLiteral("Istio's protocol-specific filters (statistics) are "
                                 "not applied; the traffic is proxied as opaque TCP")
                : QStringLiteral("HTTP/1.1, HTTP/2 and gRPC are all served on an HTTP "
                                 "listener; gRPC could also use GRPCRoute"));

    const YAML::Node tls =
        (base.protocol == QLatin1String("HTTP") || base.protocol == QLatin1String("TCP"))
            ? YAML::Node()
            : tlsNode(plan, index, server, base.terminate);

    // One listener per distinct hostname; hosts that differ only by namespace merge.
    std::vector<HostGroup> groups;
    for (int h = 0; h < int(server.hosts.size()); ++h) {
        const QString &raw = server.hosts[h];
        const Compile::ServerHost parsed = Compile::parseServerHost(raw, plan.nameSpace);
        if (parsed.nameSpace == QLatin1String("~")) {
            c.report.add(Severity::Note, QStringLiteral("listener-hostname"), source,
                         path + QStringLiteral(".hosts[%1]").arg(h),
                         QStringLiteral("host %1 admits no namespace").arg(raw),
                         QStringLiteral("no listener is generated for it"));
            continue;
        }
        QString hostname = parsed.host == QLatin1String("*") ? QString() : parsed.host;
        if (!hostname.isEmpty() && Validation::Names::isIpAddress(hostname)) {
            c.report.add(Severity::ChangedBehaviour, QStringLiteral("listener-hostname-ip"), source,
                         path + QStringLiteral(".hosts[%1]").arg(h),
                         QStringLiteral("host %1 is an IP address, which a listener hostname "
                                        "cannot be")
                             .arg(parsed.host),
                         QStringLiteral("the listener has no hostname and accepts every host"));
            hostname.clear();
        }
        auto it = std::find_if(groups.begin(), groups.end(),
                               [&](const HostGroup &g) { return g.hostname == hostname; });
        if (it == groups.end()) {
            groups.push_back({hostname, {}, false, {}});
            it = groups.end() - 1;
        }
        it->rawHosts << raw;
        if (parsed.nameSpace == QLatin1String("*"))
            it->anyNamespace = true;
        else if (!it->namespaces.contains(parsed.nameSpace))
            it->namespaces << parsed.nameSpace;
    }

    const QString portLabel =
        toDnsLabel(server.port->name.value_or(QString()), base.protocol.toLower());
    for (const HostGroup &group : groups) {
        ListenerPlan listener = base;
        listener.hostname = group.hostname;
        if (group.anyNamespace) {
            listener.from = ListenerPlan::From::All;
        } else if (group.namespaces == QStringList{plan.nameSpace}) {
            listener.from = ListenerPlan::From::Same;
        } else {
            listener.from = ListenerPlan::From::Selector;
            listener.namespaces = group.namespaces;
            listener.namespaces.sort();
        }
        const QString wanted =
            groups.size() == 1
                ? portLabel
                : toDnsLabel(portLabel + QLatin1Char('-') + hostLabel(group.hostname), portLabel);
        listener.name = m_listenerNames.claim(plan.reference, wanted);
        m_listenerNodes.push_back(listenerNode(listener, tls));
        plan.listeners.push_back(std::move(listener));
    }
}

YAML::Node GatewayConverter::listenerNode(const ListenerPlan &listener, const YAML::Node &tls) const
{
    YAML::Node node = Nodes::map();
    node["name"] = Nodes::text(listener.name);
    if (!listener.hostname.isEmpty())
        node["hostname"] = Nodes::text(listener.hostname);
    node["port"] = Nodes::number(listener.port);
    node["protocol"] = Nodes::text(listener.protocol);
    if (Nodes::isSet(tls))
        node["tls"] = YAML::Clone(tls);
    YAML::Node namespaces = Nodes::map();
    switch (listener.from) {
    case ListenerPlan::From::All:
        namespaces["from"] = Nodes::text(QStringLiteral("All"));
        break;
    case ListenerPlan::From::Same:
        namespaces["from"] = Nodes::text(QStringLiteral("Same"));
        break;
    case ListenerPlan::From::Selector: {
        namespaces["from"] = Nodes::text(QStringLiteral("Selector"));
        const std::string key = "kubernetes.io/metadata.name";
        if (listener.namespaces.size() == 1) {
            namespaces["selector"]["matchLabels"][key] = Nodes::text(listener.namespaces.front());
        } else {
            YAML::Node expression = Nodes::map();
            expression["key"] = Nodes::text(QString::fromStdString(key));
            expression["operator"] = Nodes::text(QStringLiteral("In"));
            expression["values"] = Nodes::textList(listener.namespaces);
            namespaces["selector"]["matchExpressions"].push_back(expression);
        }
        break;
    }
    }
    node["allowedRoutes"]["namespaces"] = namespaces;
    return node;
}

YAML::Node GatewayConverter::tlsNode(const GatewayPlan &plan, int index,
                                     const Istio::Server &server, bool terminate)
{
    const QString path = QStringLiteral("spec.servers[%1].tls").arg(index);
    Context &c = m_context;
    YAML::Node node = Nodes::map();
    node["mode"] =
        Nodes::text(terminate ? QStringLiteral("Terminate") : QStringLiteral("Passthrough"));
    if (!terminate || !server.tls)
        return node;
    const Istio::ServerTlsSettings &tls = *server.tls;
    const Istio::ServerTlsMode mode = tls.effectiveMode();

    YAML::Node refs = Nodes::list();
    const auto addRef = [&](const QString &written) {
        const Tls::SecretName secret = Tls::parseCredentialName(written, plan.workloadNamespace);
        YAML::Node ref = Nodes::map();
        ref["name"] = Nodes::text(secret.name);
        if (secret.nameSpace != plan.nameSpace) {
            ref["namespace"] = Nodes::text(secret.nameSpace);
            c.grants.record(QStringLiteral("Gateway"), plan.nameSpace, QStringLiteral("Secret"),
                            secret.nameSpace, secret.name);
        }
        refs.push_back(ref);
    };
    if (tls.credentialName)
        addRef(*tls.credentialName);
    for (const QString &name : tls.credentialNames)
        addRef(name);
    const bool fileCertificates =
        tls.serverCertificate || tls.privateKey || !tls.tlsCertificates.empty();
    if (refs.size() == 0 && fileCertificates) {
        // A Secret the user creates from the files; named so it is easy to find.
        const QString secret = toDnsSubdomain(
            QStringLiteral("%1-%2-cert").arg(plan.name, server.port->name.value_or(QString())),
            QStringLiteral("gateway-cert"));
        YAML::Node ref = Nodes::map();
        ref["name"] = Nodes::text(secret);
        refs.push_back(ref);
        const QString certificate = tls.serverCertificate.value_or(
            tls.tlsCertificates.empty()
                ? QString()
                : tls.tlsCertificates.front().serverCertificate.value_or(QString()));
        const QString key = tls.privateKey.value_or(
            tls.tlsCertificates.empty()
                ? QString()
                : tls.tlsCertificates.front().privateKey.value_or(QString()));
        c.report.add(Severity::Lost, QStringLiteral("tls-file-certificate"), plan.source,
                     tls.serverCertificate ? path + QStringLiteral(".serverCertificate")
                                           : path + QStringLiteral(".tlsCertificates"),
                     QStringLiteral("certificate and key from files on the gateway pods (%1, %2)")
                         .arg(certificate, key),
                     QStringLiteral("listeners take certificates from Secrets only; the listener "
                                    "refers to Secret %1/%2, create it with kubectl create secret "
                                    "tls %2 -n %1 --cert=<certificate> --key=<key>")
                         .arg(plan.nameSpace, secret));
    }
    if (refs.size() > 0)
        node["certificateRefs"] = refs;

    const bool mutual = mode == Istio::ServerTlsMode::MUTUAL ||
                        mode == Istio::ServerTlsMode::OPTIONAL_MUTUAL ||
                        mode == Istio::ServerTlsMode::ISTIO_MUTUAL;
    if (mutual && c.options.istioExtensions) {
        node["options"][TERMINATE_MODE_OPTION.toStdString()] = Nodes::text(Istio::enumName(mode));
        c.report.add(Severity::Note, QStringLiteral("tls-client-verification"), plan.source,
                     path + QStringLiteral(".mode"),
                     QStringLiteral("%1 client-certificate verification is kept through the "
                                    "Istio-specific listener option %2")
                         .arg(Istio::enumName(mode), TERMINATE_MODE_OPTION),
                     mode == Istio::ServerTlsMode::ISTIO_MUTUAL
                         ? QStringLiteral("core Gateway API has no client verification; other "
                                          "implementations would ignore the option")
                         : QStringLiteral("core Gateway API has no client verification; Istio "
                                          "reads the client CA from the certificate Secret as "
                                          "before (OPTIONAL_MUTUAL needs a recent Istio "
                                          "release)"));
    } else if (mode != Istio::ServerTlsMode::SIMPLE) {
        c.report.add(
            Severity::Lost, QStringLiteral("tls-client-verification"), plan.source,
            path + QStringLiteral(".mode"),
            QStringLiteral("%1: client certificates are %2")
                .arg(Istio::enumName(mode), mode == Istio::ServerTlsMode::OPTIONAL_MUTUAL
                                                ? QStringLiteral("requested and verified when sent")
                                                : QStringLiteral("required and verified")),
            QStringLiteral("Gateway API has no client verification in core: the "
                           "listener terminates TLS without asking for a client "
                           "certificate"));
    }
    reportTlsSettings(plan, path, tls);
    return node;
}

void GatewayConverter::reportTlsSettings(const GatewayPlan &plan, const QString &path,
                                         const Istio::ServerTlsSettings &tls)
{
    QStringList lost;
    const auto note = [&](bool present, const char *field) {
        if (present)
            lost << QString::fromLatin1(field);
    };
    note(tls.caCertificates.has_value(), "caCertificates");
    note(tls.caCrl.has_value(), "caCrl");
    note(tls.caCertCredentialName.has_value(), "caCertCredentialName");
    note(!tls.subjectAltNames.empty(), "subjectAltNames");
    note(!tls.verifyCertificateSpki.empty(), "verifyCertificateSpki");
    note(!tls.verifyCertificateHash.empty(), "verifyCertificateHash");
    note(tls.minProtocolVersion.has_value(), "minProtocolVersion");
    note(tls.maxProtocolVersion.has_value(), "maxProtocolVersion");
    note(!tls.cipherSuites.empty(), "cipherSuites");
    note(!tls.ecdhCurves.empty(), "ecdhCurves");
    note(tls.insecureSkipVerify.has_value(), "insecureSkipVerify");
    for (const QString &field : std::as_const(lost))
        m_context.report.add(Severity::Lost, QStringLiteral("tls-setting"), plan.source,
                             path + QLatin1Char('.') + field,
                             QStringLiteral("TLS setting %1").arg(field),
                             QStringLiteral("Gateway API listeners have no such setting; Istio's "
                                            "defaults apply (TLS 1.2 and up, its default "
                                            "ciphers, no extra client checks)"));
}

void GatewayConverter::checkConflicts(const GatewayPlan &plan)
{
    Context &c = m_context;
    if (int(plan.listeners.size()) > MAX_LISTENERS)
        c.report.add(Severity::Lost, QStringLiteral("listener-limit"), plan.source,
                     QStringLiteral("spec.servers"),
                     QStringLiteral("%1 listeners; a Gateway may have at most %2")
                         .arg(plan.listeners.size())
                         .arg(MAX_LISTENERS),
                     QStringLiteral("the API server rejects the Gateway; split the servers over "
                                    "several Istio Gateways before converting"));
    std::map<quint32, QSet<QString>> protocolsByPort;
    for (std::size_t i = 0; i < plan.listeners.size(); ++i) {
        const ListenerPlan &a = plan.listeners[i];
        protocolsByPort[a.port].insert(a.protocol);
        for (std::size_t j = 0; j < i; ++j) {
            const ListenerPlan &b = plan.listeners[j];
            if (a.port != b.port || a.protocol != b.protocol || a.hostname != b.hostname)
                continue;
            c.report.add(Severity::ChangedBehaviour, QStringLiteral("listener-conflict"),
                         plan.source, QStringLiteral("spec.servers[%1]").arg(a.serverIndex),
                         QStringLiteral("listeners %1 and %2 both serve %3 on port %4")
                             .arg(b.name, a.name,
                                  a.hostname.isEmpty() ? QStringLiteral("every host") : a.hostname)
                             .arg(a.port),
                         QStringLiteral("Gateway API marks them Conflicted and serves neither; "
                                        "Istio kept the first server"));
            break;
        }
    }
    for (const auto &[port, protocols] : protocolsByPort) {
        const bool plaintext =
            protocols.contains(QStringLiteral("HTTP")) || protocols.contains(QStringLiteral("TCP"));
        if (protocols.size() > 1 && (plaintext || protocols.size() > 2))
            c.report.add(Severity::ChangedBehaviour, QStringLiteral("listener-conflict"),
                         plan.source, QStringLiteral("spec.servers"),
                         QStringLiteral("port %1 carries listeners of protocols %2")
                             .arg(port)
                             .arg(QStringList(protocols.values()).join(QStringLiteral(", "))),
                         QStringLiteral("Gateway API reports a protocol conflict for the port; "
                                        "give the servers different ports"));
    }
}

std::vector<OutputObject> GatewayConverter::httpsRedirectRoutes(const GatewayPlan &plan)
{
    std::vector<OutputObject> routes;
    std::map<int, std::vector<const ListenerPlan *>> byServer;
    for (const ListenerPlan &listener : plan.listeners) {
        if (listener.httpsRedirect)
            byServer[listener.serverIndex].push_back(&listener);
    }
    for (const auto &[serverIndex, listeners] : byServer) {
        const Istio::Server &server = plan.resource->spec.servers[serverIndex];
        const QString kind = QStringLiteral("HTTPRoute");
        OutputObject route = makeOutputObject(
            GATEWAY_API_V1, kind, plan.nameSpace,
            m_context.claimObjectName(
                kind, plan.nameSpace,
                QStringLiteral("%1-%2-https-redirect")
                    .arg(plan.name, toDnsLabel(server.port->name.value_or(QString()),
                                               QStringLiteral("http")))),
            plan.source.id);
        YAML::Node node = route.node;
        YAML::Node parents = Nodes::list();
        for (const ListenerPlan *listener : listeners) {
            YAML::Node parent = Nodes::map();
            parent["name"] = Nodes::text(plan.name);
            parent["sectionName"] = Nodes::text(listener->name);
            parents.push_back(parent);
        }
        node["spec"]["parentRefs"] = parents;
        YAML::Node filter = Nodes::map();
        filter["type"] = Nodes::text(QStringLiteral("RequestRedirect"));
        filter["requestRedirect"]["scheme"] = Nodes::text(QStringLiteral("https"));
        filter["requestRedirect"]["statusCode"] = Nodes::number(301);
        YAML::Node rule = Nodes::map();
        rule["filters"].push_back(filter);
        node["spec"]["rules"].push_back(rule);
        routes.push_back(std::move(route));
        m_context.report.add(
            Severity::Note, QStringLiteral("https-redirect"), plan.source,
            QStringLiteral("spec.servers[%1].tls.httpsRedirect").arg(serverIndex),
            QStringLiteral("httpsRedirect on port %1 becomes HTTPRoute %2/%3 (RequestRedirect to "
                           "https, 301)")
                .arg(server.port->number.value_or(0))
                .arg(plan.nameSpace, routes.back().name),
            QStringLiteral("VirtualServices bound to this server are attached to the Gateway's "
                           "other listeners only, as Istio never routed them here; the Location "
                           "uses port 443 where Istio kept a port written in the Host header"));
    }
    return routes;
}

} // namespace ToGatewayApi
