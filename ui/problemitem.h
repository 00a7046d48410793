#pragma once

#include "core/diagnostic.h"

#include <QStringList>

class QTreeWidget;
class QTreeWidgetItem;

// One validation finding as a row of a problems list (main window, export dialog): level, code,
// file:line:col, resource, message. Both lists show findings the same way.
QStringList problemColumnTitles();
void setUpProblemList(QTreeWidget *list);
QTreeWidgetItem *addProblemItem(QTreeWidget *list, const Core::Diagnostic &diagnostic);
