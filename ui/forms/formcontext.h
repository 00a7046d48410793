#pragma once

#include <QHash>
#include <QString>
#include <QStringList>
#include <optional>

// What a form may offer in its pickers and badges, gathered from the whole workspace (and the
// running proxy) each time it changes. Plain values: a form never reaches into the workspace.
struct FormContext {
    // Gateways a VirtualService can bind to, as "namespace/name" (plus "mesh" offered by the
    // form itself).
    QStringList gateways;
    // Destination hosts known from DestinationRules, VirtualService destinations and Services.
    QStringList hosts;
    // Subsets named by DestinationRules, per host as written in the DestinationRule.
    QHash<QString, QStringList> subsets;
    // TLS credentials known from the local environment and Secret manifests.
    QStringList credentials;
    // Where "Generate development certificate" writes its files (beside the workspace).
    QString certificateFolder;
    // Requests per route from the running proxy ("ns/name http[2]" → count); absent when the
    // proxy is stopped.
    std::optional<QHash<QString, quint64>> routeHits;
    // Route test names that exercised a route ("ns/name http[2]" → tests); absent when no
    // route test file has been run.
    std::optional<QHash<QString, QStringList>> routeCoverage;
};
