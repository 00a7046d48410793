#include "problemmodel.h"

#include "levelicon.h"

#include <QFileInfo>
#include <algorithm>

ProblemModel::ProblemModel(QObject *parent) : QAbstractTableModel(parent) {}

void ProblemModel::setDiagnostics(Core::Diagnostics diagnostics)
{
    // Stable, so findings at one place keep the validator's order.
    std::stable_sort(diagnostics.begin(), diagnostics.end(), &ProblemModel::lessThan);
    beginResetModel();
    m_diagnostics = std::move(diagnostics);
    endResetModel();
}

QStringList ProblemModel::columnTitles()
{
    return {tr("Level"), tr("Code"), tr("Location"), tr("Resource"), tr("Message")};
}

QString ProblemModel::columnText(const Core::Diagnostic &diagnostic, int column)
{
    switch (column) {
    case LevelColumn:
        return Core::levelName(diagnostic.level);
    case CodeColumn:
        return diagnostic.code;
    case LocationColumn:
        return QStringLiteral("%1:%2:%3")
            .arg(QFileInfo(diagnostic.subject.file).fileName())
            .arg(diagnostic.subject.position.line)
            .arg(diagnostic.subject.position.column);
    case ResourceColumn:
        return diagnostic.subject.describe(diagnostic.documentNumber);
    case MessageColumn:
        return diagnostic.message;
    }
    return {};
}

QString ProblemModel::columnToolTip(const Core::Diagnostic &diagnostic, int column)
{
    // The location column shows only the file name; the tooltip says which file it is.
    if (column == LocationColumn)
        return diagnostic.subject.file;
    if (column == MessageColumn)
        return diagnostic.message;
    return {};
}

bool ProblemModel::lessThan(const Core::Diagnostic &a, const Core::Diagnostic &b)
{
    if (a.level != b.level)
        return a.level < b.level; // Error, Warning, Info: the enum's order is the severity
    if (a.subject.file != b.subject.file)
        return a.subject.file < b.subject.file;
    if (a.subject.position.line != b.subject.position.line)
        return a.subject.position.line < b.subject.position.line;
    return a.subject.position.column < b.subject.position.column;
}

int ProblemModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_diagnostics.size());
}

int ProblemModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : COLUMN_COUNT;
}

QVariant ProblemModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Core::Diagnostic &diagnostic = m_diagnostics.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return columnText(diagnostic, index.column());
    case Qt::ToolTipRole: {
        const QString tip = columnToolTip(diagnostic, index.column());
        return tip.isEmpty() ? QVariant() : QVariant(tip);
    }
    case Qt::DecorationRole:
        return index.column() == LevelColumn ? QVariant(levelIcon(diagnostic.level)) : QVariant();
    case FilePathRole:
        return diagnostic.subject.file;
    case LineRole:
        return diagnostic.subject.position.line;
    case ColumnRole:
        return diagnostic.subject.position.column;
    case LevelRole:
        return static_cast<int>(diagnostic.level);
    case DocumentNumberRole:
        return diagnostic.documentNumber;
    }
    return {};
}

QVariant ProblemModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 ||
        section >= COLUMN_COUNT)
        return {};
    return columnTitles().at(section);
}
