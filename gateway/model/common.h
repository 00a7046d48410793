#pragma once

#include "duration.h"
#include "enums.h"
#include "fielddescriptor.h"
#include "orderedmap.h"

#include <QString>
#include <optional>
#include <tuple>
#include <vector>

// Types shared by the Istio kinds, and the Kubernetes object envelope.
namespace Istio {

using StringList = std::vector<QString>;
using Labels = OrderedMap<QString>;

// A key the model accepts and leaves as it is in the YAML (for example `status`, which the
// server owns): never warned about, never rewritten.
struct Untyped {
    bool operator==(const Untyped &) const { return true; }
};

struct ObjectMeta {
    std::optional<QString> name;
    std::optional<QString> nameSpace;
    Labels labels;
    Labels annotations;
    std::optional<QString> creationTimestamp;

    static constexpr bool OPEN_SCHEMA = true; // uid, resourceVersion, ... stay untyped
    static constexpr auto fields()
    {
        return std::tuple{
            field("name", &ObjectMeta::name), field("namespace", &ObjectMeta::nameSpace),
            field("labels", &ObjectMeta::labels), field("annotations", &ObjectMeta::annotations),
            field("creationTimestamp", &ObjectMeta::creationTimestamp)};
    }
    bool operator==(const ObjectMeta &) const = default;
};

// Kubernetes envelope around an Istio spec: apiVersion, kind, metadata, spec, status.
template <class Spec> struct Object {
    std::optional<QString> apiVersion;
    std::optional<QString> kind;
    ObjectMeta metadata;
    Spec spec;
    Untyped status;

    static constexpr auto fields()
    {
        return std::tuple{field("apiVersion", &Object::apiVersion), field("kind", &Object::kind),
                          field("metadata", &Object::metadata), field("spec", &Object::spec),
                          field("status", &Object::status)};
    }
    bool operator==(const Object &) const = default;
};

struct StringMatch {
    std::optional<QString> exact;
    std::optional<QString> prefix;
    std::optional<QString> regex;

    static constexpr auto fields()
    {
        return std::tuple{field("exact", &StringMatch::exact),
                          field("prefix", &StringMatch::prefix),
                          field("regex", &StringMatch::regex)};
    }
    static constexpr auto oneOfGroups()
    {
        return std::array{OneOfGroup{{"exact", "prefix", "regex"}, 3}};
    }
    bool operator==(const StringMatch &) const = default;
};

struct Percent {
    std::optional<double> value;

    static constexpr auto fields() { return std::tuple{field("value", &Percent::value)}; }
    bool operator==(const Percent &) const = default;
};

struct PortSelector {
    std::optional<quint32> number;

    static constexpr auto fields() { return std::tuple{field("number", &PortSelector::number)}; }
    bool operator==(const PortSelector &) const = default;
};

} // namespace Istio
