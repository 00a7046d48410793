#include "importedresources.h"

#include "validation/names.h"
#include "yaml/yamlwriter.h"

#include <algorithm>
#include <map>
#include <yaml-cpp/yaml.h>

namespace Kube {
namespace {

const char LAST_APPLIED[] = "kubectl.kubernetes.io/last-applied-configuration";
// Set by the API server; selfLink only by clusters older than 1.20.
const char *const METADATA_FIELDS[] = {"managedFields",     "resourceVersion", "uid",
                                       "creationTimestamp", "generation",      "selfLink"};
const QString SECRET = QStringLiteral("Secret");
const QString TLS_SECRET_TYPE = QStringLiteral("kubernetes.io/tls");

// Lookups go through const nodes: yaml-cpp's non-const operator[] would add the key.
QString scalarOf(const YAML::Node &map, const char *key)
{
    if (!map.IsDefined() || !map.IsMap())
        return QString();
    const YAML::Node value = map[key];
    return value.IsDefined() && value.IsScalar() ? QString::fromStdString(value.Scalar())
                                                 : QString();
}

bool hasKey(const YAML::Node &map, const char *key)
{
    return map.IsDefined() && map.IsMap() && map[key].IsDefined();
}

// `object` is a mapping with a metadata mapping (checked by the caller).
void dropServerManagedFields(YAML::Node object)
{
    object.remove("status");
    YAML::Node metadata = object["metadata"];
    for (const char *field : METADATA_FIELDS)
        metadata.remove(field);
    if (!hasKey(metadata, "annotations"))
        return;
    YAML::Node annotations = metadata["annotations"];
    if (!annotations.IsMap())
        return;
    annotations.remove(LAST_APPLIED);
    // An annotations map that only held kubectl's copy would otherwise stay as `{}`.
    if (annotations.size() == 0)
        metadata.remove("annotations");
}

// Why a Secret is left out; empty when Istio's gateway could read a credential from it.
QString secretExclusion(const YAML::Node &secret, const ImportOptions &options)
{
    if (!options.keepCredentialSecrets)
        return QStringLiteral("Secrets were not asked for");
    const QString type = scalarOf(secret, "type");
    if (type == TLS_SECRET_TYPE)
        return QString();
    for (const char *section : {"data", "stringData"}) {
        const YAML::Node data = secret[section];
        if ((hasKey(data, "tls.crt") && hasKey(data, "tls.key")) ||
            (hasKey(data, "cert") && hasKey(data, "key")) || hasKey(data, "ca.crt") ||
            hasKey(data, "cacert"))
            return QString();
    }
    return QStringLiteral("%1 is not a TLS credential")
        .arg(type.isEmpty() ? QStringLiteral("a Secret without a type") : type);
}

// Sets `error` when given; returned by a parse that did not succeed.
std::nullopt_t fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

std::optional<ImportResult> importList(const YAML::Node &root, const ImportOptions &options,
                                       QString *error)
{
    if (!root.IsMap() || scalarOf(root, "kind") != QLatin1String("List"))
        return fail(error, QStringLiteral("kubectl's output is not a List of resources"));
    const YAML::Node items = root["items"];
    if (items.IsDefined() && !items.IsNull() && !items.IsSequence())
        return fail(error,
                    QStringLiteral("kubectl's output is not a List of resources (its items are "
                                   "not a list)"));
    std::map<QString, ImportedFile> byNamespace;
    ImportResult result;
    int number = 0;
    for (const YAML::Node &original : items) {
        ++number;
        const YAML::Node metadata = original.IsMap() ? original["metadata"] : YAML::Node();
        if (!metadata.IsDefined() || !metadata.IsMap())
            return fail(error, QStringLiteral("item %1 of kubectl's output is not a resource (no "
                                              "metadata)")
                                   .arg(number));
        const ResourceKey key = ResourceKey::fromApiVersion(
            scalarOf(original, "apiVersion"), scalarOf(original, "kind"),
            scalarOf(metadata, "namespace"), scalarOf(metadata, "name"));
        if (key.kind.isEmpty() || scalarOf(original, "apiVersion").isEmpty() || key.name.isEmpty())
            return fail(error, QStringLiteral("item %1 of kubectl's output is not a resource (no "
                                              "apiVersion, kind or metadata.name)")
                                   .arg(number));
        if (!Validation::Names::isDns1123Label(key.nameSpace))
            return fail(error,
                        QStringLiteral("%1 in kubectl's output has no valid namespace (\"%2\")")
                            .arg(key.text(), key.nameSpace));
        if (key.isSecret()) {
            const QString why = secretExclusion(original, options);
            if (!why.isEmpty()) {
                result.leftOut << QStringLiteral("%1 (%2)").arg(key.text(), why);
                continue;
            }
        }
        YAML::Node item = YAML::Clone(original);
        dropServerManagedFields(item);
        // kubectl's own layout: sequence items at their key's indentation.
        const QByteArray text = QByteArray::fromStdString(
            Yaml::writeYaml(item, Yaml::WriteStyle{.indentlessSequences = true}));
        ImportedFile &file = byNamespace[key.nameSpace];
        file.nameSpace = key.nameSpace;
        file.documents.append({key, text});
    }
    for (auto &[name, file] : byNamespace)
        result.files.append(std::move(file));
    return result;
}

} // namespace

ResourceKey ResourceKey::fromApiVersion(const QString &apiVersion, const QString &kind,
                                        const QString &nameSpace, const QString &name)
{
    const int slash = apiVersion.indexOf(QLatin1Char('/'));
    return {slash < 0 ? QString() : apiVersion.left(slash), kind, nameSpace, name};
}

QString ResourceKey::text() const
{
    return QStringLiteral("%1 %2/%3").arg(kind, nameSpace, name);
}

bool ResourceKey::isSecret() const
{
    return kind == SECRET && group.isEmpty();
}

QByteArray ImportedFile::text() const
{
    QByteArray out;
    for (const ImportedDocument &document : documents)
        out += "---\n" + document.text;
    return out;
}

bool ImportedFile::holdsSecrets() const
{
    return std::any_of(documents.begin(), documents.end(),
                       [](const ImportedDocument &d) { return d.key.isSecret(); });
}

int ImportResult::resourceCount() const
{
    int count = 0;
    for (const ImportedFile &file : files)
        count += file.documents.size();
    return count;
}

QStringList serverManagedFields()
{
    QStringList fields{QStringLiteral("status")};
    for (const char *field : METADATA_FIELDS)
        fields << QStringLiteral("metadata.") + QLatin1String(field);
    fields << QStringLiteral("metadata.annotations.\"%1\"").arg(QLatin1String(LAST_APPLIED));
    return fields;
}

std::optional<ImportResult> importResources(const QByteArray &kubectlOutput,
                                            const ImportOptions &options, QString *error)
{
    if (kubectlOutput.contains('\0'))
        return fail(error, QStringLiteral("kubectl's output is not text"));
    // yaml-cpp reports bad input by throwing; nothing of that leaves this function.
    try {
        const YAML::Node root = YAML::Load(kubectlOutput.toStdString());
        return importList(root, options, error);
    } catch (const YAML::Exception &exception) {
        fail(error, QStringLiteral("kubectl's output is not valid YAML: %1")
                        .arg(QString::fromStdString(exception.msg)));
    } catch (const std::exception &exception) {
        fail(error, QStringLiteral("kubectl's output could not be read: %1")
                        .arg(QString::fromUtf8(exception.what())));
    }
    return std::nullopt;
}

} // namespace Kube
