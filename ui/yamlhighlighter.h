#pragma once

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

// Colours YAML as people read it: keys, strings, numbers and booleans, comments, document
// markers, anchors and aliases, tags, list dashes. Line by line, with one piece of state
// carried between lines: whether a block scalar (`|` or `>`) is open, so its content is shown
// as text rather than misread as keys. Colours come from the palette, so light and dark
// themes both stay legible.
class YamlHighlighter : public QSyntaxHighlighter {
public:
    explicit YamlHighlighter(QTextDocument *document);

    // Picks colours again (the palette changed).
    void updateColours(const QPalette &palette);

protected:
    void highlightBlock(const QString &text) override;

private:
    void highlightValue(const QString &text, int start);

    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_literal; // numbers, booleans, null
    QTextCharFormat m_comment;
    QTextCharFormat m_marker; // ---, ..., list dashes, block scalar indicators
    QTextCharFormat m_anchor; // &anchor, *alias, !tag
};
