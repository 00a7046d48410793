#pragma once

// Helpers shared by the Gateway API translation tests (header-only).

#include "fromgatewayapi/translation.h"
#include "testsupport.h"
#include "workspace/workspace.h"

#include <QStringList>

namespace GatewayApiTest {

// A Gateway "gw" in namespace "infra" with one listener, parameterised by its YAML lines.
inline QByteArray gateway(const QByteArray &listeners, const QByteArray &name = "gw",
                          const QByteArray &nameSpace = "infra")
{
    return "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: " + name +
           ", namespace: " + nameSpace + "}\nspec:\n  gatewayClassName: istio\n  listeners:\n" +
           listeners;
}

inline const QByteArray HTTP_LISTENER_ALL = "  - name: http\n    port: 80\n    protocol: HTTP\n"
                                            "    allowedRoutes: {namespaces: {from: All}}\n";

// An HTTPRoute in namespace "apps" attached to infra/gw, with the given spec lines after
// parentRefs (hostnames, rules).
inline QByteArray httpRoute(const QByteArray &name, const QByteArray &rest,
                            const QByteArray &nameSpace = "apps")
{
    return "---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: " +
           name + ", namespace: " + nameSpace +
           "}\nspec:\n  parentRefs: [{name: gw, namespace: infra}]\n" + rest;
}

inline FromGatewayApi::Translation translateText(const QByteArray &text,
                                                 const FromGatewayApi::Options &options = {})
{
    Project::Workspace workspace;
    workspace.addFile(TestSupport::parseText(text, QStringLiteral("design.yaml")));
    return FromGatewayApi::translate(workspace, options);
}

inline QString describe(const Core::Diagnostics &diagnostics)
{
    QStringList lines;
    for (const Core::Diagnostic &diagnostic : diagnostics)
        lines << diagnostic.toText();
    return lines.join(QLatin1Char('\n'));
}

// The first diagnostic with this code whose message contains `part`, or null.
inline const Core::Diagnostic *findDiagnostic(const Core::Diagnostics &diagnostics,
                                              const QString &code, const QString &part = {})
{
    for (const Core::Diagnostic &diagnostic : diagnostics) {
        if (diagnostic.code == code && diagnostic.message.contains(part))
            return &diagnostic;
    }
    return nullptr;
}

inline const Istio::VirtualService *findVirtualService(const FromGatewayApi::Translation &t,
                                                       const QString &host)
{
    for (const FromGatewayApi::TranslatedVirtualService &vs : t.virtualServices) {
        if (!vs.virtualService.spec.hosts.empty() && vs.virtualService.spec.hosts.front() == host)
            return &vs.virtualService;
    }
    return nullptr;
}

// The first generated HTTP route of the VirtualService for `host`, or null.
inline const Istio::HTTPRoute *firstHttpRoute(const FromGatewayApi::Translation &translation,
                                              const QString &host)
{
    const Istio::VirtualService *vs = findVirtualService(translation, host);
    return vs && !vs->spec.http.empty() ? &vs->spec.http.front() : nullptr;
}

// HTTPRoute spec lines for host a.example.com with the given rule lines.
inline QByteArray rules(const QByteArray &lines)
{
    return "  hostnames: [a.example.com]\n  rules:\n" + lines;
}

} // namespace GatewayApiTest
