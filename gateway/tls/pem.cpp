#include "pem.h"

#include <QStringList>
#include <openssl/pem.h>

namespace Tls::Pem {
namespace {

const QByteArray BEGIN_MARK = QByteArrayLiteral("-----BEGIN ");
const QByteArray END_MARK = QByteArrayLiteral("-----END ");
const QByteArray DASHES = QByteArrayLiteral("-----");

// The label of a "-----BEGIN X-----" or "-----END X-----" line, or nothing.
std::optional<QByteArray> labelOf(const QByteArray &line, const QByteArray &mark)
{
    if (!line.startsWith(mark) || !line.endsWith(DASHES) ||
        line.size() < mark.size() + DASHES.size())
        return std::nullopt;
    return line.mid(mark.size(), line.size() - mark.size() - DASHES.size());
}

bool isCertificateLabel(const QByteArray &label)
{
    return label == "CERTIFICATE" || label == "TRUSTED CERTIFICATE" || label == "X509 CERTIFICATE";
}

bool isPrivateKeyLabel(const QByteArray &label)
{
    return label.endsWith("PRIVATE KEY");
}

// Why a text holds no usable block of the wanted kind, in words a user can act on.
QString explainMissing(const QByteArray &pem, const std::vector<Block> &found, const char *wanted)
{
    if (pem.trimmed().isEmpty())
        return QStringLiteral("the text is empty");
    if (found.empty()) {
        // DER starts with a SEQUENCE tag; binary text has NULs or other control bytes.
        const bool binary = quint8(pem.at(0)) == 0x30 || pem.contains('\0');
        return binary ? QStringLiteral("it is not PEM text (it looks like binary DER; convert it "
                                       "with `openssl x509 -inform der` or `openssl pkey "
                                       "-inform der`)")
                      : QStringLiteral("it has no -----BEGIN %1----- block").arg(wanted);
    }
    QStringList labels;
    for (const Block &block : found)
        labels << QString::fromLatin1(block.label);
    labels.removeDuplicates();
    return QStringLiteral("it has no %1, only %2")
        .arg(QString::fromLatin1(wanted).toLower(), labels.join(QStringLiteral(", ")));
}

// The password callback for encrypted keys: no password, so decoding fails instead of
// prompting on the terminal.
int noPassword(char *, int, int, void *)
{
    return 0;
}

} // namespace

std::optional<std::vector<Block>> blocks(const QByteArray &pem, QString *error)
{
    std::vector<Block> found;
    std::optional<Block> open;
    int lineNumber = 0;
    qsizetype start = 0;
    while (start <= pem.size()) {
        qsizetype end = pem.indexOf('\n', start);
        if (end < 0)
            end = pem.size();
        const QByteArray line = pem.mid(start, end - start).trimmed();
        ++lineNumber;
        start = end + 1;
        if (const auto label = labelOf(line, BEGIN_MARK)) {
            if (open) {
                setError(error,
                         QStringLiteral("line %1: BEGIN %2 before the END of the %3 block "
                                        "that starts at line %4 (is the text truncated?)")
                             .arg(lineNumber)
                             .arg(QString::fromLatin1(*label), QString::fromLatin1(open->label))
                             .arg(open->line));
                return std::nullopt;
            }
            open = Block{*label, line + '\n', lineNumber};
        } else if (const auto label = labelOf(line, END_MARK)) {
            if (!open || open->label != *label) {
                setError(
                    error,
                    open ? QStringLiteral("line %1: END %2 does not close the %3 block that "
                                          "starts at line %4")
                               .arg(lineNumber)
                               .arg(QString::fromLatin1(*label), QString::fromLatin1(open->label))
                               .arg(open->line)
                         : QStringLiteral("line %1: END %2 without a BEGIN line")
                               .arg(lineNumber)
                               .arg(QString::fromLatin1(*label)));
                return std::nullopt;
            }
            open->text += line + '\n';
            found.push_back(std::move(*open));
            open.reset();
        } else if (open) {
            open->text += line + '\n';
        }
    }
    if (open) {
        setError(error, QStringLiteral("the %1 block that starts at line %2 has no END line (is "
                                       "the text truncated?)")
                            .arg(QString::fromLatin1(open->label))
                            .arg(open->line));
        return std::nullopt;
    }
    return found;
}

std::vector<X509Ptr> readCertificates(const QByteArray &pem, QString *error)
{
    const std::optional<std::vector<Block>> all = blocks(pem, error);
    if (!all)
        return {};
    std::vector<X509Ptr> certificates;
    for (const Block &block : *all) {
        if (!isCertificateLabel(block.label))
            continue;
        ERR_clear_error();
        BioPtr bio = readBio(block.text);
        X509Ptr certificate(block.label == "TRUSTED CERTIFICATE"
                                ? PEM_read_bio_X509_AUX(bio.get(), nullptr, nullptr, nullptr)
                                : PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
        if (!certificate) {
            setError(error, QStringLiteral("certificate %1 (line %2) does not decode: %3")
                                .arg(certificates.size() + 1)
                                .arg(block.line)
                                .arg(takeOpenSslError()));
            return {};
        }
        certificates.push_back(std::move(certificate));
    }
    if (certificates.empty())
        setError(
            error,
            QStringLiteral("no certificate: %1").arg(explainMissing(pem, *all, "CERTIFICATE")));
    return certificates;
}

EvpPkeyPtr readPrivateKey(const QByteArray &pem, QString *error)
{
    const std::optional<std::vector<Block>> all = blocks(pem, error);
    if (!all)
        return {};
    for (const Block &block : *all) {
        if (!isPrivateKeyLabel(block.label))
            continue;
        if (block.label == "ENCRYPTED PRIVATE KEY" ||
            block.text.contains("Proc-Type: 4,ENCRYPTED")) {
            setError(error, QStringLiteral("the private key (line %1) is encrypted; decrypt it "
                                           "first (openssl pkey -in KEY -out PLAIN)")
                                .arg(block.line));
            return {};
        }
        ERR_clear_error();
        BioPtr bio = readBio(block.text);
        EvpPkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassword, nullptr));
        if (!key)
            setError(error, QStringLiteral("the private key (line %1) does not decode: %2")
                                .arg(block.line)
                                .arg(takeOpenSslError()));
        return key;
    }
    setError(error,
             QStringLiteral("no private key: %1").arg(explainMissing(pem, *all, "PRIVATE KEY")));
    return {};
}

QByteArray write(X509 *certificate)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(bio.get(), certificate);
    return bioBytes(bio.get());
}

QByteArray write(EVP_PKEY *privateKey)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(bio.get(), privateKey, nullptr, nullptr, 0, nullptr, nullptr);
    return bioBytes(bio.get());
}

} // namespace Tls::Pem
