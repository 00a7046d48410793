// The local environment file: defaults, the port map, which upstream answers a destination
// (most specific key wins), credentials, the certificate root, and positioned errors for bad
// entries.

#include "environment/localenvironment.h"

#include <QDir>
#include <QtTest>

using Environment::LocalEnvironment;

class TestLocalEnvironment : public QObject {
    Q_OBJECT

private slots:
    void defaults();
    void ports();
    void upstreams_data();
    void upstreams();
    void credentials();
    void certificateRoot_data();
    void certificateRoot();
    void badEntries_data();
    void badEntries();
    void unreadableFile();
};

void TestLocalEnvironment::defaults()
{
    const LocalEnvironment environment = LocalEnvironment::parse("", QStringLiteral("env.yaml"));
    QVERIFY(environment.diagnostics().isEmpty());
    QCOMPARE(environment.listenAddress(), QStringLiteral("127.0.0.1"));
    QCOMPARE(environment.localPort(80), quint16(8080));
    QCOMPARE(environment.localPort(443), quint16(8443));
    QCOMPARE(environment.localPort(8080), quint16(8080));
    QVERIFY(
        !environment.upstreamFor(QStringLiteral("reviews.default.svc.cluster.local"), 9080, {}));
}

void TestLocalEnvironment::ports()
{
    const LocalEnvironment environment = LocalEnvironment::parse(
        "listen: \"::1\"\nports: {80: 9000, 31400: 31401}\n", QStringLiteral("env.yaml"));
    QVERIFY(environment.diagnostics().isEmpty());
    QCOMPARE(environment.listenAddress(), QStringLiteral("::1"));
    QCOMPARE(environment.localPort(80), quint16(9000));
    QCOMPARE(environment.localPort(31400), quint16(31401));
    QCOMPARE(environment.localPort(443), quint16(8443));
}

void TestLocalEnvironment::upstreams_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port"); // 0: none
    QTest::addColumn<QString>("subset");
    QTest::addColumn<QString>("expected"); // empty: the echo upstream
    const QString reviews = QStringLiteral("reviews.bookinfo.svc.cluster.local");
    QTest::newRow("short name") << reviews << 0 << ""
                                << "127.0.0.1:9080";
    QTest::newRow("subset beats host") << reviews << 0 << "v2"
                                       << "127.0.0.1:9082";
    QTest::newRow("port beats host") << reviews << 9443 << ""
                                     << "127.0.0.1:9443";
    QTest::newRow("port and subset beat subset") << reviews << 9443 << "v2"
                                                 << "[::1]:1";
    QTest::newRow("other subset falls back to host") << reviews << 0 << "v3"
                                                     << "127.0.0.1:9080";
    QTest::newRow("name.namespace") << "ratings.bookinfo.svc.cluster.local" << 0 << ""
                                    << "localhost:19080";
    QTest::newRow("name.namespace, other namespace") << "ratings.shop.svc.cluster.local" << 0 << ""
                                                     << "";
    QTest::newRow("external host, exact") << "api.example.com" << 443 << ""
                                          << "10.1.1.1:8443";
    QTest::newRow("external host, other port") << "api.example.com" << 80 << ""
                                               << "";
    QTest::newRow("not a prefix match") << "reviewsx.bookinfo.svc.cluster.local" << 0 << ""
                                        << "";
}

void TestLocalEnvironment::upstreams()
{
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, subset);
    QFETCH(QString, expected);
    const LocalEnvironment environment =
        LocalEnvironment::parse("upstreams:\n"
                                "  reviews: 127.0.0.1:9080\n"
                                "  reviews/v2: 127.0.0.1:9082\n"
                                "  reviews.bookinfo.svc.cluster.local:9443: 127.0.0.1:9443\n"
                                "  \"reviews:9443/v2\": \"[::1]:1\"\n"
                                "  ratings.bookinfo: localhost:19080\n"
                                "  api.example.com:443: 10.1.1.1:8443\n",
                                QStringLiteral("env.yaml"));
    QVERIFY(environment.diagnostics().isEmpty());
    const auto address =
        environment.upstreamFor(host, port ? std::optional<quint32>(port) : std::nullopt, subset);
    QCOMPARE(address ? address->text() : QString(),
             expected.replace(QLatin1String("[::1]"), QLatin1String("::1")));
}

void TestLocalEnvironment::credentials()
{
    const LocalEnvironment environment = LocalEnvironment::parse(
        "credentials:\n  bookinfo-secret: {certificate: certs/tls.crt, privateKey: /abs/tls.key}\n",
        QStringLiteral("/home/me/project/env.yaml"));
    QVERIFY(environment.diagnostics().isEmpty());
    const Environment::Credential *credential =
        environment.credential(QStringLiteral("bookinfo-secret"));
    QVERIFY(credential);
    QCOMPARE(credential->certificate, QStringLiteral("/home/me/project/certs/tls.crt"));
    QCOMPARE(credential->privateKey, QStringLiteral("/abs/tls.key"));
    QCOMPARE(environment.credentialNames(), QStringList{QStringLiteral("bookinfo-secret")});
    QVERIFY(!environment.credential(QStringLiteral("other")));
}

void TestLocalEnvironment::certificateRoot_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("override"); // empty: none
    QTest::addColumn<QString>("expected");
    QTest::newRow("unset") << QByteArray("listen: 127.0.0.1\n") << ""
                           << "";
    QTest::newRow("relative to the file") << QByteArray("certificateRoot: pod/files/\n") << ""
                                          << "/home/me/project/pod/files";
    QTest::newRow("dot") << QByteArray("certificateRoot: .\n") << ""
                         << "/home/me/project";
    QTest::newRow("absolute") << QByteArray("certificateRoot: /srv/gateway/../pod\n") << ""
                              << "/srv/pod";
    QTest::newRow("overridden") << QByteArray("certificateRoot: pod\n") << "/tmp/other"
                                << "/tmp/other";
    QTest::newRow("overridden with a relative folder")
        << QByteArray("") << "relative/root" << QDir::current().filePath("relative/root");
}

void TestLocalEnvironment::certificateRoot()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, override);
    QFETCH(QString, expected);
    LocalEnvironment environment =
        LocalEnvironment::parse(text, QStringLiteral("/home/me/project/env.yaml"));
    QVERIFY(environment.diagnostics().isEmpty());
    if (!override.isEmpty())
        environment.overrideCertificateRoot(override);
    QCOMPARE(environment.certificateRoot(), expected);
}

void TestLocalEnvironment::badEntries_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected"); // "line:column message-substring"
    QTest::newRow("not YAML") << QByteArray("ports: [80\n") << "2:1 not valid YAML";
    QTest::newRow("not a mapping") << QByteArray("- a\n") << "1:1 must be a mapping";
    QTest::newRow("unknown section")
        << QByteArray("listen: 127.0.0.1\nupstream: {}\n") << "2:1 unknown section \"upstream\"";
    QTest::newRow("listen not an IP")
        << QByteArray("listen: localhost\n") << "1:9 listen must be an IP address";
    QTest::newRow("port out of range")
        << QByteArray("ports:\n  80: 70000\n") << "2:7 a local port must be a port number";
    QTest::newRow("quoted port") << QByteArray("ports:\n  \"80\": 8080\n")
                                 << "2:3 a gateway port must be a port number";
    QTest::newRow("bad key") << QByteArray("upstreams:\n  \"*.example.com\": 127.0.0.1:1\n")
                             << "2:3 \"*.example.com\" is not host, host:port";
    QTest::newRow("bad address") << QByteArray("upstreams:\n  reviews: 127.0.0.1\n")
                                 << "2:12 \"127.0.0.1\" is not an address";
    QTest::newRow("credential without key")
        << QByteArray("credentials:\n  c: {certificate: a.pem}\n")
        << "2:3 credential \"c\" needs both certificate and privateKey";
    QTest::newRow("credential unknown field")
        << QByteArray("credentials:\n  c: {certificate: a.pem, privateKey: b.pem, chain: c.pem}\n")
        << "2:46 unknown credential field \"chain\"";
    QTest::newRow("certificateRoot not a value")
        << QByteArray("certificateRoot: [a, b]\n") << "1:18 certificateRoot must be a non-empty";
    QTest::newRow("certificateRoot empty")
        << QByteArray("certificateRoot: \"\"\n") << "1:18 certificateRoot must be a non-empty";
}

void TestLocalEnvironment::badEntries()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    const LocalEnvironment environment = LocalEnvironment::parse(text, QStringLiteral("env.yaml"));
    QCOMPARE(environment.diagnostics().size(), 1);
    const Core::Diagnostic &diagnostic = environment.diagnostics().front();
    QCOMPARE(diagnostic.code, QStringLiteral("GH5001"));
    QCOMPARE(diagnostic.subject.file, QStringLiteral("env.yaml"));
    const QString actual = QStringLiteral("%1:%2 %3")
                               .arg(diagnostic.subject.position.line)
                               .arg(diagnostic.subject.position.column)
                               .arg(diagnostic.message);
    QVERIFY2(actual.startsWith(expected.section(' ', 0, 0) + ' ') &&
                 actual.contains(expected.section(' ', 1)),
             qPrintable(actual));
}

void TestLocalEnvironment::unreadableFile()
{
    const LocalEnvironment environment =
        LocalEnvironment::load(QStringLiteral("/no/such/gatehouse-env.yaml"));
    QCOMPARE(environment.diagnostics().size(), 1);
    QCOMPARE(environment.diagnostics().front().code, QStringLiteral("GH1012"));
}

QTEST_GUILESS_MAIN(TestLocalEnvironment)
#include "tst_localenvironment.moc"
