#include "decisionformat.h"

#include <QJsonArray>

namespace Route {

QString decisionText(const Route::Decision &decision, const QString &indent)
{
    QString text;
    auto line = [&](const QString &label, const QString &value) {
        if (!value.isEmpty())
            text += indent + label.leftJustified(16) + value + QLatin1Char('\n');
    };
    line(QStringLiteral("outcome"), decision.summary());
    line(QStringLiteral("listener"), decision.listener);
    if (decision.server)
        line(QStringLiteral("server"),
             QStringLiteral("%1 %2 (port %3)")
                 .arg(decision.server->gateway.qualifiedName(), decision.server->portName)
                 .arg(decision.server->port));
    line(QStringLiteral("filter chain"), decision.filterChain);
    line(QStringLiteral("route table"), decision.routeTable);
    line(QStringLiteral("virtual host"), decision.virtualHost);
    if (decision.virtualService)
        line(QStringLiteral("virtualService"), decision.virtualService->qualifiedName());
    if (decision.delegate)
        line(QStringLiteral("delegate"), decision.delegate->qualifiedName());
    if (!decision.routeLabel.isEmpty())
        line(QStringLiteral("route"),
             decision.routeName.isEmpty()
                 ? decision.routeLabel
                 : QStringLiteral("%1 (%2)").arg(decision.routeName, decision.routeLabel));
    if (decision.cluster)
        line(QStringLiteral("cluster"), decision.cluster->envoyName());
    line(QStringLiteral("path"), decision.upstreamPath);
    line(QStringLiteral("authority"), decision.upstreamAuthority);
    if (decision.delayMs)
        line(QStringLiteral("delay"), QStringLiteral("%1 ms").arg(*decision.delayMs));
    if (decision.timeoutMs)
        line(QStringLiteral("timeout"), QStringLiteral("%1 ms").arg(*decision.timeoutMs));
    for (const auto &mirror : decision.mirrors)
        line(QStringLiteral("mirror"), mirror.describe());
    if (!decision.trace.empty()) {
        text += indent + QStringLiteral("trace:\n");
        for (const Route::TraceStep &step : decision.trace) {
            text += indent + QStringLiteral("  %1: %2\n").arg(step.stage, step.outcome);
            for (const QString &candidate : step.candidates)
                text += indent + QStringLiteral("      - %1\n").arg(candidate);
        }
    }
    if (!decision.nearMisses.empty()) {
        text += indent + QStringLiteral("near misses:\n");
        for (const Route::NearMiss &miss : decision.nearMisses)
            text += indent + QStringLiteral("  - %1\n").arg(miss.text());
    }
    return text;
}

QJsonObject decisionJson(const Route::Decision &decision)
{
    QJsonObject json;
    json.insert(QStringLiteral("outcome"), decision.outcomeName());
    json.insert(QStringLiteral("summary"), decision.summary());
    json.insert(QStringLiteral("listener"), decision.listener);
    if (decision.server) {
        json.insert(QStringLiteral("gateway"), decision.server->gateway.qualifiedName());
        json.insert(QStringLiteral("server"), decision.server->portName);
        json.insert(QStringLiteral("port"), int(decision.server->port));
    }
    if (!decision.filterChain.isEmpty())
        json.insert(QStringLiteral("filterChain"), decision.filterChain);
    if (!decision.routeTable.isEmpty())
        json.insert(QStringLiteral("routeTable"), decision.routeTable);
    if (!decision.virtualHost.isEmpty())
        json.insert(QStringLiteral("virtualHost"), decision.virtualHost);
    if (decision.virtualService)
        json.insert(QStringLiteral("virtualService"), decision.virtualService->qualifiedName());
    if (!decision.routeLabel.isEmpty()) {
        json.insert(QStringLiteral("route"), decision.routeName);
        json.insert(QStringLiteral("routeIndex"), decision.routeLabel);
        json.insert(QStringLiteral("match"), decision.matchIndex);
    }
    if (decision.cluster) {
        json.insert(QStringLiteral("destination"), decision.cluster->describe());
        json.insert(QStringLiteral("cluster"), decision.cluster->envoyName());
    }
    if (decision.status)
        json.insert(QStringLiteral("status"), decision.status);
    if (!decision.location.isEmpty())
        json.insert(QStringLiteral("redirect"), decision.location);
    if (!decision.upstreamPath.isEmpty())
        json.insert(QStringLiteral("path"), decision.upstreamPath);
    if (!decision.upstreamAuthority.isEmpty())
        json.insert(QStringLiteral("authority"), decision.upstreamAuthority);
    if (!decision.body.isEmpty())
        json.insert(QStringLiteral("body"), QString::fromUtf8(decision.body));
    if (decision.isClosed())
        json.insert(QStringLiteral("closed"), decision.closeReason);
    QJsonObject requestHeaders;
    for (const auto &[name, value] : decision.upstreamHeaders)
        requestHeaders.insert(name, value);
    if (!requestHeaders.isEmpty())
        json.insert(QStringLiteral("requestHeaders"), requestHeaders);
    QJsonObject responseHeaders;
    for (const auto &[name, value] : decision.responseHeaders)
        responseHeaders.insert(name, value);
    if (!responseHeaders.isEmpty())
        json.insert(QStringLiteral("responseHeaders"), responseHeaders);
    QJsonArray trace;
    for (const Route::TraceStep &step : decision.trace) {
        QJsonObject entry{{QStringLiteral("stage"), step.stage},
                          {QStringLiteral("outcome"), step.outcome}};
        if (!step.candidates.isEmpty())
            entry.insert(QStringLiteral("candidates"), QJsonArray::fromStringList(step.candidates));
        trace.append(entry);
    }
    json.insert(QStringLiteral("trace"), trace);
    if (!decision.nearMisses.empty()) {
        QJsonArray misses;
        for (const Route::NearMiss &miss : decision.nearMisses)
            misses.append(QJsonObject{{QStringLiteral("stage"), miss.stage},
                                      {QStringLiteral("subject"), miss.subject},
                                      {QStringLiteral("reason"), miss.reason}});
        json.insert(QStringLiteral("nearMisses"), misses);
    }
    return json;
}

} // namespace Route
