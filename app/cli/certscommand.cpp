#include "certscommand.h"

#include "argumentparser.h"
#include "commandline.h"
#include "core/diagnosticcodes.h"
#include "tls/atomicfile.h"
#include "tls/certificateauthority.h"
#include "tls/certificatechecks.h"
#include "tls/certificateinfo.h"
#include "tls/tlssecret.h"
#include "validationformat.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace Cli {
namespace {

QString dateText(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

// One subcommand's parse: --ca-dir and --help for all, plus its own options.
struct SubcommandParse {
    QCommandLineParser parser;
    QCommandLineOption caDir{QStringLiteral("ca-dir"), QStringLiteral("CA folder."),
                             QStringLiteral("DIR")};
    QString name; // "issue"
    ConsoleStreams streams;

    SubcommandParse(const QString &subcommand, ConsoleStreams consoleStreams)
        : name(subcommand), streams(consoleStreams)
    {
        parser.addOption(caDir);
    }

    std::optional<int> parse(const QStringList &arguments)
    {
        const ParseResult parsed = parseArguments(parser, QStringLiteral("certs ") + name,
                                                  arguments, certsHelp(), streams);
        if (parsed != ParseResult::Proceed)
            return exitCodeFor(parsed);
        return std::nullopt;
    }

    QString caDirectory() const
    {
        return parser.isSet(caDir) ? parser.value(caDir)
                                   : Tls::CertificateAuthority::defaultDirectory();
    }

    int usageError(const QString &message) const
    {
        streams.err << QStringLiteral("gatehouse certs %1: %2\n\n").arg(name, message)
                    << certsHelp();
        return EXIT_USAGE;
    }

    int failure(const QString &message, int exitCode) const
    {
        streams.err << QStringLiteral("gatehouse certs %1: %2\n").arg(name, message);
        return exitCode;
    }

    // A file the user named; nullopt after reporting it (an I/O error: exit 2).
    std::optional<QByteArray> read(const QString &path) const
    {
        QFile file(path);
        if (!QFileInfo(path).isFile() || !file.open(QIODevice::ReadOnly)) {
            failure(QStringLiteral("cannot read %1: %2")
                        .arg(path, QFileInfo::exists(path) ? file.errorString()
                                                           : QStringLiteral("no such file")),
                    EXIT_USAGE);
            return std::nullopt;
        }
        return file.readAll();
    }

    std::optional<Tls::CertificateAuthority> openCa() const
    {
        QString error;
        std::optional<Tls::CertificateAuthority> ca =
            Tls::CertificateAuthority::openOrCreate(caDirectory(), &error);
        if (!ca)
            failure(error, EXIT_USAGE);
        else if (ca->wasCreated())
            streams.out
                << QStringLiteral("created the local development CA in %1\n").arg(ca->directory());
        return ca;
    }
};

void printCertificate(QTextStream &out, const Tls::CertificateInfo &info, const QString &indent)
{
    auto row = [&](const char *label, const QString &value) {
        out << indent << QString::fromLatin1(label).leftJustified(14) << value << '\n';
    };
    auto list = [](const QStringList &values) {
        return values.isEmpty() ? QStringLiteral("-") : values.join(QStringLiteral(", "));
    };
    row("Subject:", info.subject);
    row("Issuer:", info.issuer);
    row("Serial:", info.serialHex);
    row("Valid:",
        QStringLiteral("%1 to %2").arg(dateText(info.notBefore), dateText(info.notAfter)));
    row("DNS names:", list(info.dnsNames));
    row("IP addresses:", list(info.ipAddresses));
    row("URIs:", list(info.uris));
    row("Key:", info.keyDescription);
    row("CA:", info.isCa ? QStringLiteral("yes") : QStringLiteral("no"));
    row("SHA-256:", info.sha256Fingerprint);
    row("SPKI SHA-256:", info.spkiSha256Base64);
}

// "*.example.com" → "_wildcard.example.com": a file name without a shell glob in it.
QString fileStem(const QString &name)
{
    QString stem = name.trimmed().toLower();
    stem.replace(QLatin1Char('*'), QStringLiteral("_wildcard"));
    stem.replace(QLatin1Char('/'), QLatin1Char('_'));
    return stem;
}

int writeIssued(const SubcommandParse &command, const QString &directory, const QString &stem,
                const Tls::IssuedCertificate &issued, const QString &what)
{
    if (!QDir().mkpath(directory))
        return command.failure(QStringLiteral("cannot create %1").arg(directory), EXIT_USAGE);
    const QString certificatePath = QDir(directory).filePath(stem + QStringLiteral(".crt"));
    const QString keyPath = QDir(directory).filePath(stem + QStringLiteral(".key"));
    QString error;
    if (!Tls::writeFileAtomically(certificatePath, issued.certificatePem, Tls::FileAccess::Public,
                                  &error) ||
        !Tls::writeFileAtomically(keyPath, issued.privateKeyPem, Tls::FileAccess::OwnerOnly,
                                  &error))
        return command.failure(error, EXIT_USAGE);
    const std::vector<Tls::CertificateInfo> chain =
        Tls::inspectCertificates(issued.certificatePem, nullptr);
    QStringList names = chain.front().dnsNames + chain.front().ipAddresses;
    command.streams.out << QStringLiteral("wrote %1 (%2 for %3, valid until %4; the local CA's "
                                          "certificate follows it)\n"
                                          "wrote %5 (its private key, readable by you only)\n")
                               .arg(certificatePath, what, names.join(QStringLiteral(", ")),
                                    dateText(chain.front().notAfter), keyPath);
    return EXIT_OK;
}

int runCa(const QStringList &arguments, ConsoleStreams streams)
{
    SubcommandParse command(QStringLiteral("ca"), streams);
    const QCommandLineOption exportOption(QStringLiteral("export"), QStringLiteral("Export."),
                                          QStringLiteral("FILE"));
    command.parser.addOption(exportOption);
    if (const auto exit = command.parse(arguments))
        return *exit;
    if (!command.parser.positionalArguments().isEmpty())
        return command.usageError(QStringLiteral("unexpected argument \"%1\"")
                                      .arg(command.parser.positionalArguments().front()));
    const auto ca = command.openCa();
    if (!ca)
        return EXIT_USAGE;
    const std::vector<Tls::CertificateInfo> infos =
        Tls::inspectCertificates(ca->certificatePem(), nullptr);
    streams.out << QStringLiteral("Certificate:  %1\n").arg(ca->certificatePath());
    printCertificate(streams.out, infos.front(), QString());
    if (command.parser.isSet(exportOption)) {
        const QString target = command.parser.value(exportOption);
        QString error;
        if (!Tls::writeFileAtomically(target, ca->certificatePem(), Tls::FileAccess::Public,
                                      &error))
            return command.failure(error, EXIT_USAGE);
        streams.out << QStringLiteral("wrote %1\n").arg(target);
    }
    streams.out << QStringLiteral("Trust it to reach the local gateway over HTTPS, e.g. curl "
                                  "--cacert %1 https://HOST:8443/\n")
                       .arg(command.parser.isSet(exportOption) ? command.parser.value(exportOption)
                                                               : ca->certificatePath());
    return EXIT_OK;
}

int runIssue(const QStringList &arguments, ConsoleStreams streams, bool client)
{
    SubcommandParse command(client ? QStringLiteral("client") : QStringLiteral("issue"), streams);
    const QCommandLineOption outputOption({QStringLiteral("o"), QStringLiteral("output")},
                                          QStringLiteral("Folder."), QStringLiteral("DIR"),
                                          QStringLiteral("."));
    command.parser.addOption(outputOption);
    if (const auto exit = command.parse(arguments))
        return *exit;
    const QStringList names = command.parser.positionalArguments();
    if (names.isEmpty())
        return command.usageError(client ? QStringLiteral("no NAME given")
                                         : QStringLiteral("no HOST given"));
    if (client && names.size() > 1)
        return command.usageError(QStringLiteral("client takes one NAME"));
    const auto ca = command.openCa();
    if (!ca)
        return EXIT_USAGE;
    QString error;
    const std::optional<Tls::IssuedCertificate> issued =
        client ? ca->issueClient(names.front(), &error) : ca->issueServer(names, &error);
    if (!issued)
        return command.failure(error, EXIT_USAGE);
    return writeIssued(
        command, command.parser.value(outputOption), fileStem(names.front()), *issued,
        client ? QStringLiteral("a client certificate") : QStringLiteral("a server certificate"));
}

int runInspect(const QStringList &arguments, ConsoleStreams streams)
{
    SubcommandParse command(QStringLiteral("inspect"), streams);
    const QCommandLineOption keyOption(QStringLiteral("key"), QStringLiteral("Key."),
                                       QStringLiteral("FILE"));
    const QCommandLineOption caOption(QStringLiteral("ca"), QStringLiteral("CA."),
                                      QStringLiteral("FILE"));
    const QCommandLineOption hostOption(QStringLiteral("host"), QStringLiteral("Host."),
                                        QStringLiteral("HOST"));
    command.parser.addOptions({keyOption, caOption, hostOption});
    if (const auto exit = command.parse(arguments))
        return *exit;
    const QStringList files = command.parser.positionalArguments();
    if (files.size() != 1)
        return command.usageError(files.isEmpty() ? QStringLiteral("no FILE given")
                                                  : QStringLiteral("inspect takes one FILE"));
    Tls::ServerCertificateCheck check;
    // The findings name the file as their location; the messages need not repeat it.
    check.hosts = command.parser.values(hostOption);
    const auto certificate = command.read(files.front());
    if (!certificate)
        return EXIT_USAGE;
    check.certificateChainPem = *certificate;
    for (const auto &[option, target] :
         {std::pair{&keyOption, &check.privateKeyPem}, std::pair{&caOption, &check.caPem}}) {
        if (!command.parser.isSet(*option))
            continue;
        const auto bytes = command.read(command.parser.value(*option));
        if (!bytes)
            return EXIT_USAGE;
        *target = *bytes;
    }

    QString error;
    const std::vector<Tls::CertificateInfo> chain =
        Tls::inspectCertificates(check.certificateChainPem, &error);
    for (size_t i = 0; i < chain.size(); ++i) {
        streams.out << QStringLiteral("Certificate %1 of %2\n").arg(i + 1).arg(chain.size());
        printCertificate(streams.out, chain[i], QStringLiteral("  "));
    }
    Core::Diagnostics findings = Tls::checkServerCertificate(check);
    for (Core::Diagnostic &finding : findings) {
        finding.subject.file = files.front();
        streams.out << findingText(finding) << '\n';
    }
    if (findings.isEmpty())
        streams.out << QStringLiteral("No problems found.\n");
    return Core::hasErrors(findings) ? EXIT_FINDINGS : EXIT_OK;
}

int runSecret(const QStringList &arguments, ConsoleStreams streams)
{
    SubcommandParse command(QStringLiteral("secret"), streams);
    const QCommandLineOption certOption(QStringLiteral("cert"), QStringLiteral("Certificate."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption keyOption(QStringLiteral("key"), QStringLiteral("Key."),
                                       QStringLiteral("FILE"));
    const QCommandLineOption caOption(QStringLiteral("ca"), QStringLiteral("CA."),
                                      QStringLiteral("FILE"));
    const QCommandLineOption namespaceOption({QStringLiteral("n"), QStringLiteral("namespace")},
                                             QStringLiteral("Namespace."), QStringLiteral("NS"));
    command.parser.addOptions({certOption, keyOption, caOption, namespaceOption});
    if (const auto exit = command.parse(arguments))
        return *exit;
    const QStringList names = command.parser.positionalArguments();
    if (names.size() != 1)
        return command.usageError(names.isEmpty() ? QStringLiteral("no NAME given")
                                                  : QStringLiteral("secret takes one NAME"));
    if (!command.parser.isSet(certOption) || !command.parser.isSet(keyOption))
        return command.usageError(QStringLiteral("--cert FILE and --key FILE are required"));
    Tls::TlsSecret secret;
    secret.name = names.front();
    secret.nameSpace = command.parser.value(namespaceOption);
    const auto certificate = command.read(command.parser.value(certOption));
    const auto key = certificate ? command.read(command.parser.value(keyOption)) : std::nullopt;
    if (!certificate || !key)
        return EXIT_USAGE;
    secret.certificatePem = *certificate;
    secret.privateKeyPem = *key;
    if (command.parser.isSet(caOption)) {
        const auto ca = command.read(command.parser.value(caOption));
        if (!ca)
            return EXIT_USAGE;
        QString error;
        if (Tls::inspectCertificates(*ca, &error).empty())
            return command.failure(
                QStringLiteral("%1: %2").arg(command.parser.value(caOption), error), EXIT_FINDINGS);
        secret.caPem = *ca;
    }

    Tls::ServerCertificateCheck check;
    check.certificateChainPem = secret.certificatePem;
    check.privateKeyPem = secret.privateKeyPem;
    bool unusable = false;
    for (Core::Diagnostic &finding : Tls::checkServerCertificate(check)) {
        unusable |= finding.code == QLatin1String(Core::Codes::INVALID_CERTIFICATE) ||
                    finding.code == QLatin1String(Core::Codes::PRIVATE_KEY_MISMATCH);
        finding.subject.file = command.parser.value(certOption);
        streams.err << findingText(finding) << '\n';
    }
    if (unusable)
        return command.failure(QStringLiteral("no Secret written"), EXIT_FINDINGS);
    QString error;
    const QByteArray manifest = Tls::tlsSecretManifest(secret, &error);
    if (manifest.isEmpty())
        return command.failure(error, EXIT_USAGE);
    writeRaw(streams.out, manifest);
    return EXIT_OK;
}

} // namespace

QString certsHelp()
{
    return QStringLiteral(
        "Usage: gatehouse certs ca [--export FILE]\n"
        "       gatehouse certs issue HOST... [-o DIR]\n"
        "       gatehouse certs client NAME [-o DIR]\n"
        "       gatehouse certs inspect FILE [--key FILE] [--ca FILE] [--host HOST]...\n"
        "       gatehouse certs secret NAME --cert FILE --key FILE [--ca FILE] [-n NS]\n\n"
        "Certificates for testing TLS servers on this machine. The local development CA is\n"
        "created on first use; the local gateway issues stand-in certificates from it, and\n"
        "clients (curl --cacert, a browser) must trust its certificate.\n\n"
        "  ca       create the CA if needed and show it; --export FILE writes its certificate\n"
        "  issue    issue a server certificate for HOSTs (wildcards like *.example.com and IP\n"
        "           addresses allowed) into DIR/<first host>.crt and .key (* becomes _wildcard)\n"
        "  client   issue a client certificate for MUTUAL servers into DIR/NAME.crt and .key\n"
        "  inspect  show every certificate of FILE and what is wrong with it: expiry, hosts not\n"
        "           covered (--host), a key that does not match (--key), a CA that does not\n"
        "           verify it (--ca); exit 1 when there are errors\n"
        "  secret   print a kubernetes.io/tls Secret manifest (tls.crt, tls.key, ca.crt) for\n"
        "           kubectl apply; without -n it has no namespace\n\n"
        "Options:\n"
        "  --ca-dir DIR      the CA's folder (default: $GATEHOUSE_CA_DIR, else\n"
        "                    <app data folder>/ca)\n"
        "  -o, --output DIR  where issue and client write (default: the current folder)\n"
        "  -n, --namespace   the Secret's namespace\n"
        "  -h, --help        show this help\n\n"
        "Exit status: 0 on success, 1 when inspect or secret finds errors in the material,\n"
        "2 on usage errors and unreadable files.\n");
}

int runCerts(const QStringList &arguments, ConsoleStreams streams)
{
    if (arguments.isEmpty()) {
        streams.err << QStringLiteral("gatehouse certs: no subcommand given\n\n") << certsHelp();
        return EXIT_USAGE;
    }
    const QString subcommand = arguments.front();
    const QStringList rest = arguments.mid(1);
    if (subcommand == QLatin1String("-h") || subcommand == QLatin1String("--help")) {
        streams.out << certsHelp();
        return EXIT_OK;
    }
    if (subcommand == QLatin1String("ca"))
        return runCa(rest, streams);
    if (subcommand == QLatin1String("issue"))
        return runIssue(rest, streams, false);
    if (subcommand == QLatin1String("client"))
        return runIssue(rest, streams, true);
    if (subcommand == QLatin1String("inspect"))
        return runInspect(rest, streams);
    if (subcommand == QLatin1String("secret"))
        return runSecret(rest, streams);
    streams.err << QStringLiteral("gatehouse certs: unknown subcommand \"%1\"\n\n").arg(subcommand)
                << certsHelp();
    return EXIT_USAGE;
}

} // namespace Cli
