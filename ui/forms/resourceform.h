#pragma once

#include "formcontext.h"
#include "model/resource.h"

#include <QWidget>

// The visual editor of one typed resource. A form never changes the workspace itself: it
// emits edited() with the whole resource as it should now be, and the owner pushes that as
// one undo step (EditHistory::setResource), so form edits, YAML edits and undo all travel the
// same path. Edits in one field carry the same merge key (for example "servers[0].hosts"), so
// typing in a field is one step.
//
// load() is called with the document's resource after every change to it, including the
// ones the form itself made: it must update its widgets in place (never rebuild the field
// that has focus, never move its cursor) and must not emit edited().
class ResourceForm : public QWidget {
    Q_OBJECT

public:
    using QWidget::QWidget;

    virtual void load(const Istio::Resource &resource) = 0;
    virtual void setContext(const FormContext &context) = 0;
    // Shows and focuses the widget of a field ("spec.servers[0].port.number", the path the
    // diagnostics carry); false when the form has no widget for it (the YAML tab then shows
    // the line instead).
    virtual bool focusField(const QString &fieldPath) = 0;
    // Findings on this resource as (fieldPath, message), shown beside the fields they name.
    virtual void setFieldFindings(const QList<QPair<QString, QString>> &findings) = 0;

signals:
    void edited(const Istio::Resource &resource, const QString &description,
                const QString &mergeKey);
};
