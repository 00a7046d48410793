#pragma once

#include "kube/kubectloptions.h"

// How the desktop app runs kubectl, kept in the user's settings (QSettings group "kubectl"):
// the program, an optional kubeconfig and the time limit. The context is chosen per dialog.
Kube::KubectlOptions loadKubectlOptions();
void saveKubectlOptions(const Kube::KubectlOptions &options);
