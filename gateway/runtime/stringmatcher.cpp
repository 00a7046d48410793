#include "stringmatcher.h"

#include <re2/re2.h>

namespace Runtime {

StringMatcher StringMatcher::exact(const QString &value, bool ignoreCase)
{
    StringMatcher matcher;
    matcher.m_kind = Kind::Exact;
    matcher.m_value = value;
    matcher.m_ignoreCase = ignoreCase;
    return matcher;
}

StringMatcher StringMatcher::prefix(const QString &value, bool ignoreCase)
{
    StringMatcher matcher = exact(value, ignoreCase);
    matcher.m_kind = Kind::Prefix;
    return matcher;
}

StringMatcher StringMatcher::regex(const QString &pattern, QString *error)
{
    StringMatcher matcher;
    matcher.m_kind = Kind::Regex;
    matcher.m_value = pattern;
    RE2::Options options;
    options.set_log_errors(false);
    auto compiled = std::make_shared<const RE2>(pattern.toStdString(), options);
    if (compiled->ok()) {
        matcher.m_regex = std::move(compiled);
    } else if (error) {
        *error = QString::fromStdString(compiled->error());
    }
    return matcher;
}

StringMatcher StringMatcher::present()
{
    return StringMatcher();
}

bool StringMatcher::matches(QStringView text) const
{
    const Qt::CaseSensitivity sensitivity = m_ignoreCase ? Qt::CaseInsensitive : Qt::CaseSensitive;
    switch (m_kind) {
    case Kind::Exact:
        return text.compare(m_value, sensitivity) == 0;
    case Kind::Prefix:
        return text.startsWith(m_value, sensitivity);
    case Kind::Regex: {
        if (!m_regex)
            return false;
        const QByteArray utf8 = text.toUtf8();
        return RE2::FullMatch(re2::StringPiece(utf8.constData(), utf8.size()), *m_regex);
    }
    case Kind::Present:
        return true;
    }
    return false;
}

QString StringMatcher::describe() const
{
    switch (m_kind) {
    case Kind::Exact:
        return QStringLiteral("exact \"%1\"%2")
            .arg(m_value, m_ignoreCase ? QStringLiteral(" (any case)") : QString());
    case Kind::Prefix:
        return QStringLiteral("prefix \"%1\"%2")
            .arg(m_value, m_ignoreCase ? QStringLiteral(" (any case)") : QString());
    case Kind::Regex:
        return QStringLiteral("regex \"%1\"").arg(m_value);
    case Kind::Present:
        return QStringLiteral("present");
    }
    return QString();
}

} // namespace Runtime
