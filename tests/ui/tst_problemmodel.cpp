// The Problems list model: the validator's findings in its columns, errors first, and where each
// one is so a double-click can open the file at that line.

#include "problemitem.h"
#include "problemmodel.h"
#include "validation/validator.h"
#include "workspace/workspace.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

namespace {

const QString BROKEN = QStringLiteral(GATEHOUSE_TEST_DATA "/ui/broken.yaml");
const QString BOOKINFO = QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/samples/bookinfo");

// "WARNING b.yaml:3:7" → a finding at that place, with the text as its message.
Core::Diagnostic parse(const QString &text)
{
    const QStringList parts = text.split(QLatin1Char(' '));
    const QStringList place = parts.at(1).split(QLatin1Char(':'));
    Core::Diagnostic diagnostic;
    diagnostic.level = parts.at(0) == QLatin1String("ERROR")     ? Core::Level::Error
                       : parts.at(0) == QLatin1String("WARNING") ? Core::Level::Warning
                                                                 : Core::Level::Info;
    diagnostic.code = QStringLiteral("GH0000");
    diagnostic.message = text;
    diagnostic.subject.file = QStringLiteral("/project/") + place.at(0);
    diagnostic.subject.position = {place.at(1).toInt(), place.at(2).toInt()};
    return diagnostic;
}

QStringList rows(const ProblemModel &model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out << model.index(row, ProblemModel::LevelColumn).data().toString() + QLatin1Char(' ') +
                   model.index(row, ProblemModel::LocationColumn).data().toString();
    return out;
}

} // namespace

class TestProblemModel : public QObject {
    Q_OBJECT

private slots:
    void showsTheFindingsOfABrokenFile();
    void sortsByLevelThenLocation_data();
    void sortsByLevelThenLocation();
    void followsTheWorkspace();
    void matchesTheExportDialogList();
};

void TestProblemModel::showsTheFindingsOfABrokenFile()
{
    ProblemModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    Project::Workspace workspace;
    QVERIFY(workspace.addPath(BROKEN));
    model.setDiagnostics(Validation::Validator().validate(workspace));

    QCOMPARE(model.columnCount(), 5);
    QCOMPARE(model.headerData(ProblemModel::LocationColumn, Qt::Horizontal).toString(),
             QStringLiteral("Location"));
    // The reader's type error (6:10) and the admission rule (5:1): same level, so by position.
    QCOMPARE(rows(model), (QStringList{"ERROR broken.yaml:5:1", "ERROR broken.yaml:6:10"}));
    const QModelIndex typeError = model.index(1, ProblemModel::CodeColumn);
    QCOMPARE(typeError.data().toString(), QStringLiteral("GH1002"));
    QCOMPARE(model.index(1, ProblemModel::ResourceColumn).data().toString(),
             QStringLiteral("VirtualService default/broken"));
    QVERIFY(!model.index(1, ProblemModel::MessageColumn).data().toString().isEmpty());
    // What a double-click needs, from any column of the row.
    QCOMPARE(typeError.data(ProblemModel::FilePathRole).toString(), BROKEN);
    QCOMPARE(typeError.data(ProblemModel::LineRole).toInt(), 6);
    QCOMPARE(typeError.data(ProblemModel::ColumnRole).toInt(), 10);
    QCOMPARE(typeError.data(ProblemModel::DocumentNumberRole).toInt(), 1);
    QCOMPARE(typeError.data(ProblemModel::LevelRole).toInt(), int(Core::Level::Error));
    QCOMPARE(model.index(1, ProblemModel::LocationColumn).data(Qt::ToolTipRole).toString(), BROKEN);
    QVERIFY(!model.index(1, ProblemModel::LevelColumn)
                 .data(Qt::DecorationRole)
                 .value<QIcon>()
                 .isNull());
    QCOMPARE(model.diagnostic(1).code, QStringLiteral("GH1002"));
}

void TestProblemModel::sortsByLevelThenLocation_data()
{
    QTest::addColumn<QStringList>("given");
    QTest::addColumn<QStringList>("shown");

    QTest::newRow("errors before warnings before notes")
        << QStringList{"INFO a.yaml:1:1", "WARNING a.yaml:1:1", "ERROR z.yaml:9:9"}
        << QStringList{"ERROR z.yaml:9:9", "WARNING a.yaml:1:1", "INFO a.yaml:1:1"};
    QTest::newRow("one level by file") << QStringList{"ERROR b.yaml:1:1", "ERROR a.yaml:7:1"}
                                       << QStringList{"ERROR a.yaml:7:1", "ERROR b.yaml:1:1"};
    QTest::newRow("one file by line, numerically")
        << QStringList{"WARNING a.yaml:10:1", "WARNING a.yaml:9:1"}
        << QStringList{"WARNING a.yaml:9:1", "WARNING a.yaml:10:1"};
    QTest::newRow("one line by column") << QStringList{"ERROR a.yaml:3:12", "ERROR a.yaml:3:2"}
                                        << QStringList{"ERROR a.yaml:3:2", "ERROR a.yaml:3:12"};
    QTest::newRow("nothing") << QStringList{} << QStringList{};
}

void TestProblemModel::sortsByLevelThenLocation()
{
    QFETCH(QStringList, given);
    QFETCH(QStringList, shown);
    ProblemModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    Core::Diagnostics diagnostics;
    for (const QString &text : std::as_const(given))
        diagnostics << parse(text);
    model.setDiagnostics(diagnostics);
    QCOMPARE(rows(model), shown);
}

void TestProblemModel::followsTheWorkspace()
{
    // The main window's wiring: revalidate on every workspace change.
    Project::Workspace workspace;
    Validation::Validator validator;
    ProblemModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const auto revalidate = [&] { model.setDiagnostics(validator.validate(workspace)); };
    connect(&workspace, &Project::Workspace::filesChanged, &model, revalidate);
    connect(&workspace, &Project::Workspace::documentChanged, &model, revalidate);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);

    QVERIFY(workspace.addPath(BOOKINFO));
    QCOMPARE(model.rowCount(), 0); // the sample is clean
    QVERIFY(workspace.addPath(BROKEN));
    QCOMPARE(model.rowCount(), 2);

    const Project::DocumentRef broken = workspace.documents().constLast();
    QByteArray text = workspace.document(broken).text();
    QVERIFY(workspace.setText(broken, text.replace("hosts: {a: b}", "hosts: [a.example.com]")));
    for (int row = 0; row < model.rowCount(); ++row)
        QVERIFY(model.index(row, ProblemModel::CodeColumn).data().toString() !=
                QLatin1String("GH1002"));

    workspace.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(resets.count(), 4);
}

void TestProblemModel::matchesTheExportDialogList()
{
    // The export dialog still lists findings in a QTreeWidget; both must read the same.
    Project::Workspace workspace;
    QVERIFY(workspace.addPath(BROKEN));
    const Core::Diagnostics diagnostics = Validation::Validator().validate(workspace);
    ProblemModel model;
    model.setDiagnostics(diagnostics);
    QTreeWidget list;
    setUpProblemList(&list);
    for (int row = 0; row < model.rowCount(); ++row)
        addProblemItem(&list, model.diagnostic(row));

    QCOMPARE(list.columnCount(), model.columnCount());
    QCOMPARE(list.topLevelItemCount(), model.rowCount());
    for (int column = 0; column < model.columnCount(); ++column) {
        QCOMPARE(list.headerItem()->text(column),
                 model.headerData(column, Qt::Horizontal).toString());
        for (int row = 0; row < model.rowCount(); ++row) {
            const QTreeWidgetItem *item = list.topLevelItem(row);
            const QModelIndex index = model.index(row, column);
            QCOMPARE(item->text(column), index.data().toString());
            QCOMPARE(item->toolTip(column), index.data(Qt::ToolTipRole).toString());
        }
    }
}

QTEST_MAIN(TestProblemModel)
#include "tst_problemmodel.moc"
