// Desktop app speed: opening a large workspace through the main window, and typing in the
// YAML tab. A timed harness rather than Google Benchmark: each figure is one user-visible
// operation on a real MainWindow (offscreen), repeated ROUNDS times; the median and the worst
// are printed. Launch time is measured on the real binary by run.sh. See README.md.

#include "editortabs.h"
#include "forms/resourceform.h"
#include "mainwindow.h"
#include "resourceeditor.h"
#include "topologyview.h"
#include "validation/validator.h"
#include "yamleditor.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QTreeView>
#include <algorithm>
#include <cstdio>

namespace {

// A design of `count` resources in `files` files, one namespace each: per namespace, Gateways
// (a tenth), VirtualServices bound to them (six tenths) and DestinationRules (three tenths) for
// the services the routes name. It validates without errors, like a real design.
void generateWorkspace(const QString &folder, int count, int files)
{
    const int perFile = count / files;
    const int gateways = std::max(1, perFile / 10);
    const int rules = perFile * 3 / 10;
    const int services = perFile - gateways - rules;
    for (int f = 0; f < files; ++f) {
        const QString ns = QStringLiteral("team-%1").arg(f);
        QByteArray out;
        QTextStream s(&out);
        for (int g = 0; g < gateways; ++g)
            s << "---\napiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: gw-"
              << g << "\n  namespace: " << ns
              << "\nspec:\n  selector:\n    istio: ingressgateway\n  servers:\n  - port:\n"
                 "      number: 80\n      name: http\n      protocol: HTTP\n    hosts:\n"
                 "    - \"*.g"
              << g << "." << ns << ".example.com\"\n";
        for (int v = 0; v < services; ++v)
            s << "---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n"
                 "  name: vs-"
              << v << "\n  namespace: " << ns << "\nspec:\n  hosts:\n  - app" << v << ".g"
              << v % gateways << "." << ns << ".example.com\n  gateways:\n  - gw-" << v % gateways
              << "\n  http:\n  - match:\n    - uri:\n        prefix: /v2\n    route:\n"
                 "    - destination:\n        host: svc-"
              << v % std::max(1, rules) << "\n        subset: v2\n  - route:\n"
              << "    - destination:\n        host: svc-" << v % std::max(1, rules)
              << "\n        subset: v1\n      weight: 90\n    - destination:\n        host: svc-"
              << v % std::max(1, rules) << "\n        subset: v2\n      weight: 10\n";
        for (int r = 0; r < rules; ++r)
            s << "---\napiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n"
                 "  name: svc-"
              << r << "\n  namespace: " << ns << "\nspec:\n  host: svc-" << r
              << "\n  subsets:\n  - name: v1\n    labels:\n      version: v1\n"
                 "  - name: v2\n    labels:\n      version: v2\n";
        s.flush();
        QFile file(QDir(folder).filePath(QStringLiteral("%1.yaml").arg(ns)));
        if (!file.open(QIODevice::WriteOnly) || file.write(out) != out.size())
            qFatal("cannot write %s", qPrintable(file.fileName()));
    }
}

struct Stats {
    QList<double> ms;
    void add(double value) { ms << value; }
    double median() const
    {
        QList<double> sorted = ms;
        std::sort(sorted.begin(), sorted.end());
        return sorted.isEmpty() ? 0 : sorted[sorted.size() / 2];
    }
    double worst() const { return ms.isEmpty() ? 0 : *std::max_element(ms.begin(), ms.end()); }
};

double elapsedMs(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

void report(const char *what, const Stats &stats, double target)
{
    std::printf("%-44s median %8.2f ms   worst %8.2f ms   (n=%lld", what, stats.median(),
                stats.worst(), qlonglong(stats.ms.size()));
    if (target > 0)
        std::printf(", target <= %g ms)%s\n", target, stats.median() <= target ? "" : "  MISSED");
    else
        std::printf(")\n");
}

// Lets the window's own deferred work (the validation timer) run, untimed.
void settle()
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < YamlEditor::PARSE_DELAY_MS + 200)
        QTest::qWait(20);
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM",
            qgetenv("QT_QPA_PLATFORM").isEmpty() ? "offscreen" : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // no recent list or settings of the user's
    const int resources = qEnvironmentVariableIntValue("RESOURCES") > 0
                              ? qEnvironmentVariableIntValue("RESOURCES")
                              : 1000;
    const int rounds =
        qEnvironmentVariableIntValue("ROUNDS") > 0 ? qEnvironmentVariableIntValue("ROUNDS") : 5;
    const int keystrokes = 200;

    QTemporaryDir dir;
    generateWorkspace(dir.path(), resources, 10);

    // (b) Opening the workspace: files read, tree, problems and topology built, first paint.
    Stats open;
    int loaded = 0;
    for (int round = 0; round < rounds; ++round) {
        MainWindow window;
        window.show();
        QTest::qWait(0);
        QElapsedTimer timer;
        timer.start();
        window.openPaths({dir.path()});
        QCoreApplication::processEvents(); // the tree and the views paint
        open.add(elapsedMs(timer));
        loaded = int(window.workspace().documents().size());
    }

    // (c) Typing in the YAML tab of a VirtualService of that workspace.
    Stats keystroke;
    Stats reparse;
    Stats revalidate;
    Stats formKeystroke;
    {
        ResourceEditor *opened = nullptr;
        MainWindow window;
        window.show();
        window.openPaths({dir.path()});
        const Project::DocumentRef ref =
            window.workspace().documentsOfKind(Istio::ResourceKind::VirtualService).value(0);
        // Its own tab, on the YAML side: visible, so each key is painted as the user sees it.
        opened = window.findChild<EditorTabs *>(QStringLiteral("centralTabs"))->open(ref);
        opened->showYaml();
        YamlEditor *editor = opened->yaml();
        editor->setFocus();
        QTest::qWait(0);
        Validation::Validator validator;
        validator.validate(window.workspace()); // warm, as the window's own is
        auto *topology = window.findChild<TopologyView *>(QStringLiteral("topologyView"));
        for (int burst = 0; burst < rounds; ++burst) {
            // A comment line at the end, typed key by key, each key processed and painted.
            QTextCursor cursor = editor->textCursor();
            cursor.movePosition(QTextCursor::End);
            editor->setTextCursor(cursor);
            QTest::keyClick(editor, Qt::Key_Return);
            QTest::keyClick(editor, Qt::Key_NumberSign);
            const int before = editor->document()->characterCount();
            for (int k = 0; k < keystrokes / rounds; ++k) {
                QElapsedTimer timer;
                timer.start();
                QTest::keyClick(editor, char('a' + k % 26));
                QCoreApplication::processEvents();
                keystroke.add(elapsedMs(timer));
            }
            if (editor->document()->characterCount() != before + keystrokes / rounds)
                qFatal("the keys did not reach the editor");
            // What runs after the typing stops: the re-parse into the workspace, then the
            // validation and topology the window rebuilds (MainWindow::rebuildProblems).
            QElapsedTimer timer;
            timer.start();
            editor->commitPendingEdit();
            reparse.add(elapsedMs(timer));
            timer.restart();
            validator.validate(window.workspace());
            topology->rebuild(window.workspace());
            revalidate.add(elapsedMs(timer));
            settle();
        }

        // (d) Typing in the same resource's form: each key is a whole edit (the resource
        // written back into its YAML, the YAML tab and the form brought up to date), painted.
        opened->showForm();
        auto *hosts = opened->form()->findChild<QLineEdit *>(QStringLiteral("hosts"));
        if (!hosts)
            qFatal("the VirtualService form has no hosts field");
        hosts->setFocus();
        hosts->end(false);
        QTest::qWait(0);
        for (int k = 0; k < keystrokes; ++k) {
            QElapsedTimer timer;
            timer.start();
            QTest::keyClick(hosts, char('a' + k % 26));
            QCoreApplication::processEvents();
            formKeystroke.add(elapsedMs(timer));
        }
        if (!window.workspace().document(opened->documentRef()).text().contains("abcdefgh"))
            qFatal("the form's keys did not reach the document");
    }

    std::printf("\n%d resources in 10 files (%d documents loaded), %d rounds\n\n", resources,
                loaded, rounds);
    report("open workspace (MainWindow::openPaths)", open, 1000);
    report("keystroke in the YAML tab (event + paint)", keystroke, 10);
    report("keystroke in a form field (edit + paint)", formKeystroke, 10);
    report("after typing: re-parse (commitPendingEdit)", reparse, 0);
    report("after typing: validate + topology", revalidate, 0);
    return 0;
}
