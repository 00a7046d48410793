#include "yamlhighlighter.h"

#include <QGuiApplication>
#include <QPalette>

namespace {

// Block state: -1 (Qt's default) or NONE for ordinary lines; otherwise the indentation of the
// line that opened a block scalar, whose content is every deeper-indented (or blank) line.
constexpr int NONE = -1;

int indentationOf(const QString &text)
{
    int i = 0;
    while (i < text.size() && text.at(i) == QLatin1Char(' '))
        ++i;
    return i;
}

bool isBlank(const QString &text)
{
    return text.trimmed().isEmpty();
}

// Where a comment starts: a '#' at the line start or after whitespace, outside quotes.
int commentStart(const QString &text, int from)
{
    QChar quote;
    for (int i = from; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
            continue;
        }
        if (c == QLatin1Char('"') || c == QLatin1Char('\''))
            quote = c;
        else if (c == QLatin1Char('#') && (i == 0 || text.at(i - 1).isSpace()))
            return i;
    }
    return -1;
}

QColor mix(const QColor &a, const QColor &b, qreal amount)
{
    return QColor::fromRgbF(a.redF() * (1 - amount) + b.redF() * amount,
                            a.greenF() * (1 - amount) + b.greenF() * amount,
                            a.blueF() * (1 - amount) + b.blueF() * amount);
}

} // namespace

YamlHighlighter::YamlHighlighter(QTextDocument *document) : QSyntaxHighlighter(document)
{
    updateColours(QGuiApplication::palette());
}

void YamlHighlighter::updateColours(const QPalette &palette)
{
    const QColor text = palette.color(QPalette::Text);
    const QColor base = palette.color(QPalette::Base);
    const bool dark = base.lightnessF() < 0.5;
    // Hues that read on both backgrounds, pulled towards the text colour for contrast.
    const auto hue = [&](const char *light, const char *darkName) {
        return mix(QColor(QLatin1String(dark ? darkName : light)), text, 0.15);
    };
    m_key = {};
    m_key.setForeground(hue("#1f4e9a", "#8ab4f8"));
    m_string = {};
    m_string.setForeground(hue("#2e7d32", "#a5d6a7"));
    m_literal = {};
    m_literal.setForeground(hue("#8e24aa", "#ce93d8"));
    m_comment = {};
    m_comment.setForeground(mix(text, base, 0.45));
    m_comment.setFontItalic(true);
    m_marker = {};
    m_marker.setForeground(hue("#b85c00", "#ffb74d"));
    m_marker.setFontWeight(QFont::Bold);
    m_anchor = {};
    m_anchor.setForeground(hue("#00796b", "#80cbc4"));
    rehighlight();
}

void YamlHighlighter::highlightBlock(const QString &text)
{
    const int open = previousBlockState();
    if (open != NONE && (isBlank(text) || indentationOf(text) > open)) {
        setFormat(0, int(text.size()), m_string); // inside a block scalar: all of it is text
        setCurrentBlockState(open);
        return;
    }
    setCurrentBlockState(NONE);

    const int indent = indentationOf(text);
    if (text.startsWith(QLatin1String("---")) || text.startsWith(QLatin1String("..."))) {
        setFormat(0, 3, m_marker);
        const int comment = commentStart(text, 3);
        if (comment >= 0)
            setFormat(comment, int(text.size()) - comment, m_comment);
        return;
    }
    int position = indent;
    // Sequence dashes ("- - key: v").
    while (position + 1 <= text.size() && text.at(position) == QLatin1Char('-') &&
           (position + 1 == text.size() || text.at(position + 1) == QLatin1Char(' '))) {
        setFormat(position, 1, m_marker);
        position += 2;
        while (position < text.size() && text.at(position) == QLatin1Char(' '))
            ++position;
    }
    const int comment = commentStart(text, position);
    const int end = comment >= 0 ? comment : int(text.size());
    if (comment >= 0)
        setFormat(comment, int(text.size()) - comment, m_comment);

    // A plain or quoted key followed by ':' and a space (or the line end).
    static const QRegularExpression KEY(QStringLiteral(
        R"(\G("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"\[\]{},][^#]*?)\s*:(?=\s|$))"));
    const QRegularExpressionMatch key =
        KEY.match(text.left(end), position, QRegularExpression::NormalMatch,
                  QRegularExpression::AnchorAtOffsetMatchOption);
    int valueStart = position;
    if (key.hasMatch()) {
        setFormat(int(key.capturedStart(1)), int(key.capturedLength(1)), m_key);
        valueStart = int(key.capturedEnd(0));
    }
    const QString value = text.mid(valueStart, end - valueStart).trimmed();
    if (value.startsWith(QLatin1Char('|')) || value.startsWith(QLatin1Char('>'))) {
        setFormat(int(text.indexOf(value.at(0), valueStart)), int(value.size()), m_marker);
        setCurrentBlockState(indent); // the block's lines are indented deeper than this one
        return;
    }
    highlightValue(text.left(end), valueStart);
}

void YamlHighlighter::highlightValue(const QString &text, int start)
{
    static const QRegularExpression TOKEN(QStringLiteral(
        R"("(?:[^"\\]|\\.)*"?|'(?:[^']|'')*'?|[&*][^\s,\[\]{}]+|![^\s,\[\]{}]*|[^\s,\[\]{}:]+)"));
    static const QRegularExpression LITERAL(QStringLiteral(
        R"(^(?:[-+]?(?:\d[\d_]*)(?:\.\d*)?(?:[eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|\.inf|\.nan|true|false|True|False|TRUE|FALSE|null|Null|NULL|~|yes|no|on|off)$)"));
    auto it = TOKEN.globalMatch(text, start);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        const QString token = match.captured(0);
        const int at = int(match.capturedStart(0));
        const int length = int(match.capturedLength(0));
        const QChar first = token.at(0);
        if (first == QLatin1Char('"') || first == QLatin1Char('\''))
            setFormat(at, length, m_string);
        else if (first == QLatin1Char('&') || first == QLatin1Char('*') ||
                 first == QLatin1Char('!'))
            setFormat(at, length, m_anchor);
        else if (LITERAL.match(token).hasMatch())
            setFormat(at, length, m_literal);
        else if (text.mid(at + length).trimmed().startsWith(QLatin1Char(':')))
            setFormat(at, length, m_key); // a key inside a flow mapping: {host: a}
        else
            setFormat(at, length, m_string);
    }
}
