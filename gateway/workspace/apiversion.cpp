#include "apiversion.h"

#include <yaml-cpp/yaml.h>

namespace Project {
namespace {

const QString NETWORKING_GROUP = QStringLiteral("networking.istio.io/");

// The kinds of networking.istio.io whose CRDs serve v1, v1beta1 and v1alpha3 alike.
const char *const EVERY_VERSION_KINDS[] = {"Gateway",      "VirtualService", "DestinationRule",
                                           "ServiceEntry", "Sidecar",        "WorkloadEntry",
                                           "WorkloadGroup"};

// Where the apiVersion value's characters stand in the document's text, quotes included:
// {offset, length}, or {-1, 0} when the text there is not the value the parser read (a value
// spelled with escapes, say), in which case nothing is rewritten.
std::pair<qsizetype, qsizetype> valueSpan(const Document &document)
{
    const YAML::Node value = document.node()["apiVersion"];
    const QByteArray &text = document.text();
    const qsizetype at = value.Mark().pos;
    if (at < 0 || at >= text.size())
        return {-1, 0};
    const QByteArray expected = document.apiVersion().toUtf8();
    const char first = text.at(at);
    const bool quoted = first == '"' || first == '\'';
    const qsizetype start = quoted ? at + 1 : at;
    if (text.mid(start, expected.size()) != expected)
        return {-1, 0};
    const qsizetype end = start + expected.size();
    if (quoted)
        return end < text.size() && text.at(end) == first ? std::pair{at, end + 1 - at}
                                                          : std::pair<qsizetype, qsizetype>{-1, 0};
    return {at, end - at};
}

} // namespace

bool isIstioNetworkingVersion(const QString &version)
{
    for (const char *known : ISTIO_NETWORKING_VERSIONS) {
        if (version == QLatin1String(known))
            return true;
    }
    return false;
}

bool isServedInEveryNetworkingVersion(const QString &kind)
{
    for (const char *known : EVERY_VERSION_KINDS) {
        if (kind == QLatin1String(known))
            return true;
    }
    return false;
}

ApiVersionChange withNetworkingVersion(const Document &document, const QString &version)
{
    ApiVersionChange change{document.text(), false, {}};
    if (!document.apiVersion().startsWith(NETWORKING_GROUP) || !document.isParsed())
        return change;
    const QString target = NETWORKING_GROUP + version;
    if (document.apiVersion() == target)
        return change;
    if (!isServedInEveryNetworkingVersion(document.kind())) {
        change.skipped = QStringLiteral("%1 is not served as %2; kept %3")
                             .arg(document.kind(), target, document.apiVersion());
        return change;
    }
    const auto [offset, length] = valueSpan(document);
    if (offset < 0) {
        change.skipped = QStringLiteral("its apiVersion is written in a form that cannot be "
                                        "changed in place; kept %1")
                             .arg(document.apiVersion());
        return change;
    }
    const char quote = change.text.at(offset);
    const bool quoted = quote == '"' || quote == '\'';
    QByteArray replacement = target.toUtf8();
    if (quoted)
        replacement = quote + replacement + quote;
    change.text.replace(offset, length, replacement);
    change.changed = true;
    return change;
}

} // namespace Project
