#include "environmentlocation.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace EnvironmentLocation {
namespace {

const QString SETTINGS_KEY = QStringLiteral("localEnvironments"); // folder → file

} // namespace

QString workspaceFolder(const Project::Workspace &workspace)
{
    QString common;
    for (const Project::SourceFile &file : workspace.files()) {
        const QString folder = QFileInfo(file.path()).absolutePath();
        if (common.isNull()) {
            common = folder;
            continue;
        }
        while (common != folder && !folder.startsWith(common + QLatin1Char('/')) &&
               common != QDir::rootPath()) {
            const QString parent = QFileInfo(common).absolutePath();
            if (parent == common)
                break;
            common = parent;
        }
    }
    return common;
}

QString pathFor(const Project::Workspace &workspace)
{
    const QString folder = workspaceFolder(workspace);
    const QString remembered = QSettings()
                                   .value(SETTINGS_KEY)
                                   .toMap()
                                   .value(folder.isEmpty() ? QStringLiteral("-") : folder)
                                   .toString();
    if (!remembered.isEmpty())
        return remembered;
    const QString name =
        folder.isEmpty() ? QStringLiteral("default")
                         : QStringLiteral("%1-%2").arg(
                               QFileInfo(folder).fileName(),
                               QString::fromLatin1(QCryptographicHash::hash(
                                                       folder.toUtf8(), QCryptographicHash::Sha1)
                                                       .toHex()
                                                       .left(8)));
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("environments/%1.yaml").arg(name));
}

void remember(const Project::Workspace &workspace, const QString &path)
{
    const QString folder = workspaceFolder(workspace);
    QSettings settings;
    QVariantMap map = settings.value(SETTINGS_KEY).toMap();
    map.insert(folder.isEmpty() ? QStringLiteral("-") : folder, path);
    settings.setValue(SETTINGS_KEY, map);
}

} // namespace EnvironmentLocation
