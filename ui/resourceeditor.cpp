#include "resourceeditor.h"

#include "edithistory.h"
#include "forms/destinationruleform.h"
#include "forms/gatewayform.h"
#include "forms/virtualserviceform.h"
#include "yamleditor.h"

#include <QLabel>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace {

ResourceForm *createForm(Istio::ResourceKind kind, QWidget *parent)
{
    switch (kind) {
    case Istio::ResourceKind::Gateway:
        return new GatewayForm(parent);
    case Istio::ResourceKind::DestinationRule:
        return new DestinationRuleForm(parent);
    case Istio::ResourceKind::VirtualService:
        return new VirtualServiceForm(parent);
    case Istio::ResourceKind::Other:
        break;
    }
    return nullptr;
}

} // namespace

ResourceEditor::ResourceEditor(Project::Workspace &workspace, EditHistory &history,
                               Project::DocumentRef ref, QWidget *parent)
    : QTabWidget(parent), m_workspace(workspace), m_history(history), m_ref(ref),
      m_filePath(workspace.files().at(ref.file).path()), m_formPage(new QWidget(this)),
      m_unparsed(new QLabel(m_formPage)), m_formStack(new QStackedWidget(m_formPage)),
      m_noForm(new QLabel(this)), m_yaml(new YamlEditor(workspace, history, this))
{
    setObjectName(QStringLiteral("resourceEditor"));
    setTabPosition(QTabWidget::South);
    setDocumentMode(true);
    m_noForm->setAlignment(Qt::AlignCenter);
    m_noForm->setWordWrap(true);
    m_formStack->addWidget(m_noForm);
    m_unparsed->setWordWrap(true);
    m_unparsed->setText(tr("The YAML has a syntax error: the form shows the last version that "
                           "parsed. Fix the YAML (see Problems) to edit here again."));
    m_unparsed->setStyleSheet(QStringLiteral("QLabel { background: #fff3cd; color: #5c4400; "
                                             "padding: 6px; }"));
    m_unparsed->hide();
    auto *formLayout = new QVBoxLayout(m_formPage);
    formLayout->setContentsMargins(0, 0, 0, 0);
    formLayout->addWidget(m_unparsed);
    formLayout->addWidget(m_formStack, 1);
    addTab(m_formPage, tr("Form"));
    addTab(m_yaml, tr("YAML"));
    m_yaml->showDocument(ref);

    connect(&m_workspace, &Project::Workspace::documentChanged, this,
            &ResourceEditor::handleDocumentChanged);
    ensureForm();
    loadForm();
    if (!m_form)
        setCurrentWidget(m_yaml);
}

QString ResourceEditor::title() const
{
    if (!m_ref.isValid())
        return {};
    const Project::Document &document = m_workspace.document(m_ref);
    const QString name =
        document.name().isEmpty() ? tr("document %1").arg(document.number()) : document.name();
    return document.kind().isEmpty() ? name : document.kind() + QLatin1Char(' ') + name;
}

void ResourceEditor::showForm()
{
    setCurrentWidget(m_formPage);
}

void ResourceEditor::showYaml()
{
    setCurrentWidget(m_yaml);
}

void ResourceEditor::setDiagnostics(const Core::Diagnostics &diagnostics)
{
    if (!m_ref.isValid())
        return; // closing
    m_yaml->setDiagnostics(diagnostics);
    if (!m_form)
        return;
    QList<QPair<QString, QString>> findings;
    for (const Core::Diagnostic &diagnostic : diagnostics) {
        if (diagnostic.subject.file == m_filePath && !diagnostic.fieldPath.isEmpty() &&
            m_workspace.documentAtLine(m_filePath, diagnostic.subject.position.line) == m_ref)
            findings.append({diagnostic.fieldPath, diagnostic.message});
    }
    m_form->setFieldFindings(findings);
}

void ResourceEditor::setContext(const FormContext &context)
{
    m_context = context;
    if (m_form)
        m_form->setContext(context);
}

void ResourceEditor::showFinding(const Core::Diagnostic &diagnostic)
{
    // The YAML always moves to the line; the form stays in front when it is what the user
    // looks at and has a widget for the field.
    m_yaml->goToFilePosition(diagnostic.subject.position.line, diagnostic.subject.position.column);
    if (currentWidget() == m_formPage && m_form && !diagnostic.fieldPath.isEmpty() &&
        m_form->focusField(diagnostic.fieldPath))
        return;
    showYaml();
    m_yaml->setFocus();
}

void ResourceEditor::followFiles()
{
    m_yaml->followFiles();
    const Project::DocumentRef found = m_workspace.documentAt(m_filePath, m_ref.document);
    if (!found.isValid()) {
        m_ref = {};
        emit documentLost();
        return;
    }
    m_ref = found;
    handleDocumentChanged(m_ref);
}

void ResourceEditor::handleDocumentChanged(Project::DocumentRef ref)
{
    if (ref != m_ref)
        return;
    // Text that does not parse never replaces the form: it keeps the last good state.
    const bool parsed = m_workspace.document(m_ref).isParsed();
    m_unparsed->setVisible(!parsed && m_form);
    m_formStack->setEnabled(parsed);
    if (!parsed)
        return;
    ensureForm();
    loadForm();
    emit titleChanged();
}

void ResourceEditor::ensureForm()
{
    const Istio::ResourceKind kind = m_workspace.document(m_ref).modelledKind();
    if (m_form && kind == m_formKind)
        return;
    if (m_form) {
        m_formStack->removeWidget(m_form->parentWidget()->parentWidget());
        delete m_form->parentWidget()->parentWidget(); // the scroll area holding it
        m_form = nullptr;
    }
    m_formKind = kind;
    m_form = createForm(kind, nullptr);
    if (!m_form) {
        const Project::Document &document = m_workspace.document(m_ref);
        m_noForm->setText(
            document.kind().isEmpty()
                ? tr("This document has no kind Gatehouse can read; edit it in the YAML tab.")
                : tr("%1 has no form; edit it in the YAML tab. Nothing in it is lost on save.")
                      .arg(document.kind()));
        m_formStack->setCurrentWidget(m_noForm);
        return;
    }
    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_form);
    m_formStack->addWidget(scroll);
    m_formStack->setCurrentWidget(scroll);
    m_form->setContext(m_context);
    connect(m_form, &ResourceForm::edited, this,
            [this](const Istio::Resource &resource, const QString &description,
                   const QString &mergeKey) {
                if (!m_ref.isValid())
                    return;
                // Typing in the YAML tab not yet parsed goes first, as its own step.
                m_yaml->commitPendingEdit();
                const QString key = mergeKey.isEmpty() ? QString()
                                                       : QStringLiteral("form:%1:%2:%3")
                                                             .arg(m_filePath)
                                                             .arg(m_ref.document)
                                                             .arg(mergeKey);
                m_history.setResource(m_ref, resource, description, key);
            });
}

void ResourceEditor::loadForm()
{
    if (m_form && m_ref.isValid())
        m_form->load(m_workspace.document(m_ref).resource());
}
