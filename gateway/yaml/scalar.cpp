#include "scalar.h"

#include <yaml-cpp/yaml.h>

#include <array>
#include <cmath>
#include <optional>
#include <regex>

namespace Yaml {
namespace {

const std::string STRING_TAG = "tag:yaml.org,2002:str";

bool isOneOf(const std::string &text, std::initializer_list<const char *> words)
{
    for (const char *word : words) {
        if (text == word)
            return true;
    }
    return false;
}

std::string withoutUnderscores(std::string text)
{
    std::erase(text, '_');
    return text;
}

} // namespace

std::optional<bool> parseBool(const std::string &text)
{
    if (isOneOf(text, {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"}))
        return true;
    if (isOneOf(text, {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"}))
        return false;
    return std::nullopt;
}

std::optional<long long> parseInteger(const std::string &raw)
{
    static const std::regex decimal("[-+]?(0|[1-9][0-9_]*)");
    static const std::regex hex("[-+]?0x[0-9a-fA-F_]+");
    static const std::regex octal("[-+]?0o?[0-7_]+");
    static const std::regex binary("[-+]?0b[01_]+");
    if (raw.empty() || raw.size() > 80)
        return std::nullopt;
    const std::string text = withoutUnderscores(raw);
    const bool negative = text[0] == '-';
    const std::string body = (text[0] == '-' || text[0] == '+') ? text.substr(1) : text;
    int base = 0;
    std::string digits;
    if (std::regex_match(raw, decimal)) {
        base = 10;
        digits = body;
    } else if (std::regex_match(raw, hex)) {
        base = 16;
        digits = body.substr(2);
    } else if (std::regex_match(raw, binary)) {
        base = 2;
        digits = body.substr(2);
    } else if (std::regex_match(raw, octal)) {
        base = 8;
        digits = body.substr(body.size() > 1 && body[1] == 'o' ? 2 : 1);
    } else {
        return std::nullopt;
    }
    if (digits.empty())
        return 0;
    errno = 0;
    char *end = nullptr;
    const unsigned long long magnitude = std::strtoull(digits.c_str(), &end, base);
    if (errno == ERANGE || *end != '\0')
        return std::nullopt; // too large for any integer field; reads as a float below
    if (negative) {
        if (magnitude > 9223372036854775808ULL)
            return std::nullopt;
        return magnitude == 9223372036854775808ULL ? std::numeric_limits<long long>::min()
                                                   : -static_cast<long long>(magnitude);
    }
    if (magnitude > static_cast<unsigned long long>(std::numeric_limits<long long>::max()))
        return std::nullopt;
    return static_cast<long long>(magnitude);
}

std::optional<double> parseFloat(const std::string &raw)
{
    static const std::regex number(
        "[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?");
    if (isOneOf(raw, {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"}))
        return HUGE_VAL;
    if (isOneOf(raw, {"-.inf", "-.Inf", "-.INF"}))
        return -HUGE_VAL;
    if (isOneOf(raw, {".nan", ".NaN", ".NAN"}))
        return NAN;
    if (raw.empty() || raw.size() > 80 || !std::regex_match(raw, number))
        return std::nullopt;
    return std::strtod(withoutUnderscores(raw).c_str(), nullptr);
}

ScalarType resolvePlainScalar(const std::string &text)
{
    if (isOneOf(text, {"", "~", "null", "Null", "NULL"}))
        return ScalarType::Null;
    if (parseBool(text))
        return ScalarType::Bool;
    if (parseInteger(text))
        return ScalarType::Int;
    if (parseFloat(text))
        return ScalarType::Float;
    return ScalarType::String;
}

bool isQuotedOrStringTagged(const YAML::Node &node)
{
    const std::string &tag = node.Tag();
    return tag == "!" || tag == STRING_TAG;
}

ScalarType scalarType(const YAML::Node &node)
{
    if (node.IsNull())
        return ScalarType::Null;
    if (isQuotedOrStringTagged(node))
        return ScalarType::String;
    return resolvePlainScalar(node.Scalar());
}

YAML::Node makeStringNode(const std::string &text)
{
    YAML::Node node(text);
    node.SetTag("!");
    return node;
}

} // namespace Yaml
