#pragma once

#include "compile/compileoptions.h"
#include "route/decision.h"
#include "routetestloader.h"
#include "workspace/workspace.h"

#include <QHash>
#include <QStringList>

namespace RouteTest {

struct Failure {
    QString key; // "destination", "requestHeaders.x-version", ...
    QString expected;
    QString actual;
};

struct TestResult {
    QString name;
    QString file;
    Route::Decision decision;
    std::vector<Failure> failures;
    qint64 durationUs = 0; // the decision (and the live exchange) alone, not the config's load
    bool passed() const { return failures.empty(); }
};

struct Coverage {
    QStringList routes; // every route of every VirtualService bound to a gateway: "ns/name http[0]"
    QStringList covered; // those some test reached
    // "ns/name http[0]" → the names of the tests that reached it (the Route Tests dock's view)
    QHash<QString, QStringList> testsByRoute;
    QStringList uncovered() const;
    double percent() const;
};

struct RunResult {
    std::vector<TestResult> tests;
    Coverage coverage;
    Core::Diagnostics loadErrors;  // the file or its config could not be loaded
    Core::Diagnostics configNotes; // what the compiler dropped, for context
    int passed() const;
    int failed() const;
};

class LiveRunner;

// Runs every test of a loaded file through the pure route engine. `configOverride`, when not
// empty, replaces the file's `config` list (paths relative to the current directory). With
// `live`, each test also goes through the real local gateway: its expectations are checked
// against what the gateway did, and a verdict that differs from the pure one is a failure.
RunResult runTestFile(const LoadedFile &file, const QStringList &configOverride = {},
                      const Compile::CompileOptions &options = {}, LiveRunner *live = nullptr);

// The same run against a design already loaded (the desktop app's workspace, edits and all): the
// file's `config` list is not read.
RunResult runTestsOn(const LoadedFile &file, const Project::Workspace &workspace,
                     const Compile::CompileOptions &options = {}, LiveRunner *live = nullptr);

// Compares one decision with one expectation (exposed for tests).
std::vector<Failure> compare(const Expectation &expect, const Route::Decision &decision);

} // namespace RouteTest
