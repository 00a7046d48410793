#pragma once

#include <QString>
#include <optional>

// Host name rules Istio applies when it binds VirtualServices to Gateway servers (semantics doc
// §2.4, §3.1, §4.1).
namespace Compile {

// A server host "[namespace/]dnsName" split into its parts; "./" already replaced by the
// Gateway's namespace and no prefix meaning "*".
struct ServerHost {
    QString nameSpace; // "*" or a namespace
    QString host;      // lower-case
};

ServerHost parseServerHost(const QString &raw, const QString &gatewayNamespace);

// Short VirtualService or destination hosts (no dot, not "*") become
// <name>.<namespace>.svc.<domain>. Lower-cased.
QString expandShortName(const QString &host, const QString &nameSpace, const QString &domainSuffix);

// a ⊆ b under Istio's host rules: equal names; x ⊆ *.suffix when x ends with .suffix;
// *.a.b ⊆ *.b; anything ⊆ *.
bool isHostSubset(const QString &a, const QString &b);

// The intersection of a server host and a VirtualService host: the more specific of the two
// when one covers the other, else nothing.
std::optional<QString> intersectHosts(const QString &serverHost, const QString &virtualServiceHost);

} // namespace Compile
