#pragma once

#include "common.h"

// networking.istio.io Gateway (semantics doc §2).
namespace Istio {

struct Port {
    std::optional<quint32> number;
    std::optional<Protocol> protocol;
    std::optional<QString> name;
    std::optional<quint32> targetPort; // deprecated; rejected on Gateways when > 0

    static constexpr auto fields()
    {
        return std::tuple{
            field("number", &Port::number, Required), field("protocol", &Port::protocol, Required),
            field("name", &Port::name, Required), field("targetPort", &Port::targetPort)};
    }
    bool operator==(const Port &) const = default;
};

struct ServerTlsCertificate {
    std::optional<QString> serverCertificate;
    std::optional<QString> privateKey;
    std::optional<QString> caCertificates;

    static constexpr auto fields()
    {
        return std::tuple{field("serverCertificate", &ServerTlsCertificate::serverCertificate),
                          field("privateKey", &ServerTlsCertificate::privateKey),
                          field("caCertificates", &ServerTlsCertificate::caCertificates)};
    }
    bool operator==(const ServerTlsCertificate &) const = default;
};

struct ServerTlsSettings {
    std::optional<bool> httpsRedirect;
    std::optional<ServerTlsMode> mode; // absent means PASSTHROUGH (the enum's zero value)
    std::optional<QString> serverCertificate;
    std::optional<QString> privateKey;
    std::optional<QString> caCertificates;
    std::optional<QString> caCrl;
    std::optional<QString> credentialName;
    StringList credentialNames;
    std::vector<ServerTlsCertificate> tlsCertificates;
    std::optional<QString> caCertCredentialName;
    StringList subjectAltNames;
    StringList verifyCertificateSpki;
    StringList verifyCertificateHash;
    std::optional<TlsProtocolVersion> minProtocolVersion;
    std::optional<TlsProtocolVersion> maxProtocolVersion;
    StringList cipherSuites;
    std::optional<bool> insecureSkipVerify;
    StringList ecdhCurves; // in Istio's newest CRD only

    ServerTlsMode effectiveMode() const { return mode.value_or(ServerTlsMode::PASSTHROUGH); }

    static constexpr auto fields()
    {
        using T = ServerTlsSettings;
        return std::tuple{field("httpsRedirect", &T::httpsRedirect),
                          field("mode", &T::mode),
                          field("serverCertificate", &T::serverCertificate),
                          field("privateKey", &T::privateKey),
                          field("caCertificates", &T::caCertificates),
                          field("caCrl", &T::caCrl),
                          field("credentialName", &T::credentialName),
                          field("credentialNames", &T::credentialNames),
                          field("tlsCertificates", &T::tlsCertificates),
                          field("caCertCredentialName", &T::caCertCredentialName),
                          field("subjectAltNames", &T::subjectAltNames),
                          field("verifyCertificateSpki", &T::verifyCertificateSpki),
                          field("verifyCertificateHash", &T::verifyCertificateHash),
                          field("minProtocolVersion", &T::minProtocolVersion),
                          field("maxProtocolVersion", &T::maxProtocolVersion),
                          field("cipherSuites", &T::cipherSuites),
                          field("insecureSkipVerify", &T::insecureSkipVerify),
                          field("ecdhCurves", &T::ecdhCurves)};
    }
    bool operator==(const ServerTlsSettings &) const = default;
};

struct Server {
    std::optional<Port> port;
    std::optional<QString> bind;
    StringList hosts;
    std::optional<ServerTlsSettings> tls;
    std::optional<QString> defaultEndpoint; // not implemented by Istio; kept for round-trip
    std::optional<QString> name;

    static constexpr auto fields()
    {
        return std::tuple{field("port", &Server::port, Required),
                          field("bind", &Server::bind),
                          field("hosts", &Server::hosts, Required),
                          field("tls", &Server::tls),
                          field("defaultEndpoint", &Server::defaultEndpoint),
                          field("name", &Server::name)};
    }
    bool operator==(const Server &) const = default;
};

struct GatewaySpec {
    std::vector<Server> servers;
    Labels selector;

    static constexpr auto fields()
    {
        return std::tuple{field("servers", &GatewaySpec::servers),
                          field("selector", &GatewaySpec::selector)};
    }
    bool operator==(const GatewaySpec &) const = default;
};

using Gateway = Object<GatewaySpec>;

} // namespace Istio
