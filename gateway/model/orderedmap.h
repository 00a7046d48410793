#pragma once

#include <QString>
#include <utility>
#include <vector>

namespace Istio {

// A YAML mapping with string keys as the API defines it (labels, header matches, header
// operations): keeps the order the user wrote, which QMap/std::map would lose.
template <class T> struct OrderedMap {
    std::vector<std::pair<QString, T>> entries;

    bool empty() const { return entries.empty(); }
    std::size_t size() const { return entries.size(); }
    auto begin() const { return entries.begin(); }
    auto end() const { return entries.end(); }

    const T *value(const QString &key) const
    {
        for (const auto &entry : entries) {
            if (entry.first == key)
                return &entry.second;
        }
        return nullptr;
    }

    void set(const QString &key, T value)
    {
        for (auto &entry : entries) {
            if (entry.first == key) {
                entry.second = std::move(value);
                return;
            }
        }
        entries.emplace_back(key, std::move(value));
    }

    bool remove(const QString &key)
    {
        return std::erase_if(entries, [&](const auto &entry) { return entry.first == key; }) > 0;
    }

    bool operator==(const OrderedMap &) const = default;
};

} // namespace Istio
