#include "kubectlcommands.h"

namespace Kube {
namespace {

QString fieldManagerFlag()
{
    return QStringLiteral("--field-manager=") + QLatin1String(FIELD_MANAGER);
}

QStringList serverSideFlags(const ApplySettings &settings)
{
    QStringList flags{QStringLiteral("--server-side"), fieldManagerFlag()};
    if (settings.forceConflicts)
        flags << QStringLiteral("--force-conflicts");
    return flags;
}

QStringList namespaceFlags(const QString &nameSpace)
{
    if (nameSpace.isEmpty())
        return {};
    return {QStringLiteral("--namespace=") + nameSpace};
}

const QStringList STDIN_FLAGS = {QStringLiteral("-f"), QStringLiteral("-")};

} // namespace

QStringList commandLine(const KubectlOptions &options, const KubectlCommand &command)
{
    QStringList arguments = options.globalArguments();
    const QString requestTimeout = options.requestTimeout();
    if (command.contactsServer && !requestTimeout.isEmpty())
        arguments << QStringLiteral("--request-timeout=") + requestTimeout;
    return arguments + command.arguments;
}

KubectlCommand contextsCommand()
{
    KubectlCommand command;
    command.arguments = {QStringLiteral("config"), QStringLiteral("get-contexts"),
                         QStringLiteral("--output=name")};
    command.contactsServer = false;
    command.label = QStringLiteral("get contexts");
    return command;
}

KubectlCommand currentContextCommand()
{
    KubectlCommand command;
    command.arguments = {QStringLiteral("config"), QStringLiteral("current-context")};
    command.contactsServer = false;
    command.label = QStringLiteral("current context");
    return command;
}

KubectlCommand namespacesCommand()
{
    KubectlCommand command;
    command.arguments = {QStringLiteral("get"), QStringLiteral("namespaces"),
                         QStringLiteral("--output=name")};
    command.label = QStringLiteral("get namespaces");
    return command;
}

KubectlCommand applyCommand(const QByteArray &manifests, const ApplySettings &settings)
{
    KubectlCommand command;
    command.arguments = QStringList{QStringLiteral("apply")} + serverSideFlags(settings);
    if (settings.dryRun == DryRun::Server)
        command.arguments << QStringLiteral("--dry-run=server");
    command.arguments += namespaceFlags(settings.nameSpace);
    command.arguments += STDIN_FLAGS;
    command.input = manifests;
    command.label = QStringLiteral("apply");
    return command;
}

KubectlCommand diffCommand(const QByteArray &manifests, const ApplySettings &settings)
{
    KubectlCommand command;
    command.arguments = QStringList{QStringLiteral("diff")} + serverSideFlags(settings) +
                        namespaceFlags(settings.nameSpace) + STDIN_FLAGS;
    command.input = manifests;
    command.label = QStringLiteral("diff");
    return command;
}

KubectlCommand getCommand(ResourceKinds kinds, const NamespaceScope &scope)
{
    QStringList resources;
    if (kinds.testFlag(ResourceKind::Gateways))
        resources << QStringLiteral("gateways.networking.istio.io");
    if (kinds.testFlag(ResourceKind::VirtualServices))
        resources << QStringLiteral("virtualservices.networking.istio.io");
    if (kinds.testFlag(ResourceKind::DestinationRules))
        resources << QStringLiteral("destinationrules.networking.istio.io");
    if (kinds.testFlag(ResourceKind::Secrets))
        resources << QStringLiteral("secrets");
    Q_ASSERT(!resources.isEmpty());

    KubectlCommand command;
    command.arguments = {QStringLiteral("get"), resources.join(QLatin1Char(',')),
                         QStringLiteral("--output=yaml")};
    if (scope.allNamespaces)
        command.arguments << QStringLiteral("--all-namespaces");
    else
        command.arguments += namespaceFlags(scope.nameSpace);
    command.label = QStringLiteral("get");
    return command;
}

} // namespace Kube
