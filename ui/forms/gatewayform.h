#pragma once

#include "resourceform.h"

#include <QList>

class KeyValueTable;
class MetadataEdit;
class QVBoxLayout;
class ServerCard;

// The Gateway form: metadata, the selector that picks the gateway workload, and the servers as
// a list of cards (ServerCard). Everything else in the document (annotations, status, fields
// the cards do not show) is carried through untouched: edits change a copy of what was loaded.
class GatewayForm : public ResourceForm {
    Q_OBJECT

public:
    explicit GatewayForm(QWidget *parent = nullptr);

    void load(const Istio::Resource &resource) override;
    void setContext(const FormContext &context) override;
    bool focusField(const QString &fieldPath) override;
    void setFieldFindings(const QList<QPair<QString, QString>> &findings) override;

    QList<ServerCard *> serverCards() const { return m_cards; }

private:
    void emitEdited(const QString &description, const QString &mergeKey);
    void showServers();
    void addServer();
    void removeServer(int index);
    void generateCertificate(int index);

    Istio::Gateway m_gateway;
    FormContext m_context;
    MetadataEdit *m_metadata;
    KeyValueTable *m_selector;
    QVBoxLayout *m_serverList;
    QList<ServerCard *> m_cards;
};
