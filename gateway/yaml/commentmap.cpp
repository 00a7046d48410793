#include "commentmap.h"

#include <map>
#include <yaml-cpp/yaml.h>

namespace Yaml {
namespace {

// line (0-based) → path of the first key or list item that starts on it
using LinePaths = std::map<int, std::string>;

void mapLines(const YAML::Node &node, const std::string &path, LinePaths &lines)
{
    if (node.IsMap()) {
        for (auto it = node.begin(); it != node.end(); ++it) {
            const YAML::Node key = it->first;
            const std::string name = key.IsScalar() ? key.Scalar() : std::string("?");
            const std::string child = path.empty() ? name : path + "." + name;
            if (!key.Mark().is_null())
                lines.emplace(key.Mark().line, child); // emplace: the first key on a line wins
            mapLines(it->second, child, lines);
        }
    } else if (node.IsSequence()) {
        std::size_t index = 0;
        for (auto it = node.begin(); it != node.end(); ++it, ++index) {
            const YAML::Node item = *it;
            const std::string child = path + "[" + std::to_string(index) + "]";
            // A mapping item's first key shares the item's line and is recorded by the
            // recursion; the writer emits comments for "- key:" lines from that key.
            if (!item.IsMap() && !item.Mark().is_null())
                lines.emplace(item.Mark().line, child);
            mapLines(item, child, lines);
        }
    }
}

int indentation(const std::string &line)
{
    int n = 0;
    while (n < int(line.size()) && (line[n] == ' ' || line[n] == '\t'))
        ++n;
    return n;
}

// The position of a comment's '#' in a content line, or npos: a '#' after whitespace, outside
// quotes.
std::size_t trailingCommentStart(const std::string &line)
{
    char quote = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quote) {
            if (c == quote)
                quote = 0;
            else if (c == '\\' && quote == '"')
                ++i;
            continue;
        }
        if (c == '"' || c == '\'') {
            if (i == 0 || line[i - 1] == ' ' || line[i - 1] == '[' || line[i - 1] == '{' ||
                line[i - 1] == ',' || line[i - 1] == ':' || line[i - 1] == '-')
                quote = c;
        } else if (c == '#' && i > 0 && (line[i - 1] == ' ' || line[i - 1] == '\t')) {
            return i;
        }
    }
    return std::string::npos;
}

bool opensBlockScalar(std::string content)
{
    while (!content.empty() &&
           (content.back() == ' ' || content.back() == '\t' || content.back() == '\r'))
        content.pop_back();
    const std::size_t last = content.find_last_of(" :-");
    const std::string tail = last == std::string::npos ? content : content.substr(last + 1);
    return !tail.empty() && (tail[0] == '|' || tail[0] == '>') &&
           tail.find_first_not_of("|>+-0123456789") == std::string::npos;
}

} // namespace

CommentMap collectComments(const QByteArray &text, const YAML::Node &root)
{
    CommentMap comments;
    LinePaths lines;
    mapLines(root, std::string(), lines);
    if (lines.empty())
        return comments;

    const std::string all = text.toStdString();
    std::vector<std::string> pending;
    bool inHeading = true; // the leading block is the document's heading, kept elsewhere
    int blockIndent = -1;  // inside a block scalar: lines indented deeper than this are content
    int lineNumber = 0;
    std::size_t start = 0;
    while (start <= all.size()) {
        std::size_t end = all.find('\n', start);
        if (end == std::string::npos)
            end = all.size();
        std::string line = all.substr(start, end - start);
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        const int indent = indentation(line);
        const bool blank = indent == int(line.size());
        const bool fullComment = !blank && line[indent] == '#';

        if (blockIndent >= 0 && (blank || indent > blockIndent)) {
            // block scalar content: not comments
        } else {
            blockIndent = -1;
            const auto path = lines.find(lineNumber);
            if (fullComment) {
                if (!inHeading)
                    pending.push_back(line.substr(indent));
            } else if (!blank && path != lines.end()) {
                inHeading = false;
                FieldComments &field = comments.fields[path->second];
                field.before = std::move(pending);
                pending.clear();
                const std::size_t hash = trailingCommentStart(line);
                if (hash != std::string::npos)
                    field.trailing = line.substr(hash);
                if (opensBlockScalar(hash == std::string::npos ? line : line.substr(0, hash)))
                    blockIndent = indent;
            } else if (!blank && line.rfind("---", 0) != 0) {
                inHeading = false; // content not starting a key (a continuation line)
            }
        }
        start = end + 1;
        ++lineNumber;
    }
    comments.end = std::move(pending);
    return comments;
}

} // namespace Yaml
