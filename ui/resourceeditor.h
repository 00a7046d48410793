#pragma once

#include "core/diagnostic.h"
#include "forms/formcontext.h"
#include "workspace/workspace.h"

#include <QTabWidget>

class EditHistory;
class QLabel;
class QStackedWidget;
class ResourceForm;
class YamlEditor;

// The editor of one resource, as a central tab: its visual form and its YAML, two views of
// the same document. Both edit through the workspace's history, so each follows the other
// (the form reloads when valid YAML changes the resource; the YAML reloads after a form
// edit) and undo goes across both. Kinds without a form open on their YAML.
//
// Like the YAML editor, it finds its document again by file path when files are opened or
// closed; documentLost() says it is gone (its file was closed) and the tab should close.
class ResourceEditor : public QTabWidget {
    Q_OBJECT

public:
    ResourceEditor(Project::Workspace &workspace, EditHistory &history, Project::DocumentRef ref,
                   QWidget *parent = nullptr);

    Project::DocumentRef documentRef() const { return m_ref; }
    // The tab's title: the resource's kind and name.
    QString title() const;

    YamlEditor *yaml() const { return m_yaml; }
    ResourceForm *form() const { return m_form; }
    void showForm();
    void showYaml();

    // Files were added, removed or replaced: finds the document again, or says it is lost.
    // The owner calls it before anything else reads the workspace after filesChanged().
    void followFiles();

    void setDiagnostics(const Core::Diagnostics &diagnostics);
    void setContext(const FormContext &context);
    // Shows a finding: the YAML moves to its line; the form focuses the field when the form is
    // in front and has it, else the YAML tab comes forward.
    void showFinding(const Core::Diagnostic &diagnostic);

signals:
    void documentLost();
    void titleChanged();

private:
    void handleDocumentChanged(Project::DocumentRef ref);
    // Puts the form matching the document's kind in place (the kind can change in the YAML).
    void ensureForm();
    void loadForm();

    Project::Workspace &m_workspace;
    EditHistory &m_history;
    Project::DocumentRef m_ref;
    QString m_filePath;
    Istio::ResourceKind m_formKind = Istio::ResourceKind::Other;
    QWidget *m_formPage;
    QLabel *m_unparsed; // says the form shows the last text that parsed
    QStackedWidget *m_formStack;
    QLabel *m_noForm;
    ResourceForm *m_form = nullptr;
    YamlEditor *m_yaml;
    FormContext m_context;
};
