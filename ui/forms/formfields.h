#pragma once

#include "model/common.h"

#include <QList>
#include <QPair>
#include <QString>
#include <optional>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;
class QToolButton;
class QWidget;

// The Gateway and DestinationRule forms' helpers for optional fields, on top of FormSync's
// in-place setters (formwidgetsync.h): a widget is only written when it shows something else,
// and never with its signals live.
namespace FormFields {

void showText(QLineEdit *edit, const std::optional<QString> &value);
std::optional<QString> textValue(const QLineEdit *edit); // empty text → absent

// A spin box whose minimum stands for "absent" (shown as its specialValueText).
void showNumber(QSpinBox *spin, const std::optional<quint32> &value);
std::optional<quint32> numberValue(const QSpinBox *spin);
QSpinBox *optionalNumberSpin(int maximum, const QString &absentText, QWidget *parent);

// A combo box whose first entry ("" or "(default)") stands for "absent".
void showChoice(QComboBox *combo, const std::optional<QString> &value);
std::optional<QString> choiceValue(const QComboBox *combo);

// A tri-state field shown as a check box: unchecked → absent, checked → true. `false`
// written in the YAML is shown unchecked and kept as it is until the user clicks.
void showFlag(QCheckBox *box, const std::optional<bool> &value);

// Labels and other string maps as the rows of a KeyValueTable, and back.
QList<QPair<QString, QString>> toPairs(const Istio::OrderedMap<QString> &map);
Istio::OrderedMap<QString> fromPairs(const QList<QPair<QString, QString>> &pairs);

// Makes `table` with + and − buttons beside it the whole layout of `owner` (the tables of
// labels, matches and destinations all look alike). Returns the two buttons, to connect.
std::pair<QToolButton *, QToolButton *> layOutWithRowButtons(QWidget *owner, QWidget *table,
                                                             const QString &addHelp,
                                                             const QString &removeHelp);

// The tooltip and the accessible description of a control: what Istio does with the field.
void setHelp(QWidget *widget, const QString &help);

} // namespace FormFields
