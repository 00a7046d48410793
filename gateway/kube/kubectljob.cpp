#include "kubectljob.h"

#include <QProcess>

namespace Kube {
namespace {

// After kill() a process is gone almost at once; this bounds the wait in the destructor.
const int KILL_WAIT_MS = 2000;

QString secondsText(int milliseconds)
{
    if (milliseconds % 1000 == 0)
        return QStringLiteral("%1 s").arg(milliseconds / 1000);
    return QStringLiteral("%1 s").arg(milliseconds / 1000.0, 0, 'f', 1);
}

} // namespace

KubectlJob::KubectlJob(KubectlOptions options, KubectlCommand command, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_command(std::move(command))
{
    // What a job that never runs reports; start() replaces the program with the resolved path.
    m_result.program = m_options.program.isEmpty() ? QStringLiteral("kubectl") : m_options.program;
    m_result.arguments = commandLine(m_options, m_command);
    static const int registered = qRegisterMetaType<Kube::KubectlResult>();
    Q_UNUSED(registered);
    m_timer.setSingleShot(true);
    // A coarse timer may fire up to 5 % early; the limit is a promise to the user.
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &KubectlJob::handleTimeout);
}

KubectlJob::~KubectlJob()
{
    if (!m_process)
        return;
    m_process->disconnect(this);
    m_process->kill();
    m_process->waitForFinished(KILL_WAIT_MS);
    delete m_process;
}

void KubectlJob::start()
{
    if (m_started || m_finished)
        return;
    m_started = true;
    m_clock.start();
    QString error;
    const QString program = resolveKubectl(m_options.program, &error);
    if (program.isEmpty()) {
        m_result.status = KubectlResult::Status::FailedToStart;
        m_result.message = error;
        finishLater(m_result);
        return;
    }
    m_result.program = program;

    m_process = new QProcess(this);
    m_process->setProgram(program);
    m_process->setArguments(m_result.arguments);
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    connect(m_process, &QProcess::errorOccurred, this, &KubectlJob::handleProcessError);
    connect(m_process, &QProcess::finished, this, &KubectlJob::handleProcessFinished);
    m_process->start();
    if (!m_process)
        return; // could not start: handleProcessError has reported it
    // Buffered until the process runs; closing afterwards makes kubectl see the end of input.
    if (!m_command.input.isEmpty())
        m_process->write(m_command.input);
    m_process->closeWriteChannel();
    if (m_options.timeoutMs > 0)
        m_timer.start(m_options.timeoutMs);
}

void KubectlJob::cancel()
{
    if (m_finished || m_stopReason != KubectlResult::Status::Finished)
        return;
    if (!m_started) {
        m_started = true;
        setCancelled();
        finishLater(m_result);
        return;
    }
    m_stopReason = KubectlResult::Status::Cancelled;
    stopProcess();
}

void KubectlJob::handleTimeout()
{
    if (!m_process || m_stopReason != KubectlResult::Status::Finished)
        return;
    m_stopReason = KubectlResult::Status::TimedOut;
    stopProcess();
}

void KubectlJob::stopProcess()
{
    m_timer.stop();
    // kill(), not terminate(): a kubectl waiting on an unreachable server or a login prompt may
    // ignore SIGTERM for a long time. The finished signal follows once the process is reaped.
    if (m_process)
        m_process->kill();
}

void KubectlJob::handleProcessError()
{
    if (!m_process || m_process->error() != QProcess::FailedToStart)
        return; // crashes and kills are reported by handleProcessFinished
    m_timer.stop();
    m_result.status = KubectlResult::Status::FailedToStart;
    m_result.message = QStringLiteral("kubectl could not be started (%1): %2. Give the path to "
                                      "a working kubectl.")
                           .arg(m_result.program, m_process->errorString());
    m_result.elapsedMs = m_clock.elapsed();
    m_process->disconnect(this);
    m_process->deleteLater();
    m_process = nullptr;
    if (m_stopReason == KubectlResult::Status::Cancelled)
        setCancelled();
    finishLater(m_result);
}

void KubectlJob::handleProcessFinished()
{
    m_timer.stop();
    m_result.elapsedMs = m_clock.elapsed();
    m_result.standardOutput = m_process->readAllStandardOutput();
    m_result.standardError = m_process->readAllStandardError();
    const bool crashed = m_process->exitStatus() == QProcess::CrashExit;
    m_result.exitCode = crashed ? -1 : m_process->exitCode();
    m_process->disconnect(this);
    m_process->deleteLater();
    m_process = nullptr;

    switch (m_stopReason) {
    case KubectlResult::Status::TimedOut:
        m_result.status = KubectlResult::Status::TimedOut;
        m_result.message = QStringLiteral("kubectl %1 did not finish within %2 and was stopped. "
                                          "The cluster may be unreachable, or kubectl may be "
                                          "waiting for a login.")
                               .arg(m_command.label, secondsText(m_options.timeoutMs));
        break;
    case KubectlResult::Status::Cancelled:
        setCancelled();
        break;
    default:
        if (crashed) {
            m_result.status = KubectlResult::Status::Crashed;
            m_result.message = QStringLiteral("kubectl %1 crashed").arg(m_command.label);
        } else {
            m_result.status = KubectlResult::Status::Finished;
            if (m_result.exitCode != 0)
                m_result.message = QStringLiteral("kubectl %1 failed (exit code %2)")
                                       .arg(m_command.label)
                                       .arg(m_result.exitCode);
        }
        break;
    }
    finishLater(m_result);
}

void KubectlJob::setCancelled()
{
    m_result.status = KubectlResult::Status::Cancelled;
    m_result.message = QStringLiteral("kubectl %1 was cancelled").arg(m_command.label);
}

void KubectlJob::finishLater(KubectlResult result)
{
    m_finished = true;
    // Queued: a receiver that deletes the job in its slot is safe, and nothing is emitted from
    // inside start().
    QMetaObject::invokeMethod(
        this, [this, result = std::move(result)] { emit finished(result); }, Qt::QueuedConnection);
}

} // namespace Kube
