#pragma once

#include "sourceposition.h"

#include <QList>
#include <QString>
#include <optional>

namespace Core {

enum class Level { Error, Warning, Info };

QString levelName(Level level); // "ERROR", "WARNING", "INFO"

// What a diagnostic is about: a resource (kind, namespace/name) and where in which file.
struct DiagnosticSubject {
    QString kind;      // "Gateway", or empty when the document has no usable kind
    QString nameSpace; // effective namespace ("default" when the manifest sets none)
    QString name;
    QString file;
    SourcePosition position;

    // "Gateway istio-system/my-gateway", or "document 3" when the resource is unknown.
    QString describe(int documentNumber = 0) const;
};

// One finding. Errors are values: parsers, validators and the compiler all report through
// this type, never through exceptions.
struct Diagnostic {
    Level level = Level::Error;
    QString code;        // "GH1002", "IST0132"
    QString messageType; // "TypeMismatch", "VirtualServiceHostNotFoundInGateway"
    QString message;     // plain sentence, no trailing position
    DiagnosticSubject subject;
    int documentNumber = 0; // 1-based document index in its file, for unnamed documents
    QString fieldPath;      // "spec.servers[0].port.number", empty for document-level findings
    // Cross-resource findings name the other resource too.
    std::optional<DiagnosticSubject> related;

    // "ERROR file:line:col Kind namespace/name: message"
    QString toText() const;
};

using Diagnostics = QList<Diagnostic>;

bool hasErrors(const Diagnostics &diagnostics);

} // namespace Core
