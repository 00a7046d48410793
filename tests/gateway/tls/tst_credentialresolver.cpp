// Where a server's certificate comes from: Gateway files (against the certificate root), the
// local environment's credentials, Secret manifests of the workspace (both key conventions,
// the <name>-cacert Secret, caCertCredentialName), and the stand-in issued by the local CA.

#include "certificatefactory.h"
#include "tls/certificateauthority.h"
#include "tls/certificateinfo.h"
#include "tls/credentialresolver.h"
#include "tls/secretlookup.h"
#include "validation/kubeobjects.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using Tls::ServerCredentials;

namespace {

const QString GATEWAY_NAMESPACE = QStringLiteral("istio-system");
const QStringList HOSTS{QStringLiteral("uk.bookinfo.com"), QStringLiteral("eu.bookinfo.com")};

QStringList codesOf(const Core::Diagnostics &diagnostics)
{
    QStringList codes;
    for (const Core::Diagnostic &diagnostic : diagnostics)
        codes << diagnostic.code;
    return codes;
}

QString describe(const ServerCredentials &credentials)
{
    QStringList lines{QStringLiteral("source: ") + credentials.source};
    for (const Core::Diagnostic &diagnostic : credentials.diagnostics)
        lines << diagnostic.code + QLatin1Char(' ') + diagnostic.message;
    return lines.join(QLatin1Char('\n'));
}

Istio::ServerTlsSettings tlsWith(Istio::ServerTlsMode mode)
{
    Istio::ServerTlsSettings tls;
    tls.mode = mode;
    return tls;
}

// One Secret manifest; `data` pairs a key with its (unencoded) value.
QByteArray secretYaml(const QString &name, const QString &nameSpace,
                      const QList<QPair<QString, QByteArray>> &data)
{
    QByteArray text = "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: " + name.toUtf8() +
                      "\n  namespace: " + nameSpace.toUtf8() + "\ntype: Opaque\ndata:\n";
    for (const auto &entry : data)
        text += "  " + entry.first.toUtf8() + ": " + entry.second.toBase64() + '\n';
    return text;
}

} // namespace

class TestCredentialResolver : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void gatewayFiles_data();
    void gatewayFiles();
    void twoTlsCertificates();
    void missingFileFallsBackToStandIn_data();
    void missingFileFallsBackToStandIn();
    void environmentCredential();
    void environmentFileUnreadable();
    void secrets_data();
    void secrets();
    void twoCredentialNames();
    void noSourceAtAll();
    void noLocalCa();
    void credentialNamespaceFollowsThePods();

private:
    QString write(const QString &relative, const QByteArray &bytes);
    ServerCredentials resolveWithSecrets(const Istio::ServerTlsSettings &tls,
                                         const QByteArray &secretsYaml);
    QByteArray material(const QString &name) const;

    QTemporaryDir m_dir;
    QString m_root;
    std::optional<Tls::CertificateAuthority> m_ca;
    std::optional<Tls::CertificateAuthority> m_clientCaA;
    Tls::IssuedCertificate m_good;
    Tls::IssuedCertificate m_second;
    CertificateFactory::Material m_expired;
    CertificateFactory::Material m_elsewhere;
    QByteArray m_caB;
};

QString TestCredentialResolver::write(const QString &relative, const QByteArray &bytes)
{
    const QString path = m_dir.filePath(relative);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

QByteArray TestCredentialResolver::material(const QString &name) const
{
    if (name == QLatin1String("good"))
        return m_good.certificatePem;
    if (name == QLatin1String("second"))
        return m_second.certificatePem;
    if (name == QLatin1String("expired"))
        return m_expired.certificatePem;
    if (name == QLatin1String("elsewhere"))
        return m_elsewhere.certificatePem;
    if (name == QLatin1String("caA"))
        return m_clientCaA->certificatePem();
    if (name == QLatin1String("caB"))
        return m_caB;
    if (name == QLatin1String("local"))
        return m_ca->certificatePem();
    return {};
}

void TestCredentialResolver::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QStandardPaths::setTestModeEnabled(true);
    qputenv("GATEHOUSE_CA_DIR", m_dir.filePath(QStringLiteral("unused-ca")).toLocal8Bit());
    m_root = m_dir.filePath(QStringLiteral("root"));
    QString error;
    m_ca = Tls::CertificateAuthority::openOrCreate(m_dir.filePath(QStringLiteral("ca")), &error);
    m_clientCaA =
        Tls::CertificateAuthority::openOrCreate(m_dir.filePath(QStringLiteral("ca-a")), &error);
    QVERIFY2(m_ca && m_clientCaA, qPrintable(error));
    m_good = *m_ca->issueServer({QStringLiteral("*.bookinfo.com")}, &error);
    m_second = *m_ca->issueServer({QStringLiteral("*.bookinfo.com")}, &error);
    m_expired =
        CertificateFactory::selfSigned({QStringLiteral("*.bookinfo.com")}, -9 * 86400, -86400);
    m_elsewhere = CertificateFactory::selfSigned({QStringLiteral("other.example.com")}, 0, 86400);
    m_caB =
        CertificateFactory::selfSigned({QStringLiteral("client-ca-b")}, 0, 86400).certificatePem;

    write(QStringLiteral("root/certs/tls.crt"), m_good.certificatePem);
    write(QStringLiteral("root/certs/tls.key"), m_good.privateKeyPem);
    write(QStringLiteral("root/certs/second.crt"), m_second.certificatePem);
    write(QStringLiteral("root/certs/second.key"), m_second.privateKeyPem);
    write(QStringLiteral("root/certs/ca.crt"), m_clientCaA->certificatePem());
    write(QStringLiteral("root/etc/istio/ingressgateway-certs/tls.crt"), m_good.certificatePem);
    write(QStringLiteral("root/etc/istio/ingressgateway-certs/tls.key"), m_good.privateKeyPem);
}

void TestCredentialResolver::gatewayFiles_data()
{
    QTest::addColumn<QString>("certificate");
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("useRoot");
    QTest::addColumn<QString>("source");
    QTest::newRow("relative to the root")
        << "certs/tls.crt"
        << "certs/tls.key" << true << "files ROOT/certs/tls.crt, ROOT/certs/tls.key";
    QTest::newRow("absolute, below the root")
        << "/etc/istio/ingressgateway-certs/tls.crt"
        << "/etc/istio/ingressgateway-certs/tls.key" << true
        << "files ROOT/etc/istio/ingressgateway-certs/tls.crt, "
           "ROOT/etc/istio/ingressgateway-certs/tls.key";
    QTest::newRow("absolute, no root")
        << "ROOT/certs/tls.crt"
        << "ROOT/certs/tls.key" << false << "files ROOT/certs/tls.crt, ROOT/certs/tls.key";
}

void TestCredentialResolver::gatewayFiles()
{
    QFETCH(QString, certificate);
    QFETCH(QString, key);
    QFETCH(bool, useRoot);
    QFETCH(QString, source);
    Istio::ServerTlsSettings tls = tlsWith(Istio::ServerTlsMode::SIMPLE);
    tls.serverCertificate = certificate.replace(QLatin1String("ROOT"), m_root);
    tls.privateKey = key.replace(QLatin1String("ROOT"), m_root);
    tls.caCertificates = QStringLiteral("certs/ca.crt"); // SIMPLE: not read
    Tls::CredentialSources sources;
    sources.certificateRoot = useRoot ? m_root : QString();
    sources.ca = &*m_ca;
    const ServerCredentials credentials =
        Tls::resolveServerCredentials(tls, HOSTS, GATEWAY_NAMESPACE, sources);
    QVERIFY2(credentials.diagnostics.isEmpty(), qPrintable(describe(credentials)));
    QCOMPARE(credentials.source, source.replace(QLatin1String("ROOT"), m_root));
    QVERIFY(!credentials.generated);
    QCOMPARE(credentials.certificates.size(), size_t(1));
    QCOMPARE(credentials.certificates.front().certificateChainPem, m_good.certificatePem);
    QCOMPARE(credentials.certificates.front().privateKeyPem, m_good.privateKeyPem);
    QVERIFY(credentials.clientCaPem.isEmpty());
}

void TestCredentialResolver::twoTlsCertificates()
{
    Istio::ServerTlsSettings tls = tlsWith(Istio::ServerTlsMode::MUTUAL);
    tls.tlsCertificates = {
        {QStringLiteral("certs/tls.crt"), QStringLiteral("certs/tls.key"),
         QStringLiteral("certs/ca.crt")},
        {QStringLiteral("certs/second.crt"), QStringLiteral("certs/second.key"), std::nullopt}};
    Tls::CredentialSources sources;
    sources.certificateRoot = m_root;
    sources.ca = &*m_ca;
    const ServerCredentials credentials =
        Tls::resolveServerCredentials(tls, HOSTS, GATEWAY_NAMESPACE, sources);
    QVERIFY2(credentials.diagnostics.isEmpty(), qPrintable(describe(credentials)));
    QCOMPARE(credentials.certificates.size(), size_t(2));
    QCOMPARE(credentials.certificates[1].certificateChainPem, m_second.certificatePem);
    QCOMPARE(credentials.clientCaPem, m_clientCaA->certificatePem());
    QVERIFY2(credentials.source.contains(QStringLiteral("certs/second.key")) &&
                 credentials.source.endsWith(
                     QStringLiteral("; client CA from file %1/certs/ca.crt").arg(m_root)),
             qPrintable(credentials.source));
}

void TestCredentialResolver::missingFileFallsBackToStandIn_data()
{
    QTest::addColumn<bool>("useRoot");
    QTest::addColumn<QString>("lookedFor");
    QTest::newRow("below the root") << true << "ROOT/etc/certs/servercert.pem";
    QTest::newRow("as written") << false << "/etc/certs/servercert.pem";
}

void TestCredentialResolver::missingFileFallsBackToStandIn()
{
    QFETCH(bool, useRoot);
    QFETCH(QString, lookedFor);
    Istio::ServerTlsSettings tls = tlsWith(Istio::ServerTlsMode::MUTUAL);
    tls.serverCertificate = QStringLiteral("/etc/certs/servercert.pem");
    tls.privateKey = QStringLiteral("/etc/istio/ingressgateway-certs/tls.key"); // exists below root
    Tls::CredentialSources sources;
    sources.certificateRoot = useRoot ? m_root : QString();
    sources.ca = &*m_ca;
    const ServerCredentials credentials =
        Tls::resolveServerCredentials(tls, HOSTS, GATEWAY_NAMESPACE, sources);
    const QStringList codes = codesOf(credentials.diagnostics);
    QVERIFY2(codes.startsWith(QStringLiteral("GH6007")) &&
                 codes.contains(QStringLiteral("GH6008")) &&
                 codes.contains(QStringLiteral("GH6009")),
             qPrintable(describe(credentials)));
    const Core::Diagnostic &missing = credentials.diagnostics.front();
    QCOMPARE(missing.level, Core::Level::Warning);
    QCOMPARE(missing.fieldPath, QStringLiteral("tls.serverCertificate"));
    QVERIFY2(missing.message.contains(lookedFor.replace(QLatin1String("ROOT"), m_root)),
             qPrintable(missing.message));
    QVERIFY(credentials.generated);
    QCOMPARE(credentials.source,
             QStringLiteral("issued by the local development CA for uk.bookinfo.com, "
                            "eu.bookinfo.com; client CA from the local development CA"));
    QCOMPARE(credentials.certificates.size(), size_t(1));
    QString error;
    const std::vector<Tls::CertificateInfo> chain =
        Tls::inspectCertificates(credentials.certificates.front().certificateChainPem, &error);
    QCOMPARE(chain.front().dnsNames, HOSTS);
    QCOMPARE(credentials.clientCaPem, m_ca->certificatePem());
    QVERIFY(!Core::hasErrors(credentials.diagnostics));
}

void TestCredentialResolver::environmentCredential()
{
    const QString envPath = write(QStringLiteral("root/env.yaml"), {});
    const auto environment = Environment::LocalEnvironment::parse(
        "credentials:\n  bookinfo-secret: {certificate: certs/tls.crt, privateKey: certs/tls.key, "
        "caCertificates: certs/ca.crt}\n",
        envPath);
    QVERIFY(environment.diagnostics().isEmpty());
    Istio::ServerTlsSettings tls = tlsWith(Istio::ServerTlsMode::MUTUAL);
    tls.credentialName = QStringLiteral("bookinfo-secret");
    // A Secret of the same name loses to the local environment.
    const QString path = write(QStringLiteral("env-secrets/secrets.yaml"),
                               secretYaml(QStringLiteral("bookinfo-secret"), GATEWAY_NAMESPACE,
                                          {{QStringLiteral("tls.crt"), m_second.certificatePem},
                                           {QStringLiteral("tls.key"), m_second.privateKeyPem}}));
    Project::Workspace workspace;
    QVERIFY(workspace.addPath(path));
    Tls::CredentialSources sources;
    sources.environment = &environment;
    sources.secrets = Validation::readKubeObjects(workspace).secrets;
    QCOMPARE(sources.secrets.size(), size_t(1));
    sources.ca = &*m_ca;
    const ServerCredentials credentials =
        Tls::resolveServerCredentials(tls, HOSTS, GATEWAY_NAMESPACE, sources);
    QVERIFY2(credentials.diagnostics.isEmpty(), qPrintable(describe(credentials)));
    QCOMPARE(credentials.source, QStringLiteral("local environment credential bookinfo-secret"));
    QCOMPARE(credentials.certificates.front().certificateChainPem, m_good.certificatePem);
    QCOMPARE(credentials.clientCaPem, m_clientCaA->certificatePem());
}

void TestCredentialResolver::environmentFileUnreadable()
{
    const auto environment = Environment::LocalEnvironment::parse(
        "credentials:\n  bookinfo-secret: {certificate: nope/tls.crt, privateKey: certs/tls.key}\n",
        m_root + QStringLiteral("/env.yaml"));
    Istio::ServerTlsSettings tls = tlsWith(Istio::ServerTlsMode::SIMPLE);
    tls.credentialName = QStringLiteral("bookinfo-secret");
    Tls::CredentialSources sources;
    sources.environment = &environment;
    sources.ca = &*m_ca;
    const ServerCredentials credentials =
        Tls::resolveServerCredentials(tls, HOSTS, GATEWAY_NAMESPACE, sources);
    // The user named the file for this machine: an error, and no stand-in hides it.
    QCOMPARE(codesOf(credentials.diagnostics), QStringList{QStringLiteral("GH6001")});
    QVERIFY(
        credentials.diagnostics.front().message.contains(m_root + QStringLiteral("/nope/tls.crt")));
    QVERIFY(credentials.certificates.empty());
    QVERIFY(!credentials.generated);
}

ServerCredentials TestCredentialResolver::resolveWithSecrets(const Istio::ServerTlsSettings &tls,
                                                             const QByteArray &secretsYaml)
{
    static int round = 0;
    const QString path = write(QStringLiteral("secrets-%1/secrets.yaml").arg(++round), secretsYaml);
    Project::Workspace workspace;
    if (!workspace.addPath(path))
        qFatal("cannot load %s", qPrintable(path));
    Tls::CredentialSources sources;
    sources.secrets = Validation::readKubeObjects(workspace).secrets;
    sources.ca = &*m_ca;
    sources.workspace = &workspace;
    ServerCredentials credentials = Tls::resolveServerCredentials(
        tls, {HOSTS.front(), QStringLiteral("bookinfo/") + HOSTS.back()}, GATEWAY_NAMESPACE,
        sources);
    for (const Core::Diagnostic &diagnostic : credentials.diagnostics) {
        if (diagnostic.related && diagnostic.related->file != path)
            qFatal("a Secret diagnostic names the wrong file");
    }
    return credentials;
}

void TestCredentialResolver::secrets_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("credential");
    QTest::addColumn<QString>("caCredential");
    QTest::addColumn<QString>("certificate"); // material name; "none", "generated"
    QTest::addColumn<QString>("clientCa");    // material name; "" none
    QTest::addColumn<QString>("source");
    QTest::addColumn<QStringList>("codes");
    const QString ns = GATEWAY_NAMESPACE;
    const QString name = QStringLiteral("bookinfo-secret");
    const QString secret = QStringLiteral("Secret istio-system/bookinfo-secret (secrets.yaml)");
    const QByteArray good = m_good.certificatePem;
    const QByteArray key = m_good.privateKeyPem;
    const QByteArray caA = m_clientCaA->certificatePem();
    using Data = QList<QPair<QString, QByteArray>>;
    const Data tlsKeys{{"tls.crt", good}, {"tls.key", key}};

    QTest::newRow("tls.crt and tls.key") << secretYaml(name, ns, tlsKeys) << "SIMPLE" << name << ""
                                         << "good"
                                         << "" << secret << QStringList{};
    QTest::newRow("generic cert and key")
        << secretYaml(name, ns, {{"cert", good}, {"key", key}}) << "SIMPLE" << name << ""
        << "good"
        << "" << secret << QStringList{};
    QTest::newRow("SIMPLE ignores the CA")
        << secretYaml(name, ns, tlsKeys + Data{{"ca.crt", caA}}) << "SIMPLE" << name << ""
        << "good"
        << "" << secret << QStringList{};
    QTest::newRow("ca.crt for MUTUAL")
        << secretYaml(name, ns, tlsKeys + Data{{"ca.crt", caA}}) << "MUTUAL" << name << ""
        << "good"
        << "caA" << secret << QStringList{};
    QTest::newRow("cacert for OPTIONAL_MUTUAL")
        << secretYaml(name, ns, {{"cert", good}, {"key", key}, {"cacert", caA}})
        << "OPTIONAL_MUTUAL" << name << ""
        << "good"
        << "caA" << secret << QStringList{};
    QTest::newRow("<name>-cacert Secret")
        << secretYaml(name, ns, tlsKeys) + secretYaml(name + "-cacert", ns, {{"ca.crt", m_caB}})
        << "MUTUAL" << name << ""
        << "good"
        << "caB"
        << secret + "; client CA from Secret istio-system/bookinfo-secret-cacert (secrets.yaml)"
        << QStringList{};
    QTest::newRow("caCertCredentialName overrides")
        << secretYaml(name, ns, tlsKeys + Data{{"ca.crt", caA}}) +
               secretYaml("client-ca", ns, {{"cacert", m_caB}})
        << "MUTUAL" << name << "client-ca"
        << "good"
        << "caB" << secret + "; client CA from Secret istio-system/client-ca (secrets.yaml)"
        << QStringList{};
    QTest::newRow("caCertCredentialName missing")
        << secretYaml(name, ns, tlsKeys + Data{{"ca.crt", caA}}) << "MUTUAL" << name << "nope"
        << "good"
        << "caA" << secret << QStringList{"GH6011"};
    QTest::newRow("MUTUAL without any CA")
        << secretYaml(name, ns, tlsKeys) << "MUTUAL" << name << ""
        << "good"
        << "local" << secret + "; client CA from the local development CA" << QStringList{"GH6009"};
    QTest::newRow("a Secret in another namespace is not read")
        << secretYaml(name, "bookinfo", tlsKeys) << "SIMPLE" << name << ""
        << "generated"
        << ""
        << "issued by the local development CA for uk.bookinfo.com, eu.bookinfo.com"
        << QStringList{"GH6008"};
    QTest::newRow("kubernetes-gateway:// names the namespace")
        << secretYaml(name, "bookinfo", tlsKeys) << "SIMPLE"
        << "kubernetes-gateway://bookinfo/bookinfo-secret"
        << ""
        << "good"
        << ""
        << "Secret bookinfo/bookinfo-secret (secrets.yaml)" << QStringList{};
    QTest::newRow("no certificate pair")
        << secretYaml(name, ns, {{"ca.crt", caA}, {"tls.crt", good}}) << "SIMPLE" << name << ""
        << "none"
        << ""
        << "" << QStringList{"GH6001"};
    QTest::newRow("key of another certificate")
        << secretYaml(name, ns, {{"tls.crt", good}, {"tls.key", m_second.privateKeyPem}})
        << "SIMPLE" << name << ""
        << "none"
        << ""
        << "" << QStringList{"GH6005"};
    QTest::newRow("expired: served, with an error")
        << secretYaml(name, ns,
                      {{"tls.crt", m_expired.certificatePem}, {"tls.key", m_expired.privateKeyPem}})
        << "SIMPLE" << name << ""
        << "expired"
        << "" << secret << QStringList{"GH6002"};
    QTest::newRow("hosts not covered") << secretYaml(name, ns,
                                                     {{"tls.crt", m_elsewhere.certificatePem},
                                                      {"tls.key", m_elsewhere.privateKeyPem}})
                                       << "SIMPLE" << name << ""
                                       << "elsewhere"
                                       << "" << secret << QStringList{"GH6004", "GH6004"};
}

void TestCredentialResolver::secrets()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, mode);
    QFETCH(QString, credential);
    QFETCH(QString, caCredential);
    QFETCH(QString, certificate);
    QFETCH(QString, clientCa);
    QFETCH(QString, source);
    QFETCH(QStringList, codes);
    Istio::ServerTlsSettings tls =
        tlsWith(mode == QLatin1String("SIMPLE")
                    ? Istio::ServerTlsMode::SIMPLE
                    : (mode == QLatin1String("MUTUAL") ? Istio::ServerTlsMode::MUTUAL
                                                       : Istio::ServerTlsMode::OPTIONAL_MUTUAL));
    tls.credentialName = credential;
    if (!caCredential.isEmpty())
        tls.caCertCredentialName = caCredential;
    const ServerCredentials credentials = resolveWithSecrets(tls, yaml);
    QVERIFY2(codesOf(credentials.diagnostics) == codes, qPrintable(describe(credentials)));
    QCOMPARE(credentials.source, source);
    QCOMPARE(credentials.generated, certificate == QLatin1String("generated"));
    if (certificate == QLatin1String("none")) {
        QVERIFY(credentials.certificates.empty());
    } else {
        QCOMPARE(credentials.certificates.size(), size_t(1));
        if (certificate != QLatin1String("generated"))
            QCOMPARE(credentials.certificates.front().certificateChainPem, material(certificate));
    }
    QCOMPARE(credentials.clientCaPem, material(clientCa));
    for (const Core::Diagnostic &diagnostic : credentials.diagnostics) {
        QVERIFY2(diagnostic.fieldPath.startsWith(QStringLiteral("tls.")),
                 qPrintable(diagnostic.fieldPath));
        if (diagnostic.code == QLatin1String("GH6001") ||
            diagnostic.code == QLatin1String("GH6005"))
            QVERIFY(diagnostic.related && diagnostic.related->kind == QLatin1String("Secret"));
    }
}

void TestCredentialResolver::twoCredentialNames()
{
    const QByteArray yaml = secretYaml(QStringLiteral("rsa"), GATEWAY_NAMESPACE,
                                       {{QStringLiteral("tls.crt"), m_good.certificatePem},
                                        {QStringLiteral("tls.key"), m_good.privateKeyPem}}) +
                            secretYaml(QStringLiteral("ecdsa"), GATEWAY_NAMESPACE,
                                       {{QStringLiteral("cert"), m_second.certificatePem},
                                        {QStringLiteral("key"), m_second.privateKeyPem}});
    Istio::ServerTlsSettings tls = tlsWith(Istio::ServerTlsMode::SIMPLE);
    tls.credentialNames = {QStringLiteral("rsa"), QStringLiteral("ecdsa")};
    ServerCredentials credentials = resolveWithSecrets(tls, yaml);
    QVERIFY2(credentials.diagnostics.isEmpty(), qPrintable(describe(credentials)));
    QCOMPARE(credentials.certificates.size(), size_t(2));
    QCOMPARE(credentials.source,
             QStringLiteral("Secret istio-system/rsa (secrets.yaml); Secret istio-system/ecdsa "
                            "(secrets.yaml)"));

    tls.credentialNames = {QStringLiteral("rsa"), QStringLiteral("missing")};
    credentials = resolveWithSecrets(tls, yaml);
    QCOMPARE(codesOf(credentials.diagnostics), QStringList{QStringLiteral("GH6011")});
    QCOMPARE(credentials.diagnostics.front().fieldPath, QStringLiteral("tls.credentialNames[1]"));
    QCOMPARE(credentials.certificates.size(), size_t(1));
    QVERIFY(!credentials.generated);
}

void TestCredentialResolver::noSourceAtAll()
{
    Tls::CredentialSources sources;
    sources.ca = &*m_ca;
    const ServerCredentials credentials = Tls::resolveServerCredentials(
        tlsWith(Istio::ServerTlsMode::SIMPLE), {QStringLiteral("*")}, GATEWAY_NAMESPACE, sources);
    QCOMPARE(codesOf(credentials.diagnostics), QStringList{QStringLiteral("GH6008")});
    QVERIFY(credentials.diagnostics.front().message.startsWith(
        QStringLiteral("the server names no certificate; serving a certificate issued")));
    QVERIFY(credentials.diagnostics.front().message.contains(m_ca->certificatePath()));
    QCOMPARE(credentials.source,
             QStringLiteral("issued by the local development CA for localhost"));
    QString error;
    QCOMPARE(Tls::inspectCertificates(credentials.certificates.front().certificateChainPem, &error)
                 .front()
                 .dnsNames,
             QStringList{QStringLiteral("localhost")});
}

void TestCredentialResolver::noLocalCa()
{
    Tls::CredentialSources sources; // no CA
    ServerCredentials credentials = Tls::resolveServerCredentials(
        tlsWith(Istio::ServerTlsMode::SIMPLE), HOSTS, GATEWAY_NAMESPACE, sources);
    QCOMPARE(codesOf(credentials.diagnostics), QStringList{QStringLiteral("GH6010")});
    QVERIFY(credentials.certificates.empty());

    Istio::ServerTlsSettings tls = tlsWith(Istio::ServerTlsMode::MUTUAL);
    tls.serverCertificate = QStringLiteral("certs/tls.crt");
    tls.privateKey = QStringLiteral("certs/tls.key");
    sources.certificateRoot = m_root;
    credentials = Tls::resolveServerCredentials(tls, HOSTS, GATEWAY_NAMESPACE, sources);
    QCOMPARE(codesOf(credentials.diagnostics), QStringList{QStringLiteral("GH6010")});
    QCOMPARE(credentials.certificates.size(), size_t(1));
    QVERIFY(credentials.clientCaPem.isEmpty());
}

// Istio reads Secrets where the gateway pods run, not where the Gateway resource lives.
void TestCredentialResolver::credentialNamespaceFollowsThePods()
{
    const QString path = write(QStringLiteral("pods/deployment.yaml"),
                               "apiVersion: apps/v1\nkind: Deployment\n"
                               "metadata: {name: gateway, namespace: edge}\n"
                               "spec:\n  template:\n    metadata:\n"
                               "      labels: {istio: ingressgateway, app: gw}\n");
    Project::Workspace workspace;
    QVERIFY(workspace.addPath(path));
    const std::vector<Validation::PodObject> pods = Validation::readKubeObjects(workspace).pods;
    QCOMPARE(pods.size(), size_t(1));
    Istio::Labels selector;
    selector.set(QStringLiteral("istio"), QStringLiteral("ingressgateway"));
    QCOMPARE(Tls::credentialNamespace(selector, pods), QStringLiteral("edge"));
    selector.set(QStringLiteral("app"), QStringLiteral("other"));
    QCOMPARE(Tls::credentialNamespace(selector, pods), QStringLiteral("istio-system"));
    QCOMPARE(Tls::credentialNamespace(selector, {}), QStringLiteral("istio-system"));
}

QTEST_GUILESS_MAIN(TestCredentialResolver)
#include "tst_credentialresolver.moc"
