#include "problemitem.h"

#include "problemmodel.h"

#include <QHeaderView>
#include <QTreeWidget>

// The texts come from ProblemModel so a QTreeWidget list (the export dialog) and a view over
// the model (the Problems dock) cannot drift apart.

QStringList problemColumnTitles()
{
    return ProblemModel::columnTitles();
}

void setUpProblemList(QTreeWidget *list)
{
    list->setHeaderLabels(problemColumnTitles());
    list->setRootIsDecorated(false);
    list->header()->setSectionResizeMode(ProblemModel::MessageColumn, QHeaderView::Stretch);
}

QTreeWidgetItem *addProblemItem(QTreeWidget *list, const Core::Diagnostic &diagnostic)
{
    QStringList texts;
    for (int column = 0; column < ProblemModel::COLUMN_COUNT; ++column)
        texts << ProblemModel::columnText(diagnostic, column);
    auto *item = new QTreeWidgetItem(list, texts);
    for (int column = 0; column < ProblemModel::COLUMN_COUNT; ++column) {
        const QString tip = ProblemModel::columnToolTip(diagnostic, column);
        if (!tip.isEmpty())
            item->setToolTip(column, tip);
    }
    return item;
}
