#include "environmentfile.h"

#include "localenvironment.h"
#include "yaml/scalar.h"

#include <QHostAddress>
#include <QRegularExpression>
#include <algorithm>
#include <optional>
#include <yaml-cpp/yaml.h>

namespace Environment {
namespace {

const char *const SECTION_ORDER[] = {"listen", "ports", "upstreams", "credentials",
                                     "certificateRoot"};

QString text(const YAML::Node &node)
{
    // A missing key reads as an undefined node, whose other accessors throw.
    return node.IsDefined() && node.IsScalar() ? QString::fromStdString(node.Scalar()) : QString();
}

QByteArray section(const EnvironmentEntries &entries, const QByteArray &name)
{
    QByteArray out;
    if (name == "listen" && !entries.listen.isEmpty()) {
        out = "listen: " + Yaml::stringScalar(entries.listen) + '\n';
    } else if (name == "ports" && !entries.ports.empty()) {
        out = "ports:\n";
        for (const auto &[gateway, local] : entries.ports)
            out += "  " + QByteArray::number(gateway) + ": " + QByteArray::number(local) + '\n';
    } else if (name == "upstreams" && !entries.upstreams.empty()) {
        out = "upstreams:\n";
        for (const auto &[key, address] : entries.upstreams)
            out += "  " + Yaml::stringScalar(key) + ": " + Yaml::stringScalar(address) + '\n';
    } else if (name == "credentials" && !entries.credentials.empty()) {
        out = "credentials:\n";
        for (const CredentialEntry &credential : entries.credentials) {
            out += "  " + Yaml::stringScalar(credential.name) + ":\n";
            out += "    certificate: " + Yaml::stringScalar(credential.certificate) + '\n';
            out += "    privateKey: " + Yaml::stringScalar(credential.privateKey) + '\n';
            if (!credential.caCertificates.isEmpty())
                out +=
                    "    caCertificates: " + Yaml::stringScalar(credential.caCertificates) + '\n';
        }
    } else if (name == "certificateRoot" && !entries.certificateRoot.isEmpty()) {
        out = "certificateRoot: " + Yaml::stringScalar(entries.certificateRoot) + '\n';
    }
    return out;
}

bool isKnown(const QByteArray &name)
{
    return std::any_of(std::begin(SECTION_ORDER), std::end(SECTION_ORDER),
                       [&](const char *known) { return name == known; });
}

// One top-level block of the original file: its leading comments and blank lines, then the
// `key:` line and everything indented (or blank/comment) below it.
struct Block {
    QByteArray name; // empty for the trailing comments after the last section
    QByteArray leading;
    QByteArray body;
};

// Cuts a block-style mapping into sections; nullopt when the file is not one (flow style,
// document markers, anything unusual), and the caller writes the file anew.
std::optional<std::vector<Block>> splitBlocks(const QByteArray &original)
{
    static const QRegularExpression keyLine(QStringLiteral("^([A-Za-z_][A-Za-z0-9_]*)\\s*:"));
    std::vector<Block> blocks;
    Block current;
    bool inBody = false;
    QByteArray pending; // comments and blank lines not yet known to lead or belong
    const QList<QByteArray> lines = original.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (i == lines.size() - 1 && lines[i].isEmpty())
            break; // the text after the final newline
        const QByteArray line = lines[i] + '\n';
        const QByteArray trimmed = lines[i].trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith('#')) {
            // A comment at column 0 after a section leads the next one; indented ones stay.
            if (inBody && (lines[i].startsWith(' ') || lines[i].startsWith('\t')) &&
                pending.isEmpty())
                current.body += line;
            else
                pending += line;
            continue;
        }
        if (lines[i].startsWith(' ') || lines[i].startsWith('\t')) {
            if (!inBody)
                return std::nullopt;
            current.body += pending + line;
            pending.clear();
            continue;
        }
        const QRegularExpressionMatch match = keyLine.match(QString::fromUtf8(lines[i]));
        if (!match.hasMatch())
            return std::nullopt; // `---`, flow style, a document that is not a mapping
        if (inBody)
            blocks.push_back(current);
        current = Block{match.captured(1).toUtf8(), pending, line};
        pending.clear();
        inBody = true;
    }
    if (inBody)
        blocks.push_back(current);
    if (!pending.isEmpty())
        blocks.push_back(Block{QByteArray(), pending, QByteArray()});
    return blocks;
}

} // namespace

EnvironmentEntries EnvironmentEntries::read(const QByteArray &bytes)
{
    EnvironmentEntries entries;
    YAML::Node root;
    try {
        root = YAML::Load(bytes.toStdString());
    } catch (const YAML::Exception &) {
        return entries;
    }
    if (!root.IsMap())
        return entries;
    try {
        for (auto entry = root.begin(); entry != root.end(); ++entry) {
            const QString name = text(entry->first);
            const YAML::Node value = entry->second;
            if (name == QLatin1String("listen")) {
                entries.listen = text(value);
            } else if (name == QLatin1String("ports") && value.IsMap()) {
                for (auto port = value.begin(); port != value.end(); ++port) {
                    bool gatewayOk = false, localOk = false;
                    const uint gateway = text(port->first).toUInt(&gatewayOk);
                    const uint local = text(port->second).toUInt(&localOk);
                    if (gatewayOk && localOk && gateway <= 65535 && local <= 65535)
                        entries.ports.emplace_back(quint16(gateway), quint16(local));
                }
            } else if (name == QLatin1String("upstreams") && value.IsMap()) {
                for (auto upstream = value.begin(); upstream != value.end(); ++upstream)
                    entries.upstreams.emplace_back(text(upstream->first), text(upstream->second));
            } else if (name == QLatin1String("credentials") && value.IsMap()) {
                for (auto item = value.begin(); item != value.end(); ++item) {
                    CredentialEntry credential;
                    credential.name = text(item->first);
                    // Const: a non-const operator[] would add the missing keys.
                    const YAML::Node fields = item->second;
                    if (fields.IsMap()) {
                        credential.certificate = text(fields["certificate"]);
                        credential.privateKey = text(fields["privateKey"]);
                        credential.caCertificates = text(fields["caCertificates"]);
                    }
                    entries.credentials.push_back(credential);
                }
            } else if (name == QLatin1String("certificateRoot")) {
                entries.certificateRoot = text(value);
            }
        }
    } catch (const YAML::Exception &) {
        // A key that is not a scalar: keep what was read.
    }
    return entries;
}

QByteArray writeEnvironment(const EnvironmentEntries &entries, const QByteArray &original)
{
    const std::optional<std::vector<Block>> blocks =
        original.trimmed().isEmpty() ? std::optional<std::vector<Block>>(std::vector<Block>())
                                     : splitBlocks(original);
    const EnvironmentEntries before = EnvironmentEntries::read(original);
    QByteArray out;
    QList<QByteArray> written;
    if (blocks) {
        for (const Block &block : *blocks) {
            if (!isKnown(block.name) || written.contains(block.name)) {
                out += block.leading + block.body; // unknown: kept as it was
                continue;
            }
            written << block.name;
            const QByteArray now = section(entries, block.name);
            // Unchanged entries keep their text, comments inside included.
            out += block.leading + (now == section(before, block.name) ? block.body : now);
        }
    } else {
        out = "# The local environment of a Gatehouse design (see `gatehouse help serve`).\n";
    }
    for (const char *name : SECTION_ORDER) {
        if (!written.contains(name))
            out += section(entries, name);
    }
    return out;
}

QString listenAddressError(const QString &text)
{
    if (text.trimmed().isEmpty())
        return QString(); // the default
    if (QHostAddress(text.trimmed()).isNull())
        return QStringLiteral("\"%1\" is not an IP address (like 127.0.0.1 or ::1)").arg(text);
    return QString();
}

// LocalEnvironment's own parsing decides, through the override `gatehouse serve --upstream`
// uses: one rule for the file, the command line and the editor.
bool upstreamAccepted(const QString &key, const QString &address)
{
    LocalEnvironment environment;
    QString error;
    return environment.overrideUpstream(key, address, &error);
}

QString upstreamKeyError(const QString &text)
{
    if (!upstreamAccepted(text, QStringLiteral("127.0.0.1:1")))
        return QStringLiteral("\"%1\" is not a destination: host, host:port, host/subset or "
                              "host:port/subset (like reviews, reviews.bookinfo:9080/v2)")
            .arg(text);
    return QString();
}

QString upstreamAddressError(const QString &text)
{
    if (!upstreamAccepted(QStringLiteral("host"), text))
        return QStringLiteral("\"%1\" is not an address: HOST:PORT (like 127.0.0.1:9080)")
            .arg(text);
    return QString();
}

QString credentialError(const CredentialEntry &credential)
{
    if (credential.name.trimmed().isEmpty())
        return QStringLiteral("a credential needs a name (the Gateway's credentialName)");
    if (credential.certificate.trimmed().isEmpty() || credential.privateKey.trimmed().isEmpty())
        return QStringLiteral("credential \"%1\" needs both a certificate and a private key file")
            .arg(credential.name);
    return QString();
}

} // namespace Environment
