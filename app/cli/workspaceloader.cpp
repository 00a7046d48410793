#include "workspaceloader.h"

#include "core/diagnosticcodes.h"

namespace Cli {

bool loadPaths(Project::Workspace &workspace, const QStringList &paths, ConsoleStreams streams)
{
    bool ok = true;
    for (const QString &path : paths) {
        if (!workspace.addPath(path)) {
            streams.err << QStringLiteral("gatehouse: %1: no such file or folder\n").arg(path);
            ok = false;
        }
    }
    for (const Project::SourceFile &file : workspace.files()) {
        for (const Core::Diagnostic &diagnostic : file.fileDiagnostics()) {
            if (diagnostic.code == QLatin1String(Core::Codes::UNREADABLE_FILE) &&
                !diagnostic.subject.position.isValid()) {
                streams.err << QStringLiteral("gatehouse: %1: %2\n")
                                   .arg(diagnostic.subject.file, diagnostic.message);
                ok = false;
            }
        }
    }
    return ok;
}

} // namespace Cli
