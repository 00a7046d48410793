#include "matchblock.h"

namespace Route {
namespace {

std::optional<QString> queryParameter(const QString &pathAndQuery, const QString &name)
{
    const qsizetype start = pathAndQuery.indexOf(QLatin1Char('?'));
    if (start < 0)
        return std::nullopt;
    const QStringView query = QStringView(pathAndQuery).mid(start + 1);
    for (QStringView pair : query.split(QLatin1Char('&'))) {
        const qsizetype equals = pair.indexOf(QLatin1Char('='));
        const QStringView key = equals < 0 ? pair : pair.left(equals);
        if (key == name)
            return equals < 0 ? QString() : pair.mid(equals + 1).toString();
    }
    return std::nullopt;
}

// A header's value as matching sees it; pseudo-headers come from the request line.
std::optional<QString> headerValueFor(const QString &name, const Request &request,
                                      const QString &path)
{
    if (name.startsWith(QLatin1Char(':')) || name == QLatin1String("host")) {
        if (name == QLatin1String(":method"))
            return request.method;
        if (name == QLatin1String(":scheme"))
            return request.scheme();
        if (name == QLatin1String(":authority") || name == QLatin1String("host"))
            return request.authority;
        if (name == QLatin1String(":path"))
            return path;
    }
    return request.header(name);
}

bool headerConditionHolds(const Runtime::HeaderMatch &header, const std::optional<QString> &value)
{
    if (!header.inverted)
        return value && (!header.matcher || header.matcher->matches(*value));
    // withoutHeaders: a missing header counts as an empty value; {} means "absent".
    const bool matches =
        header.matcher ? header.matcher->matches(value.value_or(QString())) : value.has_value();
    return !matches;
}

bool queryConditionHolds(const Runtime::QueryMatch &query, const QString &path)
{
    const std::optional<QString> value = queryParameter(path, query.name);
    return value && (!query.matcher || query.matcher->matches(*value));
}

// uri: a prefix compares the raw :path (query included); exact, regex and a path-segment prefix
// (Gateway API) see the path without its query (§3.3, §8).
bool uriMatches(const Runtime::MatchBlock &block, const QString &path)
{
    if (!block.uri)
        return true;
    if (block.uri->kind() == Runtime::StringMatcher::Kind::Prefix &&
        !block.uri->matchesPathSegments())
        return block.uri->matches(path);
    const qsizetype query = path.indexOf(QLatin1Char('?'));
    return block.uri->matches(QStringView(path).left(query < 0 ? path.size() : query));
}

} // namespace

// Why a match block does not match, or an empty string when it matches.
QString explainMismatch(const Runtime::MatchBlock &block, const Request &request,
                        const QString &path)
{
    if (!uriMatches(block, path))
        return QStringLiteral("needs uri %1; the path is \"%2\"").arg(block.uri->describe(), path);
    if (block.scheme && !block.scheme->matches(request.scheme()))
        return QStringLiteral("needs scheme %1; the request is %2")
            .arg(block.scheme->describe(), request.scheme());
    if (block.method && !block.method->matches(request.method))
        return QStringLiteral("needs method %1; the request is %2")
            .arg(block.method->describe(), request.method);
    if (block.authority && !block.authority->matches(request.authority))
        return QStringLiteral("needs authority %1; the request has \"%2\"")
            .arg(block.authority->describe(), request.authority);
    for (const Runtime::HeaderMatch &header : block.headers) {
        const std::optional<QString> value = headerValueFor(header.name, request, path);
        if (headerConditionHolds(header, value))
            continue;
        if (!header.inverted && !value)
            return QStringLiteral("needs header %1 %2; the request has none")
                .arg(header.name,
                     header.matcher ? header.matcher->describe() : QStringLiteral("present"));
        if (!header.inverted)
            return QStringLiteral("needs header %1 %2; the request has \"%3\"")
                .arg(header.name, header.matcher->describe(), *value);
        return header.matcher
                   ? QStringLiteral("needs header %1 not to be %2; the request has \"%3\"")
                         .arg(header.name, header.matcher->describe(), value.value_or(QString()))
                   : QStringLiteral("needs header %1 to be absent; the request has it")
                         .arg(header.name);
    }
    for (const Runtime::QueryMatch &query : block.queryParams) {
        const std::optional<QString> value = queryParameter(path, query.name);
        if (!value)
            return QStringLiteral("needs query parameter %1; the request has none").arg(query.name);
        if (query.matcher && !query.matcher->matches(*value))
            return QStringLiteral("needs query parameter %1 %2; the request has \"%3\"")
                .arg(query.name, query.matcher->describe(), *value);
    }
    return QString();
}

// The fast path: the same conditions as explainMismatch, without building any text. The two
// must agree; tst_decide checks traced and untraced decisions against each other.
bool blockMatches(const Runtime::MatchBlock &block, const Request &request, const QString &path)
{
    if (!uriMatches(block, path))
        return false;
    if (block.scheme && !block.scheme->matches(request.scheme()))
        return false;
    if (block.method && !block.method->matches(request.method))
        return false;
    if (block.authority && !block.authority->matches(request.authority))
        return false;
    for (const Runtime::HeaderMatch &header : block.headers) {
        if (!headerConditionHolds(header, headerValueFor(header.name, request, path)))
            return false;
    }
    for (const Runtime::QueryMatch &query : block.queryParams) {
        if (!queryConditionHolds(query, path))
            return false;
    }
    return true;
}

std::optional<ConditionMismatch> firstMismatch(const Runtime::MatchBlock &block,
                                               const Request &request, const QString &path)
{
    auto pathWithoutQuery = [&] {
        const bool rawPrefix = block.uri->kind() == Runtime::StringMatcher::Kind::Prefix &&
                               !block.uri->matchesPathSegments();
        const qsizetype query = path.indexOf(QLatin1Char('?'));
        return rawPrefix || query < 0 ? path : path.left(query);
    };
    if (!uriMatches(block, path))
        return ConditionMismatch{QStringLiteral("uri"), block.uri->describe(), pathWithoutQuery()};
    if (block.scheme && !block.scheme->matches(request.scheme()))
        return ConditionMismatch{QStringLiteral("scheme"), block.scheme->describe(),
                                 request.scheme()};
    if (block.method && !block.method->matches(request.method))
        return ConditionMismatch{QStringLiteral("method"), block.method->describe(),
                                 request.method};
    if (block.authority && !block.authority->matches(request.authority))
        return ConditionMismatch{QStringLiteral("authority"), block.authority->describe(),
                                 request.authority};
    for (const Runtime::HeaderMatch &header : block.headers) {
        const std::optional<QString> value = headerValueFor(header.name, request, path);
        if (headerConditionHolds(header, value))
            continue;
        return ConditionMismatch{
            (header.inverted ? QStringLiteral("withoutHeaders ") : QStringLiteral("header ")) +
                header.name,
            header.matcher ? header.matcher->describe() : QStringLiteral("present"), value,
            header.inverted};
    }
    for (const Runtime::QueryMatch &query : block.queryParams) {
        if (queryConditionHolds(query, path))
            continue;
        return ConditionMismatch{QStringLiteral("query param ") + query.name,
                                 query.matcher ? query.matcher->describe()
                                               : QStringLiteral("present"),
                                 queryParameter(path, query.name)};
    }
    return std::nullopt;
}

} // namespace Route
