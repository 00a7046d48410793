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
    // While typing, keep the text if it means the same length of time written differently, or
    // is a duration half typed ("1" on the way to "10s"): it has not been reported yet.
    if (hasFocus() && (!isValid() || this->duration() == duration))
        return;
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
