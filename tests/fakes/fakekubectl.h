#pragma once

// Driving tests/fakes/kubectl, the recording test double for kubectl: where it is, its canned
// replies, and what it recorded about each run.

#include "testsupport.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QStringList>

namespace FakeKubectl {

inline QString directory()
{
    return QStringLiteral(GATEHOUSE_SOURCE_DIR "/tests/fakes");
}

inline QString program()
{
    return directory() + QStringLiteral("/kubectl");
}

// The canned replies of a small cluster (tests/fakes/replies).
inline QString replies()
{
    return directory() + QStringLiteral("/replies");
}

inline QByteArray reply(const QString &name)
{
    return TestSupport::readFile(replies() + QLatin1Char('/') + name);
}

// One run as the fake recorded it.
struct Run {
    QStringList arguments;
    QByteArray input;
    QByteArray environment; // "KUBECONFIG=..." or "KUBECONFIG unset"
};

inline QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The runs recorded in `logDirectory`, in order.
inline QList<Run> runs(const QString &logDirectory)
{
    QList<Run> result;
    const QDir dir(logDirectory);
    for (int number = 1; dir.exists(QStringLiteral("%1.argv").arg(number)); ++number) {
        const QString base = dir.filePath(QString::number(number));
        Run run;
        const QByteArray argv = readAll(base + QStringLiteral(".argv"));
        QList<QByteArray> parts = argv.split('\0');
        parts.removeLast(); // every argument ends with a NUL
        for (const QByteArray &part : parts)
            run.arguments << QString::fromUtf8(part);
        run.input = readAll(base + QStringLiteral(".stdin"));
        run.environment = readAll(base + QStringLiteral(".env")).trimmed();
        result.append(run);
    }
    return result;
}

} // namespace FakeKubectl
