#pragma once

// Reading what kubectl printed. Output that is not what the command prints (binary bytes, a
// shape kubectl never writes) gives nullopt and a message naming the first line that is wrong,
// never a crash and never a half-understood value.

#include "kubectlresult.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace Kube {

// `config get-contexts --output=name`: the context names, in kubectl's order.
std::optional<QStringList> parseContexts(const QByteArray &output, QString *error);
// `config current-context`: the one name.
std::optional<QString> parseCurrentContext(const QByteArray &output, QString *error);
// `get namespaces --output=name`: the names without the "namespace/" prefix.
std::optional<QStringList> parseNamespaces(const QByteArray &output, QString *error);

// One line of `kubectl apply` output: "gateway.networking.istio.io/bookinfo serverside-applied
// (server dry run)".
struct AppliedResource {
    QString resource; // "gateway.networking.istio.io", "secret"
    QString name;
    QString action; // "serverside-applied", "created", "configured", "unchanged"
    bool dryRun = false;

    QString line() const; // as kubectl printed it
    bool operator==(const AppliedResource &) const = default;
};
std::optional<QList<AppliedResource>> parseApplyOutput(const QByteArray &output, QString *error);

// What `kubectl diff` said: exit 0 no differences, 1 differences (the diff is on stdout),
// anything else (or 1 with nothing on stdout, as kubectl before 1.18 reported errors) failed.
enum class DiffOutcome { NoDifferences, Differences, Failed };
DiffOutcome diffOutcome(const KubectlResult &result);

// The output as text, or nullopt when it is not UTF-8 or holds control characters other than
// tab, CR and LF: what kubectl prints is always text.
std::optional<QString> outputText(const QByteArray &output, QString *error);

} // namespace Kube
