#include "scalar.h"

#include <QRegularExpression>
#include <array>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>
#include <string_view>
#include <yaml-cpp/yaml.h>

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

} // namespace

std::optional<bool> parseBool(const std::string &text)
{
    if (isOneOf(text, {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"}))
        return true;
    if (isOneOf(text, {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"}))
        return false;
    return std::nullopt;
}

namespace {

bool isDigitIn(char c, int base)
{
    if (base == 16)
        return std::isxdigit(static_cast<unsigned char>(c)) != 0;
    return c >= '0' && c < '0' + base;
}

// Digits of `base` and underscores, at least one digit.
bool allDigits(std::string_view text, int base)
{
    bool sawDigit = false;
    for (char c : text) {
        if (c == '_')
            continue;
        if (!isDigitIn(c, base))
            return false;
        sawDigit = true;
    }
    return sawDigit;
}

} // namespace

std::optional<long long> parseInteger(const std::string &raw)
{
    // YAML 1.1 integers as Kubernetes reads them: decimal, 0x hex, 0o / leading-0 octal, 0b.
    if (raw.empty() || raw.size() > 80)
        return std::nullopt;
    std::string_view body(raw);
    const bool negative = body.front() == '-';
    if (body.front() == '-' || body.front() == '+')
        body.remove_prefix(1);
    if (body.empty() || body.front() == '_')
        return std::nullopt;
    int base = 10;
    if (body.size() > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'b' || body[1] == 'o')) {
        base = body[1] == 'x' ? 16 : body[1] == 'b' ? 2 : 8;
        body.remove_prefix(2);
    } else if (body.size() > 1 && body[0] == '0') {
        base = 8;
        body.remove_prefix(1);
    }
    if (!allDigits(body, base))
        return std::nullopt;
    std::string digits(body);
    std::erase(digits, '_');
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
    if (isOneOf(raw, {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"}))
        return HUGE_VAL;
    if (isOneOf(raw, {"-.inf", "-.Inf", "-.INF"}))
        return -HUGE_VAL;
    if (isOneOf(raw, {".nan", ".NaN", ".NAN"}))
        return NAN;
    if (raw.empty() || raw.size() > 80)
        return std::nullopt;
    // [-+]? ( .digits | digit[digits_]* ( . [digits_]* )? ) ( [eE] [-+]? digits )?
    std::string_view rest(raw);
    if (rest.front() == '-' || rest.front() == '+')
        rest.remove_prefix(1);
    auto takeDigits = [&rest](bool allowUnderscore) {
        std::size_t n = 0;
        while (n < rest.size() && (std::isdigit(static_cast<unsigned char>(rest[n])) ||
                                   (allowUnderscore && rest[n] == '_')))
            ++n;
        rest.remove_prefix(n);
        return n;
    };
    if (!rest.empty() && rest.front() == '.') {
        rest.remove_prefix(1);
        if (takeDigits(false) == 0)
            return std::nullopt;
    } else {
        if (rest.empty() || !std::isdigit(static_cast<unsigned char>(rest.front())))
            return std::nullopt;
        takeDigits(true);
        if (!rest.empty() && rest.front() == '.') {
            rest.remove_prefix(1);
            takeDigits(true);
        }
    }
    if (!rest.empty() && (rest.front() == 'e' || rest.front() == 'E')) {
        rest.remove_prefix(1);
        if (!rest.empty() && (rest.front() == '-' || rest.front() == '+'))
            rest.remove_prefix(1);
        if (takeDigits(false) == 0)
            return std::nullopt;
    }
    if (!rest.empty())
        return std::nullopt;
    std::string text = raw;
    std::erase(text, '_');
    return std::strtod(text.c_str(), nullptr);
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

std::string doubleQuoted(const std::string &text)
{
    std::string out = "\"";
    for (unsigned char c : text) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            if (c < 0x20 || c == 0x7f) {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\x%02x", c);
                out += buffer;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    return out + "\"";
}

// Plain only when nothing in it could make YAML read another type or structure: no indicator
// first, no ": " or " #", no reserved word or number (Kubernetes' YAML 1.1 reading).
QByteArray stringScalar(const QString &text)
{
    static const QRegularExpression plain(
        QStringLiteral("^[A-Za-z0-9/_.(][A-Za-z0-9/_.:@%+=?&,~()*;!$' -]*$"));
    const std::string utf8 = text.toStdString();
    const bool safe = plain.match(text).hasMatch() && !text.contains(QLatin1String(": ")) &&
                      !text.contains(QLatin1String(" #")) && !text.endsWith(QLatin1Char(':')) &&
                      !text.endsWith(QLatin1Char(' ')) &&
                      resolvePlainScalar(utf8) == ScalarType::String;
    return QByteArray::fromStdString(safe ? utf8 : doubleQuoted(utf8));
}

} // namespace Yaml
