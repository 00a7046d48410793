#include "yamlwriter.h"

#include "scalar.h"

#include <yaml-cpp/yaml.h>

#include <cstdio>

namespace Yaml {
namespace {

const std::string CORE_TAG_PREFIX = "tag:yaml.org,2002:";

bool isSpecialFirstChar(char c)
{
    static const std::string indicators = "-?:,[]{}#&*!|>'\"%@`";
    return indicators.find(c) != std::string::npos;
}

bool canBePlain(const std::string &text, bool inFlow)
{
    if (text.empty() || text.front() == ' ' || text.back() == ' ' || text.back() == ':')
        return false;
    if (isSpecialFirstChar(text.front()))
        return false;
    for (unsigned char c : text) {
        if (c < 0x20 || c == 0x7f)
            return false;
        if (inFlow && (c == ',' || c == '[' || c == ']' || c == '{' || c == '}' ||
                       c == ':' || c == '#'))
            return false;
    }
    if (text.find(": ") != std::string::npos || text.find(" #") != std::string::npos)
        return false;
    return resolvePlainScalar(text) == ScalarType::String;
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

bool suitsLiteralBlock(const std::string &text)
{
    if (text.find('\n') == std::string::npos || text.front() == ' ' || text.front() == '\n' ||
        text.front() == '\t')
        return false;
    for (unsigned char c : text) {
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
            return false;
    }
    return true;
}

std::string tagPrefix(const YAML::Node &node)
{
    const std::string &tag = node.Tag();
    if (tag.empty() || tag == "?" || tag == "!" || tag == CORE_TAG_PREFIX + "str" ||
        tag == CORE_TAG_PREFIX + "map" || tag == CORE_TAG_PREFIX + "seq")
        return {};
    if (tag.rfind(CORE_TAG_PREFIX, 0) == 0)
        return "!!" + tag.substr(CORE_TAG_PREFIX.size()) + " ";
    if (tag.front() == '!')
        return tag + " ";
    return "!<" + tag + "> ";
}

class Writer {
public:
    std::string out;
    WriteStyle style;

    // Scalars and flow collections written in place (after "key: " or "- ").
    std::string inlineScalar(const YAML::Node &node, bool inFlow)
    {
        if (node.IsNull())
            return "null";
        const std::string &text = node.Scalar();
        const std::string prefix = tagPrefix(node);
        if (!isQuotedOrStringTagged(node) && prefix.empty() && text.find('\n') == std::string::npos &&
            (!inFlow || canBePlain(text, true) || resolvePlainScalar(text) != ScalarType::String))
            return text; // a plain scalar from the source: its text already reads back the same
        if (canBePlain(text, inFlow))
            return prefix + text;
        return prefix + doubleQuoted(text);
    }

    std::string flow(const YAML::Node &node)
    {
        if (node.IsMap()) {
            std::string s = "{";
            bool first = true;
            for (auto it = node.begin(); it != node.end(); ++it) {
                s += first ? "" : ", ";
                first = false;
                s += flow(it->first) + ": " + flow(it->second);
            }
            return s + "}";
        }
        if (node.IsSequence()) {
            std::string s = "[";
            bool first = true;
            for (auto it = node.begin(); it != node.end(); ++it) {
                s += first ? "" : ", ";
                first = false;
                s += flow(*it);
            }
            return s + "]";
        }
        return inlineScalar(node, true);
    }

    static bool isInline(const YAML::Node &node)
    {
        return !(node.IsMap() || node.IsSequence()) || node.size() == 0 ||
               node.Style() == YAML::EmitterStyle::Flow;
    }

    void literalBlock(const std::string &text, int indent)
    {
        std::string chomp = "-";
        if (text.back() == '\n')
            chomp = text.size() >= 2 && text[text.size() - 2] == '\n' ? "+" : "";
        out += "|" + chomp + "\n";
        std::string body = text;
        if (!body.empty() && body.back() == '\n')
            body.pop_back();
        size_t start = 0;
        while (start <= body.size()) {
            size_t end = body.find('\n', start);
            if (end == std::string::npos)
                end = body.size();
            const std::string line = body.substr(start, end - start);
            if (!line.empty())
                out += std::string(indent, ' ') + line;
            out += "\n";
            start = end + 1;
        }
    }

    // Writes the value part of "key:" or "-" (the caller wrote the key or dash already).
    void value(const YAML::Node &node, int indent, bool afterDash)
    {
        if (isInline(node)) {
            if (node.IsScalar() && (isQuotedOrStringTagged(node)) && tagPrefix(node).empty() &&
                !canBePlain(node.Scalar(), false) && suitsLiteralBlock(node.Scalar())) {
                out += " ";
                literalBlock(node.Scalar(), indent + 2);
                return;
            }
            if (node.IsNull() && !afterDash) {
                out += "\n";
                return;
            }
            out += ' ';
            out += node.IsScalar() || node.IsNull() ? inlineScalar(node, false) : flow(node);
            out += '\n';
            return;
        }
        if (node.IsMap()) {
            if (afterDash) {
                out += " ";
                mapping(node, indent + 2, true);
            } else {
                out += "\n";
                mapping(node, indent + 2, false);
            }
            return;
        }
        out += "\n";
        sequence(node, afterDash || !style.indentlessSequences ? indent + 2 : indent);
    }

    void key(const YAML::Node &keyNode)
    {
        out += keyNode.IsScalar() || keyNode.IsNull() ? inlineScalar(keyNode, false)
                                                     : "? " + flow(keyNode) + "\n";
        out += ":";
    }

    void mapping(const YAML::Node &node, int indent, bool firstOnCurrentLine)
    {
        bool first = true;
        for (auto it = node.begin(); it != node.end(); ++it) {
            if (!(first && firstOnCurrentLine))
                out += std::string(indent, ' ');
            first = false;
            key(it->first);
            value(it->second, indent, false);
        }
    }

    void sequence(const YAML::Node &node, int indent)
    {
        for (auto it = node.begin(); it != node.end(); ++it) {
            out += std::string(indent, ' ') + "-";
            value(*it, indent, true);
        }
    }

    void document(const YAML::Node &root)
    {
        if (root.IsMap() && root.size() > 0 && root.Style() != YAML::EmitterStyle::Flow) {
            mapping(root, 0, false);
        } else if (root.IsSequence() && root.size() > 0 &&
                   root.Style() != YAML::EmitterStyle::Flow) {
            sequence(root, 0);
        } else if (root.IsScalar() && isQuotedOrStringTagged(root) &&
                   !canBePlain(root.Scalar(), false) && suitsLiteralBlock(root.Scalar())) {
            literalBlock(root.Scalar(), 2);
        } else {
            out += (root.IsMap() || root.IsSequence()) ? flow(root) : inlineScalar(root, false);
            out += "\n";
        }
    }
};

} // namespace

std::string writeYaml(const YAML::Node &root, WriteStyle style)
{
    Writer writer;
    writer.style = style;
    writer.document(root);
    return writer.out;
}

namespace {

// Returns 1 for indentless, 0 for indented, -1 when the tree has no block sequence under a key.
int sequenceIndentation(const YAML::Node &node)
{
    if (node.IsMap()) {
        for (auto it = node.begin(); it != node.end(); ++it) {
            const YAML::Node value = it->second;
            if (value.IsSequence() && value.size() > 0 &&
                value.Style() != YAML::EmitterStyle::Flow) {
                const YAML::Mark key = it->first.Mark();
                const YAML::Mark item = value.begin()->Mark();
                // An item's mark is where its content starts, two columns after its dash.
                if (!key.is_null() && !item.is_null() && item.line > key.line)
                    return item.column - 2 <= key.column ? 1 : 0;
            }
            const int found = sequenceIndentation(value);
            if (found >= 0)
                return found;
        }
    } else if (node.IsSequence()) {
        for (auto it = node.begin(); it != node.end(); ++it) {
            const int found = sequenceIndentation(*it);
            if (found >= 0)
                return found;
        }
    }
    return -1;
}

} // namespace

WriteStyle detectWriteStyle(const YAML::Node &root)
{
    WriteStyle style;
    style.indentlessSequences = sequenceIndentation(root) == 1;
    return style;
}

} // namespace Yaml
