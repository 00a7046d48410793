#include "certificateauthority.h"

#include "atomicfile.h"
#include "certificatebuilder.h"
#include "certificatechecks.h"
#include "pem.h"
#include "validation/names.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QStandardPaths>
#include <QSysInfo>

namespace Tls {

struct CertificateAuthority::Private {
    QString directory;
    bool created = false;
    X509Ptr certificate;
    EvpPkeyPtr key;
    QByteArray certificatePem;
};

namespace {

const QString CERTIFICATE_FILE = QStringLiteral("ca.crt");
const QString KEY_FILE = QStringLiteral("ca.key");
const QString LOCK_FILE = QStringLiteral("ca.lock");
const QString ORGANIZATION = QStringLiteral("Gatehouse development");
constexpr int CA_VALIDITY_DAYS = 3652; // ten years
constexpr int LEAF_VALIDITY_DAYS = 397;
constexpr int LOCK_WAIT_MS = 20000;
constexpr int MAX_COMMON_NAME = 64; // the X.509 upper bound for a CN

QString caCommonName()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
    if (user.isEmpty())
        user = QStringLiteral("user");
    QString name =
        QStringLiteral("Gatehouse Development CA (%1@%2)").arg(user, QSysInfo::machineHostName());
    if (name.size() > MAX_COMMON_NAME)
        name = name.left(MAX_COMMON_NAME - 1) + QLatin1Char(')');
    return name;
}

std::optional<QByteArray> readFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        Pem::setError(error, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
        return std::nullopt;
    }
    return file.readAll();
}

// A folder for the CA: created owner-only when it does not exist yet. An existing folder
// keeps its mode; it may be shared on purpose.
bool ensureDirectory(const QString &directory, QString *error)
{
    if (QFileInfo(directory).isDir())
        return true;
    if (!QDir().mkpath(directory)) {
        Pem::setError(error, QStringLiteral("cannot create the CA folder %1").arg(directory));
        return false;
    }
    QFile::setPermissions(directory, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                         QFileDevice::ExeOwner | QFileDevice::ReadUser |
                                         QFileDevice::WriteUser | QFileDevice::ExeUser);
    return true;
}

// Hosts as certificate entries. Skips what no certificate can name; an error for what is
// not a host at all.
bool classifyHosts(const QStringList &hosts, Builder::CertificateRequest &request, QString *error)
{
    QString first; // the CN: the first host the certificate names
    for (const QString &written : hosts) {
        QString host = written.trimmed().toLower();
        if (host.size() > 1 && host.endsWith(QLatin1Char('.')))
            host.chop(1);
        if (host == QLatin1String("*"))
            continue;
        if (Validation::Names::isIpAddress(host)) {
            if (!request.ipAddresses.contains(host))
                request.ipAddresses << host;
            if (first.isEmpty())
                first = host;
            continue;
        }
        const QString problem = Validation::Names::checkWildcardDomain(host);
        if (!problem.isEmpty()) {
            Pem::setError(error, QStringLiteral("\"%1\" is not a host name or IP address: %2")
                                     .arg(written, problem));
            return false;
        }
        // A prefix wildcard ("*example.com") has no certificate form, and clients refuse a
        // wildcard directly above a top-level domain ("*.com").
        if (host.startsWith(QLatin1Char('*')) &&
            (!host.startsWith(QLatin1String("*.")) || host.count(QLatin1Char('.')) < 2))
            continue;
        if (!request.dnsNames.contains(host))
            request.dnsNames << host;
        if (first.isEmpty())
            first = host;
    }
    if (first.isEmpty()) {
        first = QStringLiteral("localhost");
        request.dnsNames << first;
    }
    request.commonName =
        first.size() <= MAX_COMMON_NAME ? first : QStringLiteral("Gatehouse development server");
    return true;
}

} // namespace

QString CertificateAuthority::defaultDirectory()
{
    const QString fromEnvironment = qEnvironmentVariable("GATEHOUSE_CA_DIR");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/ca");
}

std::optional<CertificateAuthority> CertificateAuthority::open(const QString &directory,
                                                               QString *error)
{
    if (!QFileInfo::exists(QDir(directory).filePath(CERTIFICATE_FILE))) {
        Pem::setError(error, QStringLiteral("there is no CA in %1 (`gatehouse certs ca` creates "
                                            "one)")
                                 .arg(directory));
        return std::nullopt;
    }
    return load(directory, false, error);
}

std::optional<CertificateAuthority> CertificateAuthority::openOrCreate(const QString &directory,
                                                                       QString *error)
{
    const QDir dir(directory);
    // The certificate is written last, so once it exists the CA is complete.
    if (QFileInfo::exists(dir.filePath(CERTIFICATE_FILE)))
        return load(directory, false, error);
    if (!ensureDirectory(directory, error))
        return std::nullopt;
    QLockFile lock(dir.filePath(LOCK_FILE));
    if (!lock.tryLock(LOCK_WAIT_MS)) {
        Pem::setError(error, QStringLiteral("cannot lock %1 to create the CA (another process "
                                            "holds it, or the folder is not writable)")
                                 .arg(dir.filePath(LOCK_FILE)));
        return std::nullopt;
    }
    if (QFileInfo::exists(dir.filePath(CERTIFICATE_FILE)))
        return load(directory, false, error); // another process created it meanwhile
    return create(directory, error);
}

std::optional<CertificateAuthority> CertificateAuthority::create(const QString &directory,
                                                                 QString *error)
{
    const QDir dir(directory);
    EvpPkeyPtr key = Builder::generateP256Key(error);
    if (!key)
        return std::nullopt;
    Builder::CertificateRequest request;
    request.commonName = caCommonName();
    request.organization = ORGANIZATION;
    request.isCa = true;
    request.validityDays = CA_VALIDITY_DAYS;
    X509Ptr certificate = Builder::build(request, key.get(), nullptr, key.get(), error);
    if (!certificate)
        return std::nullopt;
    auto d = std::make_shared<Private>();
    d->directory = directory;
    d->created = true;
    d->certificatePem = Pem::write(certificate.get());
    // Key first: a crash in between leaves a key without a certificate, which the next
    // creation (under the lock) simply replaces.
    if (!writeFileAtomically(dir.filePath(KEY_FILE), Pem::write(key.get()), FileAccess::OwnerOnly,
                             error) ||
        !writeFileAtomically(dir.filePath(CERTIFICATE_FILE), d->certificatePem, FileAccess::Public,
                             error))
        return std::nullopt;
    d->certificate = std::move(certificate);
    d->key = std::move(key);
    return CertificateAuthority(std::move(d));
}

std::optional<CertificateAuthority> CertificateAuthority::load(const QString &directory,
                                                               bool created, QString *error)
{
    const QDir dir(directory);
    const QString certificatePath = dir.filePath(CERTIFICATE_FILE);
    const QString keyPath = dir.filePath(KEY_FILE);
    const auto damaged = [&](const QString &why) {
        Pem::setError(error, QStringLiteral("the CA in %1 is damaged: %2 (remove the folder to "
                                            "create a new CA; certificates issued by the old one "
                                            "are then no longer trusted)")
                                 .arg(directory, why));
        return std::nullopt;
    };
    const std::optional<QByteArray> certificatePem = readFile(certificatePath, error);
    if (!certificatePem)
        return std::nullopt;
    const std::optional<QByteArray> keyPem = readFile(keyPath, error);
    if (!keyPem)
        return std::nullopt;
    QString problem;
    std::vector<X509Ptr> certificates = Pem::readCertificates(*certificatePem, &problem);
    if (certificates.empty())
        return damaged(QStringLiteral("%1: %2").arg(CERTIFICATE_FILE, problem));
    EvpPkeyPtr key = Pem::readPrivateKey(*keyPem, &problem);
    if (!key)
        return damaged(QStringLiteral("%1: %2").arg(KEY_FILE, problem));
    if (!privateKeyMatches(*certificatePem, *keyPem, &problem))
        return damaged(problem);
    if (!(X509_get_extension_flags(certificates.front().get()) & EXFLAG_CA))
        return damaged(QStringLiteral("%1 is not a CA certificate").arg(CERTIFICATE_FILE));
    auto d = std::make_shared<Private>();
    d->directory = directory;
    d->created = created;
    d->certificatePem = Pem::write(certificates.front().get());
    d->certificate = std::move(certificates.front());
    d->key = std::move(key);
    return CertificateAuthority(std::move(d));
}

bool CertificateAuthority::wasCreated() const
{
    return d->created;
}

QString CertificateAuthority::directory() const
{
    return d->directory;
}

QString CertificateAuthority::certificatePath() const
{
    return QDir(d->directory).filePath(CERTIFICATE_FILE);
}

QByteArray CertificateAuthority::certificatePem() const
{
    return d->certificatePem;
}

namespace {

// A fresh P-256 key and a leaf certificate for it, signed by this CA; the chain sent is the
// leaf, then the CA certificate.
std::optional<IssuedCertificate> issueLeaf(Builder::CertificateRequest request,
                                           const CertificateAuthority::Private *d, QString *error)
{
    request.organization = ORGANIZATION;
    request.validityDays = LEAF_VALIDITY_DAYS;
    const EvpPkeyPtr key = Builder::generateP256Key(error);
    if (!key)
        return std::nullopt;
    const X509Ptr certificate =
        Builder::build(request, key.get(), d->certificate.get(), d->key.get(), error);
    if (!certificate)
        return std::nullopt;
    return IssuedCertificate{Pem::write(certificate.get()) + d->certificatePem,
                             Pem::write(key.get())};
}

} // namespace

std::optional<IssuedCertificate> CertificateAuthority::issueServer(const QStringList &hosts,
                                                                   QString *error) const
{
    Builder::CertificateRequest request;
    if (!classifyHosts(hosts, request, error))
        return std::nullopt;
    request.extendedKeyUsage = NID_server_auth;
    return issueLeaf(request, d.get(), error);
}

std::optional<IssuedCertificate> CertificateAuthority::issueClient(const QString &name,
                                                                   QString *error) const
{
    const QString trimmed = name.trimmed();
    if (!Validation::Names::isDns1123Subdomain(trimmed) || trimmed.size() > MAX_COMMON_NAME) {
        Pem::setError(error, QStringLiteral("\"%1\" cannot name a client certificate: use lower "
                                            "case letters, digits, '-' and '.', at most %2 "
                                            "characters")
                                 .arg(name)
                                 .arg(MAX_COMMON_NAME));
        return std::nullopt;
    }
    Builder::CertificateRequest request;
    request.commonName = trimmed;
    request.dnsNames << trimmed;
    request.uris << QStringLiteral("spiffe://cluster.local/ns/default/sa/") + trimmed;
    request.extendedKeyUsage = NID_client_auth;
    return issueLeaf(request, d.get(), error);
}

} // namespace Tls
