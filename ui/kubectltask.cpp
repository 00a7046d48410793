#include "kubectltask.h"

#include "busyindicator.h"

#include <QWidget>

void startKubectl(QObject *owner, QPointer<Kube::KubectlJob> &running,
                  const Kube::KubectlOptions &options, const Kube::KubectlCommand &command,
                  std::function<void(const Kube::KubectlResult &)> done)
{
    auto *job = new Kube::KubectlJob(options, command, owner);
    running = job;
    // The main window's status bar shows that kubectl is running when it takes a while.
    // It ends when the job goes: finished, or dropped with a dialog closed while it ran.
    if (BusyIndicator *busy = BusyIndicator::of(qobject_cast<QWidget *>(owner))) {
        busy->begin(QObject::tr("Running kubectl %1…").arg(command.label));
        QObject::connect(job, &QObject::destroyed, busy, [busy] { busy->end(); });
    }
    // `running` is a member of `owner`, which also owns the job: it outlives the connection.
    QObject::connect(job, &Kube::KubectlJob::finished, owner,
                     [job, &running, done = std::move(done)](const Kube::KubectlResult &result) {
                         job->deleteLater();
                         if (running == job)
                             running = nullptr;
                         done(result);
                     });
    job->start();
}
