#include "kubectltask.h"

void startKubectl(QObject *owner, QPointer<Kube::KubectlJob> &running,
                  const Kube::KubectlOptions &options, const Kube::KubectlCommand &command,
                  std::function<void(const Kube::KubectlResult &)> done)
{
    auto *job = new Kube::KubectlJob(options, command, owner);
    running = job;
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
