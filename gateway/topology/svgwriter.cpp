#include "svgwriter.h"

#include "layout.h"

#include <QSaveFile>

namespace Topology {
namespace {

constexpr double MARGIN = 20;
constexpr double GLYPH_WIDTH = 6.6; // average advance of the 11-12 px sans-serif used below
constexpr double BADGE_WIDTH = 58;

const char *kindColour(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Gateway:
        return "#3465a4";
    case NodeKind::Server:
        return "#75507b";
    case NodeKind::VirtualService:
        return "#4e9a06";
    case NodeKind::Route:
        return "#c17d11";
    case NodeKind::Destination:
        return "#06989a";
    }
    return "#555753";
}

// Escaped for both text and double-quoted attributes; characters XML 1.0 forbids are dropped.
QString xml(const QString &text)
{
    QString clean;
    clean.reserve(text.size());
    for (const QChar c : text) {
        if (c.unicode() >= 0x20 || c == QLatin1Char('\t'))
            clean += c;
    }
    return clean.toHtmlEscaped();
}

QString elided(const QString &text, double width)
{
    const int fits = int(width / GLYPH_WIDTH);
    return text.size() <= fits ? text : text.left(std::max(1, fits - 1)) + QChar(0x2026);
}

QString number(double value)
{
    return QString::number(value, 'f', 1);
}

void writeEdge(QString &out, const Graph &graph, const Edge &edge, QPointF offset)
{
    const QPointF a = edgeStart(graph, edge) + offset;
    const QPointF b = edgeEnd(graph, edge) + offset;
    const double bend = (b.x() - a.x()) / 2;
    out += QStringLiteral("<g class=\"edge%1\">\n")
               .arg(QLatin1String(edge.inactive ? " inactive" : ""));
    out +=
        QStringLiteral("<path d=\"M %1 %2 C %3 %2 %4 %5 %6 %5\" fill=\"none\" stroke=\"%7\" "
                       "stroke-width=\"1.3\"%8/>\n")
            .arg(number(a.x()), number(a.y()), number(a.x() + bend), number(b.x() - bend),
                 number(b.y()), number(b.x()), QLatin1String(edge.inactive ? "#a0a0a0" : "#555753"),
                 QLatin1String(edge.inactive ? " stroke-dasharray=\"5 4\"" : ""));
    if (!edge.label.isEmpty()) {
        // Just before the destination it weighs, where sibling edges have fanned apart.
        out += QStringLiteral("<text x=\"%1\" y=\"%2\" text-anchor=\"end\" font-size=\"11\" "
                              "fill=\"#2e3436\">%3</text>\n")
                   .arg(number(b.x() - 6), number(b.y() - 3), xml(edge.label));
    }
    out += QStringLiteral("</g>\n");
}

void writeNode(QString &out, const Node &node, QPointF offset)
{
    const QRectF r = node.rect.translated(offset);
    const bool normal = node.state == NodeState::Normal;
    const QString colour = QLatin1String(normal ? kindColour(node.kind) : "#a0a0a0");
    out += QStringLiteral("<g class=\"node %1 %2\" id=\"%3\">\n")
               .arg(kindName(node.kind).toLower(), stateName(node.state), xml(node.id));
    if (!node.stateReason.isEmpty())
        out += QStringLiteral("<title>%1</title>\n").arg(xml(node.stateReason));
    out += QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" rx=\"6\" "
                          "fill=\"%5\" stroke=\"%6\" stroke-width=\"1.5\"%7/>\n")
               .arg(number(r.x()), number(r.y()), number(r.width()), number(r.height()),
                    normal ? QStringLiteral("#ffffff") : QStringLiteral("#f2f2f2"), colour,
                    normal ? QString() : QStringLiteral(" stroke-dasharray=\"6 4\""));
    double titleWidth = r.width() - 2 * NODE_PADDING;
    if (!node.tlsMode.isEmpty()) {
        titleWidth -= BADGE_WIDTH + NODE_PADDING;
        const double bx = r.right() - NODE_PADDING - BADGE_WIDTH;
        out += QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"14\" rx=\"7\" "
                              "fill=\"%4\"/>\n<text x=\"%5\" y=\"%6\" text-anchor=\"middle\" "
                              "font-size=\"9\" fill=\"#ffffff\">TLS %7</text>\n")
                   .arg(number(bx), number(r.y() + 5), number(BADGE_WIDTH), colour,
                        number(bx + BADGE_WIDTH / 2), number(r.y() + 15),
                        xml(elided(node.tlsMode, BADGE_WIDTH - 20)));
    }
    out += QStringLiteral("<text x=\"%1\" y=\"%2\" font-size=\"12\" font-weight=\"bold\" "
                          "fill=\"%3\">%4</text>\n")
               .arg(number(r.x() + NODE_PADDING), number(r.y() + 16), colour,
                    xml(elided(node.label, titleWidth)));
    double y = r.y() + NODE_TITLE_HEIGHT + 11;
    for (const QString &line : node.details) {
        out += QStringLiteral("<text x=\"%1\" y=\"%2\" font-size=\"11\" fill=\"%3\">%4</text>\n")
                   .arg(number(r.x() + NODE_PADDING), number(y),
                        normal ? QStringLiteral("#2e3436") : QStringLiteral("#888a85"),
                        xml(elided(line, r.width() - 2 * NODE_PADDING)));
        y += NODE_LINE_HEIGHT;
    }
    out += QStringLiteral("</g>\n");
}

} // namespace

QByteArray toSvg(const Graph &graph)
{
    // Shift so the drawing starts at the margin whatever the layout's origin.
    const QPointF offset(MARGIN - graph.bounds.x(), MARGIN - graph.bounds.y());
    const double width = graph.bounds.width() + 2 * MARGIN;
    const double height = graph.bounds.height() + 2 * MARGIN;
    QString out;
    out += QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
                          "width=\"%1\" height=\"%2\" viewBox=\"0 0 %1 %2\" "
                          "font-family=\"sans-serif\">\n"
                          "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n")
               .arg(number(width), number(height));
    for (const Edge &edge : graph.edges)
        writeEdge(out, graph, edge, offset);
    for (const Node &node : graph.nodes)
        writeNode(out, node, offset);
    out += QStringLiteral("</svg>\n");
    return out.toUtf8();
}

bool writeSvg(const Graph &graph, const QString &path, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(toSvg(graph)) < 0 || !file.commit()) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace Topology
