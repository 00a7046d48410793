#include "stringmatcher.h"

#include <QHash>
#include <QMutex>
#include <re2/re2.h>

namespace Runtime {
namespace {

// Compiling a pattern costs far more than matching with it, and the same patterns come back on
// every recompile (each edit, each reload, each validation). Compiled programs are immutable
// and shared between threads, so one process-wide table serves them all.
struct CompiledPattern {
    std::shared_ptr<const RE2> regex; // null when the pattern is invalid
    QString error;
};

CompiledPattern compilePattern(const QString &pattern)
{
    static QMutex mutex;
    static QHash<QString, CompiledPattern> cache;
    constexpr qsizetype CACHE_LIMIT = 20000; // a bound on memory for pathological inputs
    {
        QMutexLocker lock(&mutex);
        if (const auto it = cache.constFind(pattern); it != cache.constEnd())
            return *it;
    }
    RE2::Options options;
    options.set_log_errors(false);
    auto compiled = std::make_shared<const RE2>(pattern.toStdString(), options);
    CompiledPattern result;
    if (compiled->ok())
        result.regex = std::move(compiled);
    else
        result.error = QString::fromStdString(compiled->error());
    QMutexLocker lock(&mutex);
    if (cache.size() >= CACHE_LIMIT)
        cache.clear();
    cache.insert(pattern, result);
    return result;
}

} // namespace

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

StringMatcher StringMatcher::pathPrefix(const QString &value, bool ignoreCase)
{
    QString segments = value;
    if (segments.size() > 1 && segments.endsWith(QLatin1Char('/')))
        segments.chop(1);
    StringMatcher matcher = prefix(segments, ignoreCase);
    matcher.m_pathSegments = true;
    return matcher;
}

StringMatcher StringMatcher::regex(const QString &pattern, QString *error)
{
    StringMatcher matcher;
    matcher.m_kind = Kind::Regex;
    matcher.m_value = pattern;
    CompiledPattern compiled = compilePattern(pattern);
    matcher.m_regex = std::move(compiled.regex);
    if (!matcher.m_regex && error)
        *error = compiled.error;
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
        if (!text.startsWith(m_value, sensitivity))
            return false;
        // Whole segments: the prefix must end the path or be followed by a "/".
        return !m_pathSegments || text.size() == m_value.size() ||
               m_value.endsWith(QLatin1Char('/')) || text.at(m_value.size()) == QLatin1Char('/');
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
        return QStringLiteral("%1prefix \"%2\"%3")
            .arg(m_pathSegments ? QStringLiteral("path-segment ") : QString(), m_value,
                 m_ignoreCase ? QStringLiteral(" (any case)") : QString());
    case Kind::Regex:
        return QStringLiteral("regex \"%1\"").arg(m_value);
    case Kind::Present:
        return QStringLiteral("present");
    }
    return QString();
}

} // namespace Runtime
