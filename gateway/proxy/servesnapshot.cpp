#include "servesnapshot.h"

#include <QHostInfo>

namespace Proxy {

std::optional<UpstreamTarget> ServeSnapshot::upstreamFor(const Runtime::Cluster &cluster) const
{
    const std::optional<Environment::UpstreamAddress> address =
        environment.upstreamFor(cluster.host, cluster.port, cluster.subset);
    if (!address)
        return std::nullopt;
    // Parsed (or, for a name such as localhost, looked up) once per thread and host, not per
    // request. A name that resolves to nothing gives a null address: 503 UH.
    thread_local QHash<QString, QHostAddress> addresses;
    auto it = addresses.find(address->host);
    if (it == addresses.end()) {
        QHostAddress parsed(address->host);
        if (parsed.isNull()) {
            const QHostInfo info = QHostInfo::fromName(address->host);
            if (!info.addresses().isEmpty())
                parsed = info.addresses().constFirst();
        }
        it = addresses.insert(address->host, parsed);
    }
    UpstreamTarget target{*it, address->port, address->text()};
    return target;
}

const ChainTls *ServeSnapshot::tlsFor(const Runtime::Listener &listener, int chain) const
{
    const std::size_t index = std::size_t(&listener - config->listeners.data());
    if (index >= chainTls.size() || chain < 0 || std::size_t(chain) >= chainTls[index].size())
        return nullptr;
    return &chainTls[index][std::size_t(chain)];
}

} // namespace Proxy
