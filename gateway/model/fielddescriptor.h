#pragma once

#include <array>
#include <cstddef>
#include <tuple>

namespace Istio {

// Every API struct describes its fields once, as a table of (YAML name, member pointer, flags).
// The YAML reader, the lossless writer, the tests and the editors' tooltips all walk this one
// table, so adding a field to the model is a one-line change.
enum FieldFlag : unsigned {
    NoFlags = 0,
    Required = 1u << 0,            // the CRD schema requires it (API server rejects without)
    ZeroDurationAllowed = 1u << 1, // duration field exempt from the ">= 1ms" rule
};

template <class Owner, class Member> struct FieldDescriptor {
    const char *name; // JSON (camelCase) name; the proto snake_case spelling is accepted too
    Member Owner::*member;
    unsigned flags;
};

template <class Owner, class Member>
constexpr FieldDescriptor<Owner, Member> field(const char *name, Member Owner::*member,
                                               unsigned flags = NoFlags)
{
    return {name, member, flags};
}

// Fields of which at most one may be set (protobuf oneof / CRD oneOf).
struct OneOfGroup {
    std::array<const char *, 4> names{};
    std::size_t count = 0;
};

template <class T>
concept ApiStruct = requires
{
    T::fields();
};

// A struct whose schema also admits fields the model does not type (Kubernetes metadata,
// fields newer than the model): unknown keys there are kept without a warning.
template <class T>
concept OpenSchema = ApiStruct<T> && requires
{
    T::OPEN_SCHEMA;
};

template <class T>
concept HasOneOfGroups = ApiStruct<T> && requires
{
    T::oneOfGroups();
};

} // namespace Istio
