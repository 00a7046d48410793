#pragma once

#include "localenvironment.h"

#include <QString>

namespace Environment {

// The URL on this machine that stands for `clusterUrl` (a redirect's Location, say
// "https://uk.bookinfo.com/productpage"): the same scheme, host and path, on the local port the
// environment maps the gateway port to (443 → 8443 by default). The host still has to reach the
// local address, e.g. with `curl --resolve uk.bookinfo.com:8443:127.0.0.1`. Empty when the URL
// has no http or https scheme.
QString localUrl(const QString &clusterUrl, const LocalEnvironment &environment);

// "--resolve uk.bookinfo.com:8443:127.0.0.1" for a local URL, so a curl user can paste it.
QString curlResolveFor(const QString &localUrl, const LocalEnvironment &environment);

} // namespace Environment
