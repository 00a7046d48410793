#pragma once

// Shared by the validation tests: validate YAML text and compare findings with expectations
// written as "CODE line:column message-substring".

#include "validation/validator.h"
#include "workspace/workspace.h"

#include <QtTest>

namespace ValidationTest {

inline Project::Workspace *workspaceOf(const QByteArray &yaml, QObject *parent,
                                       const QString &path = QStringLiteral("/virtual/test.yaml"))
{
    auto *workspace = new Project::Workspace(parent);
    workspace->addFile(Project::SourceFile::fromBytes(path, yaml));
    return workspace;
}

// "IST0106 7:9 gateway must have at least one server"
inline QString describe(const Core::Diagnostic &finding)
{
    return QStringLiteral("%1 %2:%3 %4")
        .arg(finding.code)
        .arg(finding.subject.position.line)
        .arg(finding.subject.position.column)
        .arg(finding.message);
}

// Findings whose code is one of `codes`, compared in position order with `expected`.
inline void compareFindings(const Core::Diagnostics &all, const QStringList &codes,
                            const QStringList &expected)
{
    QStringList actual;
    for (const Core::Diagnostic &finding : all) {
        if (codes.contains(finding.code))
            actual << describe(finding);
    }
    const QString report =
        QStringLiteral("\nactual:\n  %1\nexpected:\n  %2")
            .arg(actual.join(QStringLiteral("\n  ")), expected.join(QStringLiteral("\n  ")));
    QVERIFY2(actual.size() == expected.size(), qPrintable(report));
    QStringList unmatched = actual;
    for (const QString &expectation : expected) {
        const QString prefix = expectation.section(QLatin1Char(' '), 0, 1) + QLatin1Char(' ');
        const QString text = expectation.section(QLatin1Char(' '), 2);
        const auto found = std::find_if(unmatched.begin(), unmatched.end(), [&](const QString &a) {
            return a.startsWith(prefix) && a.contains(text);
        });
        QVERIFY2(found != unmatched.end(),
                 qPrintable(QStringLiteral("missing: %1%2").arg(expectation, report)));
        unmatched.erase(found);
    }
}

} // namespace ValidationTest
