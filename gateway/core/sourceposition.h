#pragma once

#include <QString>

namespace Core {

// A place in a source file. Lines and columns are 1-based, as editors and compilers print
// them; 0 means "unknown".
struct SourcePosition {
    int line = 0;
    int column = 0;

    bool isValid() const { return line > 0; }
    bool operator==(const SourcePosition &) const = default;
};

} // namespace Core
