#include "routetestloader.h"

#include "core/filereading.h"
#include "route/request.h"
#include "yaml/fieldreader.h"

#include <QSet>

namespace RouteTest {
namespace {

void error(LoadedFile &loaded, const QString &fieldPath, const QString &message)
{
    Core::Diagnostic diagnostic = Core::makeDiagnostic(Core::Codes::INVALID_ROUTE_TEST, message);
    diagnostic.subject.file = loaded.path;
    diagnostic.fieldPath = fieldPath;
    QString path = fieldPath;
    while (!path.isEmpty() && !loaded.positions.contains(path))
        path = path.left(
            std::max(path.lastIndexOf(QLatin1Char('.')), path.lastIndexOf(QLatin1Char('['))));
    diagnostic.subject.position = loaded.positions.value(path, {1, 1});
    loaded.diagnostics.append(diagnostic);
}

} // namespace

LoadedFile parseTestFile(const QString &path, const QByteArray &text)
{
    LoadedFile loaded;
    loaded.path = path;
    Yaml::ReadContext context;
    YAML::Node root;
    try {
        root = YAML::Load(text.toStdString());
    } catch (const YAML::Exception &exception) {
        context.report(
            Core::Codes::YAML_SYNTAX, exception.mark,
            QStringLiteral("not valid YAML: %1").arg(QString::fromStdString(exception.msg)),
            QString());
    }
    if (!context.hasErrors()) {
        try {
            Yaml::reportDuplicateKeys(context, root);
            Yaml::readValue(context, root, loaded.file, Istio::NoFlags);
        } catch (const std::exception &exception) {
            context.report(Core::Codes::YAML_SYNTAX, YAML::Mark::null_mark(),
                           QStringLiteral("the file could not be read: %1")
                               .arg(QString::fromUtf8(exception.what())),
                           QString());
        }
    }
    loaded.positions = context.positions();
    for (Core::Diagnostic diagnostic : context.diagnostics()) {
        diagnostic.subject.file = path;
        if (diagnostic.level == Core::Level::Warning)
            diagnostic.level = Core::Level::Error; // unknown keys are errors in test files
        if (!diagnostic.subject.position.isValid())
            diagnostic.subject.position = {1, 1};
        loaded.diagnostics.append(diagnostic);
    }

    QSet<QString> names;
    for (int i = 0; i < int(loaded.file.tests.size()); ++i) {
        const TestCase &test = loaded.file.tests[i];
        const QString at = QStringLiteral("tests[%1]").arg(i);
        if (test.name && names.contains(*test.name))
            error(loaded, at + QStringLiteral(".name"),
                  QStringLiteral("test name \"%1\" is used twice").arg(*test.name));
        if (test.name)
            names.insert(*test.name);
        if (!test.request)
            continue;
        if (!test.request->url) {
            error(loaded, at + QStringLiteral(".request"),
                  QStringLiteral("%1.request.url is required").arg(at));
        } else {
            QString problem;
            if (!Route::Request::fromUrl(QStringLiteral("GET"), *test.request->url, &problem))
                error(loaded, at + QStringLiteral(".request.url"), problem);
        }
        for (const std::optional<RequestSpec> &spec : {test.request, loaded.file.defaults}) {
            if (spec && spec->sample && (*spec->sample < 0 || *spec->sample >= 1))
                error(loaded, at + QStringLiteral(".request.sample"),
                      QStringLiteral("sample must be in [0,1), not %1").arg(*spec->sample));
        }
    }
    std::stable_sort(loaded.diagnostics.begin(), loaded.diagnostics.end(),
                     [](const auto &a, const auto &b) {
                         return std::pair(a.subject.position.line, a.subject.position.column) <
                                std::pair(b.subject.position.line, b.subject.position.column);
                     });
    return loaded;
}

LoadedFile loadTestFile(const QString &path)
{
    auto bytes = Core::readWholeFile(path, QStringLiteral("the test file"));
    if (auto *diagnostic = std::get_if<Core::Diagnostic>(&bytes)) {
        LoadedFile loaded;
        loaded.path = path;
        diagnostic->subject.position = {1, 1};
        loaded.diagnostics.append(*diagnostic);
        return loaded;
    }
    return parseTestFile(path, std::get<QByteArray>(bytes));
}

} // namespace RouteTest
