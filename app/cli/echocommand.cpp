#include "echocommand.h"

#include "argumentparser.h"
#include "commandline.h"
#include "proxy/echoserver.h"
#include "quitonsignal.h"
#include "tls/certificateauthority.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>

namespace Cli {

QString echoHelp()
{
    return QStringLiteral(
        "Usage: gatehouse echo --port N [--bind ADDR] [--as HOST[:PORT][/SUBSET]]\n"
        "                      [--tls [--tls-name NAME]... | --cert FILE --key FILE]\n\n"
        "Runs the built-in echo upstream on its own, to stand in for a service: every HTTP/1.1\n"
        "request is answered with 200 and a JSON description of what arrived (destination,\n"
        "method, path with query, authority, headers with lower-case names, bodyBytes,\n"
        "protocol). Prints `listening ADDR:PORT`, then `ready`; stops on SIGINT or SIGTERM.\n\n"
        "Options:\n"
        "  --port N        the port to listen on (0: any free port)\n"
        "  --bind ADDR     the address to listen on (default 127.0.0.1)\n"
        "  --as DEST       the destination reported in the JSON, like reviews:9080/v2\n"
        "  --tls           serve HTTPS, as a service behind a PASSTHROUGH server would; the\n"
        "                  certificate is issued by the local development CA for the\n"
        "                  --tls-name names (default: the --as host and localhost)\n"
        "  --tls-name NAME a name for that certificate (repeatable)\n"
        "  --cert F --key F  serve HTTPS with this certificate chain and key instead\n"
        "  --ca-dir DIR    the local development CA (default: the user's)\n"
        "  -h, --help      show this help\n");
}

namespace {

// The echo's TLS: the given certificate and key, or one the local CA issues for `names`.
std::optional<QSslConfiguration> echoTls(const QString &certFile, const QString &keyFile,
                                         QStringList names, const QString &asHost,
                                         const QString &caDirectory, ConsoleStreams streams,
                                         QString *error)
{
    QByteArray certificatePem;
    QByteArray keyPem;
    if (!certFile.isEmpty() || !keyFile.isEmpty()) {
        if (certFile.isEmpty() || keyFile.isEmpty()) {
            *error = QStringLiteral("--cert and --key go together");
            return std::nullopt;
        }
        QFile cert(certFile);
        QFile key(keyFile);
        if (!cert.open(QIODevice::ReadOnly) || !key.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read %1 or %2").arg(certFile, keyFile);
            return std::nullopt;
        }
        certificatePem = cert.readAll();
        keyPem = key.readAll();
    } else {
        if (names.isEmpty()) {
            if (!asHost.isEmpty())
                names << asHost;
            names << QStringLiteral("localhost");
        }
        const std::optional<Tls::CertificateAuthority> ca = Tls::CertificateAuthority::openOrCreate(
            caDirectory.isEmpty() ? Tls::CertificateAuthority::defaultDirectory() : caDirectory,
            error);
        if (!ca)
            return std::nullopt;
        const std::optional<Tls::IssuedCertificate> issued = ca->issueServer(names, error);
        if (!issued)
            return std::nullopt;
        certificatePem = issued->certificatePem;
        keyPem = issued->privateKeyPem;
        streams.out << QStringLiteral("tls certificate for %1, issued by the local CA %2\n")
                           .arg(names.join(QStringLiteral(", ")), ca->certificatePath());
    }
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certificatePem);
    QSslKey key(keyPem, QSsl::Ec);
    if (key.isNull())
        key = QSslKey(keyPem, QSsl::Rsa);
    if (chain.isEmpty() || key.isNull()) {
        *error = QStringLiteral("the certificate or the private key is not PEM Qt can read");
        return std::nullopt;
    }
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    return configuration;
}

} // namespace

int runEcho(const QStringList &arguments, ConsoleStreams streams)
{
    QCommandLineParser parser;
    const QCommandLineOption portOption(QStringLiteral("port"), QStringLiteral("port"),
                                        QStringLiteral("port"));
    const QCommandLineOption bindOption(QStringLiteral("bind"), QStringLiteral("address"),
                                        QStringLiteral("address"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption asOption(QStringLiteral("as"), QStringLiteral("destination"),
                                      QStringLiteral("destination"));
    const QCommandLineOption tlsOption(QStringLiteral("tls"), QStringLiteral("TLS."));
    const QCommandLineOption tlsNameOption(QStringLiteral("tls-name"), QStringLiteral("name"),
                                           QStringLiteral("name"));
    const QCommandLineOption certOption(QStringLiteral("cert"), QStringLiteral("file"),
                                        QStringLiteral("file"));
    const QCommandLineOption keyOption(QStringLiteral("key"), QStringLiteral("file"),
                                       QStringLiteral("file"));
    const QCommandLineOption caDirOption(QStringLiteral("ca-dir"), QStringLiteral("dir"),
                                         QStringLiteral("dir"));
    parser.addOptions({portOption, bindOption, asOption, tlsOption, tlsNameOption, certOption,
                       keyOption, caDirOption});
    const ParseResult parsed =
        parseArguments(parser, QStringLiteral("echo"), arguments, echoHelp(), streams);
    if (parsed != ParseResult::Proceed)
        return exitCodeFor(parsed);
    bool portOk = false;
    const uint port = parser.value(portOption).toUInt(&portOk);
    const QHostAddress address(parser.value(bindOption));
    if (!parser.isSet(portOption) || !portOk || port > 65535 || address.isNull()) {
        streams.err << QStringLiteral("gatehouse echo: --port N (0-65535) is required and --bind "
                                      "must be an IP address\n");
        return EXIT_USAGE;
    }
    Proxy::EchoIdentity identity;
    if (parser.isSet(asOption)) {
        static const QRegularExpression destination(
            QStringLiteral(R"(^([^:/\s]+)(?::(\d+))?(?:/([^/\s]+))?$)"));
        const QRegularExpressionMatch match = destination.match(parser.value(asOption));
        if (!match.hasMatch()) {
            streams.err << QStringLiteral("gatehouse echo: --as takes HOST[:PORT][/SUBSET]\n");
            return EXIT_USAGE;
        }
        identity.host = match.captured(1);
        if (!match.captured(2).isEmpty())
            identity.port = match.captured(2).toUInt();
        identity.subset = match.captured(3);
    }

    Proxy::EchoServer server(identity);
    if (parser.isSet(tlsOption) || parser.isSet(certOption) || parser.isSet(keyOption)) {
        QString error;
        const std::optional<QSslConfiguration> tls =
            echoTls(parser.isSet(certOption) ? parser.value(certOption) : QString(),
                    parser.isSet(keyOption) ? parser.value(keyOption) : QString(),
                    parser.values(tlsNameOption), identity.host, parser.value(caDirOption), streams,
                    &error);
        if (!tls) {
            streams.err << QStringLiteral("gatehouse echo: %1\n").arg(error);
            return EXIT_USAGE;
        }
        server.useTls(*tls);
    }
    if (!server.listen(address, quint16(port))) {
        streams.err << QStringLiteral("gatehouse echo: cannot listen on %1:%2: %3\n")
                           .arg(address.toString())
                           .arg(port)
                           .arg(server.errorString());
        return EXIT_USAGE;
    }
    quitOnTerminationSignals();
    streams.out << QStringLiteral("listening %1:%2\nready\n")
                       .arg(server.address().toString())
                       .arg(server.port());
    streams.out.flush();
    QCoreApplication::exec();
    return EXIT_OK;
}

} // namespace Cli
