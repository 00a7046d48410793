#include "names.h"
#include "schemarules.h"

#include <QSet>

// §6.2–6.4: ValidateGateway, servers, ports, hosts, bind and server TLS settings.
namespace Validation {
namespace {

using Istio::Protocol;
using Istio::ServerTlsMode;

// Envoy's cipher suite names (BoringSSL spelling), plus bracketed equal-preference groups.
bool isKnownCipher(const QString &cipher)
{
    static const QSet<QString> known = {
        QStringLiteral("ECDHE-ECDSA-AES128-GCM-SHA256"),
        QStringLiteral("ECDHE-RSA-AES128-GCM-SHA256"),
        QStringLiteral("ECDHE-ECDSA-AES256-GCM-SHA384"),
        QStringLiteral("ECDHE-RSA-AES256-GCM-SHA384"),
        QStringLiteral("ECDHE-ECDSA-CHACHA20-POLY1305"),
        QStringLiteral("ECDHE-RSA-CHACHA20-POLY1305"),
        QStringLiteral("ECDHE-ECDSA-AES128-SHA"),
        QStringLiteral("ECDHE-RSA-AES128-SHA"),
        QStringLiteral("ECDHE-ECDSA-AES256-SHA"),
        QStringLiteral("ECDHE-RSA-AES256-SHA"),
        QStringLiteral("ECDHE-PSK-AES128-CBC-SHA"),
        QStringLiteral("ECDHE-PSK-AES256-CBC-SHA"),
        QStringLiteral("ECDHE-PSK-CHACHA20-POLY1305"),
        QStringLiteral("AES128-GCM-SHA256"),
        QStringLiteral("AES256-GCM-SHA384"),
        QStringLiteral("AES128-SHA"),
        QStringLiteral("AES256-SHA"),
        QStringLiteral("PSK-AES128-CBC-SHA"),
        QStringLiteral("PSK-AES256-CBC-SHA"),
        QStringLiteral("DES-CBC3-SHA"),
    };
    if (cipher.startsWith(QLatin1Char('[')) && cipher.endsWith(QLatin1Char(']'))) {
        const QStringList group = cipher.mid(1, cipher.size() - 2).split(QLatin1Char('|'));
        return std::all_of(group.begin(), group.end(),
                           [](const QString &name) { return known.contains(name); });
    }
    return known.contains(cipher);
}

void checkServerHost(const QString &host, const QString &path, Reporter &reporter)
{
    QString dnsName = host;
    const int slash = host.indexOf(QLatin1Char('/'));
    if (slash >= 0) {
        const QString nameSpace = host.left(slash);
        dnsName = host.mid(slash + 1);
        if (nameSpace.isEmpty() || dnsName.isEmpty()) {
            reporter.reject(path, QStringLiteral("config namespace and dnsName in host entry "
                                                 "cannot be empty"));
            return;
        }
        if (nameSpace != QLatin1String("*") && nameSpace != QLatin1String(".") &&
            !Names::isDns1123Label(nameSpace)) {
            reporter.reject(
                path, QStringLiteral("invalid namespace value \"%1\" in gateway").arg(nameSpace));
            return;
        }
    }
    if (dnsName == QLatin1String("*"))
        return;
    if (!dnsName.contains(QLatin1Char('.'))) {
        reporter.reject(
            path, QStringLiteral("short names (non FQDN) are not allowed: \"%1\"").arg(dnsName));
        return;
    }
    if (dnsName.contains(QLatin1Char('*')) && !dnsName.startsWith(QLatin1String("*."))) {
        reporter.reject(path, QStringLiteral("partial wildcard \"%1\" not allowed").arg(dnsName));
        return;
    }
    if (const QString problem = Names::checkWildcardDomainOrIp(dnsName); !problem.isEmpty())
        reporter.reject(path, problem);
}

void checkBind(const Istio::Server &server, const QString &path, Reporter &reporter)
{
    const QString bind = server.bind.value_or(QString());
    if (bind.isEmpty())
        return;
    const quint32 number = server.port && server.port->number ? *server.port->number : 0;
    if (bind.startsWith(QLatin1String("unix://"))) {
        const QString socketPath = bind.mid(7);
        if (!(socketPath.startsWith(QLatin1Char('/')) || socketPath.startsWith(QLatin1Char('@'))) ||
            socketPath.endsWith(QLatin1Char('/')))
            reporter.reject(at(path, "bind"),
                            QStringLiteral("%1 is not an absolute path to a file").arg(socketPath));
        if (number != 0)
            reporter.reject(at(at(path, "port"), "number"),
                            QStringLiteral("port number must be 0 for unix domain socket"));
        return;
    }
    if (!Names::isIpAddress(bind))
        reporter.reject(at(path, "bind"), QStringLiteral("%1 is not a valid IP").arg(bind));
}

void checkPort(const Istio::Server &server, const QString &path, Reporter &reporter)
{
    if (!server.port)
        return; // missing: reported by the schema reader (GH1004)
    const Istio::Port &port = *server.port;
    const QString portPath = at(path, "port");
    const bool unixSocket = server.bind.value_or(QString()).startsWith(QLatin1String("unix://"));
    if (port.number && (*port.number > 65535 || (*port.number == 0 && !unixSocket)))
        reporter.reject(
            at(portPath, "number"),
            QStringLiteral("port number %1 must be in the range 1..65535").arg(*port.number));
    if (port.name && port.name->isEmpty())
        reporter.reject(at(portPath, "name"), QStringLiteral("port name must be set"));
    if (port.targetPort && *port.targetPort > 0)
        reporter.reject(at(portPath, "targetPort"),
                        QStringLiteral("targetPort has no impact on Gateways"));
}

bool hasFileCertificates(const Istio::ServerTlsSettings &tls)
{
    return tls.serverCertificate || tls.privateKey || tls.caCertificates;
}

void checkCertificateFiles(const Istio::ServerTlsSettings &tls, const QString &path,
                           Reporter &reporter)
{
    const ServerTlsMode mode = tls.effectiveMode();
    const bool mutual = mode == ServerTlsMode::MUTUAL || mode == ServerTlsMode::OPTIONAL_MUTUAL;
    const QString what = mutual ? QStringLiteral("MUTUAL TLS") : QStringLiteral("SIMPLE TLS");
    if (!tls.tlsCertificates.empty()) {
        for (int i = 0; i < int(tls.tlsCertificates.size()); ++i) {
            const Istio::ServerTlsCertificate &certificate = tls.tlsCertificates[size_t(i)];
            const QString itemPath = at(at(path, "tlsCertificates"), i);
            if (certificate.serverCertificate.value_or(QString()).isEmpty())
                reporter.reject(itemPath, what + QStringLiteral(" requires a server certificate"));
            if (certificate.privateKey.value_or(QString()).isEmpty())
                reporter.reject(itemPath, what + QStringLiteral(" requires a private key"));
        }
    } else {
        if (tls.serverCertificate.value_or(QString()).isEmpty())
            reporter.reject(path, what + QStringLiteral(" requires a server certificate"));
        if (tls.privateKey.value_or(QString()).isEmpty())
            reporter.reject(path, what + QStringLiteral(" requires a private key"));
    }
    if (mutual && tls.caCertificates.value_or(QString()).isEmpty() && !tls.caCertCredentialName)
        reporter.reject(path, QStringLiteral("MUTUAL TLS requires a client CA bundle"));
}

void checkServerTls(const Istio::ServerTlsSettings &tls, const QString &path, Reporter &reporter)
{
    using V = Istio::TlsProtocolVersion;
    if (tls.minProtocolVersion &&
        (*tls.minProtocolVersion == V::TLSV1_0 || *tls.minProtocolVersion == V::TLSV1_1) &&
        tls.cipherSuites.empty())
        reporter.warn(at(path, "minProtocolVersion"),
                      QStringLiteral("TLS version below TLSV1_2 require setting compatible ciphers "
                                     "as by default they no longer include compatible ciphers"));
    if (tls.minProtocolVersion && tls.maxProtocolVersion &&
        *tls.maxProtocolVersion != V::TLS_AUTO && *tls.minProtocolVersion > *tls.maxProtocolVersion)
        reporter.reject(at(path, "maxProtocolVersion"),
                        QStringLiteral("minProtocolVersion %1 is higher than maxProtocolVersion %2")
                            .arg(Istio::enumName(*tls.minProtocolVersion),
                                 Istio::enumName(*tls.maxProtocolVersion)));
    QStringList invalid, duplicate;
    QSet<QString> seen;
    for (const QString &cipher : tls.cipherSuites) {
        if (!isKnownCipher(cipher))
            invalid << cipher;
        else if (seen.contains(cipher))
            duplicate << cipher;
        seen.insert(cipher);
    }
    if (!invalid.isEmpty())
        reporter.warn(
            at(path, "cipherSuites"),
            QStringLiteral("ignoring invalid cipher suites: [%1]").arg(invalid.join(' ')));
    if (!duplicate.isEmpty())
        reporter.warn(
            at(path, "cipherSuites"),
            QStringLiteral("ignoring duplicate cipher suites: [%1]").arg(duplicate.join(' ')));

    // The CRD's CEL rules (API server).
    if (!tls.credentialNames.empty() && !tls.tlsCertificates.empty())
        reporter.reject(
            at(path, "credentialNames"),
            QStringLiteral("only one of credentialNames or tlsCertificates can be set"));
    if (tls.credentialName && !tls.credentialNames.empty())
        reporter.reject(at(path, "credentialNames"),
                        QStringLiteral("only one of credentialName or credentialNames can be set"));
    if (tls.credentialNames.size() > 2)
        reporter.reject(at(path, "credentialNames"),
                        QStringLiteral("credentialNames may list at most 2 credentials"));

    const ServerTlsMode mode = tls.effectiveMode();
    const QString modeName = Istio::enumName(mode);
    if (mode == ServerTlsMode::ISTIO_MUTUAL) {
        const std::pair<bool, const char *> forbidden[] = {
            {bool(tls.serverCertificate), "serverCertificate"},
            {bool(tls.privateKey), "privateKey"},
            {bool(tls.caCertificates), "caCertificates"},
            {!tls.tlsCertificates.empty(), "tlsCertificates"},
            {bool(tls.credentialName), "credentialName"},
            {!tls.credentialNames.empty(), "credentialNames"}};
        for (const auto &[set, field] : forbidden) {
            if (set)
                reporter.reject(at(path, field),
                                QStringLiteral("ISTIO_MUTUAL TLS cannot have associated %1")
                                    .arg(QLatin1String(field)));
        }
        return;
    }
    const bool anyCertificate = hasFileCertificates(tls) || tls.caCrl || tls.credentialName ||
                                !tls.credentialNames.empty() || !tls.tlsCertificates.empty();
    if (mode == ServerTlsMode::PASSTHROUGH || mode == ServerTlsMode::AUTO_PASSTHROUGH) {
        if (anyCertificate)
            reporter.warn(
                tls.mode ? at(path, "mode") : path,
                QStringLiteral("%1 mode does not use certificates, they will be ignored%2")
                    .arg(modeName, tls.mode ? QString()
                                            : QStringLiteral(" (no mode is set, and "
                                                             "PASSTHROUGH is the "
                                                             "default)")));
        return;
    }
    const int sources = int(tls.serverCertificate || tls.privateKey) +
                        int(bool(tls.credentialName)) + int(!tls.credentialNames.empty()) +
                        int(!tls.tlsCertificates.empty());
    if (sources > 1)
        reporter.reject(path, QStringLiteral("only one of credential_name, credential_names, "
                                             "server_certificate/private_key, tls_certificates "
                                             "should be specified"));
    if (tls.tlsCertificates.size() > 2)
        reporter.warn(
            at(path, "tlsCertificates"),
            QStringLiteral("%1 TLS can support up to 2 server certificates").arg(modeName));
    if (tls.caCrl && tls.credentialName)
        reporter.reject(at(path, "caCrl"),
                        QStringLiteral("CRL is not supported with credentialName. CRL has to be "
                                       "specified in the credential"));
    if (tls.caCrl && mode == ServerTlsMode::SIMPLE)
        reporter.reject(at(path, "caCrl"), QStringLiteral("CRL is not supported with SIMPLE TLS"));
    if (tls.credentialName || !tls.credentialNames.empty())
        return; // the certificate comes from a secret: no file checks
    checkCertificateFiles(tls, path, reporter);
}

void checkServer(const Istio::Server &server, const QString &path, Reporter &reporter)
{
    const QString hostsPath = at(path, "hosts");
    if (server.hosts.empty() && reporter.document().positions().contains(hostsPath))
        reporter.reject(hostsPath, QStringLiteral("server config must contain at least one host"));
    for (int i = 0; i < int(server.hosts.size()); ++i)
        checkServerHost(server.hosts[size_t(i)], at(hostsPath, i), reporter);
    checkPort(server, path, reporter);
    checkBind(server, path, reporter);

    std::optional<Protocol> protocol;
    if (server.port)
        protocol = server.port->protocol;
    const QString tlsPath = at(path, "tls");
    if (protocol && Istio::isTlsProtocol(*protocol) && !server.tls)
        reporter.reject(path,
                        QStringLiteral("server must have TLS settings for HTTPS/TLS protocols"));
    if (protocol && server.tls && Istio::isPlaintextHttp(*protocol) &&
        (server.tls->effectiveMode() != ServerTlsMode::PASSTHROUGH ||
         hasFileCertificates(*server.tls)))
        reporter.reject(tlsPath, QStringLiteral("server cannot have TLS settings for plain text "
                                                "HTTP ports"));
    if (protocol && server.tls && !Istio::isPlaintextHttp(*protocol) &&
        !Istio::isTlsProtocol(*protocol))
        reporter.reject(tlsPath, QStringLiteral("server cannot have TLS settings for non "
                                                "HTTPS/TLS ports"));
    if (protocol && server.tls && server.tls->httpsRedirect.value_or(false) &&
        *protocol != Protocol::HTTP)
        reporter.warn(at(tlsPath, "httpsRedirect"),
                      QStringLiteral("tls.httpsRedirect should only be used with http servers"));
    if (server.tls && !(protocol && Istio::isPlaintextHttp(*protocol)))
        checkServerTls(*server.tls, tlsPath, reporter);
}

} // namespace

void checkGatewaySchema(const Istio::Gateway &gateway, Reporter &reporter)
{
    const QString name = reporter.document().name();
    if (!name.isEmpty() && !Names::isDns1123Label(name))
        reporter.reject(QStringLiteral("metadata.name"),
                        QStringLiteral("invalid gateway name: \"%1\"").arg(name));
    const QString serversPath = QStringLiteral("spec.servers");
    if (gateway.spec.servers.empty())
        reporter.reject(serversPath, QStringLiteral("gateway must have at least one server"));
    QSet<QString> portNames;
    for (int i = 0; i < int(gateway.spec.servers.size()); ++i) {
        const Istio::Server &server = gateway.spec.servers[size_t(i)];
        const QString path = at(serversPath, i);
        checkServer(server, path, reporter);
        const QString portName = server.port && server.port->name ? *server.port->name : QString();
        if (portName.isEmpty())
            continue;
        if (portNames.contains(portName))
            reporter.reject(
                at(at(path, "port"), "name"),
                QStringLiteral("port names in servers must be unique: duplicate name %1")
                    .arg(portName));
        portNames.insert(portName);
    }
}

} // namespace Validation
