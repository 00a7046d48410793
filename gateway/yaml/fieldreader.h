#pragma once

#include "core/diagnosticcodes.h"
#include "model/common.h"
#include "readcontext.h"
#include "scalar.h"

#include <limits>
#include <yaml-cpp/yaml.h>

// Reads typed Istio values out of yaml-cpp nodes by walking each struct's field table.
// Never throws: every problem becomes a diagnostic in the ReadContext, and the value keeps
// whatever could be read.
namespace Yaml {

template <class T> void readValue(ReadContext &ctx, const YAML::Node &node, T &out, unsigned flags);

namespace detail {

inline QString text(const YAML::Node &node)
{
    return QString::fromStdString(node.Scalar());
}

inline bool expectScalar(ReadContext &ctx, const YAML::Node &node, const char *what)
{
    if (node.IsScalar())
        return true;
    ctx.report(Core::Codes::TYPE_MISMATCH, node,
               QStringLiteral("%1 must be %2, not %3")
                   .arg(ctx.path(), QLatin1String(what), describeNode(node)));
    return false;
}

template <class Int> void readInteger(ReadContext &ctx, const YAML::Node &node, Int &out)
{
    if (!expectScalar(ctx, node, "an integer"))
        return;
    const std::optional<long long> value =
        isQuotedOrStringTagged(node) ? std::nullopt : parseInteger(node.Scalar());
    if (!value) {
        ctx.report(
            Core::Codes::TYPE_MISMATCH, node,
            QStringLiteral("%1 must be an integer, not %2").arg(ctx.path(), describeNode(node)));
        return;
    }
    if (*value < static_cast<long long>(std::numeric_limits<Int>::min()) ||
        (*value > 0 && static_cast<unsigned long long>(*value) > std::numeric_limits<Int>::max())) {
        ctx.report(Core::Codes::OUT_OF_RANGE, node,
                   QStringLiteral("%1 is %2, outside the range %3 to %4")
                       .arg(ctx.path())
                       .arg(*value)
                       .arg(static_cast<long long>(std::numeric_limits<Int>::min()))
                       .arg(static_cast<unsigned long long>(std::numeric_limits<Int>::max())));
        return;
    }
    out = static_cast<Int>(*value);
}

inline QStringList knownNames(const auto &fields)
{
    QStringList names;
    std::apply([&](const auto &...f) { (names.append(QLatin1String(f.name)), ...); }, fields);
    return names;
}

// Finds a field's key in a mapping under its JSON name or a proto spelling. Returns the key
// node's index in iteration order, or -1.
inline YAML::const_iterator findKey(const YAML::Node &map, const char *jsonName)
{
    const QStringList alternatives = protoFieldNames(jsonName);
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (!it->first.IsScalar())
            continue;
        const std::string &key = it->first.Scalar();
        if (key == jsonName)
            return it;
    }
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (it->first.IsScalar() && alternatives.contains(text(it->first)))
            return it;
    }
    return map.end();
}

inline bool keyMatches(const std::string &key, const char *jsonName)
{
    return key == jsonName || protoFieldNames(jsonName).contains(QString::fromStdString(key));
}

// A mapping's entries read once: yaml-cpp iteration is costly, and every field lookup of a
// struct would otherwise walk the whole mapping again.
struct MapEntry {
    std::string key;
    YAML::Node keyNode;
    YAML::Node value;
    bool claimed = false;
};

class MapEntries {
public:
    explicit MapEntries(const YAML::Node &map)
    {
        m_entries.reserve(map.size());
        for (auto it = map.begin(); it != map.end(); ++it) {
            const YAML::Node key = it->first;
            m_entries.push_back(
                {key.IsScalar() ? key.Scalar() : std::string("?"), key, it->second});
        }
    }

    // The first entry under the JSON name or one of its proto spellings; marks it claimed.
    MapEntry *find(const char *jsonName)
    {
        for (MapEntry &entry : m_entries) {
            if (entry.key == jsonName)
                return claim(entry);
        }
        const QStringList alternatives = protoFieldNames(jsonName);
        for (MapEntry &entry : m_entries) {
            if (alternatives.contains(QString::fromStdString(entry.key)))
                return claim(entry);
        }
        return nullptr;
    }

    std::vector<MapEntry> &entries() { return m_entries; }

private:
    static MapEntry *claim(MapEntry &entry)
    {
        entry.claimed = true;
        return &entry;
    }
    std::vector<MapEntry> m_entries;
};

template <Istio::ApiStruct T> void readStruct(ReadContext &ctx, const YAML::Node &node, T &out)
{
    if (!node.IsMap()) {
        ctx.report(Core::Codes::TYPE_MISMATCH, node,
                   QStringLiteral("%1 must be an object, not %2")
                       .arg(ctx.path().isEmpty() ? QStringLiteral("the document") : ctx.path(),
                            describeNode(node)));
        return;
    }
    MapEntries entries(node);
    std::apply(
        [&](const auto &...descriptor) {
            (
                [&](const auto &f) {
                    MapEntry *entry = entries.find(f.name);
                    const bool present = entry && !entry->value.IsNull();
                    if (!present) {
                        if (f.flags & Istio::Required) {
                            // Point at the key of the object that lacks the field.
                            const YAML::Mark at = entry ? entry->keyNode.Mark()
                                                  : ctx.parentKeyMark().is_null()
                                                      ? node.Mark()
                                                      : ctx.parentKeyMark();
                            ctx.report(Core::Codes::MISSING_REQUIRED, at,
                                       QStringLiteral("missing required field \"%1\"")
                                           .arg(ctx.childPath(QLatin1String(f.name))),
                                       ctx.childPath(QLatin1String(f.name)));
                        }
                        return;
                    }
                    ctx.enterField(QLatin1String(f.name), entry->keyNode.Mark());
                    readValue(ctx, entry->value, out.*(f.member), f.flags);
                    ctx.leave();
                }(descriptor),
                ...);
        },
        T::fields());

    if constexpr (!Istio::OpenSchema<T>) {
        for (const MapEntry &entry : entries.entries()) {
            if (entry.claimed)
                continue;
            const bool duplicateOfKnown = [&] {
                bool known = false;
                std::apply(
                    [&](const auto &...f) { known = (keyMatches(entry.key, f.name) || ...); },
                    T::fields());
                return known;
            }();
            if (duplicateOfKnown)
                continue; // a repeated known key: the document reports the duplicate
            const QString name = QString::fromStdString(entry.key);
            const QString suggestion = closestName(name, knownNames(T::fields()));
            QString message =
                ctx.path().isEmpty()
                    ? QStringLiteral("unknown field \"%1\"").arg(name)
                    : QStringLiteral("unknown field \"%1\" in %2").arg(name, ctx.path());
            if (!suggestion.isEmpty())
                message += QStringLiteral("; did you mean \"%1\"?").arg(suggestion);
            ctx.report(Core::Codes::UNKNOWN_FIELD, entry.keyNode.Mark(), message,
                       ctx.childPath(name));
        }
    }

    if constexpr (Istio::HasOneOfGroups<T>) {
        for (const Istio::OneOfGroup &group : T::oneOfGroups()) {
            QStringList present;
            YAML::Mark secondMark;
            for (std::size_t i = 0; i < group.count; ++i) {
                const MapEntry *entry = entries.find(group.names[i]);
                if (!entry || entry->value.IsNull())
                    continue;
                present << QLatin1String(group.names[i]);
                if (present.size() == 2)
                    secondMark = entry->keyNode.Mark();
            }
            if (present.size() > 1) {
                QStringList all;
                for (std::size_t i = 0; i < group.count; ++i)
                    all << QLatin1String(group.names[i]);
                ctx.report(
                    Core::Codes::ONEOF_CONFLICT, secondMark,
                    QStringLiteral("only one of %1 may be set in %2, found %3")
                        .arg(all.join(QStringLiteral(", ")),
                             ctx.path().isEmpty() ? QStringLiteral("the document") : ctx.path(),
                             present.join(QStringLiteral(" and "))),
                    ctx.childPath(present.at(1)));
            }
        }
    }
}

} // namespace detail

inline void readValue(ReadContext &ctx, const YAML::Node &node, QString &out, unsigned)
{
    if (!detail::expectScalar(ctx, node, "a string"))
        return;
    const ScalarType type = scalarType(node);
    if (type != ScalarType::String) {
        ctx.report(Core::Codes::TYPE_MISMATCH, node,
                   QStringLiteral("%1 must be a string, not %2; quote it (\"%3\") if the text "
                                  "is meant")
                       .arg(ctx.path(), describeNode(node), detail::text(node)));
        return;
    }
    out = detail::text(node);
}

inline void readValue(ReadContext &ctx, const YAML::Node &node, bool &out, unsigned)
{
    if (!detail::expectScalar(ctx, node, "a boolean"))
        return;
    const std::optional<bool> value =
        isQuotedOrStringTagged(node) ? std::nullopt : parseBool(node.Scalar());
    if (!value) {
        ctx.report(Core::Codes::TYPE_MISMATCH, node,
                   QStringLiteral("%1 must be a boolean (true or false), not %2")
                       .arg(ctx.path(), describeNode(node)));
        return;
    }
    out = *value;
}

inline void readValue(ReadContext &ctx, const YAML::Node &node, qint32 &out, unsigned)
{
    detail::readInteger(ctx, node, out);
}
inline void readValue(ReadContext &ctx, const YAML::Node &node, quint32 &out, unsigned)
{
    detail::readInteger(ctx, node, out);
}
inline void readValue(ReadContext &ctx, const YAML::Node &node, quint64 &out, unsigned)
{
    detail::readInteger(ctx, node, out);
}

inline void readValue(ReadContext &ctx, const YAML::Node &node, double &out, unsigned)
{
    if (!detail::expectScalar(ctx, node, "a number"))
        return;
    const std::optional<double> value =
        isQuotedOrStringTagged(node) ? std::nullopt : parseFloat(node.Scalar());
    if (!value) {
        ctx.report(
            Core::Codes::TYPE_MISMATCH, node,
            QStringLiteral("%1 must be a number, not %2").arg(ctx.path(), describeNode(node)));
        return;
    }
    out = *value;
}

inline void readValue(ReadContext &ctx, const YAML::Node &node, Istio::Duration &out,
                      unsigned flags)
{
    QString text;
    readValue(ctx, node, text, flags);
    if (text.isNull())
        return;
    const std::optional<Istio::Duration> duration = Istio::Duration::parse(text);
    if (!duration) {
        ctx.report(Core::Codes::INVALID_DURATION, node,
                   QStringLiteral("%1 is not a valid duration: \"%2\" (write it like 500ms, 5s "
                                  "or 1m30s)")
                       .arg(ctx.path(), text));
        return;
    }
    const bool zeroAllowed = flags & Istio::ZeroDurationAllowed;
    if (duration->nanoseconds < 1000000 && !(zeroAllowed && duration->nanoseconds == 0)) {
        ctx.report(Core::Codes::INVALID_DURATION, node,
                   QStringLiteral("%1 must be a valid duration greater than 1ms, not \"%2\"")
                       .arg(ctx.path(), text));
    }
    out = *duration;
}

inline void readValue(ReadContext &, const YAML::Node &, Istio::Untyped &, unsigned) {}

template <Istio::ApiEnum E>
void readValue(ReadContext &ctx, const YAML::Node &node, E &out, unsigned flags)
{
    QString name;
    readValue(ctx, node, name, flags);
    if (name.isNull())
        return;
    const std::optional<E> value = Istio::enumFromName<E>(name);
    if (!value) {
        ctx.report(Core::Codes::UNKNOWN_ENUM, node,
                   QStringLiteral("unknown %1 \"%2\" in %3; expected one of %4")
                       .arg(QLatin1String(Istio::EnumInfo<E>::what), name, ctx.path(),
                            Istio::enumNameList<E>()));
        return;
    }
    out = *value;
}

template <Istio::ApiStruct T>
void readValue(ReadContext &ctx, const YAML::Node &node, T &out, unsigned)
{
    detail::readStruct(ctx, node, out);
}

template <class T>
void readValue(ReadContext &ctx, const YAML::Node &node, std::optional<T> &out, unsigned flags)
{
    out.emplace();
    readValue(ctx, node, *out, flags);
}

template <class T>
void readValue(ReadContext &ctx, const YAML::Node &node, std::vector<T> &out, unsigned flags)
{
    if (!node.IsSequence()) {
        ctx.report(Core::Codes::TYPE_MISMATCH, node,
                   QStringLiteral("%1 must be a list, not %2").arg(ctx.path(), describeNode(node)));
        return;
    }
    out.clear();
    out.reserve(node.size());
    std::size_t index = 0;
    for (auto it = node.begin(); it != node.end(); ++it, ++index) {
        ctx.enterIndex(index, it->Mark());
        T element{};
        if (it->IsNull()) {
            ctx.report(Core::Codes::TYPE_MISMATCH, *it,
                       QStringLiteral("%1 is empty (null); remove the item or give it a value")
                           .arg(ctx.path()));
        } else {
            readValue(ctx, *it, element, flags);
        }
        out.push_back(std::move(element));
        ctx.leave();
    }
}

template <class T>
void readValue(ReadContext &ctx, const YAML::Node &node, Istio::OrderedMap<T> &out, unsigned flags)
{
    if (!node.IsMap()) {
        ctx.report(Core::Codes::TYPE_MISMATCH, node,
                   QStringLiteral("%1 must be an object (a map of names to values), not %2")
                       .arg(ctx.path(), describeNode(node)));
        return;
    }
    out.entries.clear();
    for (auto it = node.begin(); it != node.end(); ++it) {
        const QString key = it->first.IsScalar() ? detail::text(it->first) : QString();
        if (out.value(key))
            continue; // a duplicate key: the document reports it, the first value counts
        ctx.enterField(key, it->first.Mark());
        T value{};
        // A null value reads as the type's empty value, as Kubernetes' JSON decoding does:
        // `x-header: {}` and `x-header:` both mean "present" in a header match.
        if (!it->second.IsNull())
            readValue(ctx, it->second, value, flags);
        out.entries.emplace_back(key, std::move(value));
        ctx.leave();
    }
}

// True when the node holds exactly `value` (same typed data, nothing malformed). Unknown keys
// do not count: they are not part of the typed value.
template <class T> bool nodeHoldsValue(const YAML::Node &node, const T &value)
{
    ReadContext quiet(0, true);
    T parsed{};
    readValue(quiet, node, parsed, Istio::ZeroDurationAllowed);
    return !quiet.hasErrors() && parsed == value;
}

} // namespace Yaml
