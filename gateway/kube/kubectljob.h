#pragma once

#include "kubectlcommands.h"
#include "kubectloptions.h"
#include "kubectlresult.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

class QProcess;

namespace Kube {

// Runs one kubectl command in the background on the thread that owns the job (the GUI thread
// is fine: nothing here blocks it). The program gets the argument list from commandLine(), never
// a shell, and the environment of this process (so $KUBECONFIG and kubectl's own settings
// apply). Its stdin receives command.input and is then closed.
//
// finished() is emitted exactly once per job, always from the event loop (never inside
// start()), so it may be connected after start(): on success, on a non-zero exit, when the
// program is missing, past the timeout (the process is killed first), and on cancel().
class KubectlJob : public QObject {
    Q_OBJECT

public:
    KubectlJob(KubectlOptions options, KubectlCommand command, QObject *parent = nullptr);
    // Kills a process still running; finished() is then not emitted.
    ~KubectlJob() override;

    const KubectlOptions &options() const { return m_options; }
    const KubectlCommand &command() const { return m_command; }
    bool isRunning() const { return m_process != nullptr; }
    bool isFinished() const { return m_finished; }

    // Starts the command; a second call does nothing.
    void start();
    // Kills the process (or, before start(), makes start() do nothing) and reports Cancelled.
    // Does nothing once the job has finished.
    void cancel();

signals:
    void finished(const Kube::KubectlResult &result);

private:
    void handleTimeout();
    void handleProcessError();
    void handleProcessFinished();
    void stopProcess();
    void setCancelled();
    void finishLater(KubectlResult result);

    KubectlOptions m_options;
    KubectlCommand m_command;
    KubectlResult m_result;
    QProcess *m_process = nullptr;
    QTimer m_timer;
    QElapsedTimer m_clock;
    bool m_started = false;
    bool m_finished = false;
    KubectlResult::Status m_stopReason = KubectlResult::Status::Finished;
};

} // namespace Kube
