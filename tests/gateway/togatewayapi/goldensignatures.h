#pragma once

// Structural signatures of Gateway API objects for the golden round trip: what a listener or a
// route rule does, with names and ordering left out and spelling differences normalised (an
// empty prefix replacement is "/", a mirror fraction is a percentage, defaults filled in).

#include <QMap>
#include <QStringList>
#include <yaml-cpp/yaml.h>

namespace GoldenSignatures {

inline QString scalar(const YAML::Node &node)
{
    return node && node.IsScalar() ? QString::fromStdString(node.Scalar()) : QString();
}

inline QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

inline QStringList scalars(const YAML::Node &node)
{
    QStringList values;
    if (node && node.IsSequence()) {
        for (const YAML::Node &item : node)
            values << scalar(item);
    }
    return values;
}

inline QString conditions(const YAML::Node &list)
{
    QStringList items;
    if (list && list.IsSequence()) {
        for (const YAML::Node &item : list) {
            const QString type =
                scalar(item["type"]).isEmpty() ? QStringLiteral("Exact") : scalar(item["type"]);
            items << scalar(item["name"]).toLower() + QLatin1Char('=') + type + QLatin1Char(':') +
                         scalar(item["value"]);
        }
    }
    return sorted(items).join(QLatin1Char(','));
}

inline QString match(const YAML::Node &match)
{
    const YAML::Node path = match ? match["path"] : YAML::Node();
    const QString type = path && path["type"] ? scalar(path["type"]) : QStringLiteral("PathPrefix");
    const QString value = path && path["value"] ? scalar(path["value"]) : QStringLiteral("/");
    return QStringLiteral("path=%1:%2 headers=%3 query=%4 method=%5")
        .arg(type, value, conditions(match ? match["headers"] : YAML::Node()),
             conditions(match ? match["queryParams"] : YAML::Node()),
             match ? scalar(match["method"]) : QString());
}

inline QString headerModifier(const YAML::Node &body)
{
    QStringList parts;
    for (const char *op : {"set", "add"}) {
        QStringList items;
        if (body[op]) {
            for (const YAML::Node &item : body[op])
                items << scalar(item["name"]) + QLatin1Char('=') + scalar(item["value"]);
        }
        parts << QString::fromLatin1(op) + QLatin1Char('[') + sorted(items).join(',') + ']';
    }
    parts << QStringLiteral("remove[") + sorted(scalars(body["remove"])).join(',') + ']';
    return parts.join(QLatin1Char(' '));
}

inline QString pathModifier(const YAML::Node &path)
{
    if (!path)
        return QString();
    QString value = scalar(path["replaceFullPath"]) + scalar(path["replacePrefixMatch"]);
    if (value.isEmpty())
        value = QStringLiteral("/");
    return scalar(path["type"]) + QLatin1Char(':') + value;
}

inline QString filter(const YAML::Node &filter)
{
    const QString type = scalar(filter["type"]);
    if (type == QLatin1String("RequestHeaderModifier"))
        return type + QLatin1Char(' ') + headerModifier(filter["requestHeaderModifier"]);
    if (type == QLatin1String("ResponseHeaderModifier"))
        return type + QLatin1Char(' ') + headerModifier(filter["responseHeaderModifier"]);
    if (type == QLatin1String("RequestRedirect")) {
        const YAML::Node body = filter["requestRedirect"];
        return QStringLiteral("%1 scheme=%2 host=%3 port=%4 code=%5 path=%6")
            .arg(type, scalar(body["scheme"]), scalar(body["hostname"]), scalar(body["port"]),
                 body["statusCode"] ? scalar(body["statusCode"]) : QStringLiteral("302"),
                 pathModifier(body["path"]));
    }
    if (type == QLatin1String("URLRewrite")) {
        const YAML::Node body = filter["urlRewrite"];
        return QStringLiteral("%1 host=%2 path=%3")
            .arg(type, scalar(body["hostname"]), pathModifier(body["path"]));
    }
    if (type == QLatin1String("RequestMirror")) {
        const YAML::Node body = filter["requestMirror"];
        double percent = 100;
        if (body["percent"])
            percent = scalar(body["percent"]).toDouble();
        if (body["fraction"]) {
            const double denominator = body["fraction"]["denominator"]
                                           ? scalar(body["fraction"]["denominator"]).toDouble()
                                           : 100;
            percent = scalar(body["fraction"]["numerator"]).toDouble() * 100 / denominator;
        }
        return QStringLiteral("%1 %2:%3 %4%")
            .arg(type, scalar(body["backendRef"]["name"]), scalar(body["backendRef"]["port"]))
            .arg(percent);
    }
    if (type == QLatin1String("CORS")) {
        const YAML::Node body = filter["cors"];
        return QStringLiteral("%1 origins=%2 methods=%3 headers=%4 expose=%5 maxAge=%6 "
                              "credentials=%7")
            .arg(type, sorted(scalars(body["allowOrigins"])).join(','),
                 sorted(scalars(body["allowMethods"])).join(','),
                 sorted(scalars(body["allowHeaders"])).join(','),
                 sorted(scalars(body["exposeHeaders"])).join(','), scalar(body["maxAge"]),
                 scalar(body["allowCredentials"]));
    }
    return type;
}

// One entry per match of each rule (Istio makes a route of every match), keyed by hostname.
inline void addRoute(const YAML::Node &route, QMap<QString, QStringList> &byHost)
{
    QStringList hostnames = scalars(route["spec"]["hostnames"]);
    if (hostnames.isEmpty())
        hostnames << QStringLiteral("*");
    for (const YAML::Node &rule : route["spec"]["rules"]) {
        QStringList filters;
        if (rule["filters"]) {
            for (const YAML::Node &f : rule["filters"])
                filters << filter(f);
        }
        QStringList backends;
        if (rule["backendRefs"]) {
            const bool weighted = rule["backendRefs"].size() > 1;
            for (const YAML::Node &ref : rule["backendRefs"])
                backends << scalar(ref["name"]) + QLatin1Char(':') + scalar(ref["port"]) +
                                (weighted ? QLatin1Char(':') + scalar(ref["weight"]) : QString());
        }
        const YAML::Node retry = rule["retry"];
        QString retryText = QStringLiteral("none");
        if (retry) {
            QStringList codes = scalars(retry["codes"]);
            std::sort(codes.begin(), codes.end());
            retryText =
                QStringLiteral("attempts=%1 codes=%2 backoff=%3")
                    .arg(retry["attempts"] ? scalar(retry["attempts"]) : QStringLiteral("2"),
                         codes.join(','), scalar(retry["backoff"]));
        }
        // Istio turns a backendRequest timeout without retries into the route timeout.
        const YAML::Node timeouts = rule["timeouts"];
        const QString timeout = timeouts && timeouts["backendRequest"] && !retry
                                    ? scalar(timeouts["backendRequest"])
                                    : (timeouts ? scalar(timeouts["request"]) : QString());
        const QString action = QStringLiteral(" | filters=%1 | backends=%2 | retry=%3 | timeout=%4")
                                   .arg(sorted(filters).join(QStringLiteral("; ")),
                                        sorted(backends).join(','), retryText, timeout);
        std::vector<YAML::Node> matches;
        if (rule["matches"] && rule["matches"].size() > 0) {
            for (const YAML::Node &m : rule["matches"])
                matches.push_back(m);
        } else {
            matches.push_back(YAML::Node());
        }
        for (const YAML::Node &m : matches) {
            for (const QString &host : hostnames)
                byHost[host] << match(m) + action;
        }
    }
}

inline QString listener(const YAML::Node &listener)
{
    return QStringLiteral("%1 %2 %3 %4 from=%5")
        .arg(scalar(listener["name"]), scalar(listener["hostname"]), scalar(listener["port"]),
             scalar(listener["protocol"]), scalar(listener["allowedRoutes"]["namespaces"]["from"]));
}

} // namespace GoldenSignatures
