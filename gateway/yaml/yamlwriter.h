#pragma once

#include "commentmap.h"

#include <string>
#include <yaml-cpp/node/node.h>

namespace Yaml {

// Writes a node tree as block-style YAML (2-space indentation, sequence items indented under
// their key, flow style kept where the source used it). Unlike YAML::Emitter it keeps every
// scalar's type: a string that would read back as a number, boolean or null is quoted, and
// multi-line strings become literal blocks. The output always ends with a newline.
struct WriteStyle {
    // "key:\n- item" (kubectl and Istio's docs) instead of "key:\n  - item".
    bool indentlessSequences = false;
};

// With `comments`, the comments collected from the document's original text are written next
// to the fields they belonged to.
std::string writeYaml(const YAML::Node &root, WriteStyle style = {},
                      const CommentMap *comments = nullptr);

// The style a parsed document was written in, so a re-emitted document looks like its
// original: looks at the first block sequence that is the value of a mapping key.
WriteStyle detectWriteStyle(const YAML::Node &root);

} // namespace Yaml
