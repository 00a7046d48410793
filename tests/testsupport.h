#pragma once

// Helpers shared by the test executables (header-only; each test is its own binary).

#include "workspace/sourcefile.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QString>
#include <QtTest>

namespace TestSupport {

inline QString dataPath(const QString &relative)
{
    return QStringLiteral(GATEHOUSE_TEST_DATA) + QLatin1Char('/') + relative;
}

inline QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read test file %s", qPrintable(path));
    return file.readAll();
}

// The shared manifest corpus: $GATEHOUSE_CORPUS, else ../shared/corpus beside the project.
// Empty when absent; tests then skip with a message saying so.
inline QString corpusDir()
{
    const QString fromEnvironment = qEnvironmentVariable("GATEHOUSE_CORPUS");
    const QString dir =
        fromEnvironment.isEmpty() ? QStringLiteral(GATEHOUSE_DEFAULT_CORPUS) : fromEnvironment;
    return QDir(dir).exists() ? QDir(dir).absolutePath() : QString();
}

// Every manifest file of the corpus (YAML and the .yaml.golden conversion results), sorted.
inline QStringList corpusFiles()
{
    const QString root = corpusDir();
    QStringList files;
    if (root.isEmpty())
        return files;
    QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (path.endsWith(QLatin1String(".yaml")) || path.endsWith(QLatin1String(".yml")) ||
            path.endsWith(QLatin1String(".golden")))
            files << path;
    }
    files.sort();
    return files;
}

inline QString corpusMissingMessage()
{
    return QStringLiteral("the shared corpus is not there (looked in $GATEHOUSE_CORPUS and %1)")
        .arg(QStringLiteral(GATEHOUSE_DEFAULT_CORPUS));
}

inline Project::SourceFile parseText(const QByteArray &text,
                                     const QString &path = QStringLiteral("test.yaml"))
{
    return Project::SourceFile::fromBytes(path, text);
}

} // namespace TestSupport
