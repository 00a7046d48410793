#include "kubectlrun.h"

#include "kubectljob.h"

#include <QEventLoop>

namespace Kube {

KubectlResult runKubectl(const KubectlOptions &options, const KubectlCommand &command)
{
    KubectlJob job(options, command);
    KubectlResult result;
    QEventLoop loop;
    QObject::connect(&job, &KubectlJob::finished, &loop, [&](const KubectlResult &ended) {
        result = ended;
        loop.quit();
    });
    job.start();
    loop.exec();
    return result;
}

} // namespace Kube
