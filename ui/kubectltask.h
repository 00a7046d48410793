#pragma once

#include "kube/kubectljob.h"

#include <QPointer>
#include <functional>

// Runs one kubectl command in the background for a dialog: the job is owned by `owner`,
// `running` points at it while it runs (and is null again before `done` is called, so `done`
// sees the dialog idle), and the job deletes itself afterwards. `done` runs exactly once, from
// the event loop, cancelled runs included.
void startKubectl(QObject *owner, QPointer<Kube::KubectlJob> &running,
                  const Kube::KubectlOptions &options, const Kube::KubectlCommand &command,
                  std::function<void(const Kube::KubectlResult &)> done);
