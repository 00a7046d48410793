#include "resourcetemplate.h"

#include "workspace.h"

namespace Project {
namespace {

QString baseName(Istio::ResourceKind kind)
{
    switch (kind) {
    case Istio::ResourceKind::Gateway:
        return QStringLiteral("new-gateway");
    case Istio::ResourceKind::VirtualService:
        return QStringLiteral("new-virtualservice");
    case Istio::ResourceKind::DestinationRule:
        return QStringLiteral("new-destinationrule");
    case Istio::ResourceKind::Other:
        break;
    }
    return QStringLiteral("new-resource");
}

QString uniqueName(const Workspace &workspace, Istio::ResourceKind kind, const QString &nameSpace)
{
    QStringList taken;
    for (const DocumentRef &ref : workspace.documentsOfKind(kind)) {
        const Document &document = workspace.document(ref);
        if (document.nameSpace() == nameSpace)
            taken << document.name();
    }
    const QString base = baseName(kind);
    QString name = base;
    for (int n = 2; taken.contains(name); ++n)
        name = QStringLiteral("%1-%2").arg(base).arg(n);
    return name;
}

// The first Gateway as a VirtualService names it, and its first host (without a namespace
// prefix), or empty strings when the workspace has no Gateway.
std::pair<QString, QString> firstGateway(const Workspace &workspace)
{
    for (const DocumentRef &ref : workspace.documentsOfKind(Istio::ResourceKind::Gateway)) {
        const Document &document = workspace.document(ref);
        if (document.name().isEmpty())
            continue;
        QString host;
        const auto &gateway = std::get<Istio::Gateway>(document.resource());
        for (const auto &server : gateway.spec.servers) {
            for (const QString &h : server.hosts) {
                const QString bare = h.section(QLatin1Char('/'), -1);
                if (!bare.isEmpty() && bare != QLatin1String("*") && host.isEmpty())
                    host = bare.startsWith(QLatin1String("*."))
                               ? QStringLiteral("www") + bare.mid(1)
                               : bare;
            }
        }
        return {document.nameSpace() + QLatin1Char('/') + document.name(), host};
    }
    return {};
}

} // namespace

NewResource resourceTemplate(const Workspace &workspace, Istio::ResourceKind kind,
                             const QString &nameSpace)
{
    const QString name = uniqueName(workspace, kind, nameSpace);
    QString text = QStringLiteral("apiVersion: networking.istio.io/v1\n");
    switch (kind) {
    case Istio::ResourceKind::Gateway:
        text += QStringLiteral("kind: Gateway\n"
                               "metadata:\n"
                               "  name: %1\n"
                               "  namespace: %2\n"
                               "spec:\n"
                               "  selector:\n"
                               "    istio: ingressgateway\n"
                               "  servers:\n"
                               "  - port:\n"
                               "      number: 80\n"
                               "      name: http\n"
                               "      protocol: HTTP\n"
                               "    hosts:\n"
                               "    - %1.example.com\n")
                    .arg(name, nameSpace);
        break;
    case Istio::ResourceKind::VirtualService: {
        const auto [gateway, gatewayHost] = firstGateway(workspace);
        const QString host =
            gatewayHost.isEmpty() ? name + QStringLiteral(".example.com") : gatewayHost;
        text += QStringLiteral("kind: VirtualService\n"
                               "metadata:\n"
                               "  name: %1\n"
                               "  namespace: %2\n"
                               "spec:\n"
                               "  hosts:\n"
                               "  - %3\n")
                    .arg(name, nameSpace, host);
        if (!gateway.isEmpty())
            text += QStringLiteral("  gateways:\n  - %1\n").arg(gateway);
        text += QStringLiteral("  http:\n"
                               "  - route:\n"
                               "    - destination:\n"
                               "        host: %1.%2.svc.cluster.local\n"
                               "        port:\n"
                               "          number: 80\n")
                    .arg(name, nameSpace);
        break;
    }
    case Istio::ResourceKind::DestinationRule:
        text += QStringLiteral("kind: DestinationRule\n"
                               "metadata:\n"
                               "  name: %1\n"
                               "  namespace: %2\n"
                               "spec:\n"
                               "  host: %1.%2.svc.cluster.local\n"
                               "  trafficPolicy:\n"
                               "    loadBalancer:\n"
                               "      simple: ROUND_ROBIN\n")
                    .arg(name, nameSpace);
        break;
    case Istio::ResourceKind::Other:
        break;
    }
    return {name, text.toUtf8()};
}

QByteArray withDocumentAppended(const QByteArray &fileBytes, const QByteArray &document)
{
    QByteArray out = fileBytes;
    if (!out.isEmpty() && !out.endsWith('\n'))
        out += '\n';
    if (!out.trimmed().isEmpty())
        out += "---\n";
    out += document;
    if (!out.endsWith('\n'))
        out += '\n';
    return out;
}

} // namespace Project
