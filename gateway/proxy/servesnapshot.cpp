#include "servesnapshot.h"

#include <QHostInfo>

namespace Proxy {

std::optional<ServeSnapshot::MappedUpstream>
ServeSnapshot::mapUpstream(const Runtime::Cluster &cluster) const
{
    std::optional<Environment::UpstreamAddress> address =
        environment.upstreamFor(cluster.host, cluster.port, cluster.subset);
    if (!address)
        return std::nullopt;
    QString text = address->text();
    return MappedUpstream{std::move(*address), std::move(text)};
}

void ServeSnapshot::mapUpstreams()
{
    m_upstreams.clear();
    for (const Runtime::Cluster &cluster : config->clusters) // every one the routes name
        m_upstreams.insert({cluster.host, cluster.port, cluster.subset}, mapUpstream(cluster));
}

std::optional<UpstreamTarget> ServeSnapshot::upstreamFor(const Runtime::Cluster &cluster) const
{
    const auto mapped = m_upstreams.constFind({cluster.host, cluster.port, cluster.subset});
    // A cluster the config does not list (none today) is looked up as it comes.
    const std::optional<MappedUpstream> looked =
        mapped == m_upstreams.constEnd() ? mapUpstream(cluster) : std::nullopt;
    const std::optional<MappedUpstream> &upstream =
        mapped == m_upstreams.constEnd() ? looked : *mapped;
    if (!upstream)
        return std::nullopt;
    // Parsed (or, for a name such as localhost, looked up) once per thread and host, not per
    // request. A name that resolves to nothing gives a null address: 503 UH.
    thread_local QHash<QString, QHostAddress> addresses;
    const QString &host = upstream->address.host;
    auto it = addresses.find(host);
    if (it == addresses.end()) {
        QHostAddress parsed(host);
        if (parsed.isNull()) {
            const QHostInfo info = QHostInfo::fromName(host);
            if (!info.addresses().isEmpty())
                parsed = info.addresses().constFirst();
        }
        it = addresses.insert(host, parsed);
    }
    return UpstreamTarget{*it, upstream->address.port, upstream->text};
}

const ChainTls *ServeSnapshot::tlsFor(const Runtime::Listener &listener, int chain) const
{
    const std::size_t index = std::size_t(&listener - config->listeners.data());
    if (index >= chainTls.size() || chain < 0 || std::size_t(chain) >= chainTls[index].size())
        return nullptr;
    return &chainTls[index][std::size_t(chain)];
}

} // namespace Proxy
