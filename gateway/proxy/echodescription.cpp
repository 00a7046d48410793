#include "echodescription.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Proxy {

QByteArray echoDescription(const EchoIdentity &identity, const RequestHead &head, qint64 bodyBytes)
{
    QJsonObject destination;
    destination.insert(QStringLiteral("host"),
                       identity.host.isEmpty() ? QJsonValue() : QJsonValue(identity.host));
    destination.insert(QStringLiteral("port"),
                       identity.port ? QJsonValue(qint64(*identity.port)) : QJsonValue());
    destination.insert(QStringLiteral("subset"),
                       identity.subset.isEmpty() ? QJsonValue() : QJsonValue(identity.subset));
    QJsonObject headers;
    for (const HeaderField &field : head.headers) {
        const QString name = QString::fromLatin1(field.name).toLower();
        const QString value = QString::fromUtf8(field.value);
        const QJsonValue existing = headers.value(name);
        if (existing.isUndefined())
            headers.insert(name, value);
        else if (existing.isArray())
            headers.insert(name, QJsonArray(existing.toArray()) << value);
        else
            headers.insert(name, QJsonArray{existing, value});
    }
    const QJsonObject body{
        {QStringLiteral("destination"), destination},
        {QStringLiteral("method"), QString::fromLatin1(head.method)},
        {QStringLiteral("path"), QString::fromUtf8(head.target)},
        {QStringLiteral("authority"), QString::fromUtf8(head.header("host"))},
        {QStringLiteral("headers"), headers},
        {QStringLiteral("bodyBytes"), bodyBytes},
        {QStringLiteral("protocol"),
         QStringLiteral("HTTP/%1.%2").arg(head.versionMajor).arg(head.versionMinor)}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

} // namespace Proxy
