#include "formcontextbuilder.h"

#include "validation/analysisinput.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>
#include <yaml-cpp/yaml.h>

using namespace Istio;

namespace {

QString scalar(const YAML::Node &node)
{
    return node && node.IsScalar() ? QString::fromStdString(node.Scalar()) : QString();
}

QStringList sortedUnique(const QStringList &values)
{
    QStringList result = QSet<QString>(values.begin(), values.end()).values();
    result.removeAll(QString());
    result.sort();
    return result;
}

} // namespace

FormContext buildFormContext(const Project::Workspace &workspace,
                             const QStringList &environmentCredentials)
{
    FormContext context;
    QStringList hosts;
    QStringList credentials = environmentCredentials;
    for (const Project::DocumentRef ref : workspace.documents()) {
        const Project::Document &document = workspace.document(ref);
        const Resource &resource = document.resource();
        if (std::holds_alternative<Gateway>(resource)) {
            context.gateways << document.nameSpace() + QLatin1Char('/') + document.name();
        } else if (const auto *service = std::get_if<VirtualService>(&resource)) {
            for (const Validation::DestinationUse &use :
                 Validation::destinationsOf(service->spec)) {
                if (use.destination->host)
                    hosts << *use.destination->host;
            }
        } else if (const auto *rule = std::get_if<DestinationRule>(&resource)) {
            if (!rule->spec.host)
                continue;
            hosts << *rule->spec.host;
            QStringList &subsets = context.subsets[*rule->spec.host];
            for (const Subset &subset : rule->spec.subsets) {
                if (subset.name)
                    subsets << *subset.name;
            }
        } else if (document.kind() == QLatin1String("Service") && !document.name().isEmpty()) {
            hosts << QStringLiteral("%1.%2.svc.cluster.local")
                         .arg(document.name(), document.nameSpace());
        } else if (document.kind() == QLatin1String("Secret") && !document.name().isEmpty()) {
            const QString type = scalar(document.node()["type"]);
            // A credentialName needs a certificate and key: TLS secrets and generic ones.
            if (type.isEmpty() || type == QLatin1String("kubernetes.io/tls") ||
                type == QLatin1String("Opaque"))
                credentials << document.name();
        }
    }
    context.gateways = sortedUnique(context.gateways);
    context.hosts = sortedUnique(hosts);
    context.credentials = sortedUnique(credentials);
    for (QStringList &subsets : context.subsets)
        subsets = sortedUnique(subsets);
    if (!workspace.files().empty())
        context.certificateFolder = QFileInfo(workspace.files().front().path())
                                        .absoluteDir()
                                        .filePath(QStringLiteral("certs"));
    return context;
}
