#pragma once

#include "model/common.h"

#include <QWidget>

class KeyValueTable;
class QFormLayout;
class QLineEdit;

// Name, namespace and labels of a resource, the part every form starts with. Annotations and
// the rest of the metadata are carried through untouched.
class MetadataEdit : public QWidget {
    Q_OBJECT

public:
    // `nameHelp` says what the name is used for by this kind.
    MetadataEdit(const QString &nameHelp, QWidget *parent = nullptr);

    void load(const Istio::ObjectMeta &metadata);
    bool focusField(const QString &fieldPath);
    // Rows a form adds below the metadata (a Gateway's selector, a DestinationRule's host).
    QFormLayout *formLayout() const { return m_layout; }

signals:
    // `field` is "name", "namespace" or "labels".
    void edited(const Istio::ObjectMeta &metadata, const QString &field);

private:
    Istio::ObjectMeta m_metadata;
    QFormLayout *m_layout;
    QLineEdit *m_name;
    QLineEdit *m_namespace;
    KeyValueTable *m_labels;
};
