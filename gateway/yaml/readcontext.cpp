#include "readcontext.h"

#include "core/diagnosticcodes.h"
#include "scalar.h"

#include <algorithm>
#include <unordered_map>
#include <yaml-cpp/yaml.h>

namespace Yaml {

ReadContext::ReadContext(int lineOffset, bool quiet) : m_lineOffset(lineOffset), m_quiet(quiet) {}

Core::SourcePosition ReadContext::position(const YAML::Mark &mark) const
{
    if (mark.is_null())
        return {};
    return {mark.line + 1 + m_lineOffset, mark.column + 1};
}

Core::SourcePosition ReadContext::position(const YAML::Node &node) const
{
    return position(node.Mark());
}

void ReadContext::report(const char *code, const YAML::Node &at, const QString &message)
{
    report(code, at.Mark(), message, path());
}

void ReadContext::report(const char *code, const YAML::Mark &at, const QString &message,
                         const QString &fieldPath)
{
    Core::Diagnostic diagnostic = Core::makeDiagnostic(code, message);
    if (diagnostic.level == Core::Level::Error)
        ++m_errorCount;
    if (m_quiet)
        return;
    diagnostic.subject.position = position(at);
    diagnostic.fieldPath = fieldPath;
    m_diagnostics.append(diagnostic);
}

void ReadContext::enterField(const QString &name, const YAML::Mark &mark)
{
    m_path.append(m_path.isEmpty() ? name : QLatin1Char('.') + name);
    m_marks.push_back(mark);
    if (!m_quiet)
        m_positions.insert(path(), position(mark));
}

void ReadContext::enterIndex(std::size_t index, const YAML::Mark &mark)
{
    m_path.append(QStringLiteral("[%1]").arg(index));
    m_marks.push_back(mark);
    if (!m_quiet)
        m_positions.insert(path(), position(mark));
}

void ReadContext::enterField(const QString &name)
{
    enterField(name, YAML::Mark::null_mark());
}

void ReadContext::enterIndex(std::size_t index)
{
    enterIndex(index, YAML::Mark::null_mark());
}

YAML::Mark ReadContext::parentKeyMark() const
{
    return m_marks.empty() ? YAML::Mark::null_mark() : m_marks.back();
}

void ReadContext::leave()
{
    m_path.removeLast();
    m_marks.pop_back();
}

QString ReadContext::path() const
{
    return m_path.join(QString());
}

QString ReadContext::childPath(const QString &name) const
{
    return m_path.isEmpty() ? name : path() + QLatin1Char('.') + name;
}

QString describeNode(const YAML::Node &node)
{
    if (node.IsMap())
        return QStringLiteral("an object");
    if (node.IsSequence())
        return QStringLiteral("a list");
    if (node.IsNull())
        return QStringLiteral("null");
    const QString text = QString::fromStdString(node.Scalar());
    switch (scalarType(node)) {
    case ScalarType::Bool:
        return QStringLiteral("the boolean %1").arg(text);
    case ScalarType::Int:
    case ScalarType::Float:
        return QStringLiteral("the number %1").arg(text);
    case ScalarType::Null:
        return QStringLiteral("null");
    case ScalarType::String:
        break;
    }
    return QStringLiteral("the string \"%1\"").arg(text);
}

namespace {

QStringList computeProtoFieldNames(const char *jsonName)
{
    QString plain;
    QString digitsSeparated;
    QChar previous;
    for (const char *p = jsonName; *p; ++p) {
        const QChar c = QLatin1Char(*p);
        if (c.isUpper()) {
            plain += QLatin1Char('_');
            digitsSeparated += QLatin1Char('_');
        } else if (c.isDigit() && previous.isLetter()) {
            digitsSeparated += QLatin1Char('_');
        }
        plain += c.toLower();
        digitsSeparated += c.toLower();
        previous = c;
    }
    QStringList names{plain};
    if (digitsSeparated != plain)
        names << digitsSeparated;
    return names;
}

} // namespace

QStringList protoFieldNames(const char *jsonName)
{
    // Field names are string literals from the model's field tables, so the pointer is a stable
    // key. One cache per thread keeps readers on worker threads lock-free.
    thread_local std::unordered_map<const char *, QStringList> cache;
    auto it = cache.find(jsonName);
    if (it == cache.end())
        it = cache.emplace(jsonName, computeProtoFieldNames(jsonName)).first;
    return it->second;
}

namespace {

int editDistance(const QString &a, const QString &b)
{
    std::vector<int> row(b.size() + 1);
    for (int j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (int i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = i;
        for (int j = 1; j <= b.size(); ++j) {
            const int above = row[j];
            const int cost = a[i - 1].toLower() == b[j - 1].toLower() ? 0 : 1;
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
            diagonal = above;
        }
    }
    return row[b.size()];
}

} // namespace

QString closestName(const QString &unknown, const QStringList &known)
{
    QString best;
    int bestDistance = std::max(2, static_cast<int>(unknown.size() / 4)) + 1;
    for (const QString &candidate : known) {
        const int distance = editDistance(unknown, candidate);
        if (distance < bestDistance) {
            bestDistance = distance;
            best = candidate;
        }
    }
    return best;
}

} // namespace Yaml

namespace Yaml {

namespace {

// Walks the tree with a cheap path of std::string segments; the ReadContext's path is only
// built for the (rare) duplicate that gets reported.
void findDuplicates(ReadContext &context, const YAML::Node &node, std::vector<std::string> &path)
{
    if (node.IsSequence()) {
        std::size_t index = 0;
        for (auto it = node.begin(); it != node.end(); ++it, ++index) {
            std::string segment = std::to_string(index);
            segment.insert(segment.begin(), '[');
            segment.push_back(']');
            path.push_back(std::move(segment));
            findDuplicates(context, *it, path);
            path.pop_back();
        }
        return;
    }
    if (!node.IsMap())
        return;
    std::vector<std::pair<std::string, YAML::Mark>> seen;
    seen.reserve(node.size());
    for (auto it = node.begin(); it != node.end(); ++it) {
        const YAML::Node key = it->first;
        const std::string name = key.IsScalar() ? key.Scalar() : std::string();
        if (key.IsScalar()) {
            const auto previous = std::find_if(
                seen.begin(), seen.end(), [&](const auto &entry) { return entry.first == name; });
            if (previous != seen.end()) {
                QString fieldPath;
                for (const std::string &segment : path)
                    fieldPath += QString::fromStdString(segment);
                fieldPath += (fieldPath.isEmpty() ? QString() : QStringLiteral(".")) +
                             QString::fromStdString(name);
                context.report(Core::Codes::DUPLICATE_KEY, key.Mark(),
                               QStringLiteral("duplicate key \"%1\" (first set on line %2); "
                                              "only the first value is used")
                                   .arg(QString::fromStdString(name))
                                   .arg(context.position(previous->second).line),
                               fieldPath);
            } else {
                seen.emplace_back(name, key.Mark());
            }
        }
        std::string segment = name;
        if (!path.empty())
            segment.insert(segment.begin(), '.');
        path.push_back(std::move(segment));
        findDuplicates(context, it->second, path);
        path.pop_back();
    }
}

} // namespace

void reportDuplicateKeys(ReadContext &context, const YAML::Node &root)
{
    std::vector<std::string> path;
    findDuplicates(context, root, path);
}

} // namespace Yaml
