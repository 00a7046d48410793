#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>

namespace Tls {

// A certificate and its private key, both PEM. For issued server certificates the
// certificate text is the chain a server sends: the leaf, then the CA certificate.
struct IssuedCertificate {
    QByteArray certificatePem;
    QByteArray privateKeyPem;
};

// The local development CA: one ECDSA P-256 key and self-signed certificate per user, kept as
// ca.crt and ca.key (mode 0600) in a folder of their own (mode 0700). The local gateway issues
// stand-in server certificates from it, `gatehouse certs` issues server and client
// certificates, and users trust its certificate in curl or a browser.
//
// Copies are cheap and share the loaded key. Issuing is const and may run on any thread.
class CertificateAuthority {
public:
    // $GATEHOUSE_CA_DIR when set, else <the app data location>/ca.
    static QString defaultDirectory();

    // Loads ca.crt and ca.key from `directory`, creating the folder and both files on first
    // use. Creation is safe against other processes doing the same at the same moment: they
    // serialise on a lock file, each file is written to a temporary name and renamed into
    // place, and whoever comes second loads what the first one wrote. nullopt with `error`
    // set when the folder cannot be created or the files exist but are damaged (they are
    // never overwritten then).
    static std::optional<CertificateAuthority> openOrCreate(const QString &directory,
                                                            QString *error);
    // Loads an existing CA; never creates one.
    static std::optional<CertificateAuthority> open(const QString &directory, QString *error);

    bool wasCreated() const; // this call of openOrCreate created the files
    QString directory() const;
    QString certificatePath() const; // <directory>/ca.crt
    QByteArray certificatePem() const;

    // A server certificate for `hosts`: DNS subjectAltNames (wildcards such as *.example.com
    // allowed), IP subjectAltNames for IP literals, CN = the first usable host, extended key
    // usage serverAuth, valid from an hour ago for 397 days (the longest browsers accept).
    // "*" and other hosts no certificate can name ("*example.com") are left out; when none is
    // left the certificate is for localhost. nullopt with `error` set when a host is not a
    // host name or IP address.
    std::optional<IssuedCertificate> issueServer(const QStringList &hosts, QString *error) const;

    // A client certificate for MUTUAL servers: CN and DNS subjectAltName `name`, a SPIFFE URI
    // subjectAltName spiffe://cluster.local/ns/default/sa/<name> (what a mesh workload would
    // present), extended key usage clientAuth. `name` must be a DNS name.
    std::optional<IssuedCertificate> issueClient(const QString &name, QString *error) const;

    struct Private;

private:
    explicit CertificateAuthority(std::shared_ptr<const Private> d) : d(std::move(d)) {}
    static std::optional<CertificateAuthority> load(const QString &directory, bool created,
                                                    QString *error);
    static std::optional<CertificateAuthority> create(const QString &directory, QString *error);

    std::shared_ptr<const Private> d;
};

} // namespace Tls
