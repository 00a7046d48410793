#pragma once

#include "request.h"
#include "runtime/config.h"

#include <optional>

// The conditions of one HTTPMatchRequest block, evaluated against a request. Three readers of
// the same rules: decide()'s fast path (blockMatches), its trace (explainMismatch) and the near
// misses (firstMismatch). They must agree; tst_decide checks traced and untraced decisions
// against each other and tst_nearmisses checks the near misses against decide().
namespace Route {

// The first condition of a block that does not hold, as data: a near miss is phrased from it.
struct ConditionMismatch {
    QString condition;             // "uri", "method", "header end-user", "query param v", ...
    QString expected;              // the matcher's describe(): "exact \"jason\"", "present"
    std::optional<QString> actual; // what the request has; nullopt: absent
    bool inverted = false;         // withoutHeaders: the request has what it must not have
};

// `path` is the normalised path and query.
bool blockMatches(const Runtime::MatchBlock &block, const Request &request, const QString &path);
// Why a block does not match, for the trace; "" when it matches.
QString explainMismatch(const Runtime::MatchBlock &block, const Request &request,
                        const QString &path);
// The first failed condition in matching order (uri, scheme, method, authority, headers,
// query parameters); nullopt when the block matches.
std::optional<ConditionMismatch> firstMismatch(const Runtime::MatchBlock &block,
                                               const Request &request, const QString &path);

} // namespace Route
