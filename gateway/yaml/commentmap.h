#pragma once

#include <QByteArray>
#include <string>
#include <unordered_map>
#include <vector>
#include <yaml-cpp/node/node.h>

namespace Yaml {

// The comments of a document, attached to the field they stand next to, so that a document
// re-emitted after an edit keeps them. Paths use the reader's form: "spec.servers[0].port".
struct FieldComments {
    std::vector<std::string> before; // full-line comments directly above the field
    std::string trailing;            // "# ..." at the end of the field's first line
};

struct CommentMap {
    std::unordered_map<std::string, FieldComments> fields;
    std::vector<std::string> end; // comments after the last field

    bool empty() const { return fields.empty() && end.empty(); }
};

// Collects the comments of `text` (one document, as parsed into `root`), skipping the leading
// comment block (kept separately as the document's heading) and the content of block scalars.
// A comment is attached to the key or list item on the next content line (full-line comments)
// or on its own line (trailing comments).
CommentMap collectComments(const QByteArray &text, const YAML::Node &root);

} // namespace Yaml
