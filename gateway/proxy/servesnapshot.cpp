#include "servesnapshot.h"

#include <QHostInfo>

namespace Proxy {

std::optional<UpstreamTarget> ServeSnapshot::upstreamFor(const Runtime::Cluster &cluster) const
{
    const std::optional<Environment::UpstreamAddress> address =
        environment.upstreamFor(cluster.host, cluster.port, cluster.subset);
    if (!address)
        return std::nullopt;
    UpstreamTarget target{QHostAddress(address->host), address->port, address->text()};
    if (target.address.isNull()) {
        // A name such as localhost. Resolved on the worker thread; /etc/hosts answers at once,
        // and a name that does not resolve is a connect failure (503 UF) like any other.
        thread_local QHash<QString, QHostAddress> resolved;
        auto it = resolved.find(address->host);
        if (it == resolved.end()) {
            const QHostInfo info = QHostInfo::fromName(address->host);
            it = resolved.insert(address->host, info.addresses().isEmpty()
                                                    ? QHostAddress()
                                                    : info.addresses().constFirst());
        }
        target.address = *it;
    }
    return target;
}

} // namespace Proxy
