#include "problemitem.h"

#include <QFileInfo>
#include <QHeaderView>
#include <QTreeWidget>

namespace {
constexpr int MESSAGE_COLUMN = 4;
}

QStringList problemColumnTitles()
{
    return {QObject::tr("Level"), QObject::tr("Code"), QObject::tr("Location"),
            QObject::tr("Resource"), QObject::tr("Message")};
}

void setUpProblemList(QTreeWidget *list)
{
    list->setHeaderLabels(problemColumnTitles());
    list->setRootIsDecorated(false);
    list->header()->setSectionResizeMode(MESSAGE_COLUMN, QHeaderView::Stretch);
}

QTreeWidgetItem *addProblemItem(QTreeWidget *list, const Core::Diagnostic &diagnostic)
{
    const QString location = QStringLiteral("%1:%2:%3")
                                 .arg(QFileInfo(diagnostic.subject.file).fileName())
                                 .arg(diagnostic.subject.position.line)
                                 .arg(diagnostic.subject.position.column);
    auto *item = new QTreeWidgetItem(
        list, {Core::levelName(diagnostic.level), diagnostic.code, location,
               diagnostic.subject.describe(diagnostic.documentNumber), diagnostic.message});
    item->setToolTip(MESSAGE_COLUMN, diagnostic.message);
    item->setToolTip(2, diagnostic.subject.file);
    return item;
}
