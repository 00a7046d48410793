#pragma once

#include <QString>
#include <vector>

namespace Project {
class Document;
}

namespace ToGatewayApi {

// How much an item of the Istio design suffers in the conversion:
//   Lost              an Istio feature has no Gateway API equivalent and is left out;
//   ChangedBehaviour  the item is converted, but the cluster treats some requests differently;
//   Note              nothing is lost, but the user should know (a renamed object, a default).
enum class Severity { Lost, ChangedBehaviour, Note };

QString severityName(Severity severity); // "lost", "changed-behaviour", "note"

// An Istio resource the report talks about.
struct ResourceId {
    QString kind;
    QString nameSpace;
    QString name;

    bool isEmpty() const { return kind.isEmpty(); }
    QString text() const; // "VirtualService default/reviews"
    bool operator==(const ResourceId &) const = default;
};

// Where a resource came from: its id and, when known, its document (for file:line).
struct Source {
    ResourceId id;
    const Project::Document *document = nullptr;
};

struct LossEntry {
    Severity severity = Severity::Note;
    QString code;        // stable identifier for tooling, see README.md ("fault", ...)
    ResourceId resource; // empty for conversion-wide entries
    QString fieldPath;   // "spec.http[2].fault"
    QString what;        // what is lost or changed
    QString consequence; // what that means in the cluster
    QString file;
    int line = 0;
    // The other route of a precedence change, and a request that shows it.
    ResourceId related;
    QString relatedFieldPath;
    QString example;
};

// Collects the entries of one conversion, in the order they are found.
class LossReport {
public:
    // The returned entry is valid until the next add.
    LossEntry &add(Severity severity, const QString &code, const Source &source,
                   const QString &fieldPath, const QString &what, const QString &consequence);
    LossEntry &addGeneral(Severity severity, const QString &code, const QString &what,
                          const QString &consequence);

    const std::vector<LossEntry> &entries() const { return m_entries; }
    std::vector<LossEntry> takeEntries() { return std::move(m_entries); }

private:
    std::vector<LossEntry> m_entries;
};

} // namespace ToGatewayApi
