#pragma once

#include "model/resource.h"

#include <QByteArray>
#include <QString>

namespace Project {

class Workspace;

// A new resource from a template (File › New): text that reads as a valid resource of `kind`,
// named so that no resource of that kind in that namespace of the workspace has the name
// already, and tied into the design where it can be: a VirtualService is bound to the
// workspace's first Gateway and takes that Gateway's first host.
struct NewResource {
    QString name;
    QByteArray text; // one YAML document, no `---` line, ending with a newline
};
NewResource resourceTemplate(const Workspace &workspace, Istio::ResourceKind kind,
                             const QString &nameSpace = QStringLiteral("default"));

// `fileBytes` with `document` added as its last document: a `---` line between the two when
// the file already has content, and a newline first when the file did not end with one.
QByteArray withDocumentAppended(const QByteArray &fileBytes, const QByteArray &document);

} // namespace Project
