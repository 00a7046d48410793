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
// Gatehouse's own validation findings: classic mistakes and what the local proxy will do.
inline constexpr const char *CREDENTIAL_WITHOUT_TLS_MODE = "GH4001";
inline constexpr const char *SHORT_HOST_ON_GATEWAY = "GH4002";
inline constexpr const char *PLAINTEXT_AND_TLS_ON_PORT = "GH4003";
inline constexpr const char *HOST_SERVED_BY_TWO_GATEWAYS = "GH4004";
inline constexpr const char *CATCH_ALL_SHADOWS_MERGED_ROUTES = "GH4005";
inline constexpr const char *CREDENTIAL_NOT_LOCAL = "GH4006";
inline constexpr const char *DESTINATION_NOT_MAPPED = "GH4007";
inline constexpr const char *DUPLICATE_RESOURCE = "GH4008";
// The local environment file (never exported).
inline constexpr const char *INVALID_LOCAL_ENVIRONMENT = "GH5001";
// Certificates and keys the local gateway serves (gateway/tls).
inline constexpr const char *INVALID_CERTIFICATE = "GH6001";
inline constexpr const char *CERTIFICATE_EXPIRED = "GH6002";
inline constexpr const char *CERTIFICATE_NOT_YET_VALID = "GH6003";
inline constexpr const char *CERTIFICATE_HOST_NOT_COVERED = "GH6004";
inline constexpr const char *PRIVATE_KEY_MISMATCH = "GH6005";
inline constexpr const char *CERTIFICATE_NOT_VERIFIED = "GH6006";
inline constexpr const char *CERTIFICATE_FILE_MISSING = "GH6007";
inline constexpr const char *STAND_IN_CERTIFICATE = "GH6008";
inline constexpr const char *STAND_IN_CLIENT_CA = "GH6009";
inline constexpr const char *NO_CERTIFICATE = "GH6010";
inline constexpr const char *CREDENTIAL_NOT_FOUND_LOCALLY = "GH6011";
// Kubernetes Gateway API documents and their translation to Istio (gateway/fromgatewayapi).
inline constexpr const char *GATEWAY_API_NOT_TRANSLATED = "GH8001";
inline constexpr const char *GATEWAY_API_INVALID_BACKEND = "GH8002";
inline constexpr const char *GATEWAY_API_ROUTE_NOT_ATTACHED = "GH8003";
inline constexpr const char *GATEWAY_API_INVALID_LISTENER = "GH8004";
inline constexpr const char *GATEWAY_API_ROUTE_REJECTED = "GH8005";
inline constexpr const char *GATEWAY_API_GATEWAY_NOT_HANDLED = "GH8006";
inline constexpr const char *GATEWAY_API_SELECTOR_UNRESOLVED = "GH8007";
// Istio's own analyzer codes (istioctl analyze), with Istio's message types and levels.
inline constexpr const char *DEPRECATED = "IST0002";
inline constexpr const char *REFERENCED_RESOURCE_NOT_FOUND = "IST0101";
inline constexpr const char *SCHEMA_VALIDATION_ERROR = "IST0106";
inline constexpr const char *CONFLICTING_MESH_GATEWAY_HOSTS = "IST0109";
inline constexpr const char *DESTINATION_PORT_SELECTOR_REQUIRED = "IST0112";
inline constexpr const char *NO_CA_DESTINATION_LEVEL = "IST0128";
inline constexpr const char *NO_CA_PORT_LEVEL = "IST0129";
inline constexpr const char *UNREACHABLE_RULE = "IST0130";
inline constexpr const char *INEFFECTIVE_MATCH = "IST0131";
inline constexpr const char *HOST_NOT_FOUND_IN_GATEWAY = "IST0132";
inline constexpr const char *SCHEMA_WARNING = "IST0133";
inline constexpr const char *DUPLICATE_CERTIFICATE = "IST0138";
inline constexpr const char *INGRESS_ROUTE_RULES_NOT_AFFECTED = "IST0140";
inline constexpr const char *CONFLICTING_GATEWAYS = "IST0145";
inline constexpr const char *JWT_ROUTING_WITHOUT_AUTHN = "IST0149";
inline constexpr const char *INVALID_GATEWAY_CREDENTIAL = "IST0161";
inline constexpr const char *GATEWAY_PORT_NOT_ON_SERVICE = "IST0162";
inline constexpr const char *REFERENCED_INTERNAL_GATEWAY = "IST0165";
inline constexpr const char *INEFFECTIVE_SELECTOR = "IST0166";
inline constexpr const char *NEGATIVE_CONDITION = "IST0171";
inline constexpr const char *SUBSET_SELECTS_NO_PODS = "IST0173";
inline constexpr const char *UNKNOWN_DESTINATION_RULE_HOST = "IST0174";
} // namespace Codes

std::span<const DiagnosticCode> allDiagnosticCodes();

// A finding that means a file or document could not be read at all (not valid YAML, no such
// file): nothing built from it can be sent to a cluster, whatever the user overrides.
bool isUnreadableInput(const Diagnostic &diagnostic);
const DiagnosticCode *findDiagnosticCode(const QString &code);

// A diagnostic pre-filled from the code table (level, code, message type).
Diagnostic makeDiagnostic(const char *code, const QString &message);

} // namespace Core
