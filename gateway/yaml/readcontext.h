#pragma once

#include "core/diagnostic.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <vector>
#include <yaml-cpp/mark.h>

namespace YAML {
class Node;
} // namespace YAML

namespace Yaml {

// Field path ("spec.servers[0].port.number") → where its key stands in the file.
using FieldPositions = QHash<QString, Core::SourcePosition>;

// State of one typed read of a YAML document: where in the tree the reader is, what it found
// wrong, and the position of every field it read. A quiet context (used to compare a node with
// a value) records nothing.
class ReadContext {
public:
    explicit ReadContext(int lineOffset = 0, bool quiet = false);

    Core::SourcePosition position(const YAML::Mark &mark) const;
    Core::SourcePosition position(const YAML::Node &node) const;

    void report(const char *code, const YAML::Node &at, const QString &message);
    void report(const char *code, const YAML::Mark &at, const QString &message,
                const QString &fieldPath);
    // Steps into a field or list item whose key (or item) stands at `mark`, recording its
    // position under the new path.
    void enterField(const QString &name, const YAML::Mark &mark);
    void enterIndex(std::size_t index, const YAML::Mark &mark);
    void enterField(const QString &name);
    void enterIndex(std::size_t index);
    // Where the key of the object being read stands (null at the document root).
    YAML::Mark parentKeyMark() const;
    void leave();
    QString path() const;
    QString childPath(const QString &name) const;

    bool hasErrors() const { return m_errorCount > 0; }
    const Core::Diagnostics &diagnostics() const { return m_diagnostics; }
    const FieldPositions &positions() const { return m_positions; }

private:
    int m_lineOffset;
    bool m_quiet;
    int m_errorCount = 0;
    QStringList m_path;
    std::vector<YAML::Mark> m_marks;
    Core::Diagnostics m_diagnostics;
    FieldPositions m_positions;
};

// Describes a node for messages: "the number 80", "a list", "an object".
QString describeNode(const YAML::Node &node);

// The proto (snake_case) spellings Istio also accepts for a JSON field name. Two variants,
// because protos differ on digits: consecutive_5xx_errors but http1_max_pending_requests.
QStringList protoFieldNames(const char *jsonName);

// The closest known name to an unknown key, for "did you mean" hints; empty if none is close.
QString closestName(const QString &unknown, const QStringList &known);

} // namespace Yaml

namespace Yaml {

// Reports every key that appears twice in one mapping, anywhere in the tree. kubectl rejects
// such documents; readers use the first occurrence.
void reportDuplicateKeys(ReadContext &context, const YAML::Node &root);

} // namespace Yaml
