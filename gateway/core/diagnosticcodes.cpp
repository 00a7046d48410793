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

    // Gatehouse's own validation findings.
    DiagnosticCode{
        Codes::CREDENTIAL_WITHOUT_TLS_MODE, "CredentialWithoutTlsMode", Level::Warning,
        "An HTTPS server names a certificate but sets no tls.mode, so it is PASSTHROUGH.",
        "tls.mode defaults to PASSTHROUGH. An HTTPS or TLS server with credentialName (or "
        "certificate files) but no mode does not terminate TLS: the certificate is ignored, the "
        "encrypted bytes are relayed by SNI, and the VirtualService http routes never apply. "
        "Add `mode: SIMPLE` (or MUTUAL) to terminate TLS at the gateway."},
    DiagnosticCode{
        Codes::SHORT_HOST_ON_GATEWAY, "ShortHostOnGateway", Level::Warning,
        "A gateway-bound VirtualService host is a short name no client will send.",
        "A host without a dot (such as `reviews`) is expanded to "
        "reviews.<namespace>.svc.cluster.local. Clients of an ingress gateway send public "
        "names in the Host header, so such a host only matches requests that name the "
        "cluster-internal service. Write the public host name (or `*`)."},
    DiagnosticCode{
        Codes::PLAINTEXT_AND_TLS_ON_PORT, "PlaintextAndTlsOnPort", Level::Warning,
        "Plaintext and TLS servers share one port of the same gateway workload.",
        "A port (and bind address) of a gateway workload is either plaintext HTTP or TLS. When "
        "an HTTP server and an HTTPS/TLS server claim the same port, istiod keeps the first one "
        "(by Gateway creation order, then server order) and drops the other, so one of the two "
        "protocols silently stops working. Use separate ports (80 and 443 by convention)."},
    DiagnosticCode{
        Codes::HOST_SERVED_BY_TWO_GATEWAYS, "HostServedByTwoGateways", Level::Warning,
        "Two Gateways serve the same host on the same port of one workload.",
        "For plaintext HTTP the servers are merged and the VirtualServices of both Gateways "
        "are candidates; the first VirtualService (by creation time) that matches wins. For TLS "
        "the later server is dropped. Either way the result depends on creation order. Serve "
        "each host:port from one Gateway."},
    DiagnosticCode{
        Codes::CATCH_ALL_SHADOWS_MERGED_ROUTES, "CatchAllShadowsMergedRoutes", Level::Warning,
        "A catch-all route of one VirtualService hides another's after merging.",
        "VirtualServices bound to the same gateway host are merged into one route list, in "
        "creation order, and every catch-all route (no match, or a uri prefix / with no other "
        "condition) moves to the end. The first catch-all there takes every request no earlier "
        "route matched, so the catch-alls of the other VirtualServices never run. Keep one "
        "catch-all per host."},
    DiagnosticCode{
        Codes::CREDENTIAL_NOT_LOCAL, "CredentialNotAvailableLocally", Level::Info,
        "The local gateway has no certificate for this credentialName and will issue one.",
        "The certificate is neither in the local environment's credentials nor in a Secret of "
        "the workspace. The local proxy issues a development certificate from its local CA so "
        "the server can be tested; clients must trust that CA. The cluster still needs the "
        "real Secret."},
    DiagnosticCode{
        Codes::DESTINATION_NOT_MAPPED, "DestinationNotMappedLocally", Level::Info,
        "A destination has no local upstream; the built-in echo upstream will answer.",
        "The local environment maps destinations (host, host:port, host/subset) to local "
        "addresses. This destination has no mapping, so the local proxy answers it with the "
        "built-in echo upstream, which reports what it received. Add an upstream entry to test "
        "against a real service."},
    DiagnosticCode{
        Codes::DUPLICATE_RESOURCE, "DuplicateResource", Level::Warning,
        "Two documents define the same object.",
        "Objects are identified by kind, namespace and name. When two documents of the "
        "workspace share them, kubectl applies both and the one applied last replaces the "
        "other, so the result depends on file order. Rename one or delete the copy."},
    DiagnosticCode{
        Codes::INVALID_LOCAL_ENVIRONMENT, "InvalidLocalEnvironment", Level::Error,
        "An entry of the local environment file is malformed.",
        "The local environment file says where the local gateway listens (listen), which local "
        "port stands for each gateway port (ports: {80: 8080}), which local address answers a "
        "destination (upstreams: {reviews/v2: 127.0.0.1:9082}; keys are host, host:port, "
        "host/subset or host:port/subset) and where a credentialName's certificate is "
        "(credentials: {name: {certificate: F, privateKey: F}}) and the folder that stands for the "
        "gateway pod's file system when a Gateway names certificate files (certificateRoot: "
        "DIR). The entry at the position is ignored; the rest of the file applies."},
    // Certificates and keys for the local gateway.
    DiagnosticCode{
        Codes::INVALID_CERTIFICATE, "InvalidCertificateMaterial", Level::Error,
        "A certificate, private key or CA bundle cannot be used.",
        "The text is not PEM, a PEM block is cut short or does not decode, a private key is "
        "encrypted, a credential file cannot be read, or a Secret lacks the tls.crt/tls.key "
        "(or cert/key) pair. The message says which file or Secret and where. Without a "
        "usable certificate the local gateway cannot terminate TLS for the server. Replace "
        "the material; `gatehouse certs inspect FILE` shows what a file holds."},
    DiagnosticCode{
        Codes::CERTIFICATE_EXPIRED, "CertificateExpired", Level::Error,
        "A certificate of the chain has expired.",
        "Clients refuse a certificate after its notAfter date (curl: \"certificate has "
        "expired\"). Istio serves the Secret anyway and istioctl analyze reports IST0161. Issue "
        "a new certificate (`gatehouse certs issue HOST...` for local testing)."},
    DiagnosticCode{
        Codes::CERTIFICATE_NOT_YET_VALID, "CertificateNotYetValid", Level::Error,
        "A certificate of the chain is not valid yet.",
        "Its notBefore date lies in the future, so clients refuse it until then. Usually the "
        "issuing machine's clock was ahead, or the certificate was made for later. Issue it "
        "again with a start date in the past."},
    DiagnosticCode{
        Codes::CERTIFICATE_HOST_NOT_COVERED, "CertificateHostNotCovered", Level::Warning,
        "The certificate does not cover a host its server serves.",
        "Clients check the host they connect to against the certificate's subjectAltName "
        "entries (RFC 6125; the subject CN is ignored): a DNS name matches itself, \"*.a.com\" "
        "matches one label in its place (b.a.com, not a.com nor c.b.a.com), an IP literal "
        "needs an IP entry. Requests for the host fail with a name mismatch. Add the host to "
        "the certificate or serve the host from a server with a certificate that covers it."},
    DiagnosticCode{
        Codes::PRIVATE_KEY_MISMATCH, "PrivateKeyMismatch", Level::Error,
        "The private key does not belong to the certificate.",
        "The public key inside the certificate is not the public half of the private key, so "
        "no TLS handshake can succeed (Envoy rejects the pair and the listener does not come "
        "up). Usually the key of an older certificate was kept. Pair each certificate with the "
        "key it was issued for."},
    DiagnosticCode{
        Codes::CERTIFICATE_NOT_VERIFIED, "CertificateNotVerified", Level::Error,
        "The certificate chain does not lead to the given CA.",
        "Verified with the chain's own intermediates, the certificate is not signed by any "
        "certificate of the CA bundle (the message gives OpenSSL's reason). Clients that trust "
        "only that CA refuse the certificate. Use the CA that issued it, or add the missing "
        "intermediates to the certificate file after the leaf."},
    DiagnosticCode{
        Codes::CERTIFICATE_FILE_MISSING, "CertificateFileMissing", Level::Warning,
        "A certificate file named by the Gateway is not on this machine.",
        "serverCertificate, privateKey, caCertificates and tlsCertificates name files inside "
        "the gateway pod (such as /etc/istio/ingressgateway-certs/tls.crt). Locally they are "
        "looked up under the local environment's certificateRoot (relative paths, and absolute "
        "paths below the root), else as written. When one is missing the local gateway serves "
        "a certificate issued by its development CA instead. Set certificateRoot to a folder "
        "holding copies of the files to test with the real ones."},
    DiagnosticCode{
        Codes::STAND_IN_CERTIFICATE, "StandInCertificate", Level::Warning,
        "The local gateway serves a certificate issued by its development CA.",
        "The server's real certificate is not available on this machine (no readable files, no "
        "credential in the local environment, no Secret in the workspace), so the local gateway "
        "issued one for the server's hosts from the local development CA. Clients must trust "
        "that CA: `gatehouse certs ca --export ca.crt`, then curl --cacert ca.crt. The cluster "
        "still needs the real certificate."},
    DiagnosticCode{
        Codes::STAND_IN_CLIENT_CA, "StandInClientCa", Level::Warning,
        "A MUTUAL server has no client CA; the local development CA stands in.",
        "MUTUAL and OPTIONAL_MUTUAL servers verify client certificates against a CA bundle "
        "(caCertificates, ca.crt or cacert in the credential, a <name>-cacert Secret, or "
        "caCertCredentialName). None is available here, so the local gateway accepts client "
        "certificates issued by its development CA: `gatehouse certs client NAME`."},
    DiagnosticCode{
        Codes::NO_CERTIFICATE, "NoCertificate", Level::Error,
        "A TLS server has no certificate and none can be issued.",
        "No certificate was found for the server and no local development CA is available to "
        "issue a stand-in (its folder cannot be created or read). The server cannot terminate "
        "TLS. Make the CA folder writable (GATEHOUSE_CA_DIR chooses it) or provide the "
        "certificate."},
    DiagnosticCode{
        Codes::CREDENTIAL_NOT_FOUND_LOCALLY, "CredentialNotFoundLocally", Level::Warning,
        "A credential the server names is not available locally; the others are used.",
        "One entry of credentialNames, or the caCertCredentialName, is neither in the local "
        "environment's credentials nor in a Secret of the workspace in the gateway's "
        "namespace. The local gateway serves without it. Add it to the local environment or "
        "the workspace to test with it."},
    // Gateway API translation (gateway/fromgatewayapi).
    DiagnosticCode{
        Codes::GATEWAY_API_NOT_TRANSLATED, "GatewayApiNotTranslated", Level::Warning,
        "A Gateway API object or field has no Istio translation.",
        "istiod turns Gateways and routes into Istio Gateways and VirtualServices; some kinds "
        "and fields have no equivalent there (InferencePool backends, extension filters, "
        "session persistence, ListenerSets, mesh parentRefs, unknown API versions). The "
        "message names what is left out and what the local gateway does instead. Remove the "
        "field or accept that it is not tested locally."},
    DiagnosticCode{
        Codes::GATEWAY_API_INVALID_BACKEND, "GatewayApiInvalidBackend", Level::Warning,
        "A route's backendRef is invalid, so requests sent to it get 500.",
        "The backend is of a kind Istio does not route to, names a Service the workspace does "
        "not define, or lives in another namespace without a ReferenceGrant allowing the "
        "route to use it. Gateway API routes answer 500 for the share of traffic that goes "
        "to such a backend (a VirtualService would answer 503). Fix the reference, add the "
        "Service, or add a ReferenceGrant in the backend's namespace."},
    DiagnosticCode{
        Codes::GATEWAY_API_ROUTE_NOT_ATTACHED, "GatewayApiRouteNotAttached", Level::Warning,
        "A route's parentRef attaches to no listener.",
        "The Gateway does not exist, or none of its listeners accepts the route: the "
        "sectionName or port names no listener, the route's hostnames do not intersect the "
        "listener's hostname, allowedRoutes does not admit the route's namespace, or the "
        "listener does not allow the route's kind. The route serves nothing through that "
        "parent. The message lists why each listener refused it."},
    DiagnosticCode{
        Codes::GATEWAY_API_INVALID_LISTENER, "GatewayApiInvalidListener", Level::Error,
        "A Gateway listener cannot be translated as written.",
        "The protocol is not one Istio serves (HTTP, HTTPS, TLS, TCP), TLS settings are "
        "missing where the protocol needs them, or a certificateRef is not a Secret or lives "
        "in another namespace without a ReferenceGrant. The message says what istiod does "
        "with the listener."},
    DiagnosticCode{
        Codes::GATEWAY_API_ROUTE_REJECTED, "GatewayApiRouteRejected", Level::Error,
        "istiod rejects the whole route: nothing of it is served.",
        "Some problems stop istiod from translating any rule of a route: a filter type it "
        "does not support, a backendRef without a port, a Service referred to by host name "
        "instead of name. The route's status reports the error and no VirtualService is "
        "generated. Fix the field the message names."},
    DiagnosticCode{
        Codes::GATEWAY_API_GATEWAY_NOT_HANDLED, "GatewayApiGatewayNotHandled", Level::Warning,
        "A Gateway is not handled by Istio's gateway controller.",
        "Its GatewayClass is missing or belongs to another controller, or its addresses name "
        "no usable Service, so istiod generates no configuration for it and routes attached "
        "to it serve nothing. Use the istio GatewayClass (controller "
        "istio.io/gateway-controller) or add the GatewayClass to the workspace."},
    DiagnosticCode{
        Codes::GATEWAY_API_SELECTOR_UNRESOLVED, "GatewayApiNamespaceSelectorUnresolved",
        Level::Warning, "A listener's allowedRoutes namespace selector cannot be evaluated.",
        "istiod runs the selector against the cluster's Namespaces. The workspace has no "
        "Namespace documents, so no namespace is known to match and the listener admits no "
        "route. Add the Namespace manifests (with their labels) to the workspace."},
    // Istio's analyzer codes.
    DiagnosticCode{
        Codes::DEPRECATED, "Deprecated", Level::Warning, "A deprecated field is used.",
        "Istio still accepts the field but will remove it. The message names the replacement, "
        "for example fault.delay.percentage instead of fault.delay.percent."},
    DiagnosticCode{
        Codes::REFERENCED_RESOURCE_NOT_FOUND, "ReferencedResourceNotFound", Level::Error,
        "A resource refers to something that does not exist.",
        "A VirtualService names a Gateway, a destination host, host:port or subset that no "
        "Gateway, Service, ServiceEntry or DestinationRule in the analysed files defines; or a "
        "Gateway's selector matches no pod, or its credentialName no Secret. istioctl analyze "
        "assumes the default istio-ingressgateway pod and Service in istio-system. Add the "
        "missing resource to the workspace or fix the reference."},
    DiagnosticCode{
        Codes::SCHEMA_VALIDATION_ERROR, "SchemaValidationError", Level::Error,
        "Istio's admission webhook rejects the resource.",
        "istiod validates every Istio resource when it is applied and refuses the ones that "
        "break its rules (invalid hosts, conflicting route actions, out-of-range values, TLS "
        "settings that do not fit the protocol, ...). kubectl apply fails with this message. "
        "Fix the field named in the position."},
    DiagnosticCode{
        Codes::CONFLICTING_MESH_GATEWAY_HOSTS, "ConflictingMeshGatewayVirtualServiceHosts",
        Level::Error, "Several mesh-bound VirtualServices define the same host.",
        "VirtualServices bound to the mesh gateway (no gateways, or `mesh`) are not merged: "
        "for one host only one of them takes effect, and which one is undefined. Merge them "
        "into one resource. Gateway-bound VirtualServices are merged and are not affected."},
    DiagnosticCode{
        Codes::DESTINATION_PORT_SELECTOR_REQUIRED, "VirtualServiceDestinationPortSelectorRequired",
        Level::Error, "A destination service has several ports and the route names none.",
        "When the destination Service or ServiceEntry exposes more than one port, the route "
        "must say which one with destination.port.number."},
    DiagnosticCode{
        Codes::NO_CA_DESTINATION_LEVEL, "NoServerCertificateVerificationDestinationLevel",
        Level::Warning, "TLS origination without a CA: the server is not verified.",
        "The DestinationRule's trafficPolicy.tls mode is SIMPLE or MUTUAL but no caCertificates "
        "are set, so the upstream's certificate is not verified. Set caCertificates (or a "
        "credentialName with a workloadSelector)."},
    DiagnosticCode{
        Codes::NO_CA_PORT_LEVEL, "NoServerCertificateVerificationPortLevel", Level::Warning,
        "Port-level TLS origination without a CA: the server is not verified.",
        "An entry of trafficPolicy.portLevelSettings sets TLS mode SIMPLE or MUTUAL for its "
        "port but no caCertificates, so connections to that port do not verify the upstream's "
        "certificate. Set caCertificates on the entry."},
    DiagnosticCode{
        Codes::UNREACHABLE_RULE, "VirtualServiceUnreachableRule", Level::Warning,
        "A VirtualService rule can never be reached.",
        "Rules are tried in order and the first match wins. A rule after a rule with no match, "
        "a second rule without matches, or a rule whose every match an earlier rule already "
        "takes, never runs. Reorder or remove it."},
    DiagnosticCode{
        Codes::INEFFECTIVE_MATCH, "VirtualServiceIneffectiveMatch", Level::Info,
        "A match of a VirtualService rule is already taken by an earlier rule.",
        "The match is identical to an earlier one (names aside), or an earlier uri prefix "
        "covers it with the same port, method, authority, headers and query parameters. "
        "Remove it, or move the more specific rule first."},
    DiagnosticCode{
        Codes::HOST_NOT_FOUND_IN_GATEWAY, "VirtualServiceHostNotFoundInGateway", Level::Warning,
        "None of a VirtualService's hosts is served by a Gateway it binds to.",
        "A VirtualService only takes effect on a Gateway server whose hosts overlap its own "
        "(after the server's namespace/ prefix is applied). With no overlap the binding does "
        "nothing. Add the host to the Gateway or fix the VirtualService hosts."},
    DiagnosticCode{
        Codes::SCHEMA_WARNING, "SchemaWarning", Level::Warning,
        "Istio admits the resource with a warning.",
        "The webhook accepts the resource but warns that part of it has no effect or is "
        "deprecated (certificates on a PASSTHROUGH server, invalid cipher suites, legacy "
        "gateway names, mirrorPercent, ...)."},
    DiagnosticCode{
        Codes::DUPLICATE_CERTIFICATE, "GatewayDuplicateCertificate", Level::Warning,
        "Several Gateways of one workload use the same certificate.",
        "Clients that reuse an HTTP/2 connection for every host the certificate covers can be "
        "sent to the wrong server and get 404s. Use one Gateway for those hosts, or distinct "
        "certificates."},
    DiagnosticCode{
        Codes::INGRESS_ROUTE_RULES_NOT_AFFECTED, "IngressRouteRulesNotAffected", Level::Warning,
        "Subset routing of a mesh VirtualService does not apply to ingress traffic.",
        "A gateway-bound VirtualService routes to a host without a subset while another "
        "VirtualService defines subset routing for that host. Requests from the gateway go "
        "straight to the host; the mesh VirtualService's subsets do not apply to them."},
    DiagnosticCode{
        Codes::CONFLICTING_GATEWAYS, "ConflictingGateways", Level::Error,
        "Two Gateways on the same workload claim the same port and host.",
        "Gateways whose selectors pick the same pods, with servers on the same port and bind "
        "that share a host, conflict: Envoy gets two filter chains with the same match and "
        "rejects the listener, or one server is dropped. Merge the servers into one Gateway."},
    DiagnosticCode{
        Codes::JWT_ROUTING_WITHOUT_AUTHN, "JwtClaimBasedRoutingWithoutRequestAuthN", Level::Error,
        "JWT claim routing without a RequestAuthentication on the gateway pods.",
        "Matching on @request.auth.claims needs a RequestAuthentication that validates the "
        "token on the gateway's pods; without it the claims are never available and the route "
        "never matches."},
    DiagnosticCode{
        Codes::INVALID_GATEWAY_CREDENTIAL, "InvalidGatewayCredential", Level::Error,
        "The Secret named by credentialName is not a usable certificate.",
        "The Secret exists but lacks tls.crt/tls.key (or cert/key), its certificate cannot be "
        "parsed, or it is expired or not yet valid. The gateway cannot serve TLS for the "
        "server. Replace the Secret's contents."},
    DiagnosticCode{
        Codes::GATEWAY_PORT_NOT_ON_SERVICE, "GatewayPortNotDefinedOnService", Level::Warning,
        "A Gateway port is not exposed by the gateway's Service.",
        "The gateway pods listen on the server's port, but no Service that selects them "
        "exposes it (as port or targetPort), so clients outside cannot reach it. Add the port "
        "to the Service or change the server's port."},
    DiagnosticCode{
        Codes::REFERENCED_INTERNAL_GATEWAY, "ReferencedInternalGateway", Level::Warning,
        "A VirtualService binds to a Gateway generated from a Kubernetes Gateway.",
        "Names containing istio-autogenerated-k8s-gateway belong to istiod's translation of "
        "Gateway API resources and change without notice. Bind to the Kubernetes Gateway with "
        "an HTTPRoute instead."},
    DiagnosticCode{Codes::INEFFECTIVE_SELECTOR, "IneffectiveSelector", Level::Warning,
                   "A policy selects Kubernetes Gateway pods with a label selector.",
                   "Policies for Gateway API gateways must use targetRef; a selector matching the "
                   "gateway's pods is ignored."},
    DiagnosticCode{
        Codes::NEGATIVE_CONDITION, "NegativeConditionStatus", Level::Warning,
        "The resource's status reports a negative condition.",
        "The status written by the controller says the resource was not accepted, not "
        "programmed or has unresolved references. Read the condition's reason and message."},
    DiagnosticCode{Codes::SUBSET_SELECTS_NO_PODS, "DestinationRuleSubsetNotSelectPods",
                   Level::Error, "A DestinationRule subset selects no pods.",
                   "Requests routed to the subset find no endpoints and fail with 503 (no healthy "
                   "upstream). Fix the subset's labels or the workloads' labels."},
    DiagnosticCode{
        Codes::UNKNOWN_DESTINATION_RULE_HOST, "UnknownDestinationRuleHost", Level::Warning,
        "A DestinationRule's host matches no Service or ServiceEntry.",
        "The rule applies to nothing. Check the host name (short names are expanded in the "
        "DestinationRule's namespace)."},
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

bool isUnreadableInput(const Diagnostic &diagnostic)
{
    return diagnostic.code == QLatin1String(Codes::YAML_SYNTAX) ||
           diagnostic.code == QLatin1String(Codes::UNREADABLE_FILE);
}

} // namespace Core
