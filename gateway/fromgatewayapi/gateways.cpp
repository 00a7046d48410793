#include "gateways.h"

#include "core/diagnosticcodes.h"
#include "referencegrants.h"

#include <algorithm>

namespace FromGatewayApi {
namespace {

const QString GATEWAY_GROUP = QStringLiteral("gateway.networking.k8s.io");
const QString NAMESPACE_NAME_LABEL = QStringLiteral("kubernetes.io/metadata.name");
const QString TERMINATE_MODE_OPTION = QStringLiteral("gateway.istio.io/tls-terminate-mode");
const QString NAME_OVERRIDE_ANNOTATION = QStringLiteral("gateway.istio.io/name-override");
const QString SERVICE_ACCOUNT_ANNOTATION = QStringLiteral("gateway.istio.io/service-account");
const QStringList SUPPORTED_PROTOCOLS = {QStringLiteral("HTTP"), QStringLiteral("HTTPS"),
                                         QStringLiteral("TLS"), QStringLiteral("TCP")};

QString listenerPath(int index)
{
    return QStringLiteral("spec.listeners[%1]").arg(index);
}

QString kindKey(const QString &kind)
{
    return GATEWAY_GROUP + QLatin1Char('/') + kind;
}

// Which GatewayClass the Gateway names and whether istiod's controller handles it; the reason
// when it does not.
std::optional<QString> classProblem(const Inputs &inputs, const Options &options,
                                    const QString &className)
{
    for (const Read<GatewayClass> &gatewayClass : inputs.gatewayClasses) {
        if (gatewayClass.source.name != className)
            continue;
        const QString controller = gatewayClass.object.spec.controllerName.value_or(QString());
        if (controller == options.controllerName)
            return std::nullopt;
        return QStringLiteral("its GatewayClass \"%1\" belongs to controller \"%2\", not \"%3\"")
            .arg(className, controller, options.controllerName);
    }
    if (className == options.defaultGatewayClass)
        return std::nullopt; // istiod installs this class itself
    return QStringLiteral("its GatewayClass \"%1\" is not in the workspace and is not the "
                          "built-in \"%2\"")
        .arg(className, options.defaultGatewayClass);
}

bool selectorMatches(const LabelSelector &selector, const QHash<QString, QString> &labels)
{
    for (const auto &[key, value] : selector.matchLabels.entries) {
        if (labels.value(key, QString()) != value || !labels.contains(key))
            return false;
    }
    for (const LabelSelectorRequirement &requirement : selector.matchExpressions) {
        const QString key = requirement.key.value_or(QString());
        const bool present = labels.contains(key);
        const auto &values = requirement.values;
        const bool listed =
            present && std::find(values.begin(), values.end(), labels.value(key)) != values.end();
        switch (requirement.selectorOperator.value_or(SelectorOperator::In)) {
        case SelectorOperator::In:
            if (!listed)
                return false;
            break;
        case SelectorOperator::NotIn:
            if (listed)
                return false;
            break;
        case SelectorOperator::Exists:
            if (!present)
                return false;
            break;
        case SelectorOperator::DoesNotExist:
            if (present)
                return false;
            break;
        }
    }
    return true;
}

// Route kinds a listener of this protocol serves (istiod's generateSupportedKinds).
QStringList defaultKinds(const QString &protocol, bool passthrough)
{
    if (protocol == QLatin1String("HTTP") || protocol == QLatin1String("HTTPS"))
        return {kindKey(QStringLiteral("HTTPRoute")), kindKey(QStringLiteral("GRPCRoute"))};
    if (protocol == QLatin1String("TLS") && passthrough)
        return {kindKey(QStringLiteral("TLSRoute"))};
    return {kindKey(QStringLiteral("TCPRoute"))};
}

struct GatewayServices {
    QStringList services;
    QString serviceAccount;
};

// The Service(s) the Gateway is served through: istiod deploys <name>-<class> itself unless
// addresses name an existing Service by host name (a "manual deployment").
std::optional<GatewayServices> gatewayServices(const Read<Gateway> &gateway,
                                               const QString &className, const Options &options,
                                               Core::Diagnostics &out)
{
    const auto &addresses = gateway.object.spec.addresses;
    const auto isIp = [](const GatewayAddress &address) {
        return !address.type || *address.type == QLatin1String("IPAddress");
    };
    const QString &nameSpace = gateway.source.nameSpace;
    GatewayServices result;
    if (addresses.empty() || (addresses.size() == 1 && isIp(addresses.front()))) {
        const Istio::Labels &annotations = gateway.object.metadata.annotations;
        const QString defaultName = gateway.source.name + QLatin1Char('-') + className;
        const QString *override = annotations.value(NAME_OVERRIDE_ANNOTATION);
        const QString *account = annotations.value(SERVICE_ACCOUNT_ANNOTATION);
        result.services << options.serviceHost(override ? *override : defaultName, nameSpace);
        result.serviceAccount = account ? *account : defaultName;
        return result;
    }
    QStringList skipped;
    for (const GatewayAddress &address : addresses) {
        if (address.type && *address.type != QLatin1String("Hostname")) {
            skipped << address.value.value_or(QString());
            continue;
        }
        const QString value = address.value.value_or(QString());
        result.services << (value.contains(QLatin1Char('.'))
                                ? value
                                : options.serviceHost(value, nameSpace));
    }
    if (!skipped.isEmpty())
        out.append(makeNote(gateway.source, Core::Codes::GATEWAY_API_GATEWAY_NOT_HANDLED,
                            QStringLiteral("spec.addresses"),
                            QStringLiteral("with several addresses istiod uses only the "
                                           "Hostname ones; %1 ignored")
                                .arg(skipped.join(QStringLiteral(", ")))));
    if (result.services.isEmpty()) {
        out.append(makeNote(gateway.source, Core::Codes::GATEWAY_API_GATEWAY_NOT_HANDLED,
                            QStringLiteral("spec.addresses"),
                            QStringLiteral("no address names a Service (type Hostname), so "
                                           "istiod generates no configuration for this Gateway")));
        return std::nullopt;
    }
    return result;
}

// tls of an HTTPS or TLS listener → the server's TLS settings (istiod's buildTLS).
Istio::ServerTlsSettings listenerTls(const Read<Gateway> &gateway, const ListenerTls &tls,
                                     const QString &path, const ReferenceGrants &grants,
                                     Core::Diagnostics &out)
{
    Istio::ServerTlsSettings settings;
    const QString &nameSpace = gateway.source.nameSpace;
    if (tls.frontendValidation)
        out.append(makeNote(gateway.source, Core::Codes::GATEWAY_API_NOT_TRANSLATED,
                            path + QStringLiteral(".frontendValidation"),
                            QStringLiteral("client certificate validation (frontendValidation) "
                                           "is not translated; clients are not asked for "
                                           "certificates")));
    if (tls.mode.value_or(TlsMode::Terminate) == TlsMode::Passthrough) {
        settings.mode = Istio::ServerTlsMode::PASSTHROUGH;
        return settings;
    }
    settings.mode = Istio::ServerTlsMode::SIMPLE;
    if (const QString *mode = tls.options.value(TERMINATE_MODE_OPTION)) {
        if (*mode == QLatin1String("MUTUAL")) {
            settings.mode = Istio::ServerTlsMode::MUTUAL;
        } else if (*mode == QLatin1String("OPTIONAL_MUTUAL")) {
            settings.mode = Istio::ServerTlsMode::OPTIONAL_MUTUAL;
        } else if (*mode == QLatin1String("ISTIO_SIMPLE")) {
            settings.credentialName = QStringLiteral("builtin://");
            return settings;
        } else if (*mode == QLatin1String("ISTIO_MUTUAL")) {
            settings.mode = Istio::ServerTlsMode::ISTIO_MUTUAL;
            return settings;
        }
    }
    if (tls.certificateRefs.size() > 2) {
        out.append(makeNote(gateway.source, Core::Codes::GATEWAY_API_INVALID_LISTENER,
                            path + QStringLiteral(".certificateRefs"),
                            QStringLiteral("a listener takes at most 2 certificateRefs; istiod "
                                           "marks it invalid and serves it without certificate")));
        return settings;
    }
    QStringList credentials;
    for (std::size_t i = 0; i < tls.certificateRefs.size(); ++i) {
        const SecretObjectReference &ref = tls.certificateRefs[i];
        const QString refPath = QStringLiteral("%1.certificateRefs[%2]").arg(path).arg(i);
        const QString group = ref.group.value_or(QString());
        const QString kind = ref.kind.value_or(QStringLiteral("Secret"));
        const QString name = ref.name.value_or(QString());
        const QString secretNamespace = ref.nameSpace.value_or(nameSpace);
        if (!group.isEmpty() || kind != QLatin1String("Secret")) {
            out.append(makeNote(gateway.source, Core::Codes::GATEWAY_API_INVALID_LISTENER, refPath,
                                QStringLiteral("certificateRef %1/%2 is not a Secret; only "
                                               "Secrets hold listener certificates")
                                    .arg(group.isEmpty() ? QStringLiteral("core") : group, kind)));
            continue;
        }
        if (!grants.allows(QStringLiteral("Gateway"), nameSpace, QStringLiteral("Secret"),
                           secretNamespace, name)) {
            out.append(makeNote(gateway.source, Core::Codes::GATEWAY_API_INVALID_LISTENER, refPath,
                                QStringLiteral("certificateRef %1/%2 is not accessible to a "
                                               "Gateway in namespace %3: no ReferenceGrant in %1 "
                                               "allows it")
                                    .arg(secretNamespace, name, nameSpace)));
            continue;
        }
        credentials << QStringLiteral("kubernetes-gateway://%1/%2").arg(secretNamespace, name);
    }
    if (credentials.size() == 1)
        settings.credentialName = credentials.front();
    else if (credentials.size() == 2)
        settings.credentialNames = {credentials.at(0), credentials.at(1)};
    else
        out.append(makeNote(gateway.source, Core::Codes::GATEWAY_API_INVALID_LISTENER,
                            path + QStringLiteral(".certificateRefs"),
                            QStringLiteral("the listener terminates TLS but has no usable "
                                           "certificateRef; istiod marks it invalid")));
    return settings;
}

void noteGatewayLevelFields(const Read<Gateway> &gateway, Core::Diagnostics &out)
{
    const GatewaySpec &spec = gateway.object.spec;
    auto note = [&](const char *field, const QString &message, Core::Level level) {
        Core::Diagnostic diagnostic =
            makeNote(gateway.source, Core::Codes::GATEWAY_API_NOT_TRANSLATED,
                     QStringLiteral("spec.") + QLatin1String(field), message);
        diagnostic.level = level;
        out.append(diagnostic);
    };
    if (spec.infrastructure)
        note("infrastructure",
             QStringLiteral("infrastructure only shapes the deployed gateway (labels, "
                            "annotations, parameters); it does not change routing"),
             Core::Level::Info);
    if (spec.allowedListeners)
        note("allowedListeners",
             QStringLiteral("ListenerSets are not translated; only this Gateway's own listeners "
                            "are served"),
             Core::Level::Warning);
    if (spec.backendTLS)
        note("backendTLS",
             QStringLiteral("backendTLS (client certificate toward backends) is not translated"),
             Core::Level::Warning);
    if (spec.tls)
        note("tls", QStringLiteral("gateway-level tls settings are not translated"),
             Core::Level::Warning);
}

} // namespace

QStringList allowedNamespaces(const Inputs &inputs, const QString &gatewayNamespace,
                              const std::optional<AllowedRoutes> &allowed, bool *unresolved)
{
    if (unresolved)
        *unresolved = false;
    const std::optional<RouteNamespaces> &namespaces =
        allowed ? allowed->namespaces : std::optional<RouteNamespaces>();
    const NamespacesFrom from =
        namespaces ? namespaces->from.value_or(NamespacesFrom::Same) : NamespacesFrom::Same;
    switch (from) {
    case NamespacesFrom::Same:
        return {gatewayNamespace};
    case NamespacesFrom::All:
        return {QStringLiteral("*")};
    case NamespacesFrom::None:
        return {};
    case NamespacesFrom::Selector:
        break;
    }
    if (!namespaces->selector)
        return {QStringLiteral("*")}; // invalid per the schema; istiod admits everything
    if (!inputs.namespacesKnown) {
        if (unresolved)
            *unresolved = true;
        return {};
    }
    QStringList result;
    for (auto it = inputs.namespaces.constBegin(); it != inputs.namespaces.constEnd(); ++it) {
        QHash<QString, QString> labels = it.value();
        labels.insert(NAMESPACE_NAME_LABEL, it.key()); // set implicitly by Kubernetes
        if (selectorMatches(*namespaces->selector, labels))
            result << it.key();
    }
    result.sort();
    return result;
}

GatewayTranslation translateGateways(const Inputs &inputs, const ReferenceGrants &grants,
                                     const Options &options, Core::Diagnostics &out)
{
    GatewayTranslation result;
    for (const Read<Gateway> &gateway : inputs.gateways) {
        const SourceInfo &source = gateway.source;
        if (source.name.isEmpty())
            continue; // the reader reported the missing name
        const QString key = source.nameSpace + QLatin1Char('/') + source.name;
        const QString className = gateway.object.spec.gatewayClassName.value_or(QString());
        if (const std::optional<QString> problem = classProblem(inputs, options, className)) {
            result.parents.unhandled.insert(key, *problem);
            out.append(makeNote(
                source, Core::Codes::GATEWAY_API_GATEWAY_NOT_HANDLED,
                QStringLiteral("spec.gatewayClassName"),
                QStringLiteral("istiod does not translate this Gateway: %1").arg(*problem)));
            continue;
        }
        const std::optional<GatewayServices> services =
            gatewayServices(gateway, className, options, out);
        if (!services) {
            result.parents.unhandled.insert(key, QStringLiteral("its addresses name no Service"));
            continue;
        }
        noteGatewayLevelFields(gateway, out);

        std::vector<ListenerParent> &parents = result.parents.gateways[key];
        QSet<QString> listenerNames;
        const auto &listeners = gateway.object.spec.listeners;
        for (int i = 0; i < int(listeners.size()); ++i) {
            const Listener &listener = listeners[i];
            const QString path = listenerPath(i);
            auto reject = [&](const QString &field, const QString &message) {
                out.append(makeNote(source, Core::Codes::GATEWAY_API_INVALID_LISTENER,
                                    field.isEmpty() ? path : path + QLatin1Char('.') + field,
                                    message));
            };
            // A field the reader could not read holds its type's empty value.
            if (!listener.name || listener.name->isEmpty() || !listener.port ||
                *listener.port == 0 || !listener.protocol) {
                reject(QString(), QStringLiteral("the listener lacks a valid name, port or "
                                                 "protocol and is not translated"));
                continue;
            }
            if (listenerNames.contains(*listener.name)) {
                reject(QStringLiteral("name"),
                       QStringLiteral("listener name \"%1\" is used twice; the API server "
                                      "rejects the Gateway, this listener is not translated")
                           .arg(*listener.name));
                continue;
            }
            listenerNames.insert(*listener.name);
            const QString protocol = *listener.protocol;
            if (!SUPPORTED_PROTOCOLS.contains(protocol)) {
                reject(QStringLiteral("protocol"),
                       SUPPORTED_PROTOCOLS.contains(protocol.toUpper())
                           ? QStringLiteral("protocol \"%1\" is not supported; \"%2\" "
                                            "(upper-case) is")
                                 .arg(protocol, protocol.toUpper())
                           : QStringLiteral("protocol \"%1\" is not served by Istio's gateway "
                                            "(HTTP, HTTPS, TLS and TCP are); the listener is "
                                            "not translated")
                                 .arg(protocol));
                continue;
            }
            const bool needsTls =
                protocol == QLatin1String("HTTPS") || protocol == QLatin1String("TLS");
            if (needsTls && !listener.tls) {
                reject(QString(), QStringLiteral("a %1 listener needs tls settings; the API "
                                                 "server rejects it, so it is not translated")
                                      .arg(protocol));
                continue;
            }
            Istio::Server server;
            server.port =
                Istio::Port{*listener.port, Istio::enumFromName<Istio::Protocol>(protocol),
                            QStringLiteral("default"), std::nullopt};
            if (listener.tls && !needsTls)
                reject(QStringLiteral("tls"),
                       QStringLiteral("tls is only allowed on HTTPS and TLS listeners; it is "
                                      "ignored"));
            else if (listener.tls)
                server.tls =
                    listenerTls(gateway, *listener.tls, path + QStringLiteral(".tls"), grants, out);

            const QString hostname = listener.hostname.value_or(QStringLiteral("*"));
            bool unresolved = false;
            const QStringList namespaces =
                allowedNamespaces(inputs, source.nameSpace, listener.allowedRoutes, &unresolved);
            if (unresolved)
                out.append(makeNote(source, Core::Codes::GATEWAY_API_SELECTOR_UNRESOLVED,
                                    path + QStringLiteral(".allowedRoutes.namespaces.selector"),
                                    QStringLiteral("the namespace selector cannot be evaluated "
                                                   "without Namespace documents; the listener "
                                                   "admits no route")));
            for (const QString &nameSpace : namespaces)
                server.hosts.push_back(nameSpace + QLatin1Char('/') + hostname);
            if (server.hosts.empty())
                server.hosts.push_back(QStringLiteral("~/") + hostname); // matches no route

            const bool passthrough =
                server.tls && server.tls->mode == Istio::ServerTlsMode::PASSTHROUGH;
            ListenerParent parent;
            parent.gatewayNamespace = source.nameSpace;
            parent.gatewayName = source.name;
            parent.sectionName = *listener.name;
            parent.port = *listener.port;
            parent.protocol = protocol;
            parent.originalHostname = listener.hostname.value_or(QString());
            parent.allowedKinds = defaultKinds(protocol, passthrough);
            if (listener.allowedRoutes && !listener.allowedRoutes->kinds.empty()) {
                QStringList allowed;
                for (std::size_t k = 0; k < listener.allowedRoutes->kinds.size(); ++k) {
                    const RouteGroupKind &kind = listener.allowedRoutes->kinds[k];
                    const QString wanted = kind.group.value_or(GATEWAY_GROUP) + QLatin1Char('/') +
                                           kind.kind.value_or(QString());
                    if (parent.allowedKinds.contains(wanted))
                        allowed << wanted;
                    else
                        reject(QStringLiteral("allowedRoutes.kinds[%1]").arg(k),
                               QStringLiteral("%1 is not a route kind a %2 listener serves; no "
                                              "route of that kind attaches")
                                   .arg(wanted, protocol));
                }
                parent.allowedKinds = allowed;
            }
            const QString internal = source.name + QLatin1Char('~') +
                                     QLatin1String(GENERATED_NAME_MARK) + QLatin1Char('~') +
                                     *listener.name;
            parent.internalName = source.nameSpace + QLatin1Char('/') + internal;
            for (const QString &host : server.hosts)
                parent.hosts << host;

            TranslatedGateway translated;
            Istio::Gateway &istio = translated.gateway;
            istio.apiVersion = QStringLiteral("networking.istio.io/v1");
            istio.kind = QStringLiteral("Gateway");
            istio.metadata.name = internal;
            istio.metadata.nameSpace = source.nameSpace;
            // Sorted by key, as istiod prints them.
            istio.metadata.annotations.set(QStringLiteral("internal.istio.io/gateway-semantics"),
                                           QStringLiteral("gateway"));
            istio.metadata.annotations.set(QStringLiteral("internal.istio.io/gateway-service"),
                                           services->services.join(QLatin1Char(',')));
            istio.metadata.annotations.set(QStringLiteral("internal.istio.io/parents"),
                                           QStringLiteral("Gateway/%1/%2.%3")
                                               .arg(source.name, *listener.name, source.nameSpace));
            istio.metadata.annotations.set(QStringLiteral("internal.istio.io/service-account-name"),
                                           services->serviceAccount);
            istio.spec.servers.push_back(std::move(server));
            translated.origin = {
                QStringLiteral("Gateway"), source.nameSpace,        source.name, source.file,
                source.positionOf(path),   source.creationTimestamp};
            result.gateways.push_back(std::move(translated));
            parents.push_back(std::move(parent));
        }
        // istiod's isolation: on one port and protocol, a more specific listener hostname takes
        // its hosts away from the wildcard listeners of the same Gateway.
        for (ListenerParent &parent : parents) {
            for (const ListenerParent &other : parents) {
                if (&other == &parent || other.port != parent.port ||
                    other.protocol != parent.protocol ||
                    other.originalHostname == parent.originalHostname)
                    continue;
                if (!parent.bannedHostnames.contains(other.originalHostname))
                    parent.bannedHostnames << other.originalHostname;
            }
        }
    }
    return result;
}

} // namespace FromGatewayApi
