#pragma once

#include "route/decision.h"

#include <QJsonObject>
#include <QString>

namespace Route {

// The decision as readable lines: outcome, where it went, then every trace step.
QString decisionText(const Route::Decision &decision, const QString &indent = QString());
QJsonObject decisionJson(const Route::Decision &decision);

} // namespace Route
