#include "kubectlresult.h"

#include <QRegularExpression>

namespace Kube {
namespace {

QString shellQuoted(const QString &word)
{
    static const QRegularExpression SAFE(QStringLiteral("^[A-Za-z0-9_./:=,@%+-]+$"));
    if (!word.isEmpty() && SAFE.match(word).hasMatch())
        return word;
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

} // namespace

QString KubectlResult::commandLine() const
{
    QStringList words{shellQuoted(program.isEmpty() ? QStringLiteral("kubectl") : program)};
    for (const QString &argument : arguments)
        words << shellQuoted(argument);
    return words.join(QLatin1Char(' '));
}

} // namespace Kube
