#include "editortabs.h"

#include "resourceeditor.h"
#include "yamleditor.h"

#include <QAction>
#include <QTabBar>

EditorTabs::EditorTabs(Project::Workspace &workspace, EditHistory &history, QWidget *topology,
                       QWidget *parent)
    : QTabWidget(parent), m_workspace(workspace), m_history(history)
{
    setObjectName(QStringLiteral("centralTabs"));
    setDocumentMode(true);
    setTabsClosable(true);
    setMovable(true);
    addTab(topology, tr("Topology"));
    tabBar()->setTabButton(0, QTabBar::RightSide, nullptr); // the topology stays
    tabBar()->setTabButton(0, QTabBar::LeftSide, nullptr);
    connect(this, &QTabWidget::tabCloseRequested, this, [this](int index) {
        if (auto *editor = qobject_cast<ResourceEditor *>(widget(index)))
            closeEditor(editor);
    });
    connect(this, &QTabWidget::currentChanged, this, [this] {
        const ResourceEditor *editor = currentEditor();
        emit currentDocumentChanged(editor ? editor->documentRef() : Project::DocumentRef{});
    });
    // Connected before the main window's own handlers (this is made first): every editor
    // has found its document again before the problems and topology are rebuilt.
    connect(&m_workspace, &Project::Workspace::filesChanged, this, [this] {
        for (ResourceEditor *editor : editors()) {
            if (editor->documentRef().isValid())
                editor->followFiles();
        }
    });
    auto *closeTab = new QAction(tr("Close Tab"), this);
    closeTab->setShortcut(QKeySequence::Close);
    closeTab->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(closeTab, &QAction::triggered, this, [this] {
        if (ResourceEditor *editor = currentEditor())
            closeEditor(editor);
    });
    addAction(closeTab);
}

ResourceEditor *EditorTabs::open(Project::DocumentRef ref)
{
    if (!ref.isValid())
        return nullptr;
    if (ResourceEditor *editor = editorFor(ref)) {
        setCurrentWidget(editor);
        return editor;
    }
    auto *editor = new ResourceEditor(m_workspace, m_history, ref, this);
    editor->setContext(m_context);
    editor->setDiagnostics(m_diagnostics);
    connect(editor, &ResourceEditor::documentLost, this, [this, editor] {
        // Closed later: the signal comes from inside the editor's own workspace handler.
        QMetaObject::invokeMethod(
            this, [this, editor] { closeEditor(editor); }, Qt::QueuedConnection);
    });
    connect(editor, &ResourceEditor::titleChanged, this, [this, editor] {
        const int index = indexOf(editor);
        if (index >= 0 && editor->documentRef().isValid())
            setTabText(index, editor->title());
    });
    connect(editor->yaml(), &YamlEditor::editPending, this, &EditorTabs::editPending);
    setCurrentIndex(addTab(editor, editor->title()));
    return editor;
}

ResourceEditor *EditorTabs::editorFor(Project::DocumentRef ref) const
{
    for (ResourceEditor *editor : editors()) {
        if (editor->documentRef() == ref)
            return editor;
    }
    return nullptr;
}

ResourceEditor *EditorTabs::currentEditor() const
{
    return qobject_cast<ResourceEditor *>(currentWidget());
}

QList<ResourceEditor *> EditorTabs::editors() const
{
    QList<ResourceEditor *> result;
    for (int i = 0; i < count(); ++i) {
        if (auto *editor = qobject_cast<ResourceEditor *>(widget(i)))
            result << editor;
    }
    return result;
}

void EditorTabs::closeEditor(ResourceEditor *editor)
{
    const int index = indexOf(editor);
    if (index < 0)
        return;
    if (editor->documentRef().isValid())
        editor->yaml()->commitPendingEdit(); // closing a tab never loses typing
    removeTab(index);
    delete editor;
}

void EditorTabs::closeAll()
{
    for (ResourceEditor *editor : editors())
        closeEditor(editor);
}

void EditorTabs::commitPendingEdits()
{
    for (ResourceEditor *editor : editors())
        editor->yaml()->commitPendingEdit();
}

bool EditorTabs::hasPendingEdit() const
{
    for (ResourceEditor *editor : editors()) {
        if (editor->yaml()->hasPendingEdit())
            return true;
    }
    return false;
}

void EditorTabs::setDiagnostics(const Core::Diagnostics &diagnostics)
{
    m_diagnostics = diagnostics;
    for (ResourceEditor *editor : editors())
        editor->setDiagnostics(diagnostics);
}

void EditorTabs::setContext(const FormContext &context)
{
    m_context = context;
    for (ResourceEditor *editor : editors())
        editor->setContext(context);
}

void EditorTabs::setRouteHits(const std::optional<QHash<QString, quint64>> &hits)
{
    m_context.routeHits = hits;
    setContext(m_context);
}

void EditorTabs::setRouteCoverage(const std::optional<QHash<QString, QStringList>> &coverage)
{
    m_context.routeCoverage = coverage;
    setContext(m_context);
}
