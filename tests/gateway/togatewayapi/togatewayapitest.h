#pragma once

// Shared by the togatewayapi tests: converting YAML text, finding objects, fields and entries.

#include "testsupport.h"
#include "togatewayapi/conversion.h"
#include "workspace/workspace.h"
#include "yaml/nodeequality.h"

#include <QRegularExpression>
#include <yaml-cpp/yaml.h>

namespace ToGatewayApiTest {

using ToGatewayApi::Conversion;
using ToGatewayApi::LossEntry;

inline Conversion convertText(const QByteArray &yaml, const ToGatewayApi::Options &options = {})
{
    Project::Workspace workspace;
    workspace.addFile(TestSupport::parseText(yaml, QStringLiteral("design.yaml")));
    return ToGatewayApi::convert(workspace, options);
}

// "HTTPRoute/default/vs" → the generated object's node; undefined when there is none.
inline YAML::Node objectNode(const Conversion &conversion, const QString &spec)
{
    const QStringList parts = spec.split(QLatin1Char('/'));
    if (parts.size() != 3)
        return YAML::Node(YAML::NodeType::Undefined);
    const ToGatewayApi::OutputObject *object = conversion.find(parts[0], parts[1], parts[2]);
    return object ? object->node : YAML::Node(YAML::NodeType::Undefined);
}

// The node at "spec.rules[0].matches[1]"; undefined when the path leads nowhere.
inline YAML::Node nodeAt(const YAML::Node &root, const QString &path)
{
    static const QRegularExpression PART(QStringLiteral("^([^\\[]*)((\\[\\d+\\])*)$"));
    YAML::Node node = YAML::Clone(root);
    for (const QString &part : path.split(QLatin1Char('.'), Qt::SkipEmptyParts)) {
        const QRegularExpressionMatch match = PART.match(part);
        if (!match.hasMatch() || !node.IsDefined())
            return YAML::Node(YAML::NodeType::Undefined);
        const QString key = match.captured(1);
        if (!key.isEmpty()) {
            if (!node.IsMap() || !node[key.toStdString()])
                return YAML::Node(YAML::NodeType::Undefined);
            node = node[key.toStdString()];
        }
        static const QRegularExpression INDEX(QStringLiteral("\\[(\\d+)\\]"));
        auto it = INDEX.globalMatch(match.captured(2));
        while (it.hasNext()) {
            const std::size_t index = it.next().captured(1).toULongLong();
            if (!node.IsSequence() || index >= node.size())
                return YAML::Node(YAML::NodeType::Undefined);
            node = node[index];
        }
    }
    return node;
}

inline QString dump(const YAML::Node &node)
{
    if (!node.IsDefined())
        return QStringLiteral("(nothing)");
    return QString::fromStdString(YAML::Dump(node));
}

// Empty when `actual` holds the same data as the YAML text `expected`; else where the two
// differ and what `actual` holds.
inline QString dataDifference(const YAML::Node &actual, const QByteArray &expected)
{
    std::string difference;
    if (Yaml::dataEquivalent(actual, YAML::Load(expected.toStdString()), &difference))
        return QString();
    return QStringLiteral("differs at %1; got:\n%2")
        .arg(QString::fromStdString(difference), dump(actual));
}

inline const LossEntry *findEntry(const Conversion &conversion, const QString &code,
                                  const QString &fieldPath = QString())
{
    for (const LossEntry &entry : conversion.entries) {
        if (entry.code == code && (fieldPath.isEmpty() || entry.fieldPath == fieldPath))
            return &entry;
    }
    return nullptr;
}

inline QString entriesText(const Conversion &conversion)
{
    QStringList lines;
    for (const LossEntry &entry : conversion.entries)
        lines << QStringLiteral("%1 %2 %3 %4")
                     .arg(ToGatewayApi::severityName(entry.severity), entry.code,
                          entry.resource.text(), entry.fieldPath);
    return lines.join(QLatin1Char('\n'));
}

// The Gateway most rows use: plaintext 80 and terminated 443, any host.
inline QByteArray gatewayYaml()
{
    return R"(apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: gw
  namespace: istio-system
spec:
  selector:
    istio: ingressgateway
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*"]
  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: ["*"]
    tls: {mode: SIMPLE, credentialName: cert}
)";
}

// A VirtualService default/vs for app.example.com bound to that Gateway; `body` is indented
// spec content ("  http:\n  - ...").
inline QByteArray withVirtualService(const QByteArray &body,
                                     const QByteArray &gateway = gatewayYaml())
{
    return gateway + R"(---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: vs
  namespace: default
spec:
  hosts: [app.example.com]
  gateways: [istio-system/gw]
)" + body;
}

// withVirtualService with the usual Gateway: `body` is "  http:\n  - ..." and the like.
inline QByteArray http(const QByteArray &body)
{
    return withVirtualService(body);
}

// The `route` of an http[] entry that most rows use: everything to Service a, port 80.
inline const QByteArray BACKEND = "    route: [{destination: {host: a, port: {number: 80}}}]\n";

} // namespace ToGatewayApiTest
