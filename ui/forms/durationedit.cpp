#include "durationedit.h"

#include "formwidgetsync.h"

DurationEdit::DurationEdit(QWidget *parent) : QLineEdit(parent)
{
    setPlaceholderText(tr("unset"));
    setClearButtonEnabled(true);
    connect(this, &QLineEdit::textEdited, this, [this] {
        recheck();
        if (isValid())
            emit durationEdited();
    });
}

void DurationEdit::setDuration(const std::optional<Istio::Duration> &duration)
{
    if (isValid() && this->duration() == duration &&
        (!duration || text().trimmed() == duration->text))
        return;
    if (isValid() && hasFocus() && this->duration() == duration)
        return; // same length of time, written differently while typing: keep the text
    FormSync::setText(this, duration ? duration->text : QString());
    recheck();
}

std::optional<Istio::Duration> DurationEdit::duration() const
{
    if (text().trimmed().isEmpty())
        return std::nullopt;
    return Istio::Duration::parse(text().trimmed());
}

bool DurationEdit::isValid() const
{
    return text().trimmed().isEmpty() || Istio::Duration::parse(text().trimmed()).has_value();
}

void DurationEdit::setHelp(const QString &help)
{
    m_help = help;
    recheck();
}

void DurationEdit::recheck()
{
    const bool valid = isValid();
    const QString problem =
        valid ? QString() : tr("Not a duration: write it like 250ms, 1.5s or 1m30s.");
    setToolTip(valid ? m_help : problem + QStringLiteral("\n\n") + m_help);
    setStyleSheet(valid ? QString() : QStringLiteral("QLineEdit { border: 1px solid #d32f2f; }"));
}
