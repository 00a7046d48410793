#pragma once

#include "core/diagnostic.h"
#include "environment/localenvironment.h"
#include "model/gateway.h"
#include "validation/kubeobjects.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <vector>

namespace Tls {

class CertificateAuthority;

struct CertificateKeyPair {
    QByteArray certificateChainPem; // leaf first, then intermediates
    QByteArray privateKeyPem;
};

struct ServerCredentials {
    std::vector<CertificateKeyPair> certificates; // 1–2 (credentialNames / tlsCertificates may
                                                  // give two); empty when none is usable
    QByteArray clientCaPem; // CA bundle for client certificates; empty when none, and always
                            // empty unless the mode is MUTUAL or OPTIONAL_MUTUAL
    QString source;         // one line saying where the material came from, for the user
    bool generated = false; // issued on the fly by the local CA
    // Warnings (stand-in generated, file missing, ...) and errors (GH6xxx). Their fieldPath is
    // relative to the server ("tls.credentialName"); the caller fills in the subject and
    // prefixes "spec.servers[N].". A diagnostic about a Secret names it in `related`.
    Core::Diagnostics diagnostics;
};

struct CredentialSources {
    const Environment::LocalEnvironment *environment = nullptr;
    std::vector<Validation::SecretObject> secrets; // the workspace's Secrets
                                                   // (Validation::readKubeObjects)
    QString certificateRoot; // file paths in Gateways resolve against this; "" = as written
    const CertificateAuthority *ca = nullptr; // for the stand-in; null = none possible
    // Names the file a Secret came from in `source` and in diagnostics; null: not named.
    const Project::Workspace *workspace = nullptr;
};

// Where the certificate of one TLS server comes from, in this order:
//  (a) files named in the Gateway (serverCertificate/privateKey/caCertificates,
//      tlsCertificates[]): relative paths against certificateRoot, absolute paths below it
//      when it is set, else as written. A file that cannot be read is a warning, and the
//      stand-in (d) is served instead;
//  (b) credentialName / credentialNames from the local environment's credentials;
//  (c) else a Secret of the workspace in the gateway's namespace: tls.crt/tls.key (+ ca.crt)
//      or cert/key (+ cacert); the CA may also come from a Secret <name>-cacert, and
//      caCertCredentialName overrides the CA of the credential;
//  (d) else a certificate for `hosts` issued on the fly by the local CA, with a warning; a
//      MUTUAL or OPTIONAL_MUTUAL server without any client CA gets the local CA's certificate
//      as client CA, with a warning.
// Material that is found but unusable (does not decode, key does not match) is an error and
// leaves that pair out; no stand-in replaces it. What is served is checked for validity dates
// and host coverage (checkServerCertificate).
//
// hosts: the server's hosts with any "ns/" prefix removed. gatewayNamespace: the Gateway's
// namespace (Istio reads credentialName Secrets from the gateway deployment's namespace).
// Meant for servers that terminate TLS (SIMPLE, MUTUAL, OPTIONAL_MUTUAL). Reads files and may
// issue a certificate; call it when a configuration is applied, off the request path.
ServerCredentials resolveServerCredentials(const Istio::ServerTlsSettings &tls,
                                           const QStringList &hosts,
                                           const QString &gatewayNamespace,
                                           const CredentialSources &sources);

} // namespace Tls
