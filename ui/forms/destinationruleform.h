#pragma once

#include "resourceform.h"

class KeyValueTable;
class MetadataEdit;
class QComboBox;
class QLineEdit;
class QListWidget;
class QSpinBox;
class StringListEdit;

// The DestinationRule form: host, exportTo, subsets with their labels, and the basics of the
// top-level traffic policy (load balancer, connection limits, outlier detection, TLS to the
// upstream). Subset traffic policies, port-level settings, consistent hashing and the rest
// stay in the YAML tab and are carried through untouched.
class DestinationRuleForm : public ResourceForm {
    Q_OBJECT

public:
    explicit DestinationRuleForm(QWidget *parent = nullptr);

    void load(const Istio::Resource &resource) override;
    void setContext(const FormContext &context) override;
    bool focusField(const QString &fieldPath) override;
    void setFieldFindings(const QList<QPair<QString, QString>> &findings) override;

    QListWidget *subsetList() const { return m_subsets; }

private:
    void emitEdited(const QString &description, const QString &mergeKey);
    void showSubsets();
    void showSelectedSubset();
    void showPolicy();
    void editPolicy(const QString &field);
    int selectedSubset() const;

    Istio::DestinationRule m_rule;
    MetadataEdit *m_metadata;
    QComboBox *m_host;
    StringListEdit *m_exportTo;
    QListWidget *m_subsets;
    QLineEdit *m_subsetName;
    KeyValueTable *m_subsetLabels;
    QComboBox *m_loadBalancer;
    QSpinBox *m_maxConnections;
    QLineEdit *m_connectTimeout;
    QSpinBox *m_maxPending;
    QSpinBox *m_consecutive5xx;
    QComboBox *m_tlsMode;
    QLineEdit *m_sni;
    QList<QPair<QString, QString>> m_findings;
};
