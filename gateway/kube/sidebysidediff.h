#pragma once

// `kubectl diff` prints a unified diff (diff -u -N) of each resource's live object against the
// object the apply would leave. A reviewer reads changes best side by side: this turns that
// output into rows of (live line, proposed line) per resource.

#include <QList>
#include <QString>
#include <optional>

namespace Kube {

struct DiffRow {
    enum class Change {
        Same,    // the line is in both
        Changed, // a live line replaced by a proposed one
        Removed, // only live
        Added,   // only proposed
        Skipped, // lines left out between two hunks (both texts empty)
    };
    Change change = Change::Same;
    QString live;
    QString proposed;
    int liveLine = 0; // 1-based; 0 where the side has no line
    int proposedLine = 0;
};

struct ResourceDiff {
    // "Gateway istio-system/bookinfo-gateway" when the file name is kubectl's
    // group.version.Kind.namespace.name, else the file name.
    QString label;
    QList<DiffRow> rows;
    int addedLines = 0;
    int removedLines = 0;

    // No live object: applying creates it.
    bool creates() const { return removedLines == 0 && addedLines > 0 && !hasLiveContext(); }

private:
    bool hasLiveContext() const;
};

// Reads kubectl diff's standard output. nullopt, with `error` naming the first line that does
// not fit, when it is not unified diff (KUBECTL_EXTERNAL_DIFF may name another program): the
// caller then shows the text as it is.
std::optional<QList<ResourceDiff>> parseUnifiedDiff(const QString &output, QString *error);

// The readable name of one of kubectl's temporary diff files.
QString resourceLabel(const QString &diffFilePath);

} // namespace Kube
