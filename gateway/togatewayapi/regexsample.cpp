#include "regexsample.h"

#include <algorithm>
#include <cstdlib>
#include <re2/re2.h>

namespace ToGatewayApi {
namespace {

using Samples = std::vector<std::string>;

constexpr std::size_t MAX_SAMPLES = 32;

void addUnique(Samples &samples, const std::string &value)
{
    if (samples.size() < MAX_SAMPLES &&
        std::find(samples.begin(), samples.end(), value) == samples.end())
        samples.push_back(value);
}

Samples product(const Samples &left, const Samples &right)
{
    Samples out;
    for (const std::string &a : left) {
        for (const std::string &b : right)
            addUnique(out, a + b);
    }
    return out;
}

std::string repeated(const std::string &text, int times)
{
    std::string out;
    for (int i = 0; i < times; ++i)
        out += text;
    return out;
}

// Recursive descent over the pattern; every node yields a few strings it can match.
class Sampler {
public:
    explicit Sampler(const std::string &pattern) : m_p(pattern) {}

    Samples run()
    {
        Samples samples = alternation();
        return m_pos == m_p.size() ? samples : Samples{};
    }

private:
    bool atEnd() const { return m_pos >= m_p.size(); }
    char peek() const { return atEnd() ? '\0' : m_p[m_pos]; }

    Samples alternation()
    {
        Samples samples = concatenation();
        while (peek() == '|') {
            ++m_pos;
            for (const std::string &s : concatenation())
                addUnique(samples, s);
        }
        return samples;
    }

    Samples concatenation()
    {
        Samples samples{std::string()};
        while (!atEnd() && peek() != '|' && peek() != ')')
            samples = product(samples, repetition());
        return samples;
    }

    Samples repetition()
    {
        Samples atomSamples = atom();
        if (atomSamples.empty())
            atomSamples.push_back(std::string());
        const std::string first = atomSamples.front();
        Samples out;
        switch (peek()) {
        case '*':
            ++m_pos;
            out = {std::string()};
            for (const std::string &s : atomSamples)
                addUnique(out, s);
            addUnique(out, first + first);
            break;
        case '+':
            ++m_pos;
            out = atomSamples;
            addUnique(out, first + first);
            break;
        case '?':
            ++m_pos;
            out = {std::string()};
            for (const std::string &s : atomSamples)
                addUnique(out, s);
            break;
        case '{': {
            const std::size_t close = m_p.find('}', m_pos);
            if (close == std::string::npos)
                return atomSamples;
            const std::string body = m_p.substr(m_pos + 1, close - m_pos - 1);
            m_pos = close + 1;
            const int low = std::atoi(body.c_str());
            const std::size_t comma = body.find(',');
            const int high =
                comma == std::string::npos
                    ? low
                    : (comma + 1 < body.size() ? std::atoi(body.c_str() + comma + 1) : low + 1);
            addUnique(out, repeated(first, std::min(low, 8)));
            addUnique(out, repeated(first, std::min(high, 8)));
            break;
        }
        default:
            return atomSamples;
        }
        if (peek() == '?') // lazy quantifier: same strings
            ++m_pos;
        return out;
    }

    Samples atom()
    {
        const char c = peek();
        ++m_pos;
        switch (c) {
        case '(':
            return group();
        case '[':
            return characterClass();
        case '.':
            return {"a", "/"};
        case '^':
        case '$':
            return {std::string()};
        case '\\':
            return escape();
        default:
            return {std::string(1, c)};
        }
    }

    Samples group()
    {
        if (peek() == '?') {
            ++m_pos;
            if (peek() == 'P' || peek() == '<') { // named group
                const std::size_t close = m_p.find('>', m_pos);
                m_pos = close == std::string::npos ? m_p.size() : close + 1;
            } else {
                // Flags: (?i) alone, or (?i:...) / (?:...).
                while (!atEnd() && peek() != ')' && peek() != ':')
                    ++m_pos;
                if (peek() == ')') {
                    ++m_pos;
                    return {std::string()};
                }
                ++m_pos; // ':'
            }
        }
        Samples inner = alternation();
        if (peek() == ')')
            ++m_pos;
        return inner;
    }

    Samples escape()
    {
        const char c = peek();
        ++m_pos;
        switch (c) {
        case 'd':
            return {"1"};
        case 'w':
            return {"a"};
        case 's':
            return {" "};
        case 'D':
        case 'W':
        case 'S':
            return {"-"};
        case 'b':
        case 'B':
        case 'A':
        case 'z':
            return {std::string()};
        default:
            return {std::string(1, c)};
        }
    }

    Samples characterClass()
    {
        const bool negated = peek() == '^';
        if (negated)
            ++m_pos;
        std::string members;
        bool first = true;
        while (!atEnd() && (peek() != ']' || first)) {
            first = false;
            char c = peek();
            ++m_pos;
            if (c == '[' && peek() == ':') { // [:alpha:]
                const std::size_t close = m_p.find(":]", m_pos);
                m_pos = close == std::string::npos ? m_p.size() : close + 2;
                members += "a";
                continue;
            }
            if (c == '\\') {
                const Samples escaped = escape();
                members += escaped.empty() ? std::string() : escaped.front();
                continue;
            }
            if (peek() == '-' && m_pos + 1 < m_p.size() && m_p[m_pos + 1] != ']') {
                const char high = m_p[m_pos + 1];
                m_pos += 2;
                for (char x = c; x <= high && members.size() < 64; ++x)
                    members += x;
                continue;
            }
            members += c;
        }
        if (peek() == ']')
            ++m_pos;
        Samples out;
        if (negated) {
            for (const char candidate : std::string("ax0-_/.")) {
                if (members.find(candidate) == std::string::npos)
                    addUnique(out, std::string(1, candidate));
                if (out.size() == 2)
                    break;
            }
        } else {
            for (std::size_t i = 0; i < members.size() && out.size() < 2; ++i)
                addUnique(out, std::string(1, members[i]));
        }
        return out;
    }

    const std::string &m_p;
    std::size_t m_pos = 0;
};

} // namespace

std::vector<std::string> regexSamples(const std::string &pattern, std::size_t limit)
{
    const RE2 re(pattern, RE2::Quiet);
    if (!re.ok())
        return {};
    std::vector<std::string> samples;
    for (const std::string &candidate : Sampler(pattern).run()) {
        if (samples.size() >= limit)
            break;
        if (RE2::FullMatch(candidate, re))
            samples.push_back(candidate);
    }
    return samples;
}

bool regexFullMatch(const std::string &pattern, const std::string &text)
{
    const RE2 re(pattern, RE2::Quiet);
    return re.ok() && RE2::FullMatch(text, re);
}

bool regexMatchRange(const std::string &pattern, std::string *low, std::string *high)
{
    // Anchored as Gateway API evaluates it: a full match.
    const RE2 re("^(?:" + pattern + ")$", RE2::Quiet);
    return re.ok() && re.PossibleMatchRange(low, high, 64);
}

std::string quoteRegex(const std::string &text)
{
    // Only the metacharacters: "/api/v1" stays readable in the generated YAML.
    static const std::string META = ".^$*+?()[]{}|\\";
    std::string out;
    for (const char c : text) {
        if (META.find(c) != std::string::npos)
            out += '\\';
        out += c;
    }
    return out;
}

} // namespace ToGatewayApi
