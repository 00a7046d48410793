#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace Kube {

// How one kubectl invocation ended: a value, so it can cross threads and queued connections.
struct KubectlResult {
    enum class Status {
        Finished,      // kubectl exited; see exitCode
        FailedToStart, // no such program, or it could not be executed
        TimedOut,      // killed past KubectlOptions::timeoutMs
        Cancelled,     // killed by KubectlJob::cancel()
        Crashed,       // ended by a signal it did not ask for
    };

    Status status = Status::FailedToStart;
    int exitCode = -1; // when Finished
    QByteArray standardOutput;
    QByteArray standardError; // verbatim: show it to the user as kubectl wrote it
    QString program;          // the kubectl that ran, or the one that was tried
    QStringList arguments;
    qint64 elapsedMs = 0;
    // A plain sentence when the run did not succeed ("kubectl exited with code 1"); kubectl's
    // own explanation is in standardError.
    QString message;

    bool succeeded() const { return status == Status::Finished && exitCode == 0; }
    bool finished() const { return status == Status::Finished; }
    bool failedToStart() const { return status == Status::FailedToStart; }
    bool timedOut() const { return status == Status::TimedOut; }
    bool cancelled() const { return status == Status::Cancelled; }

    // The invocation as one line a user could paste into a shell (quoted where needed).
    QString commandLine() const;
};

} // namespace Kube

Q_DECLARE_METATYPE(Kube::KubectlResult)
