#pragma once

#include <QString>
#include <QStringList>

namespace Kube {

// How to run the user's own kubectl. A value: the desktop app keeps one in its settings, the
// command line builds one from its flags, and every job copies the one it was given.
struct KubectlOptions {
    static constexpr int DEFAULT_TIMEOUT_MS = 60000;

    // The kubectl to run: a path, or a bare name looked up on PATH when a job starts (so a
    // PATH changed at run time is honoured). Empty means "kubectl".
    QString program;
    // --context for every command when set; otherwise kubectl's current context.
    QString context;
    // --kubeconfig for every command when set; otherwise kubectl reads $KUBECONFIG or
    // ~/.kube/config itself (the environment is passed to kubectl unchanged).
    QString kubeconfig;
    // The hard limit for one invocation: past it the process is killed and the result says so.
    // Zero or less: no limit.
    int timeoutMs = DEFAULT_TIMEOUT_MS;

    // The flags every command starts with: --context=..., --kubeconfig=... (when set).
    QStringList globalArguments() const;
    // kubectl's own --request-timeout value for commands that contact the API server ("55s"):
    // a quarter (at most 5 s) below timeoutMs, at least 1 s, so that one request the cluster
    // does not answer ends with kubectl's own message before the hard limit kills it. Empty
    // without a limit.
    QString requestTimeout() const;
};

// The absolute path of the executable `program` names (see KubectlOptions::program), or an
// empty string with `error` naming what was tried and how to configure another kubectl.
QString resolveKubectl(const QString &program, QString *error);

} // namespace Kube
