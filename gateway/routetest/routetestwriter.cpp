#include "routetestwriter.h"

#include "yaml/scalar.h"

#include <QRegularExpression>

namespace RouteTest {
namespace {

QByteArray spaces(int count)
{
    return QByteArray(count, ' ');
}

bool isBlank(const QByteArray &line)
{
    return line.trimmed().isEmpty();
}

int indentOf(const QByteArray &line)
{
    int count = 0;
    while (count < line.size() && line[count] == ' ')
        ++count;
    return count;
}

// A line at column 0 that ends the `tests:` block: another top-level key or a document marker.
bool endsTopLevelBlock(const QByteArray &line)
{
    if (line.isEmpty() || line[0] == ' ' || line[0] == '\t' || line[0] == '#' || isBlank(line))
        return false;
    if (line.startsWith("---") || line.startsWith("..."))
        return true;
    return !(line[0] == '-' &&
             (line.size() == 1 || line[1] == ' ' || line[1] == '\r' || line[1] == '\n'));
}

// What follows `tests:` on its line, without a trailing comment.
QByteArray valueAfterKey(const QByteArray &line)
{
    QByteArray rest = line.mid(line.indexOf(':') + 1);
    const qsizetype comment = rest.indexOf(" #");
    if (comment >= 0)
        rest = rest.left(comment);
    if (rest.startsWith('#'))
        rest.clear();
    return rest.trimmed();
}

void headersYaml(QByteArray &out, const QByteArray &pad, const char *key,
                 const Istio::OrderedMap<std::optional<QString>> &headers)
{
    if (headers.empty())
        return;
    out += pad + key + ":\n";
    for (const auto &[name, value] : headers.entries)
        out += pad + "  " + Yaml::stringScalar(name) + ": " +
               (value ? Yaml::stringScalar(*value) : QByteArray("null")) + '\n';
}

} // namespace

Expectation expectationFrom(const Route::Decision &decision)
{
    using Outcome = Route::Decision::Outcome;
    Expectation expect;
    if (decision.server) {
        expect.gateway = decision.server->gateway.qualifiedName();
        expect.server = decision.server->portName;
    }
    if (decision.outcome == Outcome::ConnectionClosed) {
        expect.closed = true;
        return expect;
    }
    if (decision.virtualService) {
        expect.virtualService = decision.virtualService->qualifiedName();
        if (!decision.routeLabel.isEmpty())
            expect.route = decision.routeName.isEmpty() ? decision.routeLabel : decision.routeName;
    }
    switch (decision.outcome) {
    case Outcome::Forward:
    case Outcome::TcpForward:
        if (decision.cluster)
            expect.destination = decision.cluster->describe();
        break;
    case Outcome::Redirect:
        expect.status = decision.status;
        expect.redirect = decision.location;
        break;
    case Outcome::DirectResponse:
    case Outcome::FaultAbort:
    case Outcome::LocalReply:
        expect.status = decision.status;
        break;
    case Outcome::Accepted:
        expect.closed = false;
        break;
    case Outcome::ConnectionClosed:
        break;
    }
    return expect;
}

QString uniqueTestName(const QString &wanted, const QStringList &taken)
{
    if (!taken.contains(wanted))
        return wanted;
    for (int n = 2;; ++n) {
        const QString candidate = QStringLiteral("%1 (%2)").arg(wanted).arg(n);
        if (!taken.contains(candidate))
            return candidate;
    }
}

QByteArray testYaml(const TestCase &test, int indent)
{
    const QByteArray pad = spaces(indent);
    const QByteArray inner = pad + "  ";
    const QByteArray field = inner + "  ";
    QByteArray out = pad + "- name: " + Yaml::stringScalar(test.name.value_or(QString())) + '\n';
    const RequestSpec request = test.request.value_or(RequestSpec{});
    out += inner + "request:\n";
    if (request.url)
        out += field + "url: " + Yaml::stringScalar(*request.url) + '\n';
    if (request.method)
        out += field + "method: " + Yaml::stringScalar(*request.method) + '\n';
    if (!request.headers.empty()) {
        out += field + "headers:\n";
        for (const auto &[name, value] : request.headers.entries)
            out +=
                field + "  " + Yaml::stringScalar(name) + ": " + Yaml::stringScalar(value) + '\n';
    }
    if (request.body)
        out += field + "body: " + Yaml::stringScalar(*request.body) + '\n';
    if (request.sni)
        out += field + "sni: " + Yaml::stringScalar(*request.sni) + '\n';
    if (request.protocol && *request.protocol != Protocol::Http)
        out += field + "protocol: " +
               (*request.protocol == Protocol::Tls ? QByteArray("tls") : QByteArray("tcp")) + '\n';
    if (request.sample)
        out += field + "sample: " + QByteArray::number(*request.sample, 'g', 15) + '\n';
    if (!test.expect)
        return out;
    const Expectation &expect = *test.expect;
    out += inner + "expect:\n";
    auto text = [&](const char *key, const std::optional<QString> &value) {
        if (value)
            out += field + key + ": " + Yaml::stringScalar(*value) + '\n';
    };
    text("gateway", expect.gateway);
    text("server", expect.server);
    text("virtualService", expect.virtualService);
    text("route", expect.route);
    text("destination", expect.destination);
    if (expect.status)
        out += field + "status: " + QByteArray::number(*expect.status) + '\n';
    text("redirect", expect.redirect);
    text("path", expect.path);
    text("authority", expect.authority);
    headersYaml(out, field, "requestHeaders", expect.requestHeaders);
    headersYaml(out, field, "responseHeaders", expect.responseHeaders);
    if (expect.closed)
        out += field + "closed: " + (*expect.closed ? "true" : "false") + '\n';
    return out;
}

std::optional<QByteArray> appendTest(const QByteArray &fileText, const TestCase &test,
                                     QString *error)
{
    // Lines with their endings, so offsets add up to the original bytes.
    std::vector<QByteArray> lines;
    for (qsizetype start = 0; start < fileText.size();) {
        const qsizetype newline = fileText.indexOf('\n', start);
        const qsizetype end = newline < 0 ? fileText.size() : newline + 1;
        lines.push_back(fileText.mid(start, end - start));
        start = end;
    }
    const QByteArray eol = fileText.contains("\r\n") ? "\r\n" : "\n";
    auto withEol = [&](QByteArray text) { return eol == "\n" ? text : text.replace("\n", eol); };
    static const QRegularExpression testsKey(QStringLiteral("^tests\\s*:(\\s|$)"));
    size_t key = 0;
    while (key < lines.size() && !testsKey.match(QString::fromUtf8(lines[key])).hasMatch())
        ++key;
    if (key == lines.size()) { // no list yet: one at the end
        QByteArray result = fileText;
        if (!result.isEmpty() && !result.endsWith('\n'))
            result += eol;
        return result + withEol("tests:\n" + testYaml(test, 2));
    }
    const QByteArray value = valueAfterKey(lines[key]);
    if (value == "[]") {
        QByteArray line = lines[key];
        line.replace(line.indexOf("[]"), 2, "");
        if (!line.endsWith('\n'))
            line += eol;
        lines[key] = line + withEol(testYaml(test, 2));
        QByteArray result;
        for (const QByteArray &l : lines)
            result += l;
        return result;
    }
    if (!value.isEmpty()) {
        if (error)
            *error = QStringLiteral("the tests list is written in flow style ([...]); write it as "
                                    "a block list (- name: ...) to add tests to it");
        return std::nullopt;
    }

    size_t last = key; // the last line that belongs to the list
    int itemIndent = -1;
    bool blankBetweenItems = false;
    bool blankSeen = false;
    for (size_t i = key + 1; i < lines.size() && !endsTopLevelBlock(lines[i]); ++i) {
        const QByteArray &line = lines[i];
        if (isBlank(line)) {
            blankSeen = itemIndent >= 0;
            continue;
        }
        if (line.startsWith('#'))
            continue; // a comment at column 0 introduces what follows, not the list
        const QByteArray trimmed = line.trimmed();
        if (trimmed.startsWith("- ") || trimmed == "-") {
            if (itemIndent < 0)
                itemIndent = indentOf(line);
            else if (indentOf(line) == itemIndent && blankSeen)
                blankBetweenItems = true;
        }
        blankSeen = false;
        last = i;
    }
    QByteArray insertion = testYaml(test, itemIndent < 0 ? 2 : itemIndent);
    if (blankBetweenItems)
        insertion.prepend('\n');
    if (!lines[last].endsWith('\n'))
        lines[last] += eol;
    lines[last] += withEol(insertion);
    QByteArray result;
    for (const QByteArray &line : lines)
        result += line;
    return result;
}

QByteArray newTestFile(const QStringList &configPaths, const TestCase &test)
{
    QByteArray out = "# Route tests: run them with `gatehouse test FILE` or in the Route Tests "
                     "dock.\nconfig:\n";
    for (const QString &path : configPaths)
        out += "  - " + Yaml::stringScalar(path) + '\n';
    return out + "tests:\n" + testYaml(test, 2);
}

} // namespace RouteTest
