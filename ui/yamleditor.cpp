#include "yamleditor.h"

#include "edithistory.h"
#include "yamlhighlighter.h"

#include <QFontDatabase>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QScrollBar>
#include <QTextBlock>
#include <QToolTip>

namespace {

QColor levelColour(Core::Level level)
{
    switch (level) {
    case Core::Level::Error:
        return QColor(0xd3, 0x2f, 0x2f);
    case Core::Level::Warning:
        return QColor(0xef, 0x8f, 0x00);
    case Core::Level::Info:
        break;
    }
    return QColor(0x1e, 0x88, 0xe5);
}

} // namespace

YamlEditor::YamlEditor(Project::Workspace &workspace, EditHistory &history, QWidget *parent)
    : QPlainTextEdit(parent), m_workspace(workspace), m_history(history),
      m_highlighter(new YamlHighlighter(document()))
{
    setObjectName(QStringLiteral("yamlEditor"));
    setAccessibleName(tr("YAML of the selected resource"));
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTabChangesFocus(false);
    // Undo belongs to the workspace's history, shared with the forms, not to this widget.
    setUndoRedoEnabled(false);
    setPlaceholderText(tr("Open a manifest file or folder, then pick a resource."));
    setReadOnly(true);
    m_parseTimer.setSingleShot(true);
    m_parseTimer.setInterval(PARSE_DELAY_MS);
    connect(&m_parseTimer, &QTimer::timeout, this, &YamlEditor::commitPendingEdit);
    connect(this, &QPlainTextEdit::textChanged, this, &YamlEditor::handleTextEdited);
    connect(&m_workspace, &Project::Workspace::documentChanged, this,
            &YamlEditor::handleDocumentChanged);
    connect(&m_workspace, &Project::Workspace::filesChanged, this, &YamlEditor::followFiles);
}

void YamlEditor::followFiles()
{
    if (m_filePath.isEmpty())
        return;
    const Project::DocumentRef found = m_workspace.documentAt(m_filePath, m_ref.document);
    if (!found.isValid()) {
        // Its file was closed (or the document removed): nothing left to apply typing to.
        m_pendingEdit = false;
        m_parseTimer.stop();
        showDocument({});
        return;
    }
    m_ref = found;
    if (!m_pendingEdit)
        loadText(); // the file's content may have been replaced (an undo, a recovery)
}

void YamlEditor::showDocument(Project::DocumentRef ref)
{
    commitPendingEdit();
    m_ref = ref;
    m_filePath = ref.isValid() ? m_workspace.files().at(ref.file).path() : QString();
    ++m_typingBurst;
    setReadOnly(!ref.isValid());
    loadText();
    moveCursor(QTextCursor::Start);
}

void YamlEditor::loadText()
{
    m_loading = true;
    if (!m_ref.isValid()) {
        clear();
    } else {
        const QString text = QString::fromUtf8(m_workspace.document(m_ref).text());
        if (text != toPlainText()) {
            // Keep the reader where they were: same line and column, same scroll position.
            const QTextCursor old = textCursor();
            const int line = old.blockNumber();
            const int column = old.positionInBlock();
            const int scroll = verticalScrollBar() ? verticalScrollBar()->value() : 0;
            setPlainText(text);
            QTextCursor cursor(
                document()->findBlockByNumber(std::min(line, document()->blockCount() - 1)));
            cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor,
                                std::min(column, cursor.block().length() - 1));
            setTextCursor(cursor);
            verticalScrollBar()->setValue(scroll);
        }
    }
    m_loading = false;
    refreshUnderlines();
}

void YamlEditor::handleTextEdited()
{
    if (m_loading || !m_ref.isValid())
        return;
    m_parseTimer.start();
    if (!std::exchange(m_pendingEdit, true))
        emit editPending();
}

void YamlEditor::commitPendingEdit()
{
    if (!m_pendingEdit)
        return;
    m_pendingEdit = false;
    m_parseTimer.stop();
    const Project::Document &document = m_workspace.document(m_ref);
    const QString name =
        document.name().isEmpty() ? tr("document %1").arg(document.number()) : document.name();
    const QString mergeKey =
        QStringLiteral("yaml:%1:%2:%3").arg(m_filePath).arg(m_ref.document).arg(m_typingBurst);
    m_loading = true; // our own change coming back through documentChanged: nothing to reload
    m_history.setText(m_ref, toPlainText().toUtf8(), tr("Edit YAML of %1").arg(name), mergeKey);
    m_loading = false;
}

void YamlEditor::handleDocumentChanged(Project::DocumentRef ref)
{
    if (ref != m_ref || m_loading)
        return;
    m_parseTimer.stop(); // the workspace's text wins over typing not yet applied
    m_pendingEdit = false;
    loadText();
}

void YamlEditor::setDiagnostics(const Core::Diagnostics &diagnostics)
{
    m_findings.clear();
    m_findingLines.clear();
    if (m_ref.isValid()) {
        const Project::Document &document = m_workspace.document(m_ref);
        const int first = document.startLine();
        const int lines = int(document.text().count('\n'));
        for (const Core::Diagnostic &diagnostic : diagnostics) {
            if (diagnostic.subject.file != m_filePath)
                continue;
            const int line = diagnostic.subject.position.line - 1 - first;
            if (line < 0 || line >= std::max(lines, 1))
                continue;
            m_findings.append(diagnostic);
            m_findingLines.append(line);
        }
    }
    refreshUnderlines();
}

QList<QPair<int, QString>> YamlEditor::underlinedFindings() const
{
    QList<QPair<int, QString>> result;
    for (qsizetype i = 0; i < m_findings.size(); ++i)
        result.append({m_findingLines[i], m_findings[i].message});
    return result;
}

void YamlEditor::refreshUnderlines()
{
    QList<QTextEdit::ExtraSelection> selections;
    for (qsizetype i = 0; i < m_findings.size(); ++i) {
        const QTextBlock block = document()->findBlockByNumber(m_findingLines[i]);
        if (!block.isValid())
            continue;
        // From the reported column to the end of the line's content; the whole line when the
        // finding has no column.
        const QString text = block.text();
        int start = std::max(0, m_findings[i].subject.position.column - 1);
        if (start >= text.size())
            start = 0;
        while (start < text.size() && text.at(start).isSpace())
            ++start;
        QTextEdit::ExtraSelection selection;
        selection.cursor = QTextCursor(block);
        selection.cursor.setPosition(block.position() + start);
        int stop = int(text.size());
        while (stop > start && text.at(stop - 1).isSpace())
            --stop;
        if (stop == start) // a blank line: underline its width, or one character
            stop = std::max(start + 1, int(text.size()));
        selection.cursor.setPosition(block.position() + std::min(stop, int(text.size())),
                                     QTextCursor::KeepAnchor);
        selection.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        selection.format.setUnderlineColor(levelColour(m_findings[i].level));
        selection.format.setToolTip(m_findings[i].message);
        selections.append(selection);
    }
    setExtraSelections(selections);
}

bool YamlEditor::goToFilePosition(int line, int column)
{
    if (!m_ref.isValid())
        return false;
    const int editorLine = line - 1 - m_workspace.document(m_ref).startLine();
    const QTextBlock block = document()->findBlockByNumber(editorLine);
    if (editorLine < 0 || !block.isValid())
        return false;
    QTextCursor cursor(block);
    cursor.setPosition(block.position() + std::clamp(column - 1, 0, block.length() - 1));
    setTextCursor(cursor);
    centerCursor();
    setFocus();
    return true;
}

bool YamlEditor::event(QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride) {
        // Leave Undo and Redo to the window's actions (the workspace history).
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Undo) || key->matches(QKeySequence::Redo)) {
            event->ignore();
            return false;
        }
    }
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int line = cursorForPosition(help->pos()).blockNumber();
        QStringList messages;
        for (qsizetype i = 0; i < m_findings.size(); ++i) {
            if (m_findingLines[i] == line)
                messages << QStringLiteral("%1 %2: %3")
                                .arg(Core::levelName(m_findings[i].level), m_findings[i].code,
                                     m_findings[i].message);
        }
        if (messages.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), messages.join(QLatin1Char('\n')), this);
        return true;
    }
    return QPlainTextEdit::event(event);
}

void YamlEditor::focusOutEvent(QFocusEvent *event)
{
    commitPendingEdit();
    ++m_typingBurst; // typing after coming back is a new undo step
    QPlainTextEdit::focusOutEvent(event);
}

void YamlEditor::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        m_highlighter->updateColours(palette());
    QPlainTextEdit::changeEvent(event);
}
