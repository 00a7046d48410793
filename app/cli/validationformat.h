#pragma once

#include "core/diagnostic.h"

#include <QByteArray>
#include <QString>

// How `gatehouse validate` prints findings: istioctl analyze's text lines, a JSON array, or a
// SARIF 2.1.0 log for code-scanning tools.
namespace Cli {

// "Error", "Warning", "Info" (istioctl's spelling).
QString levelTitle(Core::Level level);

// Error [IST0101] (VirtualService default/reviews file.yaml:12:5) Referenced gateway ...
QString findingText(const Core::Diagnostic &diagnostic);
QByteArray findingsJson(const Core::Diagnostics &diagnostics);
QByteArray findingsSarif(const Core::Diagnostics &diagnostics, const QString &toolVersion);

} // namespace Cli
