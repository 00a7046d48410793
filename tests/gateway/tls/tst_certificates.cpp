// The local development CA (creation, permissions, racing processes), the certificates it
// issues, PEM reading with positioned errors, inspection, host coverage (RFC 6125) and the
// diagnostics for a server certificate.

#include "certificatefactory.h"
#include "tls/certificateauthority.h"
#include "tls/certificatechecks.h"
#include "tls/certificateinfo.h"

#include <QCryptographicHash>
#include <QSslCertificate>
#include <QSslKey>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <thread>

using Tls::CertificateAuthority;
using Tls::CertificateInfo;

namespace {

QFileDevice::Permissions ownerOnly(bool executable)
{
    QFileDevice::Permissions permissions = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    if (executable)
        permissions |= QFileDevice::ExeOwner;
    return permissions;
}

// The permission bits for group and others, which must all be clear.
constexpr QFileDevice::Permissions OTHERS = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                                            QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                            QFileDevice::WriteOther | QFileDevice::ExeOther;

CertificateInfo only(const QByteArray &pem)
{
    QString error;
    const std::vector<CertificateInfo> infos = Tls::inspectCertificates(pem, &error);
    if (infos.empty())
        qFatal("no certificate: %s", qPrintable(error));
    return infos.front();
}

QStringList codesOf(const Core::Diagnostics &diagnostics)
{
    QStringList codes;
    for (const Core::Diagnostic &diagnostic : diagnostics)
        codes << diagnostic.code;
    return codes;
}

} // namespace

class TestCertificates : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void defaultDirectory();
    void caCreatedOnceAndReopened();
    void caOpenRefusesMissingOrDamaged();
    void racingCreationEndsWithOneCa();
    void serverCertificate_data();
    void serverCertificate();
    void serverCertificateRejectsBadHosts();
    void clientCertificate();
    void chainVerifiesAgainstItsCaOnly();
    void keyMatching();
    void pemErrors_data();
    void pemErrors();
    void bundleWithTextAround();
    void fingerprintsMatchQt();
    void keyDescriptions();
    void coverage_data();
    void coverage();
    void diagnostics_data();
    void diagnostics();

private:
    QTemporaryDir m_dir;
    std::optional<CertificateAuthority> m_ca;
    std::optional<CertificateAuthority> m_otherCa;
};

void TestCertificates::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QStandardPaths::setTestModeEnabled(true);
    qputenv("GATEHOUSE_CA_DIR", m_dir.filePath(QStringLiteral("default-ca")).toLocal8Bit());
    QString error;
    m_ca = CertificateAuthority::openOrCreate(m_dir.filePath(QStringLiteral("ca")), &error);
    QVERIFY2(m_ca, qPrintable(error));
    m_otherCa = CertificateAuthority::openOrCreate(m_dir.filePath(QStringLiteral("other")), &error);
    QVERIFY2(m_otherCa, qPrintable(error));
}

void TestCertificates::defaultDirectory()
{
    QCOMPARE(CertificateAuthority::defaultDirectory(),
             m_dir.filePath(QStringLiteral("default-ca")));
    const QByteArray saved = qgetenv("GATEHOUSE_CA_DIR");
    qunsetenv("GATEHOUSE_CA_DIR");
    QCOMPARE(CertificateAuthority::defaultDirectory(),
             QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                 QStringLiteral("/ca"));
    qputenv("GATEHOUSE_CA_DIR", saved);
}

void TestCertificates::caCreatedOnceAndReopened()
{
    const QString directory = m_dir.filePath(QStringLiteral("fresh/ca"));
    QString error;
    const auto created = CertificateAuthority::openOrCreate(directory, &error);
    QVERIFY2(created, qPrintable(error));
    QVERIFY(created->wasCreated());
    QCOMPARE(created->directory(), directory);
    QCOMPARE(created->certificatePath(), directory + QStringLiteral("/ca.crt"));

    const QFileInfo folder(directory);
    QCOMPARE(folder.permissions() & (ownerOnly(true) | OTHERS), ownerOnly(true));
    const QFileInfo key(directory + QStringLiteral("/ca.key"));
    QCOMPARE(key.permissions() & (ownerOnly(false) | QFileDevice::ExeOwner | OTHERS),
             ownerOnly(false));
    QCOMPARE(QDir(directory).entryList(QDir::Files | QDir::Hidden),
             (QStringList{QStringLiteral("ca.crt"), QStringLiteral("ca.key")}));

    const CertificateInfo info = only(created->certificatePem());
    QVERIFY(info.isCa);
    QVERIFY2(info.subject.contains(QStringLiteral("CN=Gatehouse Development CA (")),
             qPrintable(info.subject));
    QCOMPARE(info.subject, info.issuer);
    QCOMPARE(info.keyDescription, QStringLiteral("EC P-256"));
    QCOMPARE(info.serialHex.size(), 32);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVERIFY(info.notBefore < now);
    QVERIFY(info.notAfter > now.addYears(9).addMonths(11));
    QVERIFY(info.notAfter < now.addYears(10).addDays(2));
    QVERIFY(Tls::verifiesAgainst(created->certificatePem(), created->certificatePem(), &error));

    const auto reopened = CertificateAuthority::openOrCreate(directory, &error);
    QVERIFY2(reopened, qPrintable(error));
    QVERIFY(!reopened->wasCreated());
    QCOMPARE(reopened->certificatePem(), created->certificatePem());
    const auto opened = CertificateAuthority::open(directory, &error);
    QVERIFY2(opened, qPrintable(error));
    QCOMPARE(opened->certificatePem(), created->certificatePem());
    // The reloaded key signs what the saved certificate verifies.
    const auto issued = opened->issueServer({QStringLiteral("a.example.com")}, &error);
    QVERIFY2(issued, qPrintable(error));
    QVERIFY2(Tls::verifiesAgainst(issued->certificatePem, created->certificatePem(), &error),
             qPrintable(error));
}

void TestCertificates::caOpenRefusesMissingOrDamaged()
{
    QString error;
    QVERIFY(!CertificateAuthority::open(m_dir.filePath(QStringLiteral("nothing")), &error));
    QVERIFY2(error.contains(QStringLiteral("gatehouse certs ca")), qPrintable(error));

    const QString damaged = m_dir.filePath(QStringLiteral("damaged"));
    QVERIFY(QDir().mkpath(damaged));
    QFile certificate(damaged + QStringLiteral("/ca.crt"));
    QVERIFY(certificate.open(QIODevice::WriteOnly));
    certificate.write("-----BEGIN CERTIFICATE-----\nAAAA\n");
    certificate.close();
    QFile::copy(m_dir.filePath(QStringLiteral("ca/ca.key")), damaged + QStringLiteral("/ca.key"));
    QVERIFY(!CertificateAuthority::openOrCreate(damaged, &error));
    QVERIFY2(error.contains(QStringLiteral("damaged")) && error.contains(QStringLiteral("line 1")),
             qPrintable(error));
    // Damaged files are never replaced.
    QCOMPARE(QFileInfo(damaged + QStringLiteral("/ca.crt")).size(), qint64(33));

    // A certificate with another CA's key.
    QFile::remove(damaged + QStringLiteral("/ca.crt"));
    QFile::copy(m_dir.filePath(QStringLiteral("other/ca.crt")),
                damaged + QStringLiteral("/ca.crt"));
    QVERIFY(!CertificateAuthority::open(damaged, &error));
    QVERIFY2(error.contains(QStringLiteral("does not belong")), qPrintable(error));
}

void TestCertificates::racingCreationEndsWithOneCa()
{
    const QString directory = m_dir.filePath(QStringLiteral("race"));
    constexpr int RACERS = 6;
    std::vector<std::optional<CertificateAuthority>> results(RACERS);
    std::vector<QString> errors(RACERS);
    std::vector<std::thread> threads;
    for (int i = 0; i < RACERS; ++i)
        threads.emplace_back([&results, &errors, &directory, i] {
            results[size_t(i)] = CertificateAuthority::openOrCreate(directory, &errors[size_t(i)]);
        });
    for (std::thread &thread : threads)
        thread.join();
    int created = 0;
    for (int i = 0; i < RACERS; ++i) {
        QVERIFY2(results[size_t(i)], qPrintable(errors[size_t(i)]));
        created += results[size_t(i)]->wasCreated() ? 1 : 0;
        QCOMPARE(results[size_t(i)]->certificatePem(), results.front()->certificatePem());
    }
    QCOMPARE(created, 1);
    QCOMPARE(QDir(directory).entryList(QDir::Files | QDir::Hidden),
             (QStringList{QStringLiteral("ca.crt"), QStringLiteral("ca.key")}));
}

void TestCertificates::serverCertificate_data()
{
    QTest::addColumn<QStringList>("hosts");
    QTest::addColumn<QStringList>("dnsNames");
    QTest::addColumn<QStringList>("ipAddresses");
    QTest::addColumn<QString>("commonName");

    QTest::newRow("one host") << QStringList{"uk.bookinfo.com"} << QStringList{"uk.bookinfo.com"}
                              << QStringList{} << "uk.bookinfo.com";
    QTest::newRow("wildcard and apex")
        << QStringList{"*.bookinfo.com", "bookinfo.com"}
        << QStringList{"*.bookinfo.com", "bookinfo.com"} << QStringList{} << "*.bookinfo.com";
    QTest::newRow("IP literals") << QStringList{"127.0.0.1", "::1", "localhost"}
                                 << QStringList{"localhost"} << QStringList{"127.0.0.1", "::1"}
                                 << "127.0.0.1";
    QTest::newRow("star alone is left out")
        << QStringList{"*", "a.example.com"} << QStringList{"a.example.com"} << QStringList{}
        << "a.example.com";
    QTest::newRow("nothing nameable gives localhost")
        << QStringList{"*", "*example.com", "*.com"} << QStringList{"localhost"} << QStringList{}
        << "localhost";
    QTest::newRow("case, trailing dot and duplicates")
        << QStringList{"WWW.Example.COM.", "www.example.com"} << QStringList{"www.example.com"}
        << QStringList{} << "www.example.com";
}

void TestCertificates::serverCertificate()
{
    QFETCH(QStringList, hosts);
    QFETCH(QStringList, dnsNames);
    QFETCH(QStringList, ipAddresses);
    QFETCH(QString, commonName);
    QString error;
    const auto issued = m_ca->issueServer(hosts, &error);
    QVERIFY2(issued, qPrintable(error));

    const std::vector<CertificateInfo> chain =
        Tls::inspectCertificates(issued->certificatePem, &error);
    QCOMPARE(chain.size(), size_t(2));
    QCOMPARE(chain[1].sha256Fingerprint, only(m_ca->certificatePem()).sha256Fingerprint);
    const CertificateInfo &leaf = chain[0];
    QCOMPARE(leaf.dnsNames, dnsNames);
    QCOMPARE(leaf.ipAddresses, ipAddresses);
    QVERIFY2(leaf.subject.contains(QStringLiteral("CN=") + commonName), qPrintable(leaf.subject));
    QCOMPARE(leaf.issuer, chain[1].subject);
    QVERIFY(!leaf.isCa);
    QCOMPARE(leaf.keyDescription, QStringLiteral("EC P-256"));
    QCOMPARE(leaf.serialHex.size(), 32);
    QCOMPARE(leaf.notBefore.secsTo(leaf.notAfter), qint64(397) * 86400);
    const qint64 startedAgo = leaf.notBefore.secsTo(QDateTime::currentDateTimeUtc());
    QVERIFY2(startedAgo >= 3590 && startedAgo < 3900, qPrintable(QString::number(startedAgo)));
    QVERIFY2(Tls::privateKeyMatches(issued->certificatePem, issued->privateKeyPem, &error),
             qPrintable(error));
    for (const QString &host : dnsNames + ipAddresses)
        QVERIFY2(Tls::coversHost(leaf, host), qPrintable(host));

    const Tls::X509Ptr decoded = CertificateFactory::decode(issued->certificatePem);
    QVERIFY(X509_get_extended_key_usage(decoded.get()) & XKU_SSL_SERVER);
    QVERIFY(!(X509_get_extended_key_usage(decoded.get()) & XKU_SSL_CLIENT));
    const Tls::X509Ptr ca = CertificateFactory::decode(m_ca->certificatePem());
    const ASN1_OCTET_STRING *authorityKeyId = X509_get0_authority_key_id(decoded.get());
    QVERIFY(authorityKeyId && X509_get0_subject_key_id(decoded.get()));
    QCOMPARE(ASN1_OCTET_STRING_cmp(authorityKeyId, X509_get0_subject_key_id(ca.get())), 0);
}

void TestCertificates::serverCertificateRejectsBadHosts()
{
    for (const QString &host : {QStringLiteral("bad host"), QStringLiteral("a..example.com"),
                                QStringLiteral("exa_mple.com"), QStringLiteral("a.*.com")}) {
        QString error;
        QVERIFY2(!m_ca->issueServer({QStringLiteral("ok.example.com"), host}, &error),
                 qPrintable(host));
        QVERIFY2(error.contains(QLatin1Char('"') + host + QLatin1Char('"')), qPrintable(error));
    }
}

void TestCertificates::clientCertificate()
{
    QString error;
    const auto issued = m_ca->issueClient(QStringLiteral("alice"), &error);
    QVERIFY2(issued, qPrintable(error));
    const CertificateInfo leaf = only(issued->certificatePem);
    QVERIFY2(leaf.subject.contains(QStringLiteral("CN=alice")), qPrintable(leaf.subject));
    QCOMPARE(leaf.dnsNames, QStringList{QStringLiteral("alice")});
    QCOMPARE(leaf.uris, QStringList{QStringLiteral("spiffe://cluster.local/ns/default/sa/alice")});
    const Tls::X509Ptr decoded = CertificateFactory::decode(issued->certificatePem);
    QVERIFY(X509_get_extended_key_usage(decoded.get()) & XKU_SSL_CLIENT);
    QVERIFY(!(X509_get_extended_key_usage(decoded.get()) & XKU_SSL_SERVER));
    QVERIFY(Tls::verifiesAgainst(issued->certificatePem, m_ca->certificatePem(), &error));

    for (const QString &name : {QString(), QStringLiteral("Alice Smith"), QStringLiteral("a/b")}) {
        QVERIFY2(!m_ca->issueClient(name, &error), qPrintable(name));
        QVERIFY(error.contains(QStringLiteral("cannot name a client certificate")));
    }
}

void TestCertificates::chainVerifiesAgainstItsCaOnly()
{
    QString error;
    const auto issued = m_ca->issueServer({QStringLiteral("a.example.com")}, &error);
    QVERIFY(issued);
    QVERIFY2(Tls::verifiesAgainst(issued->certificatePem, m_ca->certificatePem(), &error),
             qPrintable(error));
    const QByteArray leafOnly = issued->certificatePem.left(
        issued->certificatePem.indexOf("-----END CERTIFICATE-----") + 26);
    QVERIFY2(Tls::verifiesAgainst(leafOnly, m_ca->certificatePem(), &error), qPrintable(error));

    QVERIFY(!Tls::verifiesAgainst(issued->certificatePem, m_otherCa->certificatePem(), &error));
    QVERIFY2(!error.isEmpty(), "a reason is given");
    QVERIFY(!Tls::verifiesAgainst(leafOnly, m_otherCa->certificatePem(), &error));
    QVERIFY2(error.contains(QStringLiteral("issuer")), qPrintable(error));
    QVERIFY(!Tls::verifiesAgainst(leafOnly, "not a CA", &error));
    QVERIFY2(error.startsWith(QStringLiteral("the CA bundle: ")), qPrintable(error));
    // Either CA of a bundle may be the one.
    QVERIFY(Tls::verifiesAgainst(leafOnly, m_otherCa->certificatePem() + m_ca->certificatePem(),
                                 &error));
}

void TestCertificates::keyMatching()
{
    QString error;
    const auto first = m_ca->issueServer({QStringLiteral("a.example.com")}, &error);
    const auto second = m_ca->issueServer({QStringLiteral("a.example.com")}, &error);
    QVERIFY(first && second);
    QVERIFY(Tls::privateKeyMatches(first->certificatePem, first->privateKeyPem, &error));
    QVERIFY(!Tls::privateKeyMatches(first->certificatePem, second->privateKeyPem, &error));
    QVERIFY2(error.contains(QStringLiteral("does not belong")), qPrintable(error));
    QVERIFY(!Tls::privateKeyMatches(first->certificatePem, first->certificatePem, &error));
    QVERIFY2(error.startsWith(QStringLiteral("the private key: no private key")),
             qPrintable(error));
    const CertificateFactory::Material rsa = CertificateFactory::selfSigned(
        {QStringLiteral("r.example.com")}, 0, 86400, CertificateFactory::KeyType::Rsa2048);
    QVERIFY(Tls::privateKeyMatches(rsa.certificatePem, rsa.privateKeyPem, &error));
    QVERIFY(!Tls::privateKeyMatches(rsa.certificatePem, first->privateKeyPem, &error));
}

void TestCertificates::pemErrors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected");
    const QByteArray good = m_ca->certificatePem();
    const QByteArray body = good.mid(28, 64);
    QTest::newRow("empty") << QByteArray() << "no certificate: the text is empty";
    QTest::newRow("plain text") << QByteArray("hello\n") << "has no -----BEGIN CERTIFICATE-----";
    QTest::newRow("DER") << QByteArray::fromBase64(body).prepend("\x30\x82", 2)
                         << "looks like binary DER";
    QTest::newRow("truncated") << good.left(good.size() / 2)
                               << "the CERTIFICATE block that starts at line 1 has no END line";
    QTest::newRow("END without BEGIN") << QByteArray("x\n-----END CERTIFICATE-----\n")
                                       << "line 2: END CERTIFICATE without a BEGIN line";
    const QByteArray firstLines = good.left(good.indexOf('\n', good.size() / 2) + 1);
    QTest::newRow("BEGIN inside a block")
        << firstLines + good
        << QStringLiteral("line %1: BEGIN CERTIFICATE before the END of the CERTIFICATE block "
                          "that starts at line 1")
               .arg(firstLines.count('\n') + 1);
    QTest::newRow("mismatched END")
        << QByteArray("-----BEGIN CERTIFICATE-----\nAAAA\n-----END PRIVATE KEY-----\n")
        << "line 3: END PRIVATE KEY does not close the CERTIFICATE block that starts at line 1";
    QTest::newRow("bad base64") << good + "-----BEGIN CERTIFICATE-----\n@@@@\n-----END "
                                          "CERTIFICATE-----\n"
                                << "certificate 2 (line ";
    QTest::newRow("only a key") << CertificateFactory::selfSigned({}, 0, 60).privateKeyPem
                                << "no certificate: it has no certificate, only PRIVATE KEY";
}

void TestCertificates::pemErrors()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    QString error;
    QVERIFY(Tls::inspectCertificates(text, &error).empty());
    QVERIFY2(error.contains(expected), qPrintable(error));
}

void TestCertificates::bundleWithTextAround()
{
    QString error;
    const auto issued = m_ca->issueServer({QStringLiteral("a.example.com")}, &error);
    QVERIFY(issued);
    QByteArray text = "subject=CN = a.example.com\r\n" + issued->certificatePem;
    text.replace("\n", "\r\n");
    text += "\r\ntrailing words\r\n" + issued->privateKeyPem;
    const std::vector<CertificateInfo> infos = Tls::inspectCertificates(text, &error);
    QCOMPARE(infos.size(), size_t(2));
    QVERIFY(Tls::privateKeyMatches(text, text, &error));
}

// The fingerprint, the SPKI hash and the serial, computed independently by Qt's own
// certificate and key classes.
void TestCertificates::fingerprintsMatchQt()
{
    QString error;
    const auto issued = m_ca->issueServer({QStringLiteral("a.example.com")}, &error);
    QVERIFY(issued);
    const CertificateInfo info = only(issued->certificatePem);
    const QSslCertificate qt = QSslCertificate::fromData(issued->certificatePem).front();
    QCOMPARE(info.sha256Fingerprint,
             QString::fromLatin1(qt.digest(QCryptographicHash::Sha256).toHex(':').toUpper()));
    QCOMPARE(info.spkiSha256Base64,
             QString::fromLatin1(
                 QCryptographicHash::hash(qt.publicKey().toDer(), QCryptographicHash::Sha256)
                     .toBase64()));
    QCOMPARE(info.serialHex, QString::fromLatin1(qt.serialNumber()).remove(':').toUpper());
    QCOMPARE(info.notAfter, qt.expiryDate().toUTC());
}

void TestCertificates::keyDescriptions()
{
    QCOMPARE(only(CertificateFactory::selfSigned({QStringLiteral("r.example.com")}, 0, 60,
                                                 CertificateFactory::KeyType::Rsa2048)
                      .certificatePem)
                 .keyDescription,
             QStringLiteral("RSA 2048"));
    QCOMPARE(
        only(
            CertificateFactory::selfSigned({QStringLiteral("e.example.com")}, 0, 60).certificatePem)
            .keyDescription,
        QStringLiteral("EC P-256"));
}

void TestCertificates::coverage_data()
{
    QTest::addColumn<QStringList>("dnsNames");
    QTest::addColumn<QStringList>("ipAddresses");
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("covered");
    const QStringList wildcard{"*.a.com"};
    QTest::newRow("exact") << QStringList{"b.a.com"} << QStringList{} << "b.a.com" << true;
    QTest::newRow("case-insensitive")
        << QStringList{"B.A.com"} << QStringList{} << "b.a.COM" << true;
    QTest::newRow("trailing dot") << QStringList{"b.a.com"} << QStringList{} << "b.a.com." << true;
    QTest::newRow("other name") << QStringList{"b.a.com"} << QStringList{} << "c.a.com" << false;
    QTest::newRow("wildcard, one label") << wildcard << QStringList{} << "b.a.com" << true;
    QTest::newRow("wildcard, not the apex") << wildcard << QStringList{} << "a.com" << false;
    QTest::newRow("wildcard, not two labels") << wildcard << QStringList{} << "c.b.a.com" << false;
    QTest::newRow("wildcard, other domain") << wildcard << QStringList{} << "b.xa.com" << false;
    QTest::newRow("wildcard server host, same SAN")
        << wildcard << QStringList{} << "*.A.com" << true;
    QTest::newRow("wildcard server host, narrower SAN")
        << QStringList{"b.a.com", "*.b.a.com"} << QStringList{} << "*.a.com" << false;
    QTest::newRow("wildcard above a TLD")
        << QStringList{"*.com"} << QStringList{} << "a.com" << false;
    QTest::newRow("star host") << QStringList{"*.a.com", "a.com"} << QStringList{} << "*" << false;
    QTest::newRow("IPv4") << QStringList{} << QStringList{"127.0.0.1"} << "127.0.0.1" << true;
    QTest::newRow("IPv4 not in a DNS name")
        << QStringList{"127.0.0.1"} << QStringList{} << "127.0.0.1" << false;
    QTest::newRow("IPv6, other spelling")
        << QStringList{} << QStringList{"::1"} << "0:0:0:0:0:0:0:1" << true;
    QTest::newRow("other IP") << QStringList{} << QStringList{"127.0.0.1"} << "127.0.0.2" << false;
}

void TestCertificates::coverage()
{
    QFETCH(QStringList, dnsNames);
    QFETCH(QStringList, ipAddresses);
    QFETCH(QString, host);
    QFETCH(bool, covered);
    CertificateInfo info;
    info.subject = QStringLiteral("CN=") + host; // never consulted
    info.dnsNames = dnsNames;
    info.ipAddresses = ipAddresses;
    QCOMPARE(Tls::coversHost(info, host), covered);
}

void TestCertificates::diagnostics_data()
{
    QTest::addColumn<QByteArray>("certificate");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("ca");
    QTest::addColumn<QStringList>("hosts");
    QTest::addColumn<int>("daysFromNow");
    QTest::addColumn<QStringList>("codes");
    QString error;
    const auto good = m_ca->issueServer({QStringLiteral("a.example.com")}, &error);
    const auto other = m_ca->issueServer({QStringLiteral("a.example.com")}, &error);
    const QStringList host{"a.example.com"};
    const auto expired = CertificateFactory::selfSigned(host, -30 * 86400, -86400);
    const auto future = CertificateFactory::selfSigned(host, 86400, 30 * 86400);
    const QByteArray ca = m_ca->certificatePem();

    QTest::newRow("fine") << good->certificatePem << good->privateKeyPem << ca << host << 0
                          << QStringList{};
    QTest::newRow("fine, nothing optional") << good->certificatePem << QByteArray() << QByteArray()
                                            << QStringList{} << 0 << QStringList{};
    QTest::newRow("expired") << expired.certificatePem << expired.privateKeyPem << QByteArray()
                             << host << 0 << QStringList{"GH6002"};
    QTest::newRow("not yet valid") << future.certificatePem << future.privateKeyPem << QByteArray()
                                   << host << 0 << QStringList{"GH6003"};
    QTest::newRow("expires later") << good->certificatePem << good->privateKeyPem << ca << host
                                   << 400 << QStringList{"GH6002"};
    QTest::newRow("host not covered, star skipped")
        << good->certificatePem << good->privateKeyPem << ca
        << QStringList{"a.example.com", "b.example.com", "*"} << 0 << QStringList{"GH6004"};
    QTest::newRow("key of another certificate")
        << good->certificatePem << other->privateKeyPem << ca << host << 0 << QStringList{"GH6005"};
    QTest::newRow("other CA") << good->certificatePem << good->privateKeyPem
                              << m_otherCa->certificatePem() << host << 0 << QStringList{"GH6006"};
    QTest::newRow("CA bundle is not PEM")
        << good->certificatePem << good->privateKeyPem << QByteArray("junk") << host << 0
        << QStringList{"GH6001"};
    QTest::newRow("certificate is not PEM")
        << QByteArray("junk") << good->privateKeyPem << ca << host << 0 << QStringList{"GH6001"};
    QTest::newRow("key is not PEM")
        << good->certificatePem << QByteArray("junk") << ca << host << 0 << QStringList{"GH6001"};
    QTest::newRow("expired, wrong key, uncovered")
        << expired.certificatePem << good->privateKeyPem << QByteArray()
        << QStringList{"b.example.com"} << 0 << QStringList{"GH6002", "GH6004", "GH6005"};
}

void TestCertificates::diagnostics()
{
    QFETCH(QByteArray, certificate);
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, ca);
    QFETCH(QStringList, hosts);
    QFETCH(int, daysFromNow);
    QFETCH(QStringList, codes);
    Tls::ServerCertificateCheck check;
    check.certificateChainPem = certificate;
    check.privateKeyPem = key;
    check.caPem = ca;
    check.hosts = hosts;
    check.description = QStringLiteral("files x.crt, x.key");
    if (daysFromNow)
        check.now = QDateTime::currentDateTimeUtc().addDays(daysFromNow);
    const Core::Diagnostics found = Tls::checkServerCertificate(check);
    QCOMPARE(codesOf(found), codes);
    for (const Core::Diagnostic &diagnostic : found) {
        QVERIFY2(diagnostic.message.startsWith(check.description + QStringLiteral(": ")),
                 qPrintable(diagnostic.message));
        QVERIFY(!diagnostic.messageType.isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestCertificates)
#include "tst_certificates.moc"
