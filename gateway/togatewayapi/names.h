#pragma once

#include <QHash>
#include <QSet>
#include <QString>

// Names Kubernetes and Gateway API accept, made from the names Istio resources use.
namespace ToGatewayApi {

// DNS-1123 label: lower-case alphanumerics and '-', alphanumeric at both ends, 1..63 chars.
bool isDnsLabel(const QString &text);
// DNS-1123 subdomain (object names): labels joined by '.', at most 253 chars.
bool isDnsSubdomain(const QString &text);

// The closest valid label (or subdomain) to `text`: lower-cased, other characters replaced
// by '-', runs of '-' collapsed, trimmed to `maxLength`. `fallback` when nothing is left.
QString toDnsLabel(const QString &text, const QString &fallback, int maxLength = 63);
QString toDnsSubdomain(const QString &text, const QString &fallback);

// Hands out names unique within a scope (a Gateway's listeners, a namespace's HTTPRoutes):
// the wanted name, else name-2, name-3, ... kept within `maxLength`.
class NameRegistry {
public:
    QString claim(const QString &scope, const QString &wanted, int maxLength = 63);
    bool isTaken(const QString &scope, const QString &name) const;

private:
    QHash<QString, QSet<QString>> m_taken;
};

// A Gateway API Duration ("1h2m3s4ms": at most four parts of up to five digits each) for a
// length of time in milliseconds.
QString gatewayDuration(qint64 milliseconds);

} // namespace ToGatewayApi
