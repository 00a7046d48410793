#include "stringlistedit.h"

#include <QRegularExpression>

StringListEdit::StringListEdit(QWidget *parent) : QLineEdit(parent)
{
    setClearButtonEnabled(true);
    connect(this, &QLineEdit::textEdited, this, [this] {
        recheck();
        emit valuesEdited(values());
    });
}

void StringListEdit::setValues(const QStringList &values)
{
    if (values == this->values())
        return;
    setText(values.join(QStringLiteral(", ")));
    recheck();
}

QStringList StringListEdit::values() const
{
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    return text().split(separators, Qt::SkipEmptyParts);
}

void StringListEdit::setHelp(const QString &help)
{
    m_help = help;
    recheck();
}

void StringListEdit::recheck()
{
    m_problem.clear();
    if (m_check) {
        for (const QString &entry : values()) {
            m_problem = m_check(entry);
            if (!m_problem.isEmpty())
                break;
        }
    }
    setToolTip(m_problem.isEmpty() ? m_help : m_problem + QStringLiteral("\n\n") + m_help);
    // A red frame, not a red background: readable in light and dark palettes alike.
    setStyleSheet(m_problem.isEmpty() ? QString()
                                      : QStringLiteral("QLineEdit { border: 1px solid #d32f2f; }"));
}
