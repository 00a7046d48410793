#pragma once

#include <string>
#include <vector>

namespace ToGatewayApi {

// Strings that a regular expression (RE2 syntax, full match) accepts, for the examples of the
// precedence report: built from the pattern's literals with few repetitions, then each checked
// with RE2. Handles the syntax routes use (literals, escapes, classes, groups, alternation,
// quantifiers); an empty list means none was found, not that none exists. At most `limit`.
std::vector<std::string> regexSamples(const std::string &pattern, std::size_t limit = 24);

// Whether `pattern` fully matches `text` (false for an invalid pattern).
bool regexFullMatch(const std::string &pattern, const std::string &text);

// The range [low, high] (byte order) of every string the pattern fully matches; false when
// RE2 cannot bound it (a leading ".*", for example).
bool regexMatchRange(const std::string &pattern, std::string *low, std::string *high);

// `text` as a pattern that matches exactly it.
std::string quoteRegex(const std::string &text);

} // namespace ToGatewayApi
