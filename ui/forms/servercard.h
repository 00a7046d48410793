#pragma once

#include "model/gateway.h"

#include <QGroupBox>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class ServerTlsEdit;
class StringListEdit;

// One server of a Gateway as a card: port (number, name, protocol), hosts checked as they are
// typed, bind, and the TLS section shaped by the protocol. Fields it does not show (targetPort,
// defaultEndpoint, the server's own name) are carried through untouched.
class ServerCard : public QGroupBox {
    Q_OBJECT

public:
    explicit ServerCard(QWidget *parent = nullptr);

    void load(int index, const Istio::Server &server);
    void setCredentials(const QStringList &credentials);
    // Focuses a field given by its path below the server ("port.number", "tls.mode", ...).
    bool focusField(const QString &field);
    // Findings on this server, shown at the top of the card.
    void setFindings(const QStringList &messages);

    // Checks one entry of `hosts` as Istio's webhook would: "[namespace/]dnsName".
    static QString checkHost(const QString &host);

signals:
    // The server as it should now be; `field` names what changed (the merge key).
    void edited(const Istio::Server &server, const QString &field);
    void removeRequested();
    void generateCertificateRequested();

private:
    void emitEdited(const QString &field);

    Istio::Server m_server;
    QSpinBox *m_number;
    QLineEdit *m_name;
    QComboBox *m_protocol;
    StringListEdit *m_hosts;
    QLineEdit *m_bind;
    ServerTlsEdit *m_tls;
    QLabel *m_findings;
};
