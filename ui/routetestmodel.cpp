#include "routetestmodel.h"

#include <QApplication>
#include <QStyle>

int RouteTestModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RouteTestModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RouteTestModel::outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Pass:
        return QStringLiteral("pass");
    case Outcome::Fail:
        return QStringLiteral("fail");
    case Outcome::Error:
        return QStringLiteral("error");
    }
    return QString();
}

QString RouteTestModel::failureText(const RouteTest::Failure &failure)
{
    return tr("expected %1 %2, got %3").arg(failure.key, failure.expected, failure.actual);
}

QVariant RouteTestModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    const Row &r = m_rows[size_t(index.row())];
    switch (role) {
    case VerdictRole:
        return outcomeName(r.outcome);
    case RouteKeyRole:
        return r.routeKey;
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            return r.name;
        case Verdict:
            return outcomeName(r.outcome);
        case Failure:
            return r.failure;
        case Duration:
            if (r.durationUs < 0)
                return QString();
            return r.durationUs < 1000 ? tr("%1 µs").arg(r.durationUs)
                                       : tr("%1 ms").arg(double(r.durationUs) / 1000.0, 0, 'f', 1);
        }
        return {};
    case Qt::ToolTipRole:
        return index.column() == Failure && !r.details.isEmpty() ? QVariant(r.details) : QVariant();
    case Qt::DecorationRole:
        if (index.column() != Verdict)
            return {};
        return QApplication::style()->standardIcon(
            r.outcome == Outcome::Pass   ? QStyle::SP_DialogApplyButton
            : r.outcome == Outcome::Fail ? QStyle::SP_MessageBoxCritical
                                         : QStyle::SP_MessageBoxWarning);
    case Qt::TextAlignmentRole:
        return index.column() == Duration ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                          : QVariant();
    }
    return {};
}

QVariant RouteTestModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Test");
    case Verdict:
        return tr("Verdict");
    case Failure:
        return tr("Failing expectation");
    case Duration:
        return tr("Duration");
    }
    return {};
}

void RouteTestModel::setResult(const RouteTest::RunResult &result)
{
    beginResetModel();
    m_rows.clear();
    for (const Core::Diagnostic &error : result.loadErrors) {
        Row r;
        r.name = QStringLiteral("%1:%2").arg(error.subject.file).arg(error.subject.position.line);
        r.outcome = Outcome::Error;
        r.failure = error.message;
        r.details = error.message;
        m_rows.push_back(std::move(r));
    }
    for (const RouteTest::TestResult &test : result.tests) {
        Row r;
        r.name = test.name;
        r.outcome = test.passed() ? Outcome::Pass : Outcome::Fail;
        QStringList details;
        for (const RouteTest::Failure &failure : test.failures)
            details << failureText(failure);
        r.failure = details.value(0);
        r.details = details.join(QLatin1Char('\n'));
        r.durationUs = test.durationUs;
        r.virtualService = test.decision.virtualService;
        if (test.decision.virtualService && !test.decision.routeLabel.isEmpty())
            r.routeKey = test.decision.virtualService->qualifiedName() + QLatin1Char(' ') +
                         test.decision.routeLabel;
        m_rows.push_back(std::move(r));
    }
    endResetModel();
}

void RouteTestModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}
