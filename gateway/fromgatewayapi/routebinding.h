#pragma once

#include "parents.h"

namespace FromGatewayApi {

// The listeners a route attaches to through its parentRefs (istiod's extractParentReferenceInfo
// and referenceAllowed): sectionName and port must name the listener, one route hostname must
// overlap the listener's hostname from an allowed namespace, and the listener must allow the
// route's kind. Sorted by the generated Gateway's name, without repeats. A parentRef that
// attaches nowhere is reported with each listener's reason; mesh parents (Service,
// ServiceEntry) are reported as not served by an ingress gateway.
std::vector<const ListenerParent *> attachRoute(const SourceInfo &source,
                                                const std::vector<ParentReference> &parentRefs,
                                                const StringList &hostnames,
                                                const ParentIndex &parents, Core::Diagnostics &out);

// Whether a route hostname may be served through this listener (istiod's isolation rule): on a
// wildcard listener, not when a more specific listener of the same Gateway, port and protocol
// covers it.
bool hostnameAllowedOn(const ListenerParent &parent, const QString &routeHostname);

} // namespace FromGatewayApi
