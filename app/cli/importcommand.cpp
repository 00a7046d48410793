#include "importcommand.h"

#include "argumentparser.h"
#include "commandline.h"
#include "kube/importedresources.h"
#include "kube/kubectlrun.h"
#include "kubectlflags.h"
#include "tls/atomicfile.h"

#include <QDir>
#include <QFileInfo>

namespace Cli {
namespace {

int usageError(ConsoleStreams streams, const QString &message)
{
    streams.err << QStringLiteral("gatehouse import: %1\n\n").arg(message) << importHelp();
    return EXIT_USAGE;
}

// Writes every file or none: existing files are checked first, so a refusal leaves DIR as it
// was. Files with Secrets are readable by their owner only.
int writeFiles(const Kube::ImportResult &imported, const QString &directory, bool overwrite,
               ConsoleStreams streams)
{
    const QDir dir(directory);
    if (!overwrite) {
        QStringList existing;
        for (const Kube::ImportedFile &file : imported.files) {
            if (QFileInfo::exists(dir.filePath(file.fileName())))
                existing << dir.filePath(file.fileName());
        }
        if (!existing.isEmpty()) {
            streams.err << QStringLiteral("gatehouse import: nothing written; %1 already "
                                          "exist(s) (use --force to overwrite)\n")
                               .arg(existing.join(QStringLiteral(", ")));
            return EXIT_USAGE;
        }
    }
    if (!dir.mkpath(QStringLiteral("."))) {
        streams.err
            << QStringLiteral("gatehouse import: cannot create the folder %1\n").arg(directory);
        return EXIT_USAGE;
    }
    for (const Kube::ImportedFile &file : imported.files) {
        const QString path = dir.filePath(file.fileName());
        const bool secrets = file.holdsSecrets();
        QString error;
        if (!Tls::writeFileAtomically(
                path, file.text(), secrets ? Tls::FileAccess::OwnerOnly : Tls::FileAccess::Public,
                &error)) {
            streams.err << QStringLiteral("gatehouse import: %1\n").arg(error);
            return EXIT_USAGE;
        }
        streams.out << QStringLiteral("%1: %2 resource(s)\n").arg(path).arg(file.documents.size());
        if (secrets)
            streams.err << QStringLiteral("gatehouse import: warning: %1 holds Secrets with "
                                          "private keys; it is readable by you only, keep it "
                                          "private\n")
                               .arg(path);
    }
    return EXIT_OK;
}

} // namespace

QString importHelp()
{
    return QStringLiteral(
               "Usage: gatehouse import --context NAME (-n NAMESPACE | -A) -o DIR [--secrets]\n\n"
               "Reads the Istio Gateways, VirtualServices and DestinationRules of a cluster with\n"
               "your own kubectl and writes them into DIR, one file per namespace\n"
               "(DIR/<namespace>.yaml), ready to open, validate, serve and apply again.\n\n"
               "What the API server manages is left out: status and metadata.managedFields,\n"
               "resourceVersion, uid, creationTimestamp, generation, selfLink and the\n"
               "kubectl.kubernetes.io/last-applied-configuration annotation. Every other field\n"
               "is kept as the cluster returned it, unknown ones included.\n\n"
               "Refuses to replace an existing file unless --force is given; then each file is\n"
               "replaced whole or not at all.\n\n"
               "Exit status: 0 written (or nothing found); 2 on a usage error or a file that\n"
               "cannot be written; 3 when kubectl failed, was not found, timed out or printed\n"
               "something that is not a list of resources.\n\n"
               "Options:\n"
               "  -n, --namespace NAME  import one namespace\n"
               "  -A, --all-namespaces  import every namespace\n"
               "  -o, --output DIR      the folder to write into (created when missing)\n"
               "  --secrets             also import the Secrets that hold TLS credentials\n"
               "                        (kubernetes.io/tls, or tls.crt/tls.key, cert/key,\n"
               "                        ca.crt, cacert data); such files hold private keys and\n"
               "                        are written readable by you only\n"
               "  --force               replace files that already exist\n") +
           kubectlFlagsHelp() + QStringLiteral("  -h, --help            show this help\n");
}

int runImport(const QStringList &arguments, ConsoleStreams streams)
{
    QCommandLineParser parser;
    const KubectlFlags kubectl;
    const QCommandLineOption namespaceOption({QStringLiteral("n"), QStringLiteral("namespace")},
                                             QStringLiteral("Namespace."), QStringLiteral("NAME"));
    const QCommandLineOption allOption({QStringLiteral("A"), QStringLiteral("all-namespaces")},
                                       QStringLiteral("Every namespace."));
    const QCommandLineOption outputOption({QStringLiteral("o"), QStringLiteral("output")},
                                          QStringLiteral("Folder."), QStringLiteral("DIR"));
    const QCommandLineOption secretsOption(QStringLiteral("secrets"),
                                           QStringLiteral("Import TLS Secrets."));
    const QCommandLineOption forceOption(QStringLiteral("force"),
                                         QStringLiteral("Replace existing files."));
    parser.addOptions({namespaceOption, allOption, outputOption, secretsOption, forceOption});
    kubectl.addTo(parser);
    const ParseResult parsed =
        parseArguments(parser, QStringLiteral("import"), arguments, importHelp(), streams);
    if (parsed != ParseResult::Proceed)
        return exitCodeFor(parsed);

    if (!parser.positionalArguments().isEmpty())
        return usageError(
            streams,
            QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));
    // Named explicitly: an import should never read whichever cluster happens to be current.
    if (parser.value(kubectl.context).isEmpty())
        return usageError(streams, QStringLiteral("--context is required"));
    if (parser.isSet(namespaceOption) == parser.isSet(allOption))
        return usageError(streams, QStringLiteral("give one of -n NAMESPACE or -A"));
    if (parser.isSet(namespaceOption) && parser.value(namespaceOption).isEmpty())
        return usageError(streams, QStringLiteral("-n needs a namespace name"));
    if (parser.value(outputOption).isEmpty())
        return usageError(streams, QStringLiteral("-o DIR is required"));
    QString error;
    const std::optional<Kube::KubectlOptions> options = kubectl.read(parser, &error);
    if (!options)
        return usageError(streams, error);

    Kube::ResourceKinds kinds = Kube::ISTIO_KINDS;
    if (parser.isSet(secretsOption))
        kinds |= Kube::ResourceKind::Secrets;
    const Kube::NamespaceScope scope{parser.value(namespaceOption), parser.isSet(allOption)};
    const Kube::KubectlResult result = Kube::runKubectl(*options, Kube::getCommand(kinds, scope));
    writeRaw(streams.err, result.standardError);
    if (!result.succeeded())
        return reportKubectlFailure(QStringLiteral("import"), result, streams);

    const auto imported =
        Kube::importResources(result.standardOutput, {parser.isSet(secretsOption)}, &error);
    if (!imported) {
        streams.err << QStringLiteral("gatehouse import: %1; nothing written\n").arg(error);
        return EXIT_KUBECTL;
    }
    for (const QString &resource : imported->leftOut)
        streams.err << QStringLiteral("gatehouse import: left out %1\n").arg(resource);
    const QString where = scope.allNamespaces ? QStringLiteral("any namespace")
                                              : QStringLiteral("namespace %1").arg(scope.nameSpace);
    if (imported->files.isEmpty()) {
        streams.err << QStringLiteral("gatehouse import: no Gateways, VirtualServices or "
                                      "DestinationRules in %1 of context %2; nothing written\n")
                           .arg(where, options->context);
        return EXIT_OK;
    }
    const int written =
        writeFiles(*imported, parser.value(outputOption), parser.isSet(forceOption), streams);
    if (written != EXIT_OK)
        return written;
    streams.err << QStringLiteral("gatehouse import: %1 resource(s) from context %2 in %3 "
                                  "file(s)\n")
                       .arg(imported->resourceCount())
                       .arg(options->context)
                       .arg(imported->files.size());
    return EXIT_OK;
}

} // namespace Cli
