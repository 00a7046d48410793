#pragma once

#include <QString>
#include <memory>

namespace re2 {
class RE2;
}

namespace Runtime {

// An Istio StringMatch compiled for the request path: exact and prefix are byte comparisons
// (case-insensitive only where Istio says so: the uri with ignoreUriCase), regex is RE2 with
// full-match semantics, and "present" matches any value of a header or query parameter that
// exists. Immutable and safe to share between threads.
class StringMatcher {
public:
    enum class Kind { Exact, Prefix, Regex, Present };

    static StringMatcher exact(const QString &value, bool ignoreCase = false);
    static StringMatcher prefix(const QString &value, bool ignoreCase = false);
    // A prefix of whole path segments (Gateway API PathPrefix, Envoy's path_separated_prefix):
    // "/foo" matches "/foo", "/foo/" and "/foo/x" but not "/foobar"; a trailing "/" of the
    // value is ignored. Compare it with the path without its query.
    static StringMatcher pathPrefix(const QString &value, bool ignoreCase = false);
    // An invalid pattern gives a matcher that matches nothing; `error` says why.
    static StringMatcher regex(const QString &pattern, QString *error = nullptr);
    static StringMatcher present();

    Kind kind() const { return m_kind; }
    const QString &value() const { return m_value; }
    bool ignoresCase() const { return m_ignoreCase; }
    bool matchesPathSegments() const { return m_pathSegments; }
    bool isValid() const { return m_kind != Kind::Regex || m_regex != nullptr; }

    bool matches(QStringView text) const;
    // For a prefix matcher, the matched prefix's length (for prefix rewrites); else 0.
    qsizetype prefixLength() const { return m_kind == Kind::Prefix ? m_value.size() : 0; }

    // "exact \"/a\"", "prefix \"/api\"", "regex \"v[0-9]+\"", "present".
    QString describe() const;

    // The compiled pattern of a valid regex matcher (for uriRegexRewrite), else null.
    const re2::RE2 *compiledRegex() const { return m_regex.get(); }

private:
    Kind m_kind = Kind::Present;
    QString m_value;
    bool m_ignoreCase = false;
    bool m_pathSegments = false;
    std::shared_ptr<const re2::RE2> m_regex;
};

} // namespace Runtime
