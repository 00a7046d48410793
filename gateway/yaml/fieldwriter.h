#pragma once

#include "fieldreader.h"
#include "model/common.h"
#include "scalar.h"

#include <charconv>
#include <yaml-cpp/yaml.h>

// Writes typed Istio values back into yaml-cpp nodes without losing what the model does not
// know: a struct is merged into the mapping it was read from, so unknown keys, key order and
// untouched values (with their original spelling) stay as they were. Only values that differ
// from what the node already holds are replaced; fields that became unset are removed.
namespace Yaml {

template <class T> YAML::Node toNode(const T &value);

template <class T> bool isUnset(const T &)
{
    return false;
}
template <class T> bool isUnset(const std::optional<T> &value)
{
    return !value.has_value();
}
template <class T> bool isUnset(const std::vector<T> &value)
{
    return value.empty();
}
template <class T> bool isUnset(const Istio::OrderedMap<T> &value)
{
    return value.empty();
}
inline bool isUnset(const Istio::Untyped &)
{
    return true;
}

namespace detail {

template <class T> struct IsVector : std::false_type {};
template <class T, class A> struct IsVector<std::vector<T, A>> : std::true_type {};

inline YAML::Node scalarNode(const QString &value)
{
    return makeStringNode(value.toStdString());
}
inline YAML::Node scalarNode(bool value)
{
    return YAML::Node(value ? "true" : "false");
}
inline YAML::Node scalarNode(double value)
{
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return YAML::Node(std::string(buffer, result.ptr));
}
template <std::integral Int> YAML::Node scalarNode(Int value)
{
    return YAML::Node(std::to_string(value));
}
inline YAML::Node scalarNode(const Istio::Duration &value)
{
    return makeStringNode(
        value.text.isEmpty()
            ? Istio::Duration::fromMilliseconds(value.milliseconds()).text.toStdString()
            : value.text.toStdString());
}
template <Istio::ApiEnum E> YAML::Node scalarNode(E value)
{
    return makeStringNode(Istio::enumName(value).toStdString());
}

// The key under which a field is stored in `map`: its existing spelling, else the JSON name.
inline std::string keyFor(const YAML::Node &map, const char *jsonName)
{
    const auto it = findKey(map, jsonName);
    return it != map.end() ? it->first.Scalar() : std::string(jsonName);
}

template <class T> std::optional<YAML::Node> merged(const YAML::Node &existing, const T &value);

template <Istio::ApiStruct T> void mergeStruct(YAML::Node map, const T &object)
{
    std::apply(
        [&](const auto &...descriptor) {
            (
                [&](const auto &f) {
                    const auto &member = object.*(f.member);
                    if constexpr (!std::is_same_v<std::decay_t<decltype(member)>, Istio::Untyped>) {
                        const std::string key = keyFor(map, f.name);
                        const auto it = findKey(map, f.name);
                        const bool present = it != map.end();
                        if (isUnset(member)) {
                            // Keep a key that already reads as unset (null, [] or {} for a
                            // collection); remove one that holds a value the user deleted.
                            if (present && !it->second.IsNull() &&
                                !nodeHoldsValue(it->second, member))
                                map.remove(key);
                            return;
                        }
                        if (!present || it->second.IsNull()) {
                            map[key] = toNode(member);
                            return;
                        }
                        if (std::optional<YAML::Node> updated = merged(map[key], member))
                            map[key] = *updated;
                    }
                }(descriptor),
                ...);
        },
        T::fields());
}

// A new node for `value`, or nullopt when `existing` already holds it (nothing to write).
template <class T> std::optional<YAML::Node> merged(const YAML::Node &existing, const T &value)
{
    if (nodeHoldsValue(existing, value))
        return std::nullopt;
    if constexpr (requires { value.has_value(); }) {
        return merged(existing, *value);
    } else if constexpr (Istio::ApiStruct<T>) {
        if (existing.IsMap()) {
            YAML::Node map = existing;
            mergeStruct(map, value);
            return std::nullopt; // merged in place
        }
        return toNode(value);
    } else if constexpr (requires { value.entries; }) {
        if (!existing.IsMap())
            return toNode(value);
        YAML::Node map(YAML::NodeType::Map);
        map.SetStyle(existing.Style());
        for (const auto &[key, element] : value.entries) {
            const std::string k = key.toStdString();
            const YAML::Node old = existing[k];
            if (old.IsDefined()) {
                std::optional<YAML::Node> updated = merged(old, element);
                map[k] = updated ? *updated : old;
            } else {
                map[k] = toNode(element);
            }
        }
        return map;
    } else if constexpr (IsVector<T>::value) {
        if (!existing.IsSequence())
            return toNode(value);
        YAML::Node sequence(YAML::NodeType::Sequence);
        sequence.SetStyle(existing.Style());
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (i < existing.size()) {
                const YAML::Node old = existing[i];
                std::optional<YAML::Node> updated = merged(old, value[i]);
                sequence.push_back(updated ? *updated : old);
            } else {
                sequence.push_back(toNode(value[i]));
            }
        }
        return sequence;
    } else {
        return toNode(value);
    }
}

} // namespace detail

// A fresh node tree for a value (used where the YAML has nothing to merge into).
template <class T> YAML::Node toNode(const T &value)
{
    if constexpr (requires { value.has_value(); }) {
        return value ? toNode(*value) : YAML::Node();
    } else if constexpr (Istio::ApiStruct<T>) {
        YAML::Node map(YAML::NodeType::Map);
        detail::mergeStruct(map, value);
        return map;
    } else if constexpr (requires { value.entries; }) {
        YAML::Node map(YAML::NodeType::Map);
        for (const auto &[key, element] : value.entries)
            map[key.toStdString()] = toNode(element);
        return map;
    } else if constexpr (detail::IsVector<T>::value) {
        YAML::Node sequence(YAML::NodeType::Sequence);
        for (const auto &element : value)
            sequence.push_back(toNode(element));
        return sequence;
    } else {
        return detail::scalarNode(value);
    }
}

// Merges `object` into the mapping `root` it was read from (or an empty one).
template <Istio::ApiStruct T> void writeInto(YAML::Node root, const T &object)
{
    detail::mergeStruct(root, object);
}

} // namespace Yaml
