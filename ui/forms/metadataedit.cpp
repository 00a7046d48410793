#include "metadataedit.h"

#include "formfields.h"
#include "keyvaluetable.h"

#include <QFormLayout>
#include <QLineEdit>
#include <QTableWidget>

MetadataEdit::MetadataEdit(const QString &nameHelp, QWidget *parent)
    : QWidget(parent), m_layout(new QFormLayout(this)), m_name(new QLineEdit(this)),
      m_namespace(new QLineEdit(this)), m_labels(new KeyValueTable(tr("Label"), tr("Value"), this))
{
    using FormFields::setHelp;
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_name->setObjectName(QStringLiteral("resourceName"));
    m_name->setAccessibleName(tr("Name"));
    setHelp(m_name, nameHelp);
    m_namespace->setObjectName(QStringLiteral("resourceNamespace"));
    m_namespace->setPlaceholderText(QStringLiteral("default"));
    m_namespace->setAccessibleName(tr("Namespace"));
    setHelp(m_namespace, tr("metadata.namespace: \"default\" when absent. It decides which "
                            "Gateways, VirtualServices and DestinationRules see each other "
                            "(exportTo, \"./\" hosts, short host names)."));
    m_labels->setObjectName(QStringLiteral("metadataLabels"));
    setHelp(m_labels->table(), tr("metadata.labels: for your own tooling and selectors; Istio "
                                  "does not route on these labels."));
    m_layout->addRow(tr("Name"), m_name);
    m_layout->addRow(tr("Namespace"), m_namespace);
    m_layout->addRow(tr("Labels"), m_labels);

    connect(m_name, &QLineEdit::textEdited, this, [this] {
        m_metadata.name = FormFields::textValue(m_name);
        emit edited(m_metadata, QStringLiteral("name"));
    });
    connect(m_namespace, &QLineEdit::textEdited, this, [this] {
        m_metadata.nameSpace = FormFields::textValue(m_namespace);
        emit edited(m_metadata, QStringLiteral("namespace"));
    });
    connect(m_labels, &KeyValueTable::pairsEdited, this, [this](const KeyValueTable::Pairs &p) {
        m_metadata.labels = FormFields::fromPairs(p);
        emit edited(m_metadata, QStringLiteral("labels"));
    });
}

void MetadataEdit::load(const Istio::ObjectMeta &metadata)
{
    m_metadata = metadata;
    FormFields::showText(m_name, metadata.name);
    FormFields::showText(m_namespace, metadata.nameSpace);
    m_labels->setPairs(FormFields::toPairs(metadata.labels));
}

bool MetadataEdit::focusField(const QString &fieldPath)
{
    if (fieldPath.startsWith(QLatin1String("metadata.name")))
        m_name->setFocus();
    else if (fieldPath.startsWith(QLatin1String("metadata.namespace")))
        m_namespace->setFocus();
    else if (fieldPath.startsWith(QLatin1String("metadata.labels")))
        m_labels->table()->setFocus();
    else
        return false;
    return true;
}
