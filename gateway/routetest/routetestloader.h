#pragma once

#include "core/diagnostic.h"
#include "routetestfile.h"
#include "yaml/readcontext.h"

namespace RouteTest {

struct LoadedFile {
    QString path;
    TestFile file;
    Yaml::FieldPositions positions; // "tests[3].expect.route" → where it is written
    Core::Diagnostics diagnostics;  // any error means the file cannot run (exit 2)

    bool ok() const { return !Core::hasErrors(diagnostics); }
};

// Reads and checks a route test file: every key known (unknown keys are errors: a typo in an
// expectation must never pass silently), test names unique, URLs parseable, samples in [0,1).
LoadedFile loadTestFile(const QString &path);
LoadedFile parseTestFile(const QString &path, const QByteArray &text);

} // namespace RouteTest
