#pragma once

#include <QByteArray>
#include <QString>
#include <utility>
#include <vector>

// The local environment file as the user edits it: every entry as written (keys not lower-cased,
// credential paths relative to the file as written), in file order. LocalEnvironment is what
// the proxy reads from the same file; `write` produces text that LocalEnvironment::parse reads
// back to the same entries.
namespace Environment {

struct CredentialEntry {
    QString name;
    QString certificate;
    QString privateKey;
    QString caCertificates; // optional
    bool operator==(const CredentialEntry &) const = default;
};

struct EnvironmentEntries {
    QString listen;                                     // empty: the default, 127.0.0.1
    std::vector<std::pair<quint16, quint16>> ports;     // gateway port → local port
    std::vector<std::pair<QString, QString>> upstreams; // destination key → address
    std::vector<CredentialEntry> credentials;
    QString certificateRoot; // empty: unset
    bool operator==(const EnvironmentEntries &) const = default;

    // Reads the entries of an environment file. Lenient: what LocalEnvironment would reject
    // is still read when it has the right shape (its diagnostics say what is wrong), and what
    // cannot be read is left out. Non-YAML text gives no entries.
    static EnvironmentEntries read(const QByteArray &text);
};

// Writes the entries as an environment file. With `original` (the file's current text), what
// the entries do not own is kept: comments above each top-level section, the top comment,
// unknown sections, and every known section whose entries did not change is kept byte for byte
// (comments inside it included). A changed section is written anew, losing comments inside it.
// Sections are written in the original's order; new ones go after, in the documented order.
QByteArray writeEnvironment(const EnvironmentEntries &entries, const QByteArray &original = {});

// Checks of one entry as typed, for editors: an empty string when it is fine, else a message
// saying what is wrong and what is expected (the same rules LocalEnvironment::parse applies).
QString listenAddressError(const QString &text);
QString upstreamKeyError(const QString &text);
QString upstreamAddressError(const QString &text);
QString credentialError(const CredentialEntry &credential);

} // namespace Environment
