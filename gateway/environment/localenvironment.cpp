#include "localenvironment.h"

#include "core/diagnosticcodes.h"
#include "core/filereading.h"
#include "yaml/scalar.h"

#include <QDir>
#include <QFileInfo>
#include <QHostAddress>
#include <yaml-cpp/yaml.h>

namespace Environment {
namespace {

class Reader {
public:
    Reader(const QString &path, int lineOffset, Core::Diagnostics &out)
        : m_path(path), m_out(out), m_lineOffset(lineOffset)
    {}

    void error(const YAML::Mark &mark, const QString &message)
    {
        Core::Diagnostic diagnostic =
            Core::makeDiagnostic(Core::Codes::INVALID_LOCAL_ENVIRONMENT, message);
        diagnostic.subject.file = m_path;
        diagnostic.subject.position = {m_lineOffset + std::max(0, mark.line) + 1,
                                       std::max(0, mark.column) + 1};
        m_out.append(diagnostic);
    }

    std::optional<QString> scalar(const YAML::Node &node, const QString &what)
    {
        if (!node.IsScalar() || node.Scalar().empty()) {
            error(node.Mark(), QStringLiteral("%1 must be a non-empty value").arg(what));
            return std::nullopt;
        }
        return QString::fromStdString(node.Scalar());
    }

    std::optional<quint16> port(const YAML::Node &node, const QString &what)
    {
        const std::optional<long long> value =
            node.IsScalar() && !Yaml::isQuotedOrStringTagged(node)
                ? Yaml::parseInteger(node.Scalar())
                : std::nullopt;
        if (!value || *value < 1 || *value > 65535) {
            error(node.Mark(),
                  QStringLiteral("%1 must be a port number from 1 to 65535").arg(what));
            return std::nullopt;
        }
        return quint16(*value);
    }

private:
    QString m_path;
    Core::Diagnostics &m_out;
    int m_lineOffset;
};

std::optional<UpstreamAddress> parseAddress(const QString &text)
{
    const int colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return std::nullopt;
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2); // [::1]:9080
    bool ok = false;
    const uint port = text.mid(colon + 1).toUInt(&ok);
    if (!ok || port < 1 || port > 65535 || host.isEmpty())
        return std::nullopt;
    return UpstreamAddress{host, quint16(port)};
}

std::optional<UpstreamKey> parseKey(const QString &text)
{
    UpstreamKey key;
    QString rest = text.trimmed().toLower();
    const int slash = rest.indexOf(QLatin1Char('/'));
    if (slash >= 0) {
        key.subset = rest.mid(slash + 1);
        rest = rest.left(slash);
        if (key.subset.isEmpty())
            return std::nullopt;
    }
    const int colon = rest.indexOf(QLatin1Char(':'));
    if (colon >= 0) {
        bool ok = false;
        const uint port = rest.mid(colon + 1).toUInt(&ok);
        if (!ok || port < 1 || port > 65535)
            return std::nullopt;
        key.port = port;
        rest = rest.left(colon);
    }
    if (rest.isEmpty() || rest.contains(QLatin1Char('*')))
        return std::nullopt;
    key.host = rest;
    return key;
}

} // namespace

int UpstreamKey::specificity() const
{
    // A subset outranks a port, which outranks a bare host; a longer host name breaks ties.
    return (subset.isEmpty() ? 0 : 2000) + (port ? 1000 : 0) + int(host.size());
}

bool hostKeyMatches(const QString &keyHost, const QString &fqdnHost)
{
    if (keyHost == fqdnHost)
        return true;
    const qsizetype svc = fqdnHost.indexOf(QLatin1String(".svc."));
    const QString serviceName = svc < 0 ? QString() : fqdnHost.left(svc); // "reviews.bookinfo"
    return !serviceName.isEmpty() &&
           (keyHost == serviceName || keyHost == serviceName.section(QLatin1Char('.'), 0, 0));
}

LocalEnvironment LocalEnvironment::load(const QString &path)
{
    auto bytes = Core::readWholeFile(path, QStringLiteral("the local environment"));
    if (auto *diagnostic = std::get_if<Core::Diagnostic>(&bytes)) {
        LocalEnvironment environment;
        environment.m_path = path;
        environment.m_diagnostics.append(*diagnostic);
        return environment;
    }
    return parse(std::get<QByteArray>(bytes), path);
}

LocalEnvironment LocalEnvironment::parse(const QByteArray &text, const QString &path)
{
    LocalEnvironment environment;
    environment.m_path = path;
    Reader reader(path, 0, environment.m_diagnostics);
    YAML::Node root;
    try {
        root = YAML::Load(text.toStdString());
    } catch (const YAML::Exception &exception) {
        reader.error(
            exception.mark,
            QStringLiteral("not valid YAML: %1").arg(QString::fromStdString(exception.msg)));
        return environment;
    }
    if (root.IsNull())
        return environment; // an empty file: every default
    if (!root.IsMap()) {
        reader.error(root.Mark(), QStringLiteral("the local environment must be a mapping with "
                                                 "listen, ports, upstreams, credentials and "
                                                 "certificateRoot"));
        return environment;
    }
    const QDir base = QFileInfo(path).absoluteDir();
    for (auto entry = root.begin(); entry != root.end(); ++entry) {
        const QString section = QString::fromStdString(entry->first.Scalar());
        const YAML::Node value = entry->second;
        if (section == QLatin1String("listen")) {
            const auto address = reader.scalar(value, QStringLiteral("listen"));
            if (address && QHostAddress(*address).isNull())
                reader.error(
                    value.Mark(),
                    QStringLiteral("listen must be an IP address, not \"%1\"").arg(*address));
            else if (address)
                environment.m_listen = *address;
        } else if (section == QLatin1String("ports")) {
            if (!value.IsMap()) {
                reader.error(value.Mark(), QStringLiteral("ports must map gateway ports to local "
                                                          "ports, like {80: 8080}"));
                continue;
            }
            for (auto port = value.begin(); port != value.end(); ++port) {
                const auto gateway = reader.port(port->first, QStringLiteral("a gateway port"));
                const auto local = reader.port(port->second, QStringLiteral("a local port"));
                if (gateway && local)
                    environment.m_ports.insert(*gateway, *local);
            }
        } else if (section == QLatin1String("upstreams")) {
            if (!value.IsMap()) {
                reader.error(value.Mark(), QStringLiteral("upstreams must map destinations to "
                                                          "addresses, like {reviews: "
                                                          "127.0.0.1:9080}"));
                continue;
            }
            for (auto upstream = value.begin(); upstream != value.end(); ++upstream) {
                const auto keyText =
                    reader.scalar(upstream->first, QStringLiteral("a destination"));
                const auto addressText =
                    reader.scalar(upstream->second, QStringLiteral("an address"));
                if (!keyText || !addressText)
                    continue;
                const std::optional<UpstreamKey> key = parseKey(*keyText);
                if (!key) {
                    reader.error(upstream->first.Mark(),
                                 QStringLiteral("\"%1\" is not host, host:port, host/subset or "
                                                "host:port/subset")
                                     .arg(*keyText));
                    continue;
                }
                const std::optional<UpstreamAddress> address = parseAddress(*addressText);
                if (!address) {
                    reader.error(upstream->second.Mark(),
                                 QStringLiteral("\"%1\" is not an address like 127.0.0.1:9080")
                                     .arg(*addressText));
                    continue;
                }
                environment.m_upstreams.emplace_back(*key, *address);
            }
        } else if (section == QLatin1String("credentials")) {
            if (!value.IsMap()) {
                reader.error(value.Mark(), QStringLiteral("credentials must map credential names "
                                                          "to certificate files"));
                continue;
            }
            for (auto item = value.begin(); item != value.end(); ++item) {
                Credential credential;
                credential.name = QString::fromStdString(item->first.Scalar());
                if (!item->second.IsMap()) {
                    reader.error(item->second.Mark(),
                                 QStringLiteral("credential \"%1\" must have certificate and "
                                                "privateKey files")
                                     .arg(credential.name));
                    continue;
                }
                for (auto field = item->second.begin(); field != item->second.end(); ++field) {
                    const QString name = QString::fromStdString(field->first.Scalar());
                    const auto file = reader.scalar(field->second, name);
                    if (!file)
                        continue;
                    const QString resolved = base.absoluteFilePath(*file);
                    if (name == QLatin1String("certificate"))
                        credential.certificate = resolved;
                    else if (name == QLatin1String("privateKey"))
                        credential.privateKey = resolved;
                    else if (name == QLatin1String("caCertificates"))
                        credential.caCertificates = resolved;
                    else
                        reader.error(field->first.Mark(),
                                     QStringLiteral("unknown credential field \"%1\" (certificate, "
                                                    "privateKey, caCertificates)")
                                         .arg(name));
                }
                if (credential.certificate.isEmpty() || credential.privateKey.isEmpty()) {
                    reader.error(item->first.Mark(),
                                 QStringLiteral("credential \"%1\" needs both certificate and "
                                                "privateKey")
                                     .arg(credential.name));
                    continue;
                }
                environment.m_credentials.push_back(credential);
            }
        } else if (section == QLatin1String("certificateRoot")) {
            if (const auto root = reader.scalar(value, QStringLiteral("certificateRoot")))
                environment.m_certificateRoot = QDir::cleanPath(base.absoluteFilePath(*root));
        } else {
            reader.error(entry->first.Mark(),
                         QStringLiteral("unknown section \"%1\" (listen, ports, upstreams, "
                                        "credentials, certificateRoot)")
                             .arg(section));
        }
    }
    return environment;
}

quint16 LocalEnvironment::localPort(quint32 gatewayPort) const
{
    if (const auto it = m_ports.constFind(gatewayPort); it != m_ports.constEnd())
        return *it;
    return quint16(gatewayPort < 1024 ? gatewayPort + 8000 : gatewayPort);
}

std::optional<UpstreamAddress> LocalEnvironment::upstreamFor(const QString &fqdnHost,
                                                             std::optional<quint32> port,
                                                             const QString &subset) const
{
    const QString host = fqdnHost.toLower();
    const std::pair<UpstreamKey, UpstreamAddress> *best = nullptr;
    for (const auto &entry : m_upstreams) {
        const UpstreamKey &key = entry.first;
        if (!key.subset.isEmpty() && key.subset != subset)
            continue;
        if (key.port && key.port != port)
            continue;
        if (!hostKeyMatches(key.host, host))
            continue;
        if (!best || key.specificity() > best->first.specificity())
            best = &entry;
    }
    if (!best)
        return std::nullopt;
    return best->second;
}

bool LocalEnvironment::overrideUpstream(const QString &keyText, const QString &addressText,
                                        QString *error)
{
    const std::optional<UpstreamKey> key = parseKey(keyText.trimmed().toLower());
    if (!key) {
        *error = QStringLiteral("\"%1\" is not a destination (host, host:port, host/subset or "
                                "host:port/subset)")
                     .arg(keyText);
        return false;
    }
    const std::optional<UpstreamAddress> address = parseAddress(addressText.trimmed());
    if (!address) {
        *error = QStringLiteral("\"%1\" is not an address (HOST:PORT)").arg(addressText);
        return false;
    }
    // First among equally specific keys wins, so an override goes in front.
    m_upstreams.insert(m_upstreams.begin(), {*key, *address});
    return true;
}

void LocalEnvironment::overrideCertificateRoot(const QString &root)
{
    m_certificateRoot =
        root.isEmpty() ? QString() : QDir::cleanPath(QFileInfo(root).absoluteFilePath());
}

const Credential *LocalEnvironment::credential(const QString &name) const
{
    for (const Credential &credential : m_credentials) {
        if (credential.name == name)
            return &credential;
    }
    return nullptr;
}

QStringList LocalEnvironment::credentialNames() const
{
    QStringList names;
    for (const Credential &credential : m_credentials)
        names << credential.name;
    return names;
}

} // namespace Environment
