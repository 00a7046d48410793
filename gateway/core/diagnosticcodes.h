#pragma once

#include "diagnostic.h"

#include <QString>
#include <span>

namespace Core {

// Every diagnostic code Gatehouse can emit, with the text `gatehouse explain CODE` prints.
// Codes are stable: tools and suppressions refer to them.
struct DiagnosticCode {
    const char *code;
    const char *messageType;
    Level defaultLevel;
    const char *summary;     // one line
    const char *explanation; // what it means and how to fix it
};

namespace Codes {
inline constexpr const char *YAML_SYNTAX = "GH1001";
inline constexpr const char *TYPE_MISMATCH = "GH1002";
inline constexpr const char *UNKNOWN_ENUM = "GH1003";
inline constexpr const char *MISSING_REQUIRED = "GH1004";
inline constexpr const char *DUPLICATE_KEY = "GH1005";
inline constexpr const char *NOT_AN_OBJECT = "GH1006";
inline constexpr const char *UNKNOWN_FIELD = "GH1007";
inline constexpr const char *ONEOF_CONFLICT = "GH1008";
inline constexpr const char *INVALID_DURATION = "GH1009";
inline constexpr const char *MISSING_TYPE_META = "GH1010";
inline constexpr const char *OUT_OF_RANGE = "GH1011";
inline constexpr const char *UNREADABLE_FILE = "GH1012";
// Raised while compiling the gateway config: what istiod would drop or reject.
inline constexpr const char *SERVER_PORT_CONFLICT = "GH2001";
inline constexpr const char *SERVER_DUPLICATE_HOST = "GH2002";
inline constexpr const char *DUPLICATE_SNI = "GH2003";
inline constexpr const char *INVALID_REGEX = "GH2004";
inline constexpr const char *DELEGATE_NOT_FOUND = "GH2005";
inline constexpr const char *DELEGATE_ROUTE_OUTSIDE_ROOT = "GH2006";
inline constexpr const char *NOT_AVAILABLE_OFF_MESH = "GH2007";
inline constexpr const char *REDIRECT_CODE_NOT_PRODUCED = "GH2008";
// Route test files.
inline constexpr const char *INVALID_ROUTE_TEST = "GH3001";
} // namespace Codes

std::span<const DiagnosticCode> allDiagnosticCodes();
const DiagnosticCode *findDiagnosticCode(const QString &code);

// A diagnostic pre-filled from the code table (level, code, message type).
Diagnostic makeDiagnostic(const char *code, const QString &message);

} // namespace Core
