#include "nodeequality.h"

#include "scalar.h"

#include <cmath>
#include <yaml-cpp/yaml.h>

namespace Yaml {
namespace {

bool scalarsEqual(const YAML::Node &a, const YAML::Node &b)
{
    const ScalarType type = scalarType(a);
    if (type != scalarType(b))
        return false;
    switch (type) {
    case ScalarType::Null:
        return true;
    case ScalarType::Bool:
        return parseBool(a.Scalar()) == parseBool(b.Scalar());
    case ScalarType::Int:
        return parseInteger(a.Scalar()) == parseInteger(b.Scalar());
    case ScalarType::Float: {
        const double x = *parseFloat(a.Scalar());
        const double y = *parseFloat(b.Scalar());
        return x == y || (std::isnan(x) && std::isnan(y));
    }
    case ScalarType::String:
        return a.Scalar() == b.Scalar();
    }
    return false;
}

bool equalAt(const YAML::Node &a, const YAML::Node &b, const std::string &path, std::string *diff,
             bool ordered)
{
    auto fail = [&](const std::string &what) {
        if (diff)
            *diff = (path.empty() ? std::string("<root>") : path) + ": " + what;
        return false;
    };
    const bool aScalar = a.IsScalar() || a.IsNull();
    const bool bScalar = b.IsScalar() || b.IsNull();
    if (aScalar || bScalar) {
        if (!(aScalar && bScalar))
            return fail("scalar versus collection");
        return scalarsEqual(a, b) ? true : fail("'" + a.Scalar() + "' versus '" + b.Scalar() + "'");
    }
    if (a.IsMap() != b.IsMap())
        return fail("mapping versus sequence");
    if (a.size() != b.size())
        return fail("size " + std::to_string(a.size()) + " versus " + std::to_string(b.size()));
    if (a.IsMap() && !ordered) {
        for (auto ia = a.begin(); ia != a.end(); ++ia) {
            const std::string key = ia->first.IsScalar() ? ia->first.Scalar() : "?";
            const YAML::Node other = b[key];
            if (!other.IsDefined())
                return fail("key '" + key + "' missing on one side");
            if (!equalAt(ia->second, other, path + "." + key, diff, ordered))
                return false;
        }
        return true;
    }
    auto ia = a.begin();
    auto ib = b.begin();
    for (size_t index = 0; ia != a.end(); ++ia, ++ib, ++index) {
        if (a.IsMap()) {
            const std::string key = ia->first.IsScalar() ? ia->first.Scalar() : "?";
            if (!equalAt(ia->first, ib->first, path + "{key}", diff, ordered))
                return false;
            if (!equalAt(ia->second, ib->second, path + "." + key, diff, ordered))
                return false;
        } else if (!equalAt(*ia, *ib, path + "[" + std::to_string(index) + "]", diff, ordered)) {
            return false;
        }
    }
    return true;
}

} // namespace

bool dataEqual(const YAML::Node &a, const YAML::Node &b, std::string *difference)
{
    return equalAt(a, b, std::string(), difference, true);
}

bool dataEquivalent(const YAML::Node &a, const YAML::Node &b, std::string *difference)
{
    return equalAt(a, b, std::string(), difference, false);
}

} // namespace Yaml
