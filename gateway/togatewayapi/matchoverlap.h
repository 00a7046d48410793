#pragma once

#include <QString>
#include <vector>

namespace ToGatewayApi {

// A header or query parameter condition of a generated match.
struct ValueCondition {
    QString name;
    bool regex = false; // RegularExpression (RE2, full match), else Exact
    QString value;
};

// A generated HTTPRouteMatch as Gateway API evaluates it; a match without a path is PathPrefix
// "/" (the API server's default).
struct GatewayMatch {
    enum class PathType { Exact, Prefix, Regex };

    PathType pathType = PathType::Prefix;
    QString path = QStringLiteral("/");
    QString method; // empty: any
    std::vector<ValueCondition> headers;
    std::vector<ValueCondition> queryParams;

    // Gateway API PathPrefix: whole path elements, a trailing "/" of the prefix ignored.
    bool pathMatches(const QString &requestPath) const;
};

enum class Overlap { None, Possible, Certain };

// Whether one request can satisfy both matches, with such a request ("GET /api/v1 with header
// x-user: a") when one was found.
struct OverlapResult {
    Overlap overlap = Overlap::None;
    QString example;
};

OverlapResult overlapOf(const GatewayMatch &a, const GatewayMatch &b);

} // namespace ToGatewayApi
