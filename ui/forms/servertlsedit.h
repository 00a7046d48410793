#pragma once

#include "model/gateway.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLineEdit;
class QPushButton;
class StringListEdit;

// The `tls` block of one Gateway server, shaped by the server's protocol: a plaintext HTTP
// server only offers httpsRedirect; HTTPS and TLS servers get the mode and, for the modes
// that terminate TLS, the certificate source, client verification, versions and ciphers.
// Fields the section does not show (tlsCertificates, credentialNames, caCrl, SPKI/hash pins,
// ecdhCurves) are carried through untouched.
class ServerTlsEdit : public QWidget {
    Q_OBJECT

public:
    explicit ServerTlsEdit(QWidget *parent = nullptr);

    void load(const std::optional<Istio::ServerTlsSettings> &tls, Istio::Protocol protocol);
    void setCredentials(const QStringList &credentials);

    // Focuses the widget of a field below `tls` ("mode", "credentialName", ...).
    bool focusField(const QString &field);

signals:
    // The whole block as it should now be; `field` names what changed (the merge key).
    void edited(const std::optional<Istio::ServerTlsSettings> &tls, const QString &field);
    // The user asked for a development certificate covering the server's hosts.
    void generateCertificateRequested();

private:
    void emitEdited(const QString &field);
    void showRows();
    void pickFile(QLineEdit *edit, const QString &title);

    std::optional<Istio::ServerTlsSettings> m_tls;
    Istio::Protocol m_protocol = Istio::Protocol::HTTP;
    QFormLayout *m_layout;
    QCheckBox *m_httpsRedirect;
    QComboBox *m_mode;
    QComboBox *m_credentialName;
    QLineEdit *m_serverCertificate;
    QLineEdit *m_privateKey;
    QLineEdit *m_caCertificates;
    QPushButton *m_generate;
    StringListEdit *m_subjectAltNames;
    QComboBox *m_minVersion;
    QComboBox *m_maxVersion;
    StringListEdit *m_cipherSuites;
};
