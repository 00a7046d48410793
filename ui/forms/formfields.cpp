#include "formfields.h"

#include "formwidgetsync.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace FormFields {

void showText(QLineEdit *edit, const std::optional<QString> &value)
{
    FormSync::setText(edit, value);
}

std::optional<QString> textValue(const QLineEdit *edit)
{
    const QString text = edit->text().trimmed();
    if (text.isEmpty())
        return std::nullopt;
    return text;
}

void showNumber(QSpinBox *spin, const std::optional<quint32> &value)
{
    FormSync::setOptional(spin, value);
}

std::optional<quint32> numberValue(const QSpinBox *spin)
{
    if (!spin->specialValueText().isEmpty() && spin->value() == spin->minimum())
        return std::nullopt;
    return quint32(spin->value());
}

QSpinBox *optionalNumberSpin(int maximum, const QString &absentText, QWidget *parent)
{
    QSpinBox *spin = FormSync::optionalSpin(0, maximum, absentText, parent);
    spin->setAccelerated(true);
    return spin;
}

void showChoice(QComboBox *combo, const std::optional<QString> &value)
{
    const QString text = value.value_or(QString());
    int index = text.isEmpty() ? 0 : combo->findText(text);
    const QSignalBlocker blocker(combo);
    if (index < 0) {
        // A value the list does not offer (a typo in the YAML): shown as it is, so nothing
        // the user wrote is hidden; the validator names the problem.
        combo->addItem(text);
        index = combo->count() - 1;
    }
    if (combo->currentIndex() != index)
        combo->setCurrentIndex(index);
    if (combo->isEditable() && combo->currentText() != text)
        combo->setEditText(text);
}

std::optional<QString> choiceValue(const QComboBox *combo)
{
    const QString text = combo->isEditable()          ? combo->currentText().trimmed()
                         : combo->currentIndex() <= 0 ? QString()
                                                      : combo->currentText();
    if (text.isEmpty())
        return std::nullopt;
    return text;
}

void showFlag(QCheckBox *box, const std::optional<bool> &value)
{
    FormSync::setChecked(box, value.value_or(false));
}

QList<QPair<QString, QString>> toPairs(const Istio::OrderedMap<QString> &map)
{
    QList<QPair<QString, QString>> pairs;
    for (const auto &[key, value] : map)
        pairs.append({key, value});
    return pairs;
}

Istio::OrderedMap<QString> fromPairs(const QList<QPair<QString, QString>> &pairs)
{
    Istio::OrderedMap<QString> map;
    for (const auto &[key, value] : pairs)
        map.set(key, value);
    return map;
}

std::pair<QToolButton *, QToolButton *> layOutWithRowButtons(QWidget *owner, QWidget *table,
                                                             const QString &addHelp,
                                                             const QString &removeHelp)
{
    auto *add = new QToolButton(owner);
    add->setText(QStringLiteral("+"));
    add->setToolTip(addHelp);
    add->setAccessibleName(addHelp);
    auto *remove = new QToolButton(owner);
    remove->setText(QStringLiteral("−"));
    remove->setToolTip(removeHelp);
    remove->setAccessibleName(removeHelp);
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    auto *layout = new QHBoxLayout(owner);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(table, 1);
    layout->addLayout(buttons);
    return {add, remove};
}

void setHelp(QWidget *widget, const QString &help)
{
    widget->setToolTip(help);
    widget->setAccessibleDescription(help);
    widget->setWhatsThis(help);
}

} // namespace FormFields
