#pragma once

#include "route/decision.h"
#include "routetestfile.h"

#include <QByteArray>
#include <QStringList>
#include <optional>

// Writing route tests as text, so a file a person wrote keeps every comment, blank line and key
// order: a new test is spliced into the `tests:` list and nothing else changes. Pure functions;
// the Request Tester's "Add as test" is their caller.
namespace RouteTest {

// The expectations a decision meets, as a test would assert them: gateway, server,
// virtualService, route and destination for a forwarded request (or connection); gateway,
// server and status (redirect too) for an answer the gateway gives itself; closed for a refused
// connection.
Expectation expectationFrom(const Route::Decision &decision);

// `wanted`, or "wanted (2)", "wanted (3)", ... : the first not in `taken`.
QString uniqueTestName(const QString &wanted, const QStringList &taken);

// The test as a block sequence item indented by `indent` spaces ("- name: ...\n  request: ...").
QByteArray testYaml(const TestCase &test, int indent);

// `fileText` with `test` appended at the end of its `tests:` list (created when missing), every
// other byte unchanged. nullopt with `error` set when the list is written in flow style
// (`tests: [...]` with items), which cannot be extended without rewriting it.
std::optional<QByteArray> appendTest(const QByteArray &fileText, const TestCase &test,
                                     QString *error);

// A new file: a `config:` list (paths as given, relative to the file) and one test.
QByteArray newTestFile(const QStringList &configPaths, const TestCase &test);

} // namespace RouteTest
