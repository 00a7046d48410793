#include "yamlwriter.h"

#include "scalar.h"

#include <yaml-cpp/yaml.h>

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
        if (inFlow &&
            (c == ',' || c == '[' || c == ']' || c == '{' || c == '}' || c == ':' || c == '#'))
            return false;
    }
    if (text.find(": ") != std::string::npos || text.find(" #") != std::string::npos)
        return false;
    return resolvePlainScalar(text) == ScalarType::String;
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
    const CommentMap *comments = nullptr;

    const FieldComments *commentsFor(const std::string &path) const
    {
        if (!comments)
            return nullptr;
        const auto it = comments->fields.find(path);
        return it == comments->fields.end() ? nullptr : &it->second;
    }

    void commentLines(const FieldComments *field, int indent)
    {
        if (!field)
            return;
        for (const std::string &line : field->before)
            out += std::string(indent, ' ') + line + '\n';
    }

    // Puts a field's trailing comment at the end of the first line written since `from`.
    void trailingComment(const FieldComments *field, std::size_t from)
    {
        if (!field || field->trailing.empty())
            return;
        const std::size_t newline = out.find('\n', from);
        out.insert(newline == std::string::npos ? out.size() : newline, " " + field->trailing);
    }

    // Scalars and flow collections written in place (after "key: " or "- ").
    std::string inlineScalar(const YAML::Node &node, bool inFlow)
    {
        if (node.IsNull())
            return "null";
        const std::string &text = node.Scalar();
        const std::string prefix = tagPrefix(node);
        if (!isQuotedOrStringTagged(node) && prefix.empty() &&
            text.find('\n') == std::string::npos &&
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
    void value(const YAML::Node &node, int indent, bool afterDash, const std::string &path)
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
                mapping(node, indent + 2, true, path);
            } else {
                out += "\n";
                mapping(node, indent + 2, false, path);
            }
            return;
        }
        out += "\n";
        sequence(node, afterDash || !style.indentlessSequences ? indent + 2 : indent, path);
    }

    void key(const YAML::Node &keyNode)
    {
        out += keyNode.IsScalar() || keyNode.IsNull() ? inlineScalar(keyNode, false)
                                                      : "? " + flow(keyNode) + "\n";
        out += ":";
    }

    static std::string childPath(const std::string &path, const YAML::Node &key)
    {
        const std::string name = key.IsScalar() ? key.Scalar() : std::string("?");
        return path.empty() ? name : path + "." + name;
    }

    // `firstOnCurrentLine`: the mapping is a list item and its first key follows "- "; the
    // sequence wrote that key's leading comments above the dash.
    void mapping(const YAML::Node &node, int indent, bool firstOnCurrentLine,
                 const std::string &path)
    {
        bool first = true;
        for (auto it = node.begin(); it != node.end(); ++it) {
            const std::string child = childPath(path, it->first);
            const FieldComments *field = commentsFor(child);
            if (!(first && firstOnCurrentLine)) {
                commentLines(field, indent);
                out += std::string(indent, ' ');
            }
            first = false;
            const std::size_t lineStart = out.size();
            key(it->first);
            value(it->second, indent, false, child);
            trailingComment(field, lineStart);
        }
    }

    void sequence(const YAML::Node &node, int indent, const std::string &path)
    {
        std::size_t index = 0;
        for (auto it = node.begin(); it != node.end(); ++it, ++index) {
            const YAML::Node item = *it;
            const std::string child = path + "[" + std::to_string(index) + "]";
            if (item.IsMap() && item.size() > 0 && item.Style() != YAML::EmitterStyle::Flow)
                commentLines(commentsFor(childPath(child, item.begin()->first)), indent);
            const FieldComments *field = commentsFor(child);
            commentLines(field, indent);
            const std::size_t lineStart = out.size();
            out += std::string(indent, ' ') + "-";
            value(item, indent, true, child);
            trailingComment(field, lineStart);
        }
    }

    void document(const YAML::Node &root)
    {
        if (root.IsMap() && root.size() > 0 && root.Style() != YAML::EmitterStyle::Flow) {
            mapping(root, 0, false, std::string());
        } else if (root.IsSequence() && root.size() > 0 &&
                   root.Style() != YAML::EmitterStyle::Flow) {
            sequence(root, 0, std::string());
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

std::string writeYaml(const YAML::Node &root, WriteStyle style, const CommentMap *comments)
{
    Writer writer;
    writer.style = style;
    writer.comments = comments;
    writer.document(root);
    if (comments) {
        for (const std::string &line : comments->end)
            writer.out += line + '\n';
    }
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
