// The local environment file as the editor writes it: what it writes reads back the same,
// through the editor's reader and through LocalEnvironment; what it does not edit survives;
// each entry's check says what is wrong.

#include "environment/environmentfile.h"
#include "environment/localenvironment.h"

#include <QtTest>

using namespace Environment;

class TestEnvironmentFile : public QObject {
    Q_OBJECT

private slots:
    void roundTrip();
    void loaderReadsWhatIsWritten();
    void keepsWhatItDoesNotEdit();
    void writesANewFileFromNothing();
    void quotesWhatWouldReadDifferently_data();
    void quotesWhatWouldReadDifferently();
    void entryChecks_data();
    void entryChecks();
};

namespace {

EnvironmentEntries sample()
{
    EnvironmentEntries entries;
    entries.listen = QStringLiteral("::1");
    entries.ports = {{80, 9080}, {443, 9443}};
    entries.upstreams = {
        {QStringLiteral("reviews"), QStringLiteral("127.0.0.1:9080")},
        {QStringLiteral("reviews.bookinfo:9080/v2"), QStringLiteral("[::1]:9082")}};
    entries.credentials = {
        {QStringLiteral("bookinfo-secret"), QStringLiteral("certs/tls.crt"),
         QStringLiteral("certs/tls.key"), QStringLiteral("certs/ca.crt")},
        {QStringLiteral("other"), QStringLiteral("a.crt"), QStringLiteral("a.key"), QString()}};
    entries.certificateRoot = QStringLiteral("pod files");
    return entries;
}

} // namespace

void TestEnvironmentFile::roundTrip()
{
    const EnvironmentEntries entries = sample();
    const QByteArray text = writeEnvironment(entries);
    QCOMPARE(EnvironmentEntries::read(text), entries);
    // Writing what was read changes nothing.
    QCOMPARE(writeEnvironment(EnvironmentEntries::read(text), text), text);
}

void TestEnvironmentFile::loaderReadsWhatIsWritten()
{
    const QString path = QDir::temp().filePath(QStringLiteral("env.yaml"));
    const LocalEnvironment environment = LocalEnvironment::parse(writeEnvironment(sample()), path);
    QVERIFY2(environment.diagnostics().isEmpty(),
             qPrintable(environment.diagnostics().value(0).message));
    QCOMPARE(environment.listenAddress(), QStringLiteral("::1"));
    QCOMPARE(environment.localPort(80), quint16(9080));
    QCOMPARE(environment.localPort(443), quint16(9443));
    const QString reviews = QStringLiteral("reviews.bookinfo.svc.cluster.local");
    QCOMPARE(environment.upstreamFor(reviews, 9080, {})->text(), QStringLiteral("127.0.0.1:9080"));
    QCOMPARE(environment.upstreamFor(reviews, 9080, QStringLiteral("v2"))->text(),
             QStringLiteral("::1:9082"));
    const Credential *credential = environment.credential(QStringLiteral("bookinfo-secret"));
    QVERIFY(credential);
    QCOMPARE(credential->privateKey, QDir::temp().filePath(QStringLiteral("certs/tls.key")));
    QCOMPARE(environment.credentialNames().size(), 2);
    QCOMPARE(environment.certificateRoot(), QDir::temp().filePath(QStringLiteral("pod files")));
}

void TestEnvironmentFile::keepsWhatItDoesNotEdit()
{
    const QByteArray original = "# My laptop's environment.\n"
                                "\n"
                                "listen: 127.0.0.1\n"
                                "# The ports\n"
                                "ports: {80: 8080} # inline comment\n"
                                "upstreams:\n"
                                "  # ratings runs locally\n"
                                "  ratings: 127.0.0.1:9080\n"
                                "futureSection:\n"
                                "  keep: me\n"
                                "# trailing comment\n";
    EnvironmentEntries entries = EnvironmentEntries::read(original);
    QCOMPARE(entries.ports.size(), size_t(1));
    entries.upstreams.push_back({QStringLiteral("details"), QStringLiteral("127.0.0.1:9081")});
    const QByteArray written = writeEnvironment(entries, original);
    const QByteArray expected = "# My laptop's environment.\n"
                                "\n"
                                "listen: 127.0.0.1\n"
                                "# The ports\n"
                                "ports: {80: 8080} # inline comment\n"
                                "upstreams:\n"
                                "  ratings: 127.0.0.1:9080\n"
                                "  details: 127.0.0.1:9081\n"
                                "futureSection:\n"
                                "  keep: me\n"
                                "# trailing comment\n";
    QCOMPARE(written, expected);
    // A removed section goes, its leading comment stays.
    entries.ports.clear();
    QVERIFY(!writeEnvironment(entries, original).contains("ports:"));
    QVERIFY(writeEnvironment(entries, original).contains("# The ports\n"));
}

void TestEnvironmentFile::writesANewFileFromNothing()
{
    EnvironmentEntries entries;
    entries.ports = {{80, 8081}};
    const QByteArray text = writeEnvironment(entries, "{listen: 127.0.0.1}"); // flow: not kept
    QVERIFY(text.startsWith('#'));
    QVERIFY(text.endsWith("ports:\n  80: 8081\n"));
    QCOMPARE(writeEnvironment({}), QByteArray());
}

void TestEnvironmentFile::quotesWhatWouldReadDifferently_data()
{
    QTest::addColumn<QString>("value");
    QTest::newRow("plain name") << "reviews";
    QTest::newRow("host:port/subset") << "reviews.bookinfo:9080/v2";
    QTest::newRow("bracketed IPv6") << "[::1]:9080";
    QTest::newRow("a boolean word") << "yes";
    QTest::newRow("null") << "null";
    QTest::newRow("a number") << "8080";
    QTest::newRow("spaces and quotes") << "a \"quoted\" name";
    QTest::newRow("backslash") << "C:\\certs\\tls.crt";
    QTest::newRow("hash") << "name #1";
    QTest::newRow("leading dash") << "-x";
}

void TestEnvironmentFile::quotesWhatWouldReadDifferently()
{
    QFETCH(QString, value);
    EnvironmentEntries entries;
    entries.upstreams = {{value, value}};
    entries.credentials = {{value, value, value, value}};
    entries.certificateRoot = value;
    QCOMPARE(EnvironmentEntries::read(writeEnvironment(entries)), entries);
}

void TestEnvironmentFile::entryChecks_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::newRow("listen IPv4") << "listen"
                                 << "127.0.0.1" << true;
    QTest::newRow("listen IPv6") << "listen"
                                 << "::" << true;
    QTest::newRow("listen empty is the default") << "listen"
                                                 << "" << true;
    QTest::newRow("listen a name") << "listen"
                                   << "localhost" << false;
    QTest::newRow("key host") << "key"
                              << "reviews" << true;
    QTest::newRow("key host:port/subset") << "key"
                                          << "reviews.bookinfo:9080/v2" << true;
    QTest::newRow("key wildcard") << "key"
                                  << "*.bookinfo" << false;
    QTest::newRow("key bad port") << "key"
                                  << "reviews:99999" << false;
    QTest::newRow("key empty subset") << "key"
                                      << "reviews/" << false;
    QTest::newRow("address") << "address"
                             << "127.0.0.1:9080" << true;
    QTest::newRow("address IPv6") << "address"
                                  << "[::1]:9080" << true;
    QTest::newRow("address without port") << "address"
                                          << "127.0.0.1" << false;
    QTest::newRow("address port 0") << "address"
                                    << "127.0.0.1:0" << false;
}

void TestEnvironmentFile::entryChecks()
{
    QFETCH(QString, kind);
    QFETCH(QString, text);
    QFETCH(bool, ok);
    const QString error = kind == QLatin1String("listen") ? listenAddressError(text)
                          : kind == QLatin1String("key")  ? upstreamKeyError(text)
                                                          : upstreamAddressError(text);
    QCOMPARE(error.isEmpty(), ok);
    if (!ok)
        QVERIFY(error.contains(text));
}

QTEST_GUILESS_MAIN(TestEnvironmentFile)
#include "tst_environmentfile.moc"
