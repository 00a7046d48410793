#pragma once

#include <QAbstractButton>
#include <QComboBox>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSpinBox>
#include <optional>

// In-place updates for forms whose load() runs after every edit, their own included: a widget
// already showing the value is left alone (so the one being typed in keeps its cursor and
// selection), and no update emits a user-edit signal.
namespace FormSync {

inline void setText(QLineEdit *edit, const QString &text)
{
    if (edit->text() == text)
        return;
    const int cursor = edit->cursorPosition();
    const QSignalBlocker blocker(edit);
    edit->setText(text);
    if (edit->hasFocus())
        edit->setCursorPosition(qMin(cursor, int(text.size())));
}

inline void setText(QLineEdit *edit, const std::optional<QString> &text)
{
    setText(edit, text.value_or(QString()));
}

inline void setComboText(QComboBox *combo, const QString &text)
{
    if (combo->currentText() == text)
        return;
    const QSignalBlocker blocker(combo);
    if (combo->isEditable()) {
        setText(combo->lineEdit(), text);
        return;
    }
    combo->setCurrentIndex(combo->findText(text));
}

inline void setItems(QComboBox *combo, const QStringList &items)
{
    QStringList current;
    for (int i = 0; i < combo->count(); ++i)
        current << combo->itemText(i);
    if (current == items)
        return;
    const QSignalBlocker blocker(combo);
    const QString text = combo->currentText();
    combo->clear();
    combo->addItems(items);
    if (combo->isEditable())
        combo->setEditText(text);
    else
        combo->setCurrentIndex(combo->findText(text));
}

inline void setValue(QSpinBox *spin, int value)
{
    if (spin->value() == value)
        return;
    const QSignalBlocker blocker(spin);
    spin->setValue(value);
}

// An optional number in a spin box whose minimum is shown as its special value text ("unset").
template <class T> void setOptional(QSpinBox *spin, const std::optional<T> &value)
{
    setValue(spin, value ? int(*value) : spin->minimum());
}

template <class T> std::optional<T> optional(const QSpinBox *spin)
{
    if (spin->value() == spin->minimum())
        return std::nullopt;
    return T(spin->value());
}

// A QAbstractButton or a checkable QGroupBox.
template <class Button> void setChecked(Button *button, bool checked)
{
    if (button->isChecked() == checked)
        return;
    const QSignalBlocker blocker(button);
    button->setChecked(checked);
}

inline std::optional<QString> textOrNull(const QLineEdit *edit)
{
    return edit->text().isEmpty() ? std::nullopt : std::optional<QString>(edit->text());
}

// A spin box for an optional number: `minimum` stands for "absent".
inline QSpinBox *optionalSpin(int minimum, int maximum, const QString &unsetText,
                              QWidget *parent = nullptr)
{
    auto *spin = new QSpinBox(parent);
    spin->setRange(minimum, maximum);
    spin->setSpecialValueText(unsetText);
    spin->setValue(minimum);
    return spin;
}

} // namespace FormSync
