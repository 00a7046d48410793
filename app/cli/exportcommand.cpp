#include "exportcommand.h"

#include "argumentparser.h"
#include "commandline.h"
#include "core/diagnosticcodes.h"
#include "tls/atomicfile.h"
#include "tls/certificateauthority.h"
#include "tls/credentialsecrets.h"
#include "validation/validator.h"
#include "validationformat.h"
#include "workspace/apiversion.h"
#include "workspaceloader.h"

namespace Cli {
namespace {

// Appends a Secret document for every credential the cluster would miss (see
// Tls::missingCredentialSecrets) and names each on err, since each holds a private key. False,
// with the reasons on err, when one cannot be made.
bool appendCredentialSecrets(QByteArray &stream, const Project::Workspace &workspace,
                             const Environment::LocalEnvironment *environment,
                             const QString &caDirectory, ConsoleStreams streams)
{
    std::optional<Tls::CertificateAuthority> authority;
    const auto openAuthority = [&]() -> const Tls::CertificateAuthority * {
        QString error;
        authority = Tls::CertificateAuthority::openOrCreate(
            caDirectory.isEmpty() ? Tls::CertificateAuthority::defaultDirectory() : caDirectory,
            &error);
        if (!authority)
            streams.err
                << QStringLiteral("gatehouse export: the local development CA: %1\n").arg(error);
        return authority ? &*authority : nullptr;
    };
    const Tls::CredentialSecrets made =
        Tls::missingCredentialSecrets(workspace, environment, openAuthority);
    for (const Core::Diagnostic &diagnostic : made.errors)
        streams.err << findingText(diagnostic) << '\n';
    QByteArray documents;
    bool ok = made.errors.isEmpty();
    for (const Tls::CredentialSecret &secret : made.secrets) {
        QString error;
        const QByteArray manifest = Tls::tlsSecretManifest(secret.secret, &error);
        if (manifest.isEmpty()) {
            streams.err << QStringLiteral("gatehouse export: credential %1: %2\n")
                               .arg(secret.secret.name, error);
            ok = false;
            continue;
        }
        documents += "---\n" + manifest;
        streams.err << QStringLiteral("gatehouse export: warning: added Secret %1/%2 with a "
                                      "private key (%3); keep the output private\n")
                           .arg(secret.secret.nameSpace, secret.secret.name, secret.origin);
    }
    if (!ok) {
        streams.err << QStringLiteral("gatehouse export: nothing written; a Secret could not be "
                                      "made\n");
        return false;
    }
    stream += documents;
    return true;
}

} // namespace

QString exportHelp()
{
    return QStringLiteral(
        "Usage: gatehouse export PATH... [-o FILE] [--api-version VERSION]\n"
        "                        [--include-secrets [--env FILE]]\n\n"
        "Writes every resource of the given files and folders as one multi-document YAML\n"
        "stream, ready for `kubectl apply -f -`. Documents keep their text, comments and order;\n"
        "blank documents are left out.\n\n"
        "Validates first, as `gatehouse validate` does: refuses (exit 1, nothing written) when a\n"
        "document is not valid YAML, because kubectl would reject the whole stream, and when any\n"
        "finding is an error, unless --force is given.\n\n"
        "Never adds a private key unless --include-secrets is given: then every credentialName\n"
        "of a TLS-terminating server that has no Secret in the files gets a kubernetes.io/tls\n"
        "Secret, made as `gatehouse serve` makes it: from the local environment's credentials,\n"
        "else issued by the local development CA for the server's hosts. It goes to the\n"
        "namespace the gateway reads Secrets from: that of the gateway pods in the files, else\n"
        "istio-system. Each one is named on standard error. Secrets in the files pass through\n"
        "unchanged.\n\n"
        "--api-version gives every networking.istio.io resource that apiVersion (v1 needs\n"
        "Istio 1.22 or later; use v1beta1 for older clusters). Only the version changes; the\n"
        "schemas are identical. Kinds served in one version only (EnvoyFilter, ProxyConfig)\n"
        "keep theirs, with a note on standard error. Default: as the files say.\n\n"
        "Options:\n"
        "  -o, --output FILE   write to FILE (atomically) instead of standard output\n"
        "  --api-version V     v1, v1beta1 or v1alpha3 for networking.istio.io resources\n"
        "  --force             export despite validation errors (not despite broken YAML)\n"
        "  --include-secrets   add the Secrets the cluster would miss; the output then holds\n"
        "                      private keys\n"
        "  --env FILE          the local environment file (credentials for --include-secrets)\n"
        "  --ca-dir DIR        the local development CA's folder (default: $GATEHOUSE_CA_DIR,\n"
        "                      else <app data folder>/ca)\n"
        "  -h, --help          show this help\n");
}

int runExport(const QStringList &arguments, ConsoleStreams streams)
{
    QCommandLineParser parser;
    const QCommandLineOption outputOption({QStringLiteral("o"), QStringLiteral("output")},
                                          QStringLiteral("Output file."), QStringLiteral("FILE"));
    const QCommandLineOption forceOption(QStringLiteral("force"),
                                         QStringLiteral("Export despite validation errors."));
    const QCommandLineOption secretsOption(QStringLiteral("include-secrets"),
                                           QStringLiteral("Add missing Secrets."));
    const QCommandLineOption envOption(QStringLiteral("env"), QStringLiteral("Environment."),
                                       QStringLiteral("FILE"));
    const QCommandLineOption caDirOption(QStringLiteral("ca-dir"), QStringLiteral("CA folder."),
                                         QStringLiteral("DIR"));
    const QCommandLineOption apiVersionOption(QStringLiteral("api-version"),
                                              QStringLiteral("networking.istio.io version."),
                                              QStringLiteral("VERSION"));
    parser.addOptions(
        {outputOption, forceOption, secretsOption, envOption, caDirOption, apiVersionOption});
    const ParseResult parsed =
        parseArguments(parser, QStringLiteral("export"), arguments, exportHelp(), streams);
    if (parsed != ParseResult::Proceed)
        return exitCodeFor(parsed);
    const QStringList paths = parser.positionalArguments();
    if (paths.isEmpty()) {
        streams.err << QStringLiteral("gatehouse export: no PATH given\n\n") << exportHelp();
        return EXIT_USAGE;
    }

    const QString apiVersion = parser.value(apiVersionOption);
    if (parser.isSet(apiVersionOption) && !Project::isIstioNetworkingVersion(apiVersion)) {
        streams.err << QStringLiteral("gatehouse export: --api-version %1: expected v1, v1beta1 "
                                      "or v1alpha3\n\n")
                           .arg(apiVersion)
                    << exportHelp();
        return EXIT_USAGE;
    }

    std::optional<Environment::LocalEnvironment> environment;
    if (parser.isSet(envOption)) {
        environment = Environment::LocalEnvironment::load(parser.value(envOption));
        for (const Core::Diagnostic &diagnostic : environment->diagnostics()) {
            if (diagnostic.code == QLatin1String(Core::Codes::UNREADABLE_FILE)) {
                streams.err << QStringLiteral("gatehouse export: --env %1: %2\n\n")
                                   .arg(parser.value(envOption), diagnostic.message)
                            << exportHelp();
                return EXIT_USAGE;
            }
            streams.err << findingText(diagnostic) << '\n';
        }
    }

    Project::Workspace workspace;
    if (!loadPaths(workspace, paths, streams))
        return EXIT_USAGE;

    bool syntaxErrors = false;
    bool errors = false;
    for (const Core::Diagnostic &diagnostic : Validation::validate(workspace)) {
        if (diagnostic.level != Core::Level::Error)
            continue;
        const bool syntax = Core::isUnreadableInput(diagnostic);
        streams.err << findingText(diagnostic) << '\n';
        syntaxErrors |= syntax;
        errors = true;
    }
    if (syntaxErrors) {
        streams.err << QStringLiteral("gatehouse export: nothing written; fix the YAML first\n");
        return EXIT_FINDINGS;
    }
    if (errors && !parser.isSet(forceOption)) {
        streams.err << QStringLiteral("gatehouse export: nothing written; the cluster would "
                                      "reject or misapply this design (fix the errors, or use "
                                      "--force)\n");
        return EXIT_FINDINGS;
    }

    QStringList versionNotes;
    QByteArray stream = workspace.exportStream(apiVersion, &versionNotes);
    for (const QString &note : std::as_const(versionNotes))
        streams.err << QStringLiteral("gatehouse export: note: %1\n").arg(note);
    if (parser.isSet(secretsOption) &&
        !appendCredentialSecrets(stream, workspace, environment ? &*environment : nullptr,
                                 parser.value(caDirOption), streams))
        return EXIT_FINDINGS;
    if (!parser.isSet(outputOption)) {
        writeRaw(streams.out, stream);
        return EXIT_OK;
    }
    // With --include-secrets the stream may hold private keys: the file is then readable by
    // its owner only.
    const Tls::FileAccess access =
        parser.isSet(secretsOption) ? Tls::FileAccess::OwnerOnly : Tls::FileAccess::Public;
    QString error;
    if (!Tls::writeFileAtomically(parser.value(outputOption), stream, access, &error)) {
        streams.err << QStringLiteral("gatehouse export: %1\n").arg(error);
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

} // namespace Cli
