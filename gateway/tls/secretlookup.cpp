#include "secretlookup.h"

#include "validation/analysisinput.h"

#include <QFileInfo>

namespace Tls {

SecretName parseCredentialName(const QString &written, const QString &gatewayNamespace)
{
    QString rest = written.trimmed();
    for (const QLatin1String prefix :
         {QLatin1String("kubernetes-gateway://"), QLatin1String("kubernetes://")}) {
        if (rest.startsWith(prefix)) {
            rest = rest.mid(prefix.size());
            break;
        }
    }
    const qsizetype slash = rest.indexOf(QLatin1Char('/'));
    if (slash > 0)
        return {rest.left(slash), rest.mid(slash + 1)};
    return {gatewayNamespace.isEmpty() ? QStringLiteral("default") : gatewayNamespace, rest};
}

QString credentialNamespace(const Istio::Labels &selector,
                            const std::vector<Validation::PodObject> &pods)
{
    const Validation::LabelMap labels = Validation::toLabelMap(selector);
    for (const Validation::PodObject &pod : pods) {
        if (Validation::selectorMatches(labels, pod.labels))
            return pod.ref.nameSpace;
    }
    return QStringLiteral("istio-system");
}

const Validation::SecretObject *SecretLookup::find(const SecretName &name) const
{
    for (const Validation::SecretObject &secret : m_secrets) {
        if (secret.ref.name == name.name && secret.ref.nameSpace == name.nameSpace)
            return &secret;
    }
    return nullptr;
}

QStringList SecretLookup::otherNamespaces(const SecretName &name) const
{
    QStringList namespaces;
    for (const Validation::SecretObject &secret : m_secrets) {
        if (secret.ref.name == name.name && secret.ref.nameSpace != name.nameSpace &&
            !namespaces.contains(secret.ref.nameSpace))
            namespaces << secret.ref.nameSpace;
    }
    return namespaces;
}

Core::DiagnosticSubject SecretLookup::subject(const Validation::SecretObject &secret) const
{
    Core::DiagnosticSubject subject;
    subject.kind = QStringLiteral("Secret");
    subject.nameSpace = secret.ref.nameSpace;
    subject.name = secret.ref.name;
    const Project::DocumentRef ref = secret.ref.document;
    if (m_workspace && ref.isValid() && ref.file < int(m_workspace->files().size())) {
        const Project::Document &document = m_workspace->document(ref);
        subject.file = document.filePath();
        subject.position = document.positionOf(QString());
    }
    return subject;
}

QString SecretLookup::describe(const Validation::SecretObject &secret) const
{
    const Core::DiagnosticSubject where = subject(secret);
    const QString name = QStringLiteral("Secret %1/%2").arg(secret.ref.nameSpace, secret.ref.name);
    return where.file.isEmpty()
               ? name
               : QStringLiteral("%1 (%2)").arg(name, QFileInfo(where.file).fileName());
}

std::optional<SecretPair> certificatePairOf(const Validation::SecretObject &secret)
{
    for (const auto &[certificateKey, privateKeyKey] :
         {std::pair{QStringLiteral("cert"), QStringLiteral("key")},
          std::pair{QStringLiteral("tls.crt"), QStringLiteral("tls.key")}}) {
        const QByteArray certificate = secret.data.value(certificateKey);
        const QByteArray privateKey = secret.data.value(privateKeyKey);
        if (!certificate.trimmed().isEmpty() && !privateKey.trimmed().isEmpty())
            return SecretPair{certificate, privateKey};
    }
    return std::nullopt;
}

QByteArray caBundleOf(const Validation::SecretObject &secret)
{
    for (const QString &key : {QStringLiteral("cacert"), QStringLiteral("ca.crt")}) {
        const QByteArray bundle = secret.data.value(key);
        if (!bundle.trimmed().isEmpty())
            return bundle;
    }
    return {};
}

} // namespace Tls
