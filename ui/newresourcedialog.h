#pragma once

#include "model/resource.h"
#include "workspace/workspace.h"

#include <QDialog>

class EditHistory;
class QComboBox;
class QLineEdit;

// File › New: which kind of resource, in which namespace, and where it goes (one of the open
// files, or a new untitled file beside them). The dialog only asks; createResource() makes it.
class NewResourceDialog : public QDialog {
    Q_OBJECT

public:
    // `currentFile`: the file offered first (the selected resource's), -1 for a new file.
    NewResourceDialog(const Project::Workspace &workspace, int currentFile,
                      QWidget *parent = nullptr);

    Istio::ResourceKind kind() const;
    QString nameSpace() const;
    int targetFile() const; // -1: a new untitled file

private:
    QComboBox *m_kind;
    QLineEdit *m_nameSpace;
    QComboBox *m_target;
};

// Adds a resource from its template (Project::resourceTemplate) as one undoable step: to the
// end of file `targetFile`, or, with -1, as a new untitled file (see untitledFilePath).
// Returns the new document.
Project::DocumentRef createResource(Project::Workspace &workspace, EditHistory &history,
                                    Istio::ResourceKind kind, const QString &nameSpace,
                                    int targetFile);

// A path for a new file that neither exists nor is open: untitled.yaml (then untitled-2.yaml,
// ...) in the folder of the workspace's first file, else the user's documents folder.
QString untitledFilePath(const Project::Workspace &workspace);
