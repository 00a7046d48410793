#include "diagnosticcodes.h"

#include <array>

namespace Core {
namespace {

constexpr std::array CODES = {
    DiagnosticCode{
        Codes::YAML_SYNTAX, "YamlSyntaxError", Level::Error, "The document is not valid YAML.",
        "The YAML parser stopped at the given position. Common causes: a tab used for "
        "indentation, an unclosed quote or bracket, a key and value not separated by ': ', or "
        "text that is not YAML at all. Only this document is skipped; the other documents of "
        "the file still load. Fix the text at the position shown."},
    DiagnosticCode{
        Codes::TYPE_MISMATCH, "TypeMismatch", Level::Error,
        "A field has a value of the wrong type.",
        "The Kubernetes API server checks every field against the CRD schema and rejects the "
        "object when a value has the wrong type: a quoted \"80\" where a number is expected, a "
        "list where an object is expected, a number where a string is expected. Write the value "
        "in the type the field takes (numbers unquoted, strings quoted when they look like "
        "numbers or booleans)."},
    DiagnosticCode{
        Codes::UNKNOWN_ENUM, "UnknownEnumValue", Level::Error,
        "A field takes one of a fixed set of values and this is not one of them.",
        "Enumerations such as port.protocol (HTTP, HTTPS, GRPC, TCP, TLS, ...) and tls.mode "
        "(SIMPLE, MUTUAL, PASSTHROUGH, ...) accept only the listed names; Istio rejects "
        "anything else. The message lists the accepted values."},
    DiagnosticCode{
        Codes::MISSING_REQUIRED, "MissingRequiredField", Level::Error,
        "A field the schema requires is absent.",
        "The CRD schema marks some fields as required: for example a Gateway server's port and "
        "hosts, a port's number, protocol and name, a destination's host, a DestinationRule's "
        "host. The API server rejects the object without them. Add the field."},
    DiagnosticCode{
        Codes::DUPLICATE_KEY, "DuplicateKey", Level::Error,
        "The same key appears twice in one mapping.",
        "kubectl and the API server reject a mapping that repeats a key (\"key already set in "
        "map\"). Other tools silently keep one of the two values, so the object you see is not "
        "the one you wrote. Remove or merge the duplicate."},
    DiagnosticCode{
        Codes::NOT_AN_OBJECT, "DocumentNotAnObject", Level::Error,
        "A YAML document is a list or a scalar, not a Kubernetes object.",
        "Each document of a manifest must be a mapping with apiVersion, kind and metadata. A "
        "document that is a list or a plain value cannot be applied. Gatehouse keeps it "
        "unchanged when saving, but it is not a resource."},
    DiagnosticCode{
        Codes::UNKNOWN_FIELD, "UnknownField", Level::Warning,
        "A field is not part of the Istio API.",
        "The field is not in the schema of this Istio kind. With strict field validation "
        "kubectl rejects it; otherwise it is dropped or ignored. This is usually a typo or a "
        "field at the wrong indentation level. Gatehouse keeps it when saving."},
    DiagnosticCode{
        Codes::ONEOF_CONFLICT, "OneofConflict", Level::Error,
        "Fields that exclude each other are set together.",
        "Some groups of fields are alternatives (a oneof): a StringMatch takes one of exact, "
        "prefix or regex; a body one of string or bytes; an abort one of httpStatus, grpcStatus "
        "or http2Error; a delay one of fixedDelay or exponentialDelay; a redirect one of port "
        "or derivePort. Keep only one."},
    DiagnosticCode{
        Codes::INVALID_DURATION, "InvalidDuration", Level::Error,
        "A duration is malformed or shorter than 1ms.",
        "Durations are written as a number with a unit (ns, us, ms, s, m, h), possibly "
        "combined: 500ms, 1.5s, 1m30s. The CRD requires every duration to be at least 1ms, "
        "except connectionPool.tcp.idleTimeout, where 0s disables the timeout."},
    DiagnosticCode{
        Codes::MISSING_TYPE_META, "MissingTypeMeta", Level::Error,
        "A document has no apiVersion or kind.",
        "kubectl needs apiVersion and kind to know what a document is. Add both, for example "
        "apiVersion: networking.istio.io/v1 and kind: Gateway."},
    DiagnosticCode{
        Codes::OUT_OF_RANGE, "ValueOutOfRange", Level::Error,
        "A number is outside the range its field accepts.",
        "Integer fields have the range of their protobuf type (for example a port number is an "
        "unsigned 32-bit value, and the Gateway rules narrow it further to 1-65535). A negative "
        "value in an unsigned field, or a value beyond the type's limit, is rejected."},
    DiagnosticCode{
        Codes::UNREADABLE_FILE, "UnreadableFile", Level::Error, "A file or folder cannot be read.",
        "The path does not exist, is not readable, or is not valid UTF-8 text. Check the path "
        "and its permissions."},
    DiagnosticCode{
        Codes::SERVER_PORT_CONFLICT, "ServerDroppedByPortConflict", Level::Warning,
        "A Gateway server is dropped because an earlier server owns its port.",
        "One port (and bind address) carries either plaintext HTTP, or TLS chains selected by "
        "SNI, or one plain TCP proxy. When servers disagree, the first one (in Gateway creation "
        "order, then server order) wins and istiod silently drops the later one. Move the later "
        "server to another port or bind address."},
    DiagnosticCode{
        Codes::SERVER_DUPLICATE_HOST, "ServerDroppedByDuplicateHost", Level::Warning,
        "A TLS server is dropped because an earlier server on its port has the same host.",
        "TLS servers sharing a port are told apart by SNI, so two of them cannot claim the same "
        "host. istiod skips the whole later server. Give each server distinct hosts."},
    DiagnosticCode{
        Codes::DUPLICATE_SNI, "PassthroughRuleDroppedByDuplicateSni", Level::Warning,
        "A TLS passthrough route is dropped because its SNI is already routed on that port.",
        "Each SNI name can lead to one passthrough chain per port. The later tls route whose "
        "sniHosts repeat a name is skipped. Merge the routes or use distinct names."},
    DiagnosticCode{
        Codes::INVALID_REGEX, "InvalidRegex", Level::Error,
        "A regular expression does not compile under RE2.",
        "Istio checks every regex with RE2 syntax (no look-around, no back-references) and "
        "rejects the VirtualService at admission when one is invalid. Gatehouse treats the "
        "VirtualService as absent, as the cluster would."},
    DiagnosticCode{
        Codes::DELEGATE_NOT_FOUND, "DelegateNotFound", Level::Warning,
        "A delegate VirtualService is missing or not exported to the root's namespace.",
        "An http route with `delegate` splices in the routes of another VirtualService. When "
        "that VirtualService does not exist, has hosts, or is not exported to the root's "
        "namespace, istiod skips the root's route."},
    DiagnosticCode{
        Codes::DELEGATE_ROUTE_OUTSIDE_ROOT, "DelegateRouteOutsideRootMatch", Level::Warning,
        "A delegate route's match does not fall inside the root route's match.",
        "Delegate routes must narrow the root's match (for example a longer uri prefix). A "
        "route whose match conflicts with the root's is dropped."},
    DiagnosticCode{
        Codes::NOT_AVAILABLE_OFF_MESH, "NotAvailableOffMesh", Level::Warning,
        "The server uses a mode that only exists inside a mesh.",
        "AUTO_PASSTHROUGH routes on SNI names that encode mesh clusters, ISTIO_MUTUAL needs "
        "mesh-issued certificates, and UDP is not proxied. The local gateway cannot reproduce "
        "them and refuses such connections."},
    DiagnosticCode{
        Codes::REDIRECT_CODE_NOT_PRODUCED, "RedirectCodeNotProduced", Level::Warning,
        "A redirect code Envoy will not produce.",
        "Istio admits any redirectCode from 300 to 399, but Envoy only produces 301, 302, 303, "
        "307 and 308. With another code the route has no action and istiod logs a warning; "
        "Gatehouse leaves the route out."},
    DiagnosticCode{
        Codes::INVALID_ROUTE_TEST, "InvalidRouteTest", Level::Error,
        "A route test file breaks its contract.",
        "Route test files (gatehouse test) accept only the documented keys; every test needs a "
        "unique name and a request with an absolute URL; sample must be in [0,1). Unknown keys "
        "are errors so that a misspelt expectation never passes silently."},
};

} // namespace

std::span<const DiagnosticCode> allDiagnosticCodes()
{
    return CODES;
}

const DiagnosticCode *findDiagnosticCode(const QString &code)
{
    for (const DiagnosticCode &entry : CODES) {
        if (code.compare(QLatin1String(entry.code), Qt::CaseInsensitive) == 0)
            return &entry;
    }
    return nullptr;
}

Diagnostic makeDiagnostic(const char *code, const QString &message)
{
    Diagnostic diagnostic;
    diagnostic.code = QString::fromLatin1(code);
    diagnostic.message = message;
    if (const DiagnosticCode *entry = findDiagnosticCode(diagnostic.code)) {
        diagnostic.level = entry->defaultLevel;
        diagnostic.messageType = QString::fromLatin1(entry->messageType);
    }
    return diagnostic;
}

} // namespace Core
