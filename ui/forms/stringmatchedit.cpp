#include "stringmatchedit.h"

#include "formwidgetsync.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QRegularExpression>

namespace {

const QString NONE = QStringLiteral("—");
const QString EXACT = QStringLiteral("exact");
const QString PREFIX = QStringLiteral("prefix");
const QString REGEX = QStringLiteral("regex");
const QString PRESENT = QStringLiteral("present");
constexpr int MAX_REGEX_LENGTH = 1024;

} // namespace

StringMatchEdit::StringMatchEdit(const QString &accessibleName, QWidget *parent)
    : QWidget(parent), m_kind(new QComboBox(this)), m_value(new QLineEdit(this))
{
    m_kind->addItems({NONE, EXACT, PREFIX, REGEX});
    m_kind->setAccessibleName(tr("%1 match kind").arg(accessibleName));
    m_value->setAccessibleName(tr("%1 match value").arg(accessibleName));
    m_value->setEnabled(false);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_kind);
    layout->addWidget(m_value, 1);

    connect(m_kind, &QComboBox::activated, this, [this] {
        m_value->setEnabled(m_kind->currentText() != NONE);
        recheck();
        emit matchEdited();
    });
    connect(m_value, &QLineEdit::textEdited, this, [this] {
        recheck();
        emit matchEdited();
    });
    recheck();
}

void StringMatchEdit::setMatch(const std::optional<Istio::StringMatch> &match)
{
    FormSync::setComboText(m_kind, kindOf(match));
    m_value->setEnabled(match.has_value());
    FormSync::setText(m_value, valueOf(match));
    recheck();
}

std::optional<Istio::StringMatch> StringMatchEdit::match() const
{
    return make(m_kind->currentText(), m_value->text());
}

void StringMatchEdit::setHelp(const QString &help)
{
    m_help = help;
    recheck();
}

QString StringMatchEdit::regexProblem(const QString &pattern)
{
    if (pattern.isEmpty())
        return tr("An empty regex is rejected by Istio.");
    if (pattern.size() > MAX_REGEX_LENGTH)
        return tr("Istio rejects regexes longer than %1 characters.").arg(MAX_REGEX_LENGTH);
    const QRegularExpression expression(pattern);
    if (!expression.isValid())
        return tr("Regex does not compile: %1 (checked with QRegularExpression; Istio uses RE2, "
                  "which is authoritative)")
            .arg(expression.errorString());
    return {};
}

QString StringMatchEdit::kindOf(const std::optional<Istio::StringMatch> &match)
{
    if (!match)
        return NONE;
    if (match->exact)
        return EXACT;
    if (match->prefix)
        return PREFIX;
    if (match->regex)
        return REGEX;
    return PRESENT;
}

QString StringMatchEdit::valueOf(const std::optional<Istio::StringMatch> &match)
{
    if (!match)
        return {};
    return match->exact.value_or(match->prefix.value_or(match->regex.value_or(QString())));
}

std::optional<Istio::StringMatch> StringMatchEdit::make(const QString &kind, const QString &value)
{
    Istio::StringMatch match;
    if (kind == EXACT)
        match.exact = value;
    else if (kind == PREFIX)
        match.prefix = value;
    else if (kind == REGEX)
        match.regex = value;
    else if (kind != PRESENT)
        return std::nullopt;
    return match;
}

void StringMatchEdit::recheck()
{
    const QString problem =
        m_kind->currentText() == REGEX ? regexProblem(m_value->text()) : QString();
    const QString help = m_help + tr("\n\nexact and prefix compare bytes, case-sensitively; regex "
                                     "is RE2 syntax and must match the whole value (as if "
                                     "anchored ^…$); use (?i) for case-insensitivity.");
    m_kind->setToolTip(help);
    m_value->setToolTip(problem.isEmpty() ? help : problem + QStringLiteral("\n\n") + help);
    m_value->setStyleSheet(
        problem.isEmpty() ? QString() : QStringLiteral("QLineEdit { border: 1px solid #d32f2f; }"));
}
